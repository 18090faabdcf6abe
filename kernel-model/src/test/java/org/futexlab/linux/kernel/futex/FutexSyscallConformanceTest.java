package org.futexlab.linux.kernel.futex;

import org.futexlab.linux.testing.UserMemory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.futexlab.linux.testing.KernelAssertions.assertThatFutexWord;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_CLOCK_REALTIME;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_CMP_REQUEUE;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_CMP_REQUEUE_PI;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_LOCK_PI;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_LOCK_PI2;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_OWNER_DIED;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_PRIVATE_FLAG;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_REQUEUE;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_ROBUST_UNLOCK;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_TRYLOCK_PI;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_UNLOCK_PI;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_WAIT;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_WAITERS;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_WAIT_BITSET;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_WAIT_REQUEUE_PI;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_WAKE;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_WAKE_BITSET;
import static org.futexlab.linux.uapi.FutexAbi.FUTEX_WAKE_OP;

import java.util.ArrayList;
import java.util.List;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.Scenario;
import org.futexlab.junit.ScenarioBody;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.Patches;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;
import org.futexlab.linux.uapi.Mman;
import org.futexlab.linux.userspace.Libc;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * futex(2) as user space sees it, against the errno tables of docs/model.md G.2, A.7 and D.7. Calls that
 * return at once run directly, as one task on the test thread; calls that block run as small scenarios under
 * EXHAUSTIVE, so that a result holds in every schedule up to two preemptions, not in one lucky run.
 */
class FutexSyscallConformanceTest {
    private final Kernel k = Kernel.boot(KernelConfig.defaults(), Patches.upstream());
    private final MmStruct mm = k.createMm("app");
    private final long page = UserMemory.page(mm);
    private final Task t = k.createTask("T", 120, mm);

    private void poke(long addr, int v) {
        UserMemory.poke(mm, addr, v);
    }

    private int peek(long addr) {
        return UserMemory.peek(mm, addr);
    }

    /** One futex(2) call by task who, returning at once. */
    private static long call(Task who, long uaddr, int op, int val, long utime, long uaddr2, int val3) {
        long[] r = {Long.MIN_VALUE};
        as(who, () -> r[0] = Libc.futex(uaddr, op, val, utime, uaddr2, val3));
        return r[0];
    }

