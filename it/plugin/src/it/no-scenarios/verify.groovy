// Test classes without a scenario: one message naming the directory and the annotation, and no reports.
println "verify.groovy: ${basedir.name} on Maven ${mavenVersion}"
def log = new File(basedir, 'build.log').text
def message = ('No @KernelScenario tests found in ' + new File(basedir, 'target/test-classes') + ': futex:verify runs '
        + 'the methods annotated with org.futexlab.junit.KernelScenario (see futex:help).')
assert log.contains(message) : 'build.log lacks: ' + message
assert new File(basedir, 'target/test-classes/com/example/plain/PlainTest.class').isFile()
assert !new File(basedir, 'target/futex').exists()
true
