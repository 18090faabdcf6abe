package org.futexlab.textbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.ScenarioBody;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.junit.jupiter.api.Test;

/**
 * A spin wait waits for a write to what its iteration read; an iteration that does more than read memory waits
 * for any write. Exhaustive search must still reach every outcome of a program that spins.
 */
class SpinWaitTest {
    /**
     * Holder: lock, start the spinner, flag = 1, unlock, flag = 2, join. Spinner: tryLock until it gets the lock
     * (or is told to stop, which nobody does: a read of memory in the same iteration), then reads the flag. The
     * spinner starts while the lock is held, so it reads 1 only if the unlock wakes its spin wait.
     */
    private static ScenarioBody tryLockSpin(Set<Integer> seen) {
        return s -> {
            ReentrantLock lock = new ReentrantLock();
            AtomicInteger flag = new AtomicInteger();
            AtomicInteger read = new AtomicInteger(-1);
            AtomicInteger stop = new AtomicInteger();
            s.thread("holder", () -> {
                Thread spinner = new Thread(() -> {
                    while (!lock.tryLock()) {
                        if (stop.get() != 0) {
                            return;
                        }
                        Thread.onSpinWait();
                    }
                    try {
                        read.set(flag.get());
                    } finally {
                        lock.unlock();
                    }
                }, "spinner");
                lock.lock();
                try {
                    spinner.start();
                    flag.set(1);
                } finally {
                    lock.unlock();
                }
                flag.set(2);
                spinner.join();
            });
            s.check("record", () -> seen.add(read.get()));
        };
    }

    @Test
    void aSpinOnTryLockMayTakeTheLockRightAfterTheUnlock() {
        Set<Integer> seen = new TreeSet<>();
        Exploration e = FutexLab.explore("try-lock spin", Settings.defaults().strategy(Strategy.EXHAUSTIVE)
                .maxPreemptions(-1).schedules(10_000), tryLockSpin(seen));
        assertThat(e.passed()).as(e.report()).isTrue();
        assertThat(e.exhausted()).as(e.report()).isTrue();
        // 1: the spinner's tryLock comes between the holder's unlock and its flag = 2, which needs the unlock to
        // enable the waiting spinner; 2: after the holder is done.
        assertThat(seen).containsExactly(1, 2);
    }
}
