// The baseline failure fails the build, names the scenario and its failure, and the reports are still written.
println "verify.groovy: ${basedir.name} on Maven ${mavenVersion}"
def log = new File(basedir, 'build.log').text
def expect = { String what -> assert log.contains(what) : "build.log lacks: " + what }

expect('futex:verify failed: 1 problem')
expect('baseline: com.example.usage.CounterScenarios#unlockedIncrementsAllLand fails on the fixed model: '
        + 'check failed "both land"')
// The scenario that uses the mutex passes on the baseline and still detects the variant.
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/futex/futex-report.json'))
assert !report.passed
def variant = report.variants.find { it.id == 'mutex-peek-before-release' }
assert variant.result == 'DETECTED'
// A scenario that fails on the fixed model says nothing about a variant: only the other one detects it.
assert variant.detectedBy == ['com.example.usage.CounterScenarios#lockedIncrementsAllLand']
def baseline = report.baseline.scenarios.collectEntries { [(it.id): it.outcome] }
assert baseline == ['com.example.usage.CounterScenarios#lockedIncrementsAllLand': 'PASSED',
                    'com.example.usage.CounterScenarios#unlockedIncrementsAllLand': 'FAILED']
true
