package org.futexlab.junit.internal.sched;

/** Why a run failed. Only the first failure of a run is kept. */
public final class RunFailure {
    /** The failure classes the engine detects. */
    public enum Kind {
        /** An uncaught exception or failed assertion in a logical thread. */
        EXCEPTION("uncaught exception"),
        /** A post-run check failed. */
        CHECK("check failed"),
        /** Every live thread is blocked and no timed wait can fire. */
        DEADLOCK("deadlock"),
        /** The schedule spent its step budget, or every live thread spins with no writer left. */
        LIVELOCK("livelock"),
        /** A thread ran longer than the watchdog allows without reaching a scheduling point. */
        STALL("no scheduling point reached"),
        /** Threads the run started were still alive after it. */
        LEAK("threads left running"),
        /** The same schedule produced different states: the scenario is not deterministic. */
        NONDETERMINISM("nondeterministic scenario"),
        /** Two conflicting plain accesses that happens-before does not order. */
        DATA_RACE("data race"),
        /** A linearizability check found a history no sequential order explains (Lincheck). */
        LINEARIZABILITY("not linearizable"),
        /** The scenario's wall-clock limit was exceeded. */
        TIMEOUT("scenario timeout"),
        /** The scenario itself could not run (bad body, no threads, ...). */
        SETUP("scenario setup failed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** @return a human label */
        public String label() {
            return label;
        }
    }

    public final Kind kind;
    /** The thread (or check) the failure belongs to, or null. */
    public final String where;
    /** The exception, or null. */
    public final Throwable error;
    /** A multi-line explanation (deadlock wait-for list, repeating steps, stack of a stalled thread, ...). */
    public final String details;

    public RunFailure(Kind kind, String where, Throwable error, String details) {
        this(kind, where, error, details, true);
    }

    private RunFailure(Kind kind, String where, Throwable error, String details, boolean splitMessage) {
        this.kind = kind;
        this.where = where;
        this.error = error;
        String more = details == null ? "" : details;
        // A multi-line message (a kernel log, a diff) reads better below the headline than squeezed into it.
        String msg = !splitMessage || error == null || error.getMessage() == null ? "" : error.getMessage().strip();
        int nl = msg.indexOf('\n');
        if (nl >= 0) {
            more = msg.substring(nl + 1) + (more.isEmpty() ? "" : "\n" + more);
        }
        this.details = more;
    }

    /** @return this failure with more lines below its details (its error's message already moved there once) */
    public RunFailure withDetails(String more) {
        return new RunFailure(kind, where, error, details.isEmpty() ? more : details + "\n" + more, false);
    }

    /** @return one line: kind, where, and the exception's message */
    public String headline() {
        StringBuilder sb = new StringBuilder(kind.label());
        if (where != null) {
            sb.append(kind == Kind.CHECK ? " \"" + where + "\"" : kind == Kind.LINEARIZABILITY ? ": " + where
                    : kind == Kind.DATA_RACE ? " " + where : " in thread " + where);
        }
        if (error != null) {
            sb.append(": ").append(error.getClass().getName());
            if (error.getMessage() != null && !error.getMessage().isBlank()) {
                sb.append(": ").append(error.getMessage().strip().lines().findFirst().orElse(""));
            }
        }
        return sb.toString();
    }

    /** @return a signature used to keep shrinking on the same bug: kind plus exception class */
    public String signature() {
        return kind + (error == null ? "" : ":" + error.getClass().getName());
    }
}
