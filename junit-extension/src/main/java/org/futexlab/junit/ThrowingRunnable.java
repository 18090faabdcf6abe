package org.futexlab.junit;

/** The body of a logical thread or of a check: a {@link Runnable} that may throw anything. */
@FunctionalInterface
public interface ThrowingRunnable {
    /**
     * Runs the body.
     *
     * @throws Throwable anything; it fails the schedule and is reported with the thread's name
     */
    void run() throws Throwable;
}