    private static void as(Task who, Task.Body body) {
        try {
            who.run(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private long futex(long uaddr, int op, int val) {
        return call(t, uaddr, op, val, 0, 0, 0);
    }

    private long futex(long uaddr, int op, int val, long utime, long uaddr2, int val3) {
        return call(t, uaddr, op, val, utime, uaddr2, val3);
    }

    private static long err(int errno) {
        return -errno;
    }

    /**
     * Explores a blocking scenario exhaustively; it must pass in every schedule up to two preemptions. No
     * spurious wake-ups: these are the basic semantics (wakeUpsRetryTheWaitTransparently covers them).
     */
    static void everySchedule(String id, ScenarioBody body) {
        everySchedule(id, 2, 0, body);
    }

    private static void everySchedule(String id, int bound, int spuriousWakeups, ScenarioBody body) {
        Exploration e = FutexLab.explore(id, Settings.defaults().strategy(Strategy.EXHAUSTIVE).maxPreemptions(bound)
                .spuriousWakeups(spuriousWakeups).schedules(50_000)
                // The fixture's peek at the queues is a test's stand-in for "they are asleep": it reads the chains
                // bare, as no kernel code may, and taking every bucket's lock in a poll loop would multiply the
                // schedules. Under the scheduler a plain read is not interleaved, so it sees a consistent chain.
                .with(Settings.BENIGN_RACES, List.of("Fixture.queuedTasks")), body);
        assertThat(e.passed()).as(e.report()).isTrue();
        assertThat(e.exhausted()).as(e.report()).isTrue();
    }

    @Nested
    class AnyOperation {
        @Test
        void unknownCommandsAreENOSYS() {
            for (int cmd : new int[] {FutexAbi.FUTEX_FD, 14, 15, 127}) {
                assertThat(futex(page, cmd, 0)).as("cmd %d", cmd).isEqualTo(err(Errno.ENOSYS));
            }
        }

        @Test
        void clockRealtimeOnlyWithWaitBitsetWaitRequeuePiAndLockPi2() {
            for (int cmd : new int[] {FUTEX_WAIT, FUTEX_WAKE, FUTEX_LOCK_PI, FUTEX_TRYLOCK_PI, FUTEX_UNLOCK_PI,
                FUTEX_REQUEUE, FUTEX_WAKE_OP}) {
                assertThat(futex(page, cmd | FUTEX_CLOCK_REALTIME, 0)).as("cmd %d", cmd)
                        .isEqualTo(err(Errno.ENOSYS));
            }
            poke(page, 7);
            assertThat(futex(page, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, 0, 0, -1))
                    .as("accepted, then the value check").isEqualTo(err(Errno.EAGAIN));
            poke(page, 0);
            assertThat(futex(page, FUTEX_LOCK_PI2 | FUTEX_CLOCK_REALTIME, 0)).as("accepted, and taken").isZero();
        }

        @Test
        void robustUnlockIsRejectedWithOtherCommands() {
            assertThat(futex(page, FUTEX_WAIT | FUTEX_ROBUST_UNLOCK, 0)).isEqualTo(err(Errno.ENOSYS));
            assertThat(futex(page, FUTEX_LOCK_PI | FUTEX_ROBUST_UNLOCK, 0)).isEqualTo(err(Errno.ENOSYS));
        }

        @Test
        void piOperationsWithoutFutexPiAreENOSYS() {
            Kernel noPi = Kernel.boot(KernelConfig.defaults().futexPi(false), Patches.upstream());
            MmStruct m = noPi.createMm("app");
            long p = UserMemory.page(m);
            Task u = noPi.createTask("U", 120, m);
            for (int cmd : new int[] {FUTEX_LOCK_PI, FUTEX_LOCK_PI2, FUTEX_TRYLOCK_PI, FUTEX_UNLOCK_PI}) {
                assertThat(call(u, p, cmd, 0, 0, 0, 0)).as("cmd %d", cmd).isEqualTo(err(Errno.ENOSYS));
            }
        }

        @Test
        void aMisalignedWordIsEINVAL() {
            for (int cmd : new int[] {FUTEX_WAIT, FUTEX_WAKE, FUTEX_LOCK_PI, FUTEX_TRYLOCK_PI}) {
                assertThat(futex(page + 2, cmd | FUTEX_PRIVATE_FLAG, 0)).as("cmd %d", cmd)
                        .isEqualTo(err(Errno.EINVAL));
            }
            // FUTEX_UNLOCK_PI reads the word and checks the owner before it looks at the key.
            assertThat(futex(page + 2, FUTEX_UNLOCK_PI, 0)).isEqualTo(err(Errno.EPERM));
            poke(page, t.pid());
            assertThat(futex(page + 2, FUTEX_UNLOCK_PI, 0)).isEqualTo(err(Errno.EINVAL));
        }

        @Test
        void anUnmappedWordIsEFAULT() {
            long nowhere = page + 64 * Mman.PAGE_SIZE;
            assertThat(futex(nowhere, FUTEX_WAIT, 0)).as("shared key").isEqualTo(err(Errno.EFAULT));
            assertThat(futex(nowhere, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0)).as("private: the value read")
                    .isEqualTo(err(Errno.EFAULT));
            assertThat(futex(nowhere, FUTEX_LOCK_PI | FUTEX_PRIVATE_FLAG, 0)).isEqualTo(err(Errno.EFAULT));
        }

        @Test
        void anUnreadableTimeoutIsEFAULTAndAnInvalidOneEINVAL() {
            long nowhere = page + 64 * Mman.PAGE_SIZE;
            assertThat(futex(page, FUTEX_WAIT, 0, nowhere, 0, 0)).isEqualTo(err(Errno.EFAULT));
            long ts = page + 256;
            as(t, () -> Libc.putTimespec(ts, 0, 1_000_000_000L));
            assertThat(futex(page, FUTEX_WAIT, 0, ts, 0, 0)).as("nsec >= 1e9").isEqualTo(err(Errno.EINVAL));
            as(t, () -> Libc.putTimespec(ts, -1, 0));
            assertThat(futex(page, FUTEX_WAIT, 0, ts, 0, 0)).as("negative").isEqualTo(err(Errno.EINVAL));
        }
    }

    @Nested
    class WaitAndWake {
        @Test
        void waitOnAnotherValueIsEAGAIN() {
            poke(page, 1);
            assertThat(futex(page, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0)).isEqualTo(err(Errno.EAGAIN));
            assertThat(Errno.EAGAIN).isEqualTo(Errno.EWOULDBLOCK);
        }

        @Test
        void aZeroBitsetIsEINVAL() {
            assertThat(futex(page, FUTEX_WAIT_BITSET, 0, 0, 0, 0)).isEqualTo(err(Errno.EINVAL));
            assertThat(futex(page, FUTEX_WAKE_BITSET, 1, 0, 0, 0)).isEqualTo(err(Errno.EINVAL));
        }

        @Test
        void wakeWithNobodyWaitingWakesNobody() {
            assertThat(futex(page, FUTEX_WAKE, Integer.MAX_VALUE)).isZero();
        }

        @Test
        void wakeReturnsHowManyItWokeAndWakesNoMoreThanAsked() {
            everySchedule("wake count", s -> {
                Fixture f = new Fixture(s, KernelConfig.defaults());
                long[] r = new long[3];
                f.task("W1", 120, () -> r[0] = Libc.futex(f.word, FUTEX_WAIT, 0, 0, 0, 0));
                f.task("W2", 120, () -> r[1] = Libc.futex(f.word, FUTEX_WAIT, 0, 0, 0, 0));
                f.task("K", 120, () -> {
                    f.awaitQueued(2);
                    Libc.store(f.word, 1);
                    long one = Libc.futex(f.word, FUTEX_WAKE, 1, 0, 0, 0);
                    long rest = Libc.futex(f.word, FUTEX_WAKE, Integer.MAX_VALUE, 0, 0, 0);
                    r[2] = one * 10 + rest;
                });
                s.check("1 then 1 woken, both waits return 0", () -> assertThat(r).containsExactly(0, 0, 11));
            });
        }

        /**
         * The bucket's plist orders real-time waiters by priority; every other task is queued at MAX_RT_PRIO, so
         * among them it is first come, first woken.
         */
        @Test
        void wakeTakesRealTimeWaitersByPriorityAndOthersInArrivalOrder() {
            for (int[] prios : new int[][] {{90, 10}, {130, 110}}) {
                boolean realTime = prios[1] < 100;
                everySchedule("wake order " + prios[0] + "/" + prios[1], s -> {
                    Fixture f = new Fixture(s, KernelConfig.defaults());
                    f.task("A", prios[0], () -> assertThat(Libc.futex(f.word, FUTEX_WAIT, 0, 0, 0, 0)).isZero());
                    // B queues only after A, so the arrival order is A, B whatever the schedule.
                    f.task("B", prios[1], () -> {
                        f.awaitQueued(1);
                        assertThat(Libc.futex(f.word, FUTEX_WAIT, 0, 0, 0, 0)).isZero();
                    });
                    f.task("K", 120, () -> {
                        f.awaitQueued(2);
                        String first = realTime ? "B" : "A";
                        String second = realTime ? "A" : "B";
                        assertThat(f.queuedTasks()).as(realTime ? "B has the higher priority" : "arrival order")
                                .containsExactly(first, second);
                        assertThat(Libc.futex(f.word, FUTEX_WAKE, 1, 0, 0, 0)).isEqualTo(1);
                        assertThat(f.queuedTasks()).as("woken first: %s", first).containsExactly(second);
                        assertThat(Libc.futex(f.word, FUTEX_WAKE, 1, 0, 0, 0)).isEqualTo(1);
                    });
                });
            }
        }

        /**
         * With spurious wake-ups, futex_wait() goes round again (the value check, then sleep): user space sees 0
         * when it was woken and EAGAIN when the word changed meanwhile, never a lost wake-up, provided it changes
         * the word before it wakes.
         */
        @Test
        void spuriousWakeUpsRetryTheWaitTransparently() {
            everySchedule("spurious", 1, 1, s -> {
                Fixture f = new Fixture(s, KernelConfig.defaults());
                long[] r = new long[3];
                f.task("W1", 120, () -> r[0] = Libc.futex(f.word, FUTEX_WAIT, 0, 0, 0, 0));
                f.task("W2", 120, () -> r[1] = Libc.futex(f.word, FUTEX_WAIT, 0, 0, 0, 0));
                f.task("K", 120, () -> {
                    Libc.store(f.word, 1);
                    r[2] = Libc.futex(f.word, FUTEX_WAKE, Integer.MAX_VALUE, 0, 0, 0);
                });
                s.check("each wait returns 0 (woken) or EAGAIN (saw the change); K counts the woken", () -> {
                    assertThat(r[0]).isIn(0L, err(Errno.EAGAIN));
                    assertThat(r[1]).isIn(0L, err(Errno.EAGAIN));
                    // a waiter returns 0 only when a waker unqueued it, and K is the only waker
                    assertThat(r[2]).isEqualTo((r[0] == 0 ? 1 : 0) + (r[1] == 0 ? 1 : 0));
                });
            });
        }

        @Test
        void aWaitWithNobodyToWakeItTimesOut() {
            everySchedule("wait timeout", s -> {
                Fixture f = new Fixture(s, KernelConfig.defaults());
                long[] r = {1};
                f.task("W", 120, () -> {
                    Libc.putTimespec(f.word + 8, 0, 5_000_000);
                    r[0] = Libc.futex(f.word, FUTEX_WAIT, 0, f.word + 8, 0, 0);
                });
                s.check("ETIMEDOUT", () -> assertThat(r[0]).isEqualTo(err(Errno.ETIMEDOUT)));
            });
        }

        @Test
        void wakeOfAFutexWithAPiWaiterIsEINVAL() {
            everySchedule("wake PI waiter", s -> {
                Fixture f = new Fixture(s, KernelConfig.defaults());
                long flag = f.word + 4;
                long[] r = {1};
                Task o = f.task("O", 120, () -> {
                    while (Libc.load(flag) == 0) {
                        Libc.schedYield();
                    }
                    assertThat(Libc.futex(f.word, FUTEX_UNLOCK_PI, 0, 0, 0, 0)).isZero();
                });
                f.poke(f.word, o.pid());
                f.task("P", 120, () -> {
                    assertThat(Libc.futex(f.word, FUTEX_LOCK_PI, 0, 0, 0, 0)).isZero();
                    assertThat(Libc.futex(f.word, FUTEX_UNLOCK_PI, 0, 0, 0, 0)).isZero();
                });
                f.task("K", 120, () -> {
                    f.awaitQueued(1);
                    r[0] = Libc.futex(f.word, FUTEX_WAKE, 1, 0, 0, 0);
                    Libc.store(flag, 1);
                });
                s.check("EINVAL", () -> assertThat(r[0]).isEqualTo(err(Errno.EINVAL)));
            });
        }
    }

    @Nested
    class Requeue {
        @Test
        void negativeCountsAreEINVAL() {
            assertThat(futex(page, FUTEX_REQUEUE, -1, 1, page + 4, 0)).isEqualTo(err(Errno.EINVAL));
            assertThat(futex(page, FUTEX_CMP_REQUEUE, 1, -1, page + 4, 0)).isEqualTo(err(Errno.EINVAL));
        }

        @Test
        void cmpRequeueOnAnotherValueIsEAGAIN() {
            poke(page, 3);
            assertThat(futex(page, FUTEX_CMP_REQUEUE, 1, 1, page + 4, 4)).isEqualTo(err(Errno.EAGAIN));
            assertThat(futex(page, FUTEX_CMP_REQUEUE, 1, 1, page + 4, 3)).as("nobody to wake").isZero();
        }

        @Test
        void requeuePiChecksItsArguments() {
            assertThat(futex(page, FUTEX_CMP_REQUEUE_PI, 1, 1, page, 0)).as("same word")
                    .isEqualTo(err(Errno.EINVAL));
            assertThat(futex(page, FUTEX_CMP_REQUEUE_PI, 2, 1, page + 4, 0)).as("nr_wake != 1")
                    .isEqualTo(err(Errno.EINVAL));
            assertThat(futex(page, FUTEX_WAIT_REQUEUE_PI, 0, 0, page, 0)).as("same word")
                    .isEqualTo(err(Errno.EINVAL));
            poke(page, 9);
            assertThat(futex(page, FUTEX_WAIT_REQUEUE_PI, 0, 0, page + 4, 0)).as("value")
                    .isEqualTo(err(Errno.EAGAIN));
        }

        @Test
        void requeueMovesWaitersToTheSecondWordAndCountsThem() {
            everySchedule("requeue", s -> {
                Fixture f = new Fixture(s, KernelConfig.defaults());
                long f2 = f.word + 4;
                long[] r = new long[4];
                f.task("W1", 120, () -> r[0] = Libc.futex(f.word, FUTEX_WAIT, 0, 0, 0, 0));
                f.task("W2", 120, () -> r[1] = Libc.futex(f.word, FUTEX_WAIT, 0, 0, 0, 0));
                f.task("K", 120, () -> {
                    f.awaitQueued(2);
                    r[2] = Libc.futex(f.word, FUTEX_CMP_REQUEUE, 1, 1, f2, 0);
                    Libc.store(f2, 1);
                    r[3] = Libc.futex(f2, FUTEX_WAKE, 1, 0, 0, 0);
                });
                s.check("1 woken + 1 requeued, then 1 woken on the second word",
                        () -> assertThat(r).containsExactly(0, 0, 2, 1));
            });
        }
    }

    @Nested
    class WakeOp {
        @Test
        void unknownOperationsAndComparisonsAreENOSYS() {
            assertThat(futex(page, FUTEX_WAKE_OP, 1, 1, page + 4, FutexAbi.futexOp(5, 1, 0, 0)))
                    .isEqualTo(err(Errno.ENOSYS));
            assertThat(futex(page, FUTEX_WAKE_OP, 1, 1, page + 4, FutexAbi.futexOp(0, 1, 6, 0)))
                    .isEqualTo(err(Errno.ENOSYS));
        }

        @Test
        void theOperationAppliesToTheSecondWordAndComparesItsOldValue() {
            poke(page + 4, 5);
            assertThat(futex(page, FUTEX_WAKE_OP, 1, 1, page + 4,
                    FutexAbi.futexOp(FutexAbi.FUTEX_OP_ADD, 3, FutexAbi.FUTEX_OP_CMP_EQ, 5))).isZero();
            assertThat(peek(page + 4)).isEqualTo(8);
            assertThat(futex(page, FUTEX_WAKE_OP, 1, 1, page + 4, FutexAbi.futexOp(
                    FutexAbi.FUTEX_OP_OR | FutexAbi.FUTEX_OP_OPARG_SHIFT, 4, FutexAbi.FUTEX_OP_CMP_GT, 100)))
                    .isZero();
            assertThat(peek(page + 4)).as("8 | 1 << 4").isEqualTo(24);
        }
    }

    @Nested
    class PriorityInheritance {
        @Test
        void lockPiTakesAFreeWordAndUnlockPiReleasesIt() {
            assertThat(futex(page, FUTEX_LOCK_PI | FUTEX_PRIVATE_FLAG, 0)).isZero();
            assertThatFutexWord(mm, page).isOwnedBy(t).hasNoWaiters();
            assertThat(futex(page, FUTEX_LOCK_PI | FUTEX_PRIVATE_FLAG, 0)).as("again").isEqualTo(err(Errno.EDEADLK));
            assertThat(futex(page, FUTEX_UNLOCK_PI | FUTEX_PRIVATE_FLAG, 0)).isZero();
            assertThatFutexWord(mm, page).hasValue(0);
            assertThat(futex(page, FUTEX_UNLOCK_PI | FUTEX_PRIVATE_FLAG, 0)).as("not the owner")
                    .isEqualTo(err(Errno.EPERM));
        }

        @Test
        void theOwnerTidDecidesTheError() {
            Task kthread = k.createTask("kworker/0:1", 120, null);
            poke(page, kthread.pid());
            assertThat(futex(page, FUTEX_LOCK_PI, 0)).as("a kernel thread").isEqualTo(err(Errno.EPERM));
            poke(page, 4242);
            assertThat(futex(page, FUTEX_LOCK_PI, 0)).as("no such task").isEqualTo(err(Errno.ESRCH));
            poke(page, FUTEX_OWNER_DIED);
            assertThat(futex(page, FUTEX_LOCK_PI, 0)).as("the owner died: taken over").isZero();
            assertThatFutexWord(mm, page).isOwnedBy(t).hasOwnerDied();
        }

        @Test
        void trylockOfAHeldWordIsEWOULDBLOCK() {
            Task owner = k.createTask("O", 120, mm);
            poke(page, owner.pid());
            assertThat(futex(page, FUTEX_TRYLOCK_PI, 0)).isEqualTo(err(Errno.EWOULDBLOCK));
            // As in the kernel, the attempt attached a pi_state and set WAITERS before the rt_mutex trylock
            // failed: the owner's unlock now goes through the kernel, which finds nobody to hand it to.
            assertThatFutexWord(mm, page).isOwnedBy(owner).hasWaiters();
        }

        @Test
        void unlockPiOfAWordThatChangedUnderItIsEAGAINOrSucceeds() {
            poke(page, t.pid());
            assertThat(futex(page, FUTEX_UNLOCK_PI, 0)).isZero();
            poke(page, t.pid() | FUTEX_WAITERS);
            assertThat(futex(page, FUTEX_UNLOCK_PI, 0)).as("WAITERS but no waiter: released").isZero();
            assertThatFutexWord(mm, page).hasValue(0);
        }

        @Test
        void aTimedLockPiOfAHeldWordTimesOut() {
            everySchedule("lock_pi timeout", s -> {
                Fixture f = new Fixture(s, KernelConfig.defaults());
                Task owner = f.k.createTask("O", 120, f.mm);
                f.poke(f.word, owner.pid());
                long[] r = {1};
                f.task("P", 120, () -> {
                    Libc.putDeadline(f.word + 8, 2_000_000);
                    r[0] = Libc.futex(f.word, FUTEX_LOCK_PI, 0, f.word + 8, 0, 0);
                });
                s.check("ETIMEDOUT", () -> assertThat(r[0]).isEqualTo(err(Errno.ETIMEDOUT)));
                s.check("the owner keeps it, WAITERS stays", () -> assertThatFutexWord(f.mm, f.word)
                        .isOwnedBy(owner).hasWaiters());
            });
        }

        @Test
        void unlockPiHandsTheFutexToTheTopWaiter() {
            everySchedule("hand-off", s -> {
                Fixture f = new Fixture(s, KernelConfig.defaults());
                Task[] w = new Task[1];
                long[] r = {1};
                Task o = f.task("O", 120, () -> {
                    f.awaitQueued(1);
                    assertThat(Libc.futex(f.word, FUTEX_UNLOCK_PI, 0, 0, 0, 0)).isZero();
                });
                f.poke(f.word, o.pid());
                w[0] = f.task("W", 110, () -> {
                    r[0] = Libc.futex(f.word, FUTEX_LOCK_PI, 0, 0, 0, 0);
                    assertThatFutexWord(f.mm, f.word).isOwnedBy(Task.current());
                    assertThat(Libc.futex(f.word, FUTEX_UNLOCK_PI, 0, 0, 0, 0)).isZero();
                });
                s.check("W got it", () -> assertThat(r[0]).isZero());
                s.check("free", () -> assertThatFutexWord(f.mm, f.word).hasValue(0));
            });
        }
    }

    /** A booted kernel with one address space and a futex word, for blocking scenarios. */
    static final class Fixture {
        final Scenario s;
        final Kernel k;
        final MmStruct mm;
        final long word;

        Fixture(Scenario s, KernelConfig cfg) {
            this.s = s;
            this.k = Kernel.boot(cfg, Patches.of(s.variants().ids()));
            this.mm = k.createMm("app");
            this.word = UserMemory.page(mm);
            s.check("dmesg is clean", () -> org.futexlab.linux.testing.KernelAssertions.assertThat(k.dmesg())
                    .isClean());
        }

        Task task(String name, int prio, Task.Body body) {
            Task t = k.createTask(name, prio, mm);
            s.thread(name, () -> t.run(body));
            return t;
        }

        void poke(long addr, int v) {
            UserMemory.poke(mm, addr, v);
        }

        /** Yields until n futex_q are queued in the whole hash (a test's stand-in for "they are asleep"). */
        void awaitQueued(int n) {
            while (queuedTasks().size() < n) {
                Libc.schedYield();
            }
        }

        /** The comm of every queued futex_q: read without hb->lock, so only a benign race for everySchedule. */
        List<String> queuedTasks() {
            List<String> out = new ArrayList<>();
            for (HashBucket hb : k.futexQueues()) {
                for (FutexQ q : hb.chain()) {
                    out.add(q.task.comm());
                }
            }
            return out;
        }
    }
}
