package org.futexlab.uninstrumented;

/**
 * Code outside every instrumented package: its volatile read is no scheduling point, so a thread spinning here
 * is invisible to the scheduler until the watchdog notices it. Tests release it afterwards.
 */
public final class Spinner {
    private static volatile boolean released;

    private Spinner() {}

    /** Spins until {@link #release()} or 60 s, whichever comes first. */
    public static void spinUntilReleased() {
        long until = System.nanoTime() + 60_000_000_000L;
        while (!released && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    public static void release() {
        released = true;
    }
}
