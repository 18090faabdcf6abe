/**
 * Futex Lab's API: {@link org.futexlab.junit.KernelScenario} marks a JUnit test that explores thread interleavings
 * under a controlled scheduler; the method receives a {@link org.futexlab.junit.Scenario} on which it declares its
 * logical threads and checks. {@link org.futexlab.junit.Settings} holds an exploration's settings (the same names as
 * the annotation's attributes and the {@code futex.*} configuration parameters), {@link org.futexlab.junit.FutexLab}
 * explores from code, and {@link org.futexlab.junit.Exploration} is the result. The engine behind it is reached only
 * through {@link org.futexlab.junit.ExplorationEngine}.
 */
package org.futexlab.junit;
