package org.futexlab.linux.linearizability;

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
     * What both mutexes' operations classes share. The plain mutex is glibc's normal kind, which does not know its
     * owner (a relock deadlocks, an unlock by anyone unlocks), so it answers the error-checking cases from its own
     * bookkeeping; the PI mutex's word holds its owner, and the kernel answers them (FUTEX_LOCK_PI and
     * FUTEX_TRYLOCK_PI by the owner: -EDEADLK; FUTEX_UNLOCK_PI by another: -EPERM).
     */
    public abstract static class Operations extends ModelObject {
        private final boolean[] holds = new boolean[TASKS];

        Operations(KernelConfig config) {
            super(config);
        }

        /** @return the mutex's futex word */
        abstract long word();

        /** @return whether the mutex cannot tell its owner, so misuse is answered before it is reached */
        abstract boolean guardsMisuse();

        /** A timed lock that gives up at once: slot is free user memory for its timeout. */
        abstract long timedLock(long slot);

        /** @return 0, or the errno of a failed trylock */
        abstract long tryAcquire();

        /** @return 0, or the errno of a failed unlock */
        abstract long release();

        @Operation
        public long lock(@Param(gen = ThreadIdGen.class) int tid) {
            return as(tid, () -> acquired(tid, guardsMisuse() && holds[tid] ? -Errno.EDEADLK
                    : timedLock(page + 64L * tid)));
        }

        @Operation
        public long tryLock(@Param(gen = ThreadIdGen.class) int tid) {
            return as(tid, () -> acquired(tid, guardsMisuse() && holds[tid] ? -Errno.EDEADLK : tryAcquire()));
        }

        private long acquired(int tid, long r) {
            if (r == 0) {
                holds[tid] = true;
            }
            return r;
        }

        @Operation
        public long unlock(@Param(gen = ThreadIdGen.class) int tid) {
            return as(tid, () -> {
                long r = guardsMisuse() && !holds[tid] ? -Errno.EPERM : release();
                if (r == 0) {
                    holds[tid] = false;
                }
                return r;
            });
        }
    }

    /** glibc's plain futex mutex (lowlevellock), with FUTEX_WAIT's relative timeout: zero, due at once. */
    public static class Plain extends Operations {
        private final PthreadMutex m;

        public Plain() {
            super(KernelConfig.defaults());
            m = new PthreadMutex(page + 2048, false);
        }

        @Override
        long word() {
            return m.word();
        }

        @Override
        boolean guardsMisuse() {
            return true;
        }

        @Override
        long timedLock(long slot) {
            Libc.putTimespec(slot, 0, 0);
            return m.timedLock(slot);
        }

        @Override
        long tryAcquire() {
            return m.tryLock() ? 0 : -Errno.EBUSY;
        }

        @Override
        long release() {
            m.unlock();
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
        boolean guardsMisuse() {
            return false;
        }

        @Override
        long timedLock(long slot) {
            Libc.putDeadline(slot, 0);
            return m.lock(slot);
        }

        @Override
        long tryAcquire() {
            return m.tryLock();
        }

        @Override
        long release() {
            return m.unlock();
        }
    }
}
