// Checks the sample project's log and reports: the variant is detected by the scenario written for it, the other
// scenario passes under it, the fixed model passes, and every report is in place; then the list, the help and the
// replay of the detection's token.
def surefire = new groovy.xml.XmlSlurper().parse(new File(basedir,
        'target/surefire-reports/TEST-com.example.mutex.scenarios.ParkingMutexScenarios.xml'))
def javaVersion = surefire.properties.property.find { it.@name == 'java.version' }.@value
println "verify.groovy: ${basedir.name} on Maven ${mavenVersion}, its tests on Java ${javaVersion}"
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def futex = new File(basedir, 'target/futex')

def expect = { String what -> assert log.contains(what) : "build.log lacks: " + what }

// Surefire ran the scenarios on the fixed model.
expect('Tests run: 2, Failures: 0, Errors: 0')
// The matrix: the variant, its fix, who expects it, the result and the first detection.
def row = log.readLines().find { it.contains('mutex-peek-before-release') && it.contains('DETECTED') }
assert row : 'no DETECTED row for mutex-peek-before-release'
assert row.contains('0a1b2c3d4e5f') && row.contains('ParkingMutexScenarios.contendedUnlockWakesTheWaiter')
expect('futex:verify: 2 scenarios x 2 runs (baseline + every variant), 1 at a time')
expect('futex:verify passed')

def report = new JsonSlurper().parse(new File(futex, 'futex-report.json'))
def variant = report.variants.find { it.id == 'mutex-peek-before-release' }
assert variant.result == 'DETECTED'
assert variant.detectedBy == ['com.example.mutex.scenarios.ParkingMutexScenarios#contendedUnlockWakesTheWaiter']
def byScenario = variant.run.scenarios.collectEntries { [(it.id): it.outcome] }
def detection = variant.run.scenarios.find { it.outcome == 'FAILED' }
assert detection.failure.kind == 'DEADLOCK'
// The token invocation 4 replays is this one (regenerate replay.properties when the sample changes).
def replay = new Properties()
new File(basedir, 'replay.properties').withInputStream { replay.load(it) }
assert detection.failure.replay == replay['futex.replay'] : 'replay.properties holds a stale token; the report has ' +
        detection.failure.replay
assert byScenario['com.example.mutex.scenarios.ParkingMutexScenarios#contendedUnlockWakesTheWaiter'] == 'FAILED'
assert byScenario['com.example.mutex.scenarios.ParkingMutexScenarios#tryLockIsExclusive'] == 'PASSED'
assert report.baseline.scenarios.size() == 2 && report.baseline.scenarios.every { it.outcome == 'PASSED' }

def html = new File(futex, 'index.html').text
assert html.contains('mutex-peek-before-release') && html.contains('<table')
def xml = new groovy.xml.XmlSlurper().parse(new File(futex, 'TEST-futex-variants.xml'))
assert xml.@tests.text() == '1' && xml.@failures.text() == '0'
assert new File(futex, 'TEST-futex-baseline.xml').isFile()
// Raw results stay out of CI's TEST-*.xml globs.
['baseline', 'mutex-peek-before-release'].each { assert new File(futex, "raw/$it/fork.log").isFile() }
assert !new File(futex, 'raw').listFiles().any { it.name.startsWith('TEST-') }

// futex:list and futex:help
expect('1 variant on the test class path of com.example.futex:sample-mutex:jar:1.0:')
expect('mutex: release the word before looking for a waiter')
expect('This plugin has 3 goals:')
expect('User property: futex.failOnUndetected')

// The replay, given only the token: one run under the variant the token recorded, the trace of the schedule, and
// the build fails as the schedule did.
expect('futex:verify: 1 scenario x 1 run (replay), 1 at a time')
expect('com.example.mutex.scenarios.ParkingMutexScenarios#contendedUnlockWakesTheWaiter: replay of one schedule '
        + '(PCT, shrunk): deadlock')
expect('b: parked, and no unpark is pending  at ParkingMutex.java:46')
assert log.readLines().any { it ==~ /.*ParkingMutex\.java:64 .*AtomicInteger#1\.set.*/ } : 'no trace step at the release'
expect('futex.replay: the schedule fails as recorded: deadlock')
expect('futex:verify skipped (skipTests)')
expect('futex:verify skipped (futex.skip)')
// ... and the verify's reports stay.
assert new File(futex, 'futex-report.json').isFile() && new File(futex, 'raw/replay').isDirectory()
true
