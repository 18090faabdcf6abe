// One clear message per bad input, and nothing half-written: no reports, no raw results.
println "verify.groovy: ${basedir.name} on Maven ${mavenVersion}"
def log = new File(basedir, 'build.log').text
def expect = { String what -> assert log.contains(what) : "build.log lacks: " + what }

expect('No @KernelScenario tests found in')
expect('Compile the tests first (mvn test-compile futex:verify)')
expect('futex.variants names unknown variant mutex-peek-before-releas; known variants: mutex-peek-before-release')
expect('futex.replay: malformed replay token "futex1:not-a-token": it is truncated or corrupt. A token looks like '
        + 'futex1:eJxj... and is printed whole in a failure report')
expect('futex.threads = 0 is invalid: expected a whole number >= 1')
expect('futex.schedules = "lots" is not a number: expected an integer')
expect('futex.forkTimeout = "forever" is not a duration: expected such as 500ms, 90s, 5m, 1h or PT2M')
expect('futex.strategy = "DFS" is not accepted: expected one of [RANDOM, PCT, EXHAUSTIVE]')
expect('futex.scenarios=NoSuchScenarios matches none of the test classes with @KernelScenario tests: '
        + 'com.example.usage.MisspeltScenarios, com.example.usage.MutexScenarios')
expect('com.example.usage.MisspeltScenarios#misspeltDetects: detects names unknown variant mutex-peek-before-relase; '
        + 'known variants: mutex-peek-before-release')
assert log.count('BUILD FAILURE') == 9
assert !log.contains('futex:verify: ') : 'a bad input reached the forks'
assert !new File(basedir, 'target/futex').exists()
true
