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

    /** What both mutexes' operations classes do with their owner bookkeeping. */
    abstract static class Operations extends ModelObject {
        private final boolean[] holds = new boolean[TASKS];

        Operations(KernelConfig config) {
            super(config);
        }

        abstract long timedLock(long timespec);

        abstract boolean tryAcquire();

        abstract void release();

        /**
         * A deadline that is due when the lock sleeps: an expiry at once, unless woken first. Now, not later:
         * under Lincheck the clock does not advance.
         */
        long deadline(int tid) {
            long ts = page + 64L * tid;
            Libc.putDeadline(ts, 0);
            return ts;
        }

        @Operation
        public long lock(@Param(gen = ThreadIdGen.class) int tid) {
            return as(tid, () -> {
                if (holds[tid]) {
                    return (long) -Errno.EDEADLK;
                }
                long r = timedLock(deadline(tid));
                holds[tid] = r == 0;
                return r;
            });
        }

        @Operation
        public long tryLock(@Param(gen = ThreadIdGen.class) int tid) {
            return as(tid, () -> {
                if (holds[tid]) {
                    return (long) -Errno.EDEADLK;
                }
                holds[tid] = tryAcquire();
                return holds[tid] ? 0L : -Errno.EBUSY;
            });
        }

        @Operation
        public long unlock(@Param(gen = ThreadIdGen.class) int tid) {
            return as(tid, () -> {
                if (!holds[tid]) {
                    return (long) -Errno.EPERM;
                }
                release();
                holds[tid] = false;
                return 0L;
            });
        }
    }

    /** glibc's plain futex mutex (lowlevellock), with FUTEX_WAIT's relative timeout. */
    public static class Plain extends Operations {
        private final PthreadMutex m;

        public Plain() {
            super(KernelConfig.defaults());
            m = new PthreadMutex(page + 2048, false);
        }

        @Override
        long deadline(int tid) {
            long ts = page + 64L * tid;
            Libc.putTimespec(ts, 0, 0);
            return ts;
        }

        @Override
        long timedLock(long timespec) {
            return m.timedLock(timespec);
        }

        @Override
        boolean tryAcquire() {
            return m.tryLock();
        }

        @Override
        void release() {
            m.unlock();
        }
    }

    /** glibc's PTHREAD_PRIO_INHERIT mutex on FUTEX_LOCK_PI and FUTEX_UNLOCK_PI. */
    public static class PriorityInheritance extends Operations {
        private final PthreadPiMutex m;

        public PriorityInheritance() {
            super(KernelConfig.defaults());
            m = new PthreadPiMutex(page + 2048, false);
        }

        @Override
        long timedLock(long timespec) {
            return m.lock(timespec);
        }

        @Override
        boolean tryAcquire() {
            return m.tryLock() == 0;
        }

        @Override
        void release() {
            long r = m.unlock();
            if (r != 0) {
                throw new IllegalStateException("pthread_mutex_unlock() of a held PI mutex: " + Errno.describe(r));
            }
        }
    }
}
