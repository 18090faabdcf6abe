// Checks the sample project's log and reports: the variant is detected by the scenario written for it, the other
// scenario passes under it, the fixed model passes, and every report is in place; then the list, the help and the
// replay of the detection's token.
println "verify.groovy: ${basedir.name} on Maven ${mavenVersion}"
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
assert detection.failure.kind == 'DEADLOCK' && detection.failure.replay.startsWith('futex1:')
assert byScenario['com.example.mutex.scenarios.ParkingMutexScenarios#contendedUnlockWakesTheWaiter'] == 'FAILED'
assert byScenario['com.example.mutex.scenarios.ParkingMutexScenarios#tryLockIsExclusive'] == 'PASSED'
assert report.baseline.scenarios.size() == 2 && report.baseline.scenarios.every { it.outcome == 'PASSED' }

def html = new File(futex, 'index.html').text
assert html.contains('mutex-peek-before-release') && html.contains('<table')
def xml = new groovy.xml.XmlSlurper().parse(new File(futex, 'TEST-futex-variants.xml'))
assert xml.@tests.text() == '1' && xml.@failures.text() == '0'
assert new File(futex, 'TEST-futex-baseline.xml').isFile()
// Raw results stay out of CI's TEST-*.xml globs.
assert new File(futex, 'raw').isDirectory()
assert !new File(futex, 'raw').listFiles().any { it.name.startsWith('TEST-') }

// futex:list and futex:help
expect('mutex: release the word before looking for a waiter')
expect('futex:verify')
expect('futex.failOnUndetected')

// The replay: one run, the trace of the recorded schedule, and the build fails as the schedule did.
expect('futex:verify: 1 scenario x 1 run (replay), 1 at a time')
expect('com.example.mutex.scenarios.ParkingMutexScenarios#contendedUnlockWakesTheWaiter: replay of one schedule '
        + '(PCT, schedule 9): deadlock')
expect('a: parked, and no unpark is pending  at ParkingMutex.java:33')
assert log.readLines().any { it ==~ /.*ParkingMutex\.java:47 .*AtomicInteger#1\.set.*/ } : 'no trace step at the release'
expect('futex.replay: the schedule fails as recorded: deadlock')
// ... and the verify's reports stay.
assert new File(futex, 'futex-report.json').isFile() && new File(futex, 'raw/replay').isDirectory()
true
