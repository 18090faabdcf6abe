package org.futexlab.linux.linearizability;

import java.util.function.LongSupplier;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.userspace.Libc;
import org.futexlab.linux.userspace.PthreadMutex;
import org.futexlab.linux.userspace.PthreadPiMutex;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The futex-based mutexes as concurrent objects: lock, trylock and unlock by thread. {@code lock} is a
 * timed lock that gives up at once: a waiter still sleeps on the futex and is woken by an unlock that comes
 * while it is queued, but it cannot wait for an unlock that never comes (Lincheck generates scenarios in which
 * the owner keeps the mutex). A sequential mutex specifies them: a timed lock of a held mutex times out.
 */
public final class MutexChecks {
    private MutexChecks() {}

    /** The sequential specification: an owner, or none. */
    public static class SequentialMutex {
        private int owner = -1;

        public long lock(int tid) {
            return acquire(tid, -Errno.ETIMEDOUT);
        }

        public long tryLock(int tid) {
            return acquire(tid, -Errno.EBUSY);
        }

        private long acquire(int tid, long busy) {
            if (owner == tid) {
                return -Errno.EDEADLK;
            }
            if (owner >= 0) {
                return busy;
            }
            owner = tid;
            return 0;
        }

        public long unlock(int tid) {
            if (owner != tid) {
                return -Errno.EPERM;
            }
            owner = -1;
            return 0;
        }
    }

    /**
     * What both mutexes' operations classes share: each operation runs as the task its thread-id parameter names,
     * and the mutex answers it. The plain mutex is glibc's normal kind, which does not know its owner (a relock
     * deadlocks, an unlock by anyone unlocks), so it answers the error-checking cases from its own bookkeeping; the
     * PI mutex's word holds its owner, and the kernel answers them (FUTEX_LOCK_PI and FUTEX_TRYLOCK_PI by the
     * owner: -EDEADLK; FUTEX_UNLOCK_PI by another: -EPERM).
     */
    public abstract static class Operations extends ModelObject {
        Operations(KernelConfig config) {
            super(config);
        }

        /** @return the mutex's futex word */
        abstract long word();

        /** A timed lock that gives up at once, as task tid: slot is free user memory for its timeout. */
        abstract long lockAs(int tid, long slot);

        /** @return 0, or the errno of a failed trylock by task tid */
        abstract long tryLockAs(int tid);

        /** @return 0, or the errno of a failed unlock by task tid */
        abstract long unlockAs(int tid);

        @Operation
        public long lock(@Param(gen = ThreadIdGen.class) int tid) {
            return as(tid, () -> lockAs(tid, page + 64L * tid));
        }

        @Operation
        public long tryLock(@Param(gen = ThreadIdGen.class) int tid) {
            return as(tid, () -> tryLockAs(tid));
        }

        @Operation
        public long unlock(@Param(gen = ThreadIdGen.class) int tid) {
            return as(tid, () -> unlockAs(tid));
        }
    }

    /** glibc's plain futex mutex (lowlevellock), with FUTEX_WAIT's relative timeout: zero, due at once. */
    public static class Plain extends Operations {
        private final PthreadMutex m;
        /** Which tasks hold the mutex: its word cannot tell. */
        private final boolean[] holds = new boolean[TASKS];

        public Plain() {
            super(KernelConfig.defaults());
            m = new PthreadMutex(page + 2048, false);
        }

        @Override
        long word() {
            return m.word();
        }

        @Override
        long lockAs(int tid, long slot) {
            return acquire(tid, () -> {
                Libc.putTimespec(slot, 0, 0);
                return m.timedLock(slot);
            });
        }

        @Override
        long tryLockAs(int tid) {
            return acquire(tid, this::tryAcquire);
        }

        /** @return 0, or EBUSY */
        long tryAcquire() {
            return m.tryLock() ? 0 : -Errno.EBUSY;
        }

        /** A relock by the holder is answered here, since the word cannot tell; a success is recorded. */
        private long acquire(int tid, LongSupplier attempt) {
            if (holds[tid]) {
                return -Errno.EDEADLK;
            }
            long r = attempt.getAsLong();
            if (r == 0) {
                holds[tid] = true;
            }
            return r;
        }

        @Override
        long unlockAs(int tid) {
            if (!holds[tid]) {
                return -Errno.EPERM;
            }
            m.unlock();
            holds[tid] = false;
            return 0;
        }
    }

    /**
     * glibc's PTHREAD_PRIO_INHERIT mutex on FUTEX_LOCK_PI and FUTEX_UNLOCK_PI, with an absolute deadline of now:
     * under Lincheck the clock does not advance, so a later one would never come.
     */
    public static class PriorityInheritance extends Operations {
        private final PthreadPiMutex m;

        public PriorityInheritance() {
            super(KernelConfig.defaults());
            m = new PthreadPiMutex(page + 2048, false);
        }

        @Override
        long word() {
            return m.word();
        }

        @Override
        long lockAs(int tid, long slot) {
            Libc.putDeadline(slot, 0);
            return m.lock(slot);
        }

        /** @return 0, or the errno of FUTEX_TRYLOCK_PI */
        @Override
        long tryLockAs(int tid) {
            return m.tryLock();
        }

        @Override
        long unlockAs(int tid) {
            return m.unlock();
        }
    }
}
