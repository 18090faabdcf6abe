// The undetected variant fails the first build and only warns in the second; the detected one is fine in both.
println "verify.groovy: ${basedir.name} on Maven ${mavenVersion}"
def log = new File(basedir, 'build.log').text
def lines = log.readLines()
def message = 'mutex-wake-all: no scenario detects it (mutex: wake one waiter on unlock, not all of them)'

assert log.contains('futex:verify failed: 1 problem')
assert lines.any { it.contains('- ' + message) } : 'the failure lacks: ' + message
assert lines.any { it.startsWith('[WARNING] ' + message) } : 'the second build does not warn: ' + message
assert log.contains('futex:verify passed')
assert lines.count { it.contains('mutex-wake-all') && it.contains('UNDETECTED') } == 2
assert lines.count { it.contains('mutex-peek-before-release') && it.contains(' DETECTED ') } == 2

def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/futex/futex-report.json'))
assert report.passed && report.warnings == [message]
assert report.variants.collectEntries { [(it.id): it.result] } ==
        ['mutex-peek-before-release': 'DETECTED', 'mutex-wake-all': 'UNDETECTED']
def xml = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/futex/TEST-futex-variants.xml'))
assert xml.@tests.text() == '2' && xml.@failures.text() == '1'
true
