// 1: a missed detects fails the build, naming the scenario; 2: the undetected variant fails the build; 3: with
// failOnUndetected off it only warns. The detected variant is fine in 2 and 3.
println "verify.groovy: ${basedir.name} on Maven ${mavenVersion}"
// Each build starts with Maven's "Scanning for projects"; what comes before the first is Maven's preamble.
def builds = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 3
def undetected = 'mutex-wake-all: no scenario detects it (mutex: wake one waiter on unlock, not all of them)'

def missed = builds[0]
assert missed.contains('futex:verify: 1 scenario x 2 runs (baseline + mutex-peek-before-release)')
assert missed.contains('futex:verify failed: 1 problem')
assert missed.contains('- mutex-peek-before-release: com.example.usage.OverpromisingScenarios#tryLockOnly declares '
        + 'detects = "mutex-peek-before-release" and passed in 1000 schedules')

def failing = builds[1]
assert failing.contains('futex:verify failed: 1 problem')
assert failing.readLines().any { it.contains('- ' + undetected) } : 'the failure lacks: ' + undetected

def warning = builds[2]
assert warning.readLines().any { it.startsWith('[WARNING] ' + undetected) } : 'no warning: ' + undetected
assert warning.contains('futex:verify passed')
[failing, warning].each { build ->
    def lines = build.readLines()
    assert lines.count { it.contains('mutex-wake-all') && it.contains('UNDETECTED') } == 1
    assert lines.count { it.contains('mutex-peek-before-release') && it.contains(' DETECTED ') } == 1
}

def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/futex/futex-report.json'))
assert report.passed && report.warnings == [undetected]
assert report.variants.collectEntries { [(it.id): it.result] } ==
        ['mutex-wake-all': 'UNDETECTED', 'mutex-peek-before-release': 'DETECTED']
def xml = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/futex/TEST-futex-variants.xml'))
assert xml.@tests.text() == '2' && xml.@failures.text() == '1'
true
