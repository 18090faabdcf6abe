// The crashed and the timed-out runs are reported with their logs' tails; the baseline and the detecting run keep
// their results, and so does the scenario that ran before each fork broke.
println "verify.groovy: ${basedir.name} on Maven ${mavenVersion}"
def log = new File(basedir, 'build.log').text
def expect = { String what -> assert log.contains(what) : "build.log lacks: " + what }

expect('futex:verify failed: 2 problems')
expect('it-fork-crashes: the fork crashed (exit code 134) before it finished; results of 1 scenario kept')
expect('| ForkScenarios: the JVM halts now, as a crash would')
expect('it-fork-hangs: the fork timed out and was killed (futex.forkTimeout); results of 1 scenario kept')
expect('| ForkScenarios: this run sleeps until it is killed')

def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/futex/futex-report.json'))
assert report.variants.collectEntries { [(it.id): it.result] } == ['mutex-peek-before-release': 'DETECTED',
        'it-fork-crashes': 'CRASHED', 'it-fork-hangs': 'TIMED OUT']
assert report.baseline.status == 'COMPLETED' && report.baseline.scenarios.size() == 2
assert report.baseline.scenarios.every { it.outcome == 'PASSED' }
report.variants.findAll { it.id.startsWith('it-fork-') }.each { v ->
    assert v.run.scenarios*.id == ['com.example.usage.ForkScenarios#bothCriticalSectionsRun']
    assert new File(v.run.log).isFile()
}
true
