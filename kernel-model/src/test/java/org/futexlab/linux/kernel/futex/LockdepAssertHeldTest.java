package org.futexlab.linux.kernel.futex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.futexlab.linux.testing.KernelAssertions.assertThat;

import org.futexlab.linux.Kernel;
import org.futexlab.linux.KernelBug;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.Patches;
import org.futexlab.linux.kernel.locking.RtMutexBase;
import org.futexlab.linux.kernel.locking.RtmutexCore;
import org.futexlab.linux.kernel.printk.Symptom;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.kernel.sched.WakeQ;
import org.futexlab.linux.mm.Gup;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.testing.UserMemory;
import org.junit.jupiter.api.Test;

/**
 * The model's executable preconditions fire: a function that must run with a lock held, called without it,
 * splats as lockdep_assert_held() does with PROVE_LOCKING (and is quiet without it); the futex code's own sanity
 * checks (__futex_unqueue(), futex_unqueue_pi(), futex_wake_mark()) splat on the states they refuse. Every
 * scenario checks the other half: the fixed model never splats.
 */
class LockdepAssertHeldTest {

    private static Kernel boot(KernelConfig config) {
        return Kernel.boot(config, Patches.upstream());
    }

    private static void as(Task t, Task.Body body) {
        try {
            t.run(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A task of k and a futex key in its private memory, and the key's bucket. */
    private static final class Fixture {
        final Kernel k;
        final MmStruct mm;
        final Task t;
        final FutexKey key;
        final HashBucket hb;

        Fixture(KernelConfig config) {
            k = boot(config);
            mm = k.createMm("app");
            long word = UserMemory.page(mm);
            t = k.createTask("T", 120, mm);
            key = FutexKey.privateKey(mm, word);
            HashBucket[] q = k.futexQueues();
            hb = q[key.hash() & (q.length - 1)];
        }
    }

    @Test
    void aBucketHelperCalledWithoutTheBucketLockSplats() {
        for (KernelConfig config : new KernelConfig[] {KernelConfig.defaults(), KernelConfig.preemptRtDefaults()}) {
            Fixture f = new Fixture(config);
            as(f.t, () -> assertThat(Core.futexTopWaiter(f.hb, f.key)).isNull());
            assertThat(f.k.dmesg()).as("%s", config).hasOnlySymptoms(Symptom.LOCKDEP_NOT_HELD);
            assertThat(f.k.dmesg().render()).contains("WARNING: CPU: 0 PID: " + f.t.pid()
                    + " at kernel/futex/core.c futex_top_waiter")
                    .contains("lockdep_assert_held(&hb->lock): T/" + f.t.pid() + " does not hold it");
        }
    }

    @Test
    void withTheLockHeldTheAssertionIsQuiet() {
        for (KernelConfig config : new KernelConfig[] {KernelConfig.defaults(), KernelConfig.preemptRtDefaults()}) {
            Fixture f = new Fixture(config);
            as(f.t, () -> {
                f.hb.lock.spinLock();
                assertThat(f.hb.lock.heldByCurrent()).isTrue();
                assertThat(Core.futexTopWaiter(f.hb, f.key)).isNull();
                f.hb.lock.spinUnlock();
                assertThat(f.hb.lock.heldByCurrent()).isFalse();
            });
            assertThat(f.k.dmesg()).as("%s", config).isClean();
        }
    }

    @Test
    void withoutProveLockingTheAssertionIsCompiledOut() {
        Fixture f = new Fixture(KernelConfig.defaults().proveLocking(false));
        as(f.t, () -> Core.futexTopWaiter(f.hb, f.key));
        assertThat(f.k.dmesg()).isClean();
    }

    @Test
    void rtMutexInternalsWantWaitLockAndMmWantsMmapLock() {
        Fixture f = new Fixture(KernelConfig.defaults());
        RtMutexBase lock = new RtMutexBase(f.k, "&test->lock");
        long page = UserMemory.page(f.mm);
        as(f.t, () -> {
            assertThat(RtmutexCore.tryToTakeRtMutex(lock, f.t, null)).isTrue();
            Gup.getUserPages(f.mm, page, false);
        });
        assertThat(f.k.dmesg()).hasOnlySymptoms(Symptom.LOCKDEP_NOT_HELD);
        assertThat(f.k.dmesg().render()).contains("lockdep_assert_held(&test->lock->wait_lock)")
                .contains("at kernel/locking/rtmutex.c try_to_take_rt_mutex")
                .contains("lockdep_assert_held(&mm->mmap_lock)").contains("at mm/gup.c get_user_pages");
    }

    @Test
    void registeringAUserfaultNeedsMmapLockForWriteNotRead() {
        Fixture f = new Fixture(KernelConfig.defaults());
        long page = UserMemory.page(f.mm);
        as(f.t, () -> {
            f.mm.mmapLock().downRead();
            f.mm.findVma(page).setUserfaultfd(null);
            f.mm.mmapLock().upRead();
            f.mm.mmapLock().downWrite();
            f.mm.findVma(page).setUserfaultfd(null);
            f.mm.mmapLock().upWrite();
        });
        assertThat(f.k.dmesg()).hasOnlySymptoms(Symptom.LOCKDEP_NOT_HELD);
        assertThat(f.k.dmesg().entries()).hasSize(2); // the boot message and the one splat, under the read lock
        assertThat(f.k.dmesg().render()).contains("lockdep_assert_held_write(&mm->mmap_lock)");
    }

    @Test
    void unqueueingAFutexQThatIsNotQueuedWarns() {
        Fixture f = new Fixture(KernelConfig.defaults());
        FutexQ q = new FutexQ();
        q.key = f.key;
        as(f.t, () -> {
            f.hb.lock.spinLock();
            Core.futexUnqueueLocked(q); // no lock_ptr yet
            q.lockPtr.set(f.hb.lock);
            Core.futexUnqueueLocked(q); // a lock_ptr, but not on the plist
            f.hb.lock.spinUnlock();
        });
        assertThat(f.k.dmesg()).hasOnlySymptoms(Symptom.FUTEX_SANITY);
        assertThat(f.k.dmesg().render()).contains("at kernel/futex/core.c __futex_unqueue")
                .contains("WARN_ON_SMP(!q->lock_ptr)").contains("WARN_ON(plist_node_empty(&q->list))");
    }

    @Test
    void futexWakeMarkRefusesAPiWaiterAndLeavesItQueued() {
        Fixture f = new Fixture(KernelConfig.defaults());
        FutexQ q = new FutexQ();
        q.key = f.key;
        q.piState = new PiState(f.k);
        as(f.t, () -> {
            f.hb.lock.spinLock();
            q.lockPtr.set(f.hb.lock);
            Core.futexQueueLocked(q, f.hb, f.t);
            Waitwake.futexWakeMark(new WakeQ(), q);
            assertThat(q.linked).as("still queued").isTrue();
            assertThat(q.lockPtr.get()).isSameAs(f.hb.lock);
            Core.futexUnqueueLocked(q);
            f.hb.lock.spinUnlock();
        });
        assertThat(f.k.dmesg()).hasOnlySymptoms(Symptom.FUTEX_SANITY);
        assertThat(f.k.dmesg().render()).contains("at kernel/futex/waitwake.c futex_wake_mark")
                .contains("refusing to wake PI futex");
    }

    @Test
    void unqueueingAPiWaiterWithoutPiStateIsABug() {
        Fixture f = new Fixture(KernelConfig.defaults());
        FutexQ q = new FutexQ();
        q.key = f.key;
        assertThatThrownBy(() -> f.t.run(() -> {
            f.hb.lock.spinLock();
            q.lockPtr.set(f.hb.lock);
            Core.futexQueueLocked(q, f.hb, f.t);
            Core.futexUnqueuePi(q);
        })).isInstanceOf(KernelBug.class).hasMessageContaining("kernel BUG at kernel/futex/core.c futex_unqueue_pi!");
        assertThat(f.k.dmesg()).hasOnlySymptoms("futex");
    }
}
