// One clear message per bad input, each in its own build, and nothing half-written: no reports, no raw results.
println "verify.groovy: ${basedir.name} on Maven ${mavenVersion}"
// Each build starts with Maven's "Scanning for projects"; what comes before the first is Maven's preamble.
def builds = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
def known = 'known variants: mutex-wake-all, mutex-peek-before-release'
def expected = [
    'No test classes: ' + new File(basedir, 'target/test-classes') + ' does not exist. Compile the tests first: '
        + 'mvn test-compile futex:verify',
    'futex.variants names unknown variant mutex-peek-before-releas; ' + known,
    'futex.replay: malformed replay token "futex1:not-a-token": it is truncated or corrupt. A token looks like '
        + 'futex1:eJxj... and is printed whole in a failure report',
    'futex.threads = 0 is invalid: expected a whole number >= 1',
    'futex.schedules = "lots" is not a number: expected an integer',
    'futex.forkTimeout = "forever" is not a duration: expected such as 500ms, 90s, 5m, 1h or PT2M',
    'futex.strategy = "DFS" is not accepted: expected one of [RANDOM, PCT, EXHAUSTIVE]',
    'futex.scenarios=NoSuchScenarios matches none of the test classes with @KernelScenario tests: '
        + 'com.example.usage.MisspeltScenarios, com.example.usage.MutexScenarios',
    'com.example.usage.MisspeltScenarios#misspeltDetects: detects names unknown variant mutex-peek-before-relase; '
        + known,
    ['futex.argLine = -Xmx64m -XX:+NoSuchFutexOption: ',
     "does not start with these options: Unrecognized VM option 'NoSuchFutexOption'"],
]
assert builds.size() == expected.size() : "expected ${expected.size()} builds, the log has ${builds.size()}"
expected.eachWithIndex { message, i ->
    def build = builds[i]
    assert build.contains('BUILD FAILURE') : "build ${i + 1} did not fail"
    def errors = build.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
    assert errors.size() == 1 : "build ${i + 1} has ${errors.size()} goal failures"
    [message].flatten().each { part ->
        assert errors[0].contains(part) : "build ${i + 1} fails with\n  ${errors[0]}\ninstead of\n  ${part}"
    }
    assert !build.contains('futex:verify: ') : "build ${i + 1} reached the forks"
}
assert !new File(basedir, 'target/futex').exists()
true
