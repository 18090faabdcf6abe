package org.futexlab.junit.internal.ops;

/**
 * Kinds of synchronisation operations (one per scheduling point) and the modes in which a blocked operation
 * may complete. A schedule is a sequence of thread choices; the mode of each step follows from the model state,
 * so a run is a pure function of its schedule.
 */
public final class Op {
    private Op() {}

    /** Memory operations on atomics, VarHandles and volatile fields. */
    public static final int READ = 1, WRITE = 2, RMW = 3;
    /**
     * Plain (non-volatile) field and array accesses: not scheduling points, but the kinds of the sites that the race
     * detector checks.
     */
    public static final int PLAIN_READ = 4, PLAIN_WRITE = 5;
    /** LockSupport; the location of both is the parked thread's permit (its LogicalThread). */
    public static final int PARK = 10, UNPARK = 11;
    /** Monitors and Object.wait/notify; WAIT releases the monitor, WAIT_RETURN re-acquires it. */
    public static final int MONITOR_ENTER = 20, MONITOR_EXIT = 21, WAIT = 22, WAIT_RETURN = 23, NOTIFY = 24,
            NOTIFY_ALL = 25;
    /** java.util.concurrent.locks: LOCK is one acquisition attempt; AWAIT releases, AWAIT_RETURN wakes. */
    public static final int LOCK = 30, TRY_LOCK = 31, UNLOCK = 32, AWAIT = 33, AWAIT_RETURN = 34, SIGNAL = 35,
            SIGNAL_ALL = 36;
    /** Threads and virtual time. */
    public static final int START = 40, JOIN = 41, YIELD = 42, SLEEP = 43, SPIN = 44, INTERRUPT = 45,
            INTERRUPTED = 46, CLOCK = 47, IS_ALIVE = 48;
    /** The first step of a thread started at run time: until it is chosen, none of its code runs. */
    public static final int BEGIN = 49;

    /** Kinds are below this: an array indexed by kind has this length. */
    public static final int KINDS = 64;

    /** Completion modes of a step; NONE means "not enabled". */
    public static final int NONE = 0, NORMAL = 1, SPURIOUS = 2, TIMEOUT = 3;

    /** Pseudo-locations: the per-schedule spurious wake-up budget and the virtual clock. */
    public static final Object BUDGET = new Object() {
        @Override
        public String toString() {
            return "spurious-wakeup budget";
        }
    };
    public static final Object CLOCK_LOC = new Object() {
        @Override
        public String toString() {
            return "virtual clock";
        }
    };

    /** @return true for operations that only observe their location (two reads commute) */
    public static boolean readOnly(int kind) {
        return kind == READ || kind == CLOCK || kind == JOIN || kind == IS_ALIVE || kind == BEGIN;
    }

    /** @return true for operations after which switching away is free (not a preemption) */
    public static boolean yields(int kind) {
        return kind == YIELD || kind == SPIN;
    }

    /** @return a short name for reports */
    public static String name(int kind) {
        switch (kind) {
            case READ: return "read";
            case WRITE: return "write";
            case RMW: return "read-modify-write";
            case PLAIN_READ: return "plain read";
            case PLAIN_WRITE: return "plain write";
            case PARK: return "park";
            case UNPARK: return "unpark";
            case MONITOR_ENTER: return "monitor enter";
            case MONITOR_EXIT: return "monitor exit";
            case WAIT: return "wait";
            case WAIT_RETURN: return "wait return";
            case NOTIFY: return "notify";
            case NOTIFY_ALL: return "notifyAll";
            case LOCK: return "lock";
            case TRY_LOCK: return "tryLock";
            case UNLOCK: return "unlock";
            case AWAIT: return "await";
            case AWAIT_RETURN: return "await return";
            case SIGNAL: return "signal";
            case SIGNAL_ALL: return "signalAll";
            case START: return "start";
            case JOIN: return "join";
            case YIELD: return "yield";
            case SLEEP: return "sleep";
            case SPIN: return "onSpinWait";
            case INTERRUPT: return "interrupt";
            case INTERRUPTED: return "interrupted";
            case CLOCK: return "nanoTime";
            case IS_ALIVE: return "isAlive";
            case BEGIN: return "begin";
            default: return "op" + kind;
        }
    }

    /** @return a suffix describing how a blocked operation completed */
    public static String modeSuffix(int mode) {
        switch (mode) {
            case SPURIOUS: return " (spurious wake-up)";
            case TIMEOUT: return " (timed out)";
            default: return "";
        }
    }
}
