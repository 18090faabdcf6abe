package org.futexlab.linux.kernel.futex;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.kernel.sched.HrtimerSleeper;
import org.futexlab.linux.linearizability.ModelObject;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;
import org.futexlab.linux.userspace.Libc;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * FUTEX_WAIT and FUTEX_WAKE on one futex word as a concurrent object. A wait is split where the kernel's sleeps:
 * {@code waitStart} is futex_wait() up to the sleep (the value check under the bucket lock, and the enqueue), and
 * {@code waitFinish} is its return (woken, or the timeout fires and the waiter unqueues itself). The property
 * checked is the futex's whole point: the value check and the enqueue are one atomic step with respect to a wake,
 * so every wake either finds the waiter queued or was ordered before the value check (and the store it follows
 * made the check fail). Lives in the futex package to call futex_wait_setup() and futex_wait_queue() directly.
 */
public class FutexWordCheck extends ModelObject {
    /** Not an errno: what both sides answer for a second waitStart, or a waitFinish with no wait started. */
    static final long NOT_WAITING = -1000, ALREADY_WAITING = -1001;

    /** The sequential specification: the word, the queue of waiters (FIFO, all at one priority), the woken. */
    public static class Sequential {
        private int value;
        private final ArrayDeque<Integer> queued = new ArrayDeque<>();
        private final Set<Integer> woken = new HashSet<>();

        public void store(int tid, int v) {
            value = v;
        }

        public long waitStart(int tid, int expected) {
            if (queued.contains(tid) || woken.contains(tid)) {
                return ALREADY_WAITING;
            }
            if (value != expected) {
                return -Errno.EAGAIN;
            }
            queued.add(tid);
            return 0;
        }

        public long waitFinish(int tid) {
            if (woken.remove(tid)) {
                return 0;
            }
            return queued.remove(tid) ? -Errno.ETIMEDOUT : NOT_WAITING;
        }

        public long wake(int tid, int n) {
            int woke = 0;
            while (woke < n && !queued.isEmpty()) {
                woken.add(queued.poll());
                woke++;
            }
            return woke;
        }
    }

    private final long uaddr;
    private final FutexQ[] waiting = new FutexQ[TASKS];

    public FutexWordCheck() {
        super(KernelConfig.defaults());
        uaddr = page + 1024;
    }

    @Operation
    public void store(@Param(gen = ThreadIdGen.class) int tid, @Param(gen = IntGen.class, conf = "0:1") int v) {
        as(tid, () -> {
            Libc.store(uaddr, v);
            return null;
        });
    }

    /**
     * futex_wait() up to its sleep, with a timeout that is already due: futex_wait_queue() queues and returns at
     * once, leaving q on the bucket for a waker to find.
     */
    @Operation
    public long waitStart(@Param(gen = ThreadIdGen.class) int tid, @Param(gen = IntGen.class, conf = "0:1") int expected) {
        return as(tid, () -> {
            if (waiting[tid] != null) {
                return ALREADY_WAITING;
            }
            FutexQ q = new FutexQ();
            q.bitset = FutexAbi.FUTEX_BITSET_MATCH_ANY;
            Ref<HashBucket> hb = new Ref<>();
            int ret = futexWaitSetup(expected, q, hb);
            if (ret != 0) {
                return (long) ret;
            }
            Waitwake.futexWaitQueue(hb.value, q, new HrtimerSleeper(kernel, kernel.ktimeGet()));
            waiting[tid] = q;
            return 0L;
        });
    }

    /**
     * futex_wait_setup(): the value check under the bucket lock, which futex_wait_queue() then drops only once q
     * is queued. A seam for the broken twin that checks first (LinearizabilityChecksTest).
     *
     * @return 0 with the bucket locked, or -EAGAIN when the word no longer holds {@code expected}
     */
    protected int futexWaitSetup(int expected, FutexQ q, Ref<HashBucket> hb) {
        return Waitwake.futexWaitSetup(uaddr, expected, 0, q, hb);
    }

    /** @return the futex word's user address */
    protected final long word() {
        return uaddr;
    }

    /** The rest of futex_wait(): unqueued by a waker means woken; still queued, the timeout fired. */
    @Operation
    public long waitFinish(@Param(gen = ThreadIdGen.class) int tid) {
        return as(tid, () -> {
            FutexQ q = waiting[tid];
            if (q == null) {
                return NOT_WAITING;
            }
            waiting[tid] = null;
            return Core.futexUnqueue(q) == 0 ? 0L : (long) -Errno.ETIMEDOUT;
        });
    }

    @Operation
    public long wake(@Param(gen = ThreadIdGen.class) int tid, @Param(gen = IntGen.class, conf = "1:2") int n) {
        return as(tid, () -> Libc.futex(uaddr, FutexAbi.FUTEX_WAKE | FutexAbi.FUTEX_PRIVATE_FLAG, n, 0, 0, 0));
    }
}
