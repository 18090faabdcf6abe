package org.futexlab.textbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.futexlab.junit.Scenario;

/**
 * Data races on plain fields, each next to a twin that orders the same accesses: the race detector must report the
 * first and stay silent on the second. None of these is a test by itself.
 */
final class Races {
    private Races() {}

    /** A counter that is not volatile, incremented by two threads. */
    static final class Counter {
        int hits;
    }

    static void unguardedCounter(Scenario s) {
        Counter c = new Counter();
        s.thread("a", () -> c.hits++);
        s.thread("b", () -> c.hits++);
    }

    static void monitorCounter(Scenario s) {
        Counter c = new Counter();
        s.thread("a", () -> {
            synchronized (c) {
                c.hits++;
            }
        });
        s.thread("b", () -> {
            synchronized (c) {
                c.hits++;
            }
        });
        s.check("both land", () -> assertThat(c.hits).isEqualTo(2));
    }

    static void lockCounter(Scenario s) {
        Counter c = new Counter();
        ReentrantLock lock = new ReentrantLock();
        ThrowingIncrement inc = () -> {
            lock.lock();
            try {
                c.hits++;
            } finally {
                lock.unlock();
            }
        };
        s.thread("a", inc::run);
        s.thread("b", inc::run);
        s.check("both land", () -> assertThat(c.hits).isEqualTo(2));
    }

    private interface ThrowingIncrement {
        void run();
    }

    // ---------------------------------------------------------------- Peterson's lock over a plain counter

    /** Peterson's two-thread lock: its flags and turn are volatile, so the critical sections are ordered. */
    static final class Peterson {
        volatile boolean flag0;
        volatile boolean flag1;
        volatile int turn;
        private final boolean broken;

        Peterson(boolean broken) {
            this.broken = broken;
        }

        void lock(int me) {
            int other = 1 - me;
            if (broken) {
                // Bug: gives way before raising its own flag, so both can read the other's flag down and enter.
                turn = other;
                setFlag(me, true);
            } else {
                setFlag(me, true);
                turn = other;
            }
            while (flag(other) && turn == other) {
                Thread.onSpinWait();
            }
        }

        void unlock(int me) {
            setFlag(me, false);
        }

        private boolean flag(int i) {
            return i == 0 ? flag0 : flag1;
        }

        private void setFlag(int i, boolean v) {
            if (i == 0) {
                flag0 = v;
            } else {
                flag1 = v;
            }
        }
    }

    private static void peterson(Scenario s, boolean broken) {
        Peterson lock = new Peterson(broken);
        Counter c = new Counter();
        for (int me = 0; me < 2; me++) {
            int id = me;
            s.thread("t" + id, () -> {
                lock.lock(id);
                c.hits++;
                lock.unlock(id);
            });
        }
        s.check("both increments land", () -> assertThat(c.hits).isEqualTo(2));
    }

    static void brokenPeterson(Scenario s) {
        peterson(s, true);
    }

    static void peterson(Scenario s) {
        peterson(s, false);
    }

    // ---------------------------------------------------------------- publication

    /** Data published behind a flag. */
    static final class Mailbox {
        int data;
        boolean plainFlag;
        volatile boolean flag;
    }

    static void publishedBehindAPlainFlag(Scenario s) {
        Mailbox m = new Mailbox();
        s.thread("writer", () -> {
            m.data = 42;
            m.plainFlag = true;
        });
        s.thread("reader", () -> {
            if (m.plainFlag) {
                assertThat(m.data).isEqualTo(42);
            }
        });
    }

    static void publishedBehindAVolatileFlag(Scenario s) {
        Mailbox m = new Mailbox();
        s.thread("writer", () -> {
            m.data = 42;
            m.flag = true;
        });
        s.thread("reader", () -> {
            if (m.flag) {
                assertThat(m.data).isEqualTo(42);
            }
        });
    }

    /** Start and join order a parent's plain accesses with its child's. */
    static void startAndJoin(Scenario s) {
        Counter c = new Counter();
        s.thread("parent", () -> {
            c.hits = 1;
            Thread child = new Thread(() -> c.hits++);
            child.start();
            child.join();
            assertThat(c.hits).isEqualTo(2);
        });
    }

    /** Without the join, the parent's read races with the child's write. */
    static void startWithoutJoin(Scenario s) {
        Counter c = new Counter();
        AtomicInteger done = new AtomicInteger();
        s.thread("parent", () -> {
            Thread child = new Thread(() -> {
                c.hits++;
                done.incrementAndGet();
            });
            child.start();
            int seen = c.hits;
            assertThat(seen).isBetween(0, 1);
        });
    }

    // ---------------------------------------------------------------- arrays and statics

    static void arraySlotsOfTheirOwn(Scenario s) {
        int[] slots = new int[2];
        s.thread("a", () -> slots[0]++);
        s.thread("b", () -> slots[1]++);
        s.check("each counted", () -> assertThat(slots).containsExactly(1, 1));
    }

    static void arraySlotShared(Scenario s) {
        int[] slots = new int[2];
        s.thread("a", () -> slots[1]++);
        s.thread("b", () -> slots[1]++);
    }

    static int shared;

    static void staticCounter(Scenario s) {
        shared = 0;
        s.thread("a", () -> shared++);
        s.thread("b", () -> shared++);
    }
}
