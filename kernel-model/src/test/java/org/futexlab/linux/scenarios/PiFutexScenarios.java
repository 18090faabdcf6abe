package org.futexlab.linux.scenarios;

import org.futexlab.linux.testing.UserMemory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.futexlab.linux.testing.KernelAssertions.assertThat;
import static org.futexlab.linux.testing.KernelAssertions.assertThatFutexWord;

import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;
import org.futexlab.linux.userspace.Libc;
import org.futexlab.linux.userspace.PthreadPiMutex;

/** docs/model.md A: PI futexes on rt_mutexes, PREEMPT_RT. */
class PiFutexScenarios {

    /**
     * docs/model.md A.3a: O owns F; W blocks on it with a timeout and times out; meanwhile O unlocks, taking the bucket
     * lock. With the pre-fbeb558b0dd0 cleanup, W takes hb->lock while its rt_waiter is still enqueued: under bucket
     * contention the rtlock enqueues a second waiter for W (A-S1) and pi_blocked_on no longer names W's waiter (A-S2).
     * Lockdep is off here, so only the contention shows it.
     */
    @KernelScenario(detects = "futex-pi-recursive-waiter")
    void timeoutWhileBucketContended(Scenario s) {
        ownerUnlocksWhileAWaiterTimesOut(s, KernelConfig.preemptRtDefaults().proveLocking(false).futexHashBuckets(1));
    }

    /**
     * The same interleaving with PROVE_LOCKING: since v6.7 lockdep asserts that no sleeping lock is taken while
     * blocked on an rt_mutex, so the old cleanup order splats (A-S3) as soon as the timed-out waiter takes
     * hb->lock, contended or not.
     */
    @KernelScenario(detects = "futex-pi-recursive-waiter")
    void timeoutUnderLockdep(Scenario s) {
        ownerUnlocksWhileAWaiterTimesOut(s, KernelConfig.preemptRtDefaults());
    }

    /**
     * The interleaving of docs/model.md A.3a under a configuration: O owns F and unlocks it while W's timed lock times
     * out.
     */
    private static void ownerUnlocksWhileAWaiterTimesOut(Scenario s, KernelConfig config) {
        Kernel k = Boot.kernel(s, config);
        MmStruct mm = k.createMm("app");
        long f = UserMemory.page(mm);
        Task o = k.createTask("O", 120, mm);
        Task w = k.createTask("W", 110, mm);
        UserMemory.poke(mm, f, o.pid());
        PthreadPiMutex m = new PthreadPiMutex(f, false);
        long[] got = {Long.MIN_VALUE};
        Boot.run(s, w, () -> got[0] = lockBriefly(m, f + 64));
        Boot.run(s, o, () -> assertThat(m.unlock()).isZero());
        s.check("W got F or timed out", () -> assertThat(got[0]).isIn(0L, (long) -Errno.ETIMEDOUT));
        s.check("F is free at the end", () -> assertThatFutexWord(mm, f).hasValue(0));
        s.check("W has no rt_mutex waiter left", () -> assertThat(w).isNotBlocked().hasNoEnqueuedWaiter());
    }

    /**
     * A waiter's part: lock m with a deadline 1 ms away (its timespec at deadline), and unlock it if it got it.
     *
     * @return what the lock returned
     */
    private static long lockBriefly(PthreadPiMutex m, long deadline) {
        Libc.putDeadline(deadline, 1_000_000);
        long r = m.lock(deadline);
        if (r == 0) {
            assertThat(m.unlock()).isZero();
        }
        return r;
    }

    /**
     * docs/model.md A.3b, the regression of fbeb558b0dd0 that e626cb02ee83 fixed (APR's testprocmutex: FUTEX_LOCK_PI
     * returned EINVAL). W times out and removes its rt_waiter, but its futex_q still points at the pi_state while it
     * waits for hb->lock, which O holds in futex_unlock_pi. Without e626cb02ee83, O sees no rt_mutex waiter and goes
     * the uncontended way: F reads free in user space with kernel state still attached (A-S4). U takes F in user space;
     * when O comes back for F, its FUTEX_LOCK_PI attaches to the stale pi_state, which names O, not U, as the owner:
     * -EINVAL, although every task followed the protocol.
     */
    @KernelScenario(detects = "futex-pi-stale-pi-state")
    void lockAfterALeavingWaiter(Scenario s) {
        Kernel k = Boot.kernel(s, KernelConfig.defaults());
        MmStruct mm = k.createMm("app");
        long f = UserMemory.page(mm);
        long deadline = f + 64;
        Task o = k.createTask("O", 120, mm);
        Task w = k.createTask("W", 120, mm);
        Task u = k.createTask("U", 120, mm);
        UserMemory.poke(mm, f, o.pid());
        PthreadPiMutex m = new PthreadPiMutex(f, false);
        long[] relock = {Long.MIN_VALUE};
        Boot.run(s, w, () -> lockBriefly(m, deadline));
        Boot.run(s, o, () -> {
            assertThat(m.unlock()).isZero();
            Libc.schedYield(); // work outside the critical section
            relock[0] = m.lock();
            if (relock[0] == 0) {
                assertThat(m.unlock()).isZero();
            }
        });
        Boot.run(s, u, () -> {
            if (m.tryLock() == 0) {
                Libc.schedYield(); // work inside the critical section
                assertThat(m.unlock()).isZero();
            }
        });
        s.check("O's second pthread_mutex_lock() succeeds (A-S4: no EINVAL for a well-behaved locker)",
                () -> assertThat(relock[0]).isZero());
        s.check("F is free at the end", () -> assertThatFutexWord(mm, f).hasValue(0));
    }
}
