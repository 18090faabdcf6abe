/**
 * AssertJ assertions for scenario authors: the kernel log ({@link org.futexlab.linux.testing.DmesgAssert}), a
 * futex word in user memory ({@link org.futexlab.linux.testing.FutexWordAssert}) and a task's rt_mutex waiter
 * state ({@link org.futexlab.linux.testing.TaskAssert}), all reached through
 * {@link org.futexlab.linux.testing.KernelAssertions}.
 *
 * <p>AssertJ is an optional dependency of the model: add {@code org.assertj:assertj-core} to the test classpath
 * to use this package; nothing else in the model needs it.
 */
package org.futexlab.linux.testing;
