package org.futexlab.junit;

/** What the exploration does about static fields that a schedule writes: the setting {@code statics}. */
public enum Statics {
    /** Names them in the report: schedule i may see what schedule i-1 left there. */
    WARN,
    /** Also sets them back, before each schedule, to the values they had before the first one wrote them. */
    RESET
}
