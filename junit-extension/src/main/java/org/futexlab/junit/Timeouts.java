package org.futexlab.junit;

/** When a timed wait may time out: the setting {@code timeouts} ({@link Settings#TIMEOUTS}). */
public enum Timeouts {
    /** Whenever its deadline is the earliest pending one (the clock then jumps to it): a choice of the scheduler. */
    EARLIEST,
    /** Only when no thread can otherwise move: a safety-net timeout in a test then never fires early. */
    WHEN_STUCK
}
