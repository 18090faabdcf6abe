package org.futexlab.textbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.futexlab.junit.Scenario;

/**
 * Textbook concurrency bugs written with JDK primitives, each next to its correct twin. The engine's tests
 * explore them; none of them is a test by itself.
 */
final class Textbook {
    private Textbook() {}

    // ---------------------------------------------------------------- lost update (atomic get, then set)

    static void lostUpdate(Scenario s) {
        AtomicInteger hits = new AtomicInteger();
        s.thread("inc-1", () -> hits.set(hits.get() + 1));
        s.thread("inc-2", () -> hits.set(hits.get() + 1));
        s.check("both increments land", () -> assertThat(hits.get()).isEqualTo(2));
    }

    static void atomicIncrement(Scenario s) {
        AtomicInteger hits = new AtomicInteger();
        s.thread("inc-1", hits::incrementAndGet);
        s.thread("inc-2", hits::incrementAndGet);
        s.check("both increments land", () -> assertThat(hits.get()).isEqualTo(2));
    }

    // ---------------------------------------------------------------- check-then-act on a volatile

    static final class Lazy {
        volatile Object instance;
        final AtomicInteger created = new AtomicInteger();

        Object getRacy() {
            if (instance == null) {
                instance = new Object();
                created.incrementAndGet();
            }
            return instance;
        }

        /** Double-checked locking: the check is repeated under the monitor. */
        Object getChecked() {
            Object i = instance;
            if (i == null) {
                synchronized (this) {
                    i = instance;
                    if (i == null) {
                        instance = i = new Object();
                        created.incrementAndGet();
                    }
                }
            }
            return i;
        }
    }

    static void checkThenAct(Scenario s) {
        Lazy lazy = new Lazy();
        s.thread("get-1", lazy::getRacy);
        s.thread("get-2", lazy::getRacy);
        s.check("created once", () -> assertThat(lazy.created.get()).isEqualTo(1));
    }

    static void doubleCheckedLocking(Scenario s) {
        Lazy lazy = new Lazy();
        s.thread("get-1", lazy::getChecked);
        s.thread("get-2", lazy::getChecked);
        s.check("created once", () -> assertThat(lazy.created.get()).isEqualTo(1));
    }

    // ---------------------------------------------------------------- lost wake-up with park/unpark

    static final class Signal {
        volatile boolean ready;
        volatile Thread waiter;

        /** Checks, then publishes itself: a signal between the two is lost. */
        void awaitRacy() {
            if (!ready) {
                waiter = Thread.currentThread();
                LockSupport.park();
            }
        }

        /** Publishes itself first, then re-checks in a loop (parks may also return spuriously). */
        void awaitCorrect() {
            waiter = Thread.currentThread();
            while (!ready) {
                LockSupport.park();
            }
        }

        void signal() {
            ready = true;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    static void lostWakeup(Scenario s) {
        Signal sig = new Signal();
        s.thread("waiter", sig::awaitRacy);
        s.thread("signaller", sig::signal);
    }

    static void parkInLoop(Scenario s) {
        Signal sig = new Signal();
        s.thread("waiter", sig::awaitCorrect);
        s.thread("signaller", sig::signal);
        s.check("the waiter saw the signal", () -> assertThat(sig.ready).isTrue());
    }

    // ---------------------------------------------------------------- if instead of while around wait

    static final class Box {
        boolean ready;
        boolean seen;

        void awaitIf() throws InterruptedException {
            synchronized (this) {
                if (!ready) {
                    wait();
                }
                seen = ready;
            }
        }

        void awaitWhile() throws InterruptedException {
            synchronized (this) {
                while (!ready) {
                    wait();
                }
                seen = ready;
            }
        }

        synchronized void fill() {
            ready = true;
            notifyAll();
        }
    }

    static void waitInIf(Scenario s) {
        Box box = new Box();
        s.thread("consumer", box::awaitIf);
        s.thread("producer", box::fill);
        s.check("the consumer saw the box filled", () -> assertThat(box.seen).isTrue());
    }

    static void waitInWhile(Scenario s) {
        Box box = new Box();
        s.thread("consumer", box::awaitWhile);
        s.thread("producer", box::fill);
        s.check("the consumer saw the box filled", () -> assertThat(box.seen).isTrue());
    }

    // ---------------------------------------------------------------- lock-order deadlock

    static void lockOrderInversion(Scenario s) {
        ReentrantLock accounts = new ReentrantLock();
        ReentrantLock audit = new ReentrantLock();
        s.thread("transfer", () -> {
            accounts.lock();
            try {
                audit.lock();
                audit.unlock();
            } finally {
                accounts.unlock();
            }
        });
        s.thread("report", () -> {
            audit.lock();
            try {
                accounts.lock();
                accounts.unlock();
            } finally {
                audit.unlock();
            }
        });
    }

    static void lockOrderConsistent(Scenario s) {
        ReentrantLock accounts = new ReentrantLock();
        ReentrantLock audit = new ReentrantLock();
        for (String name : new String[] {"transfer", "report"}) {
            s.thread(name, () -> {
                accounts.lock();
                try {
                    audit.lock();
                    audit.unlock();
                } finally {
                    accounts.unlock();
                }
            });
        }
    }

    static void monitorOrderInversion(Scenario s) {
        Object left = new Object();
        Object right = new Object();
        s.thread("left-first", () -> {
            synchronized (left) {
                synchronized (right) {
                    left.hashCode();
                }
            }
        });
        s.thread("right-first", () -> {
            synchronized (right) {
                synchronized (left) {
                    right.hashCode();
                }
            }
        });
    }

    // ---------------------------------------------------------------- livelock

    /**
     * A waiter spins (politely, with yield) on a flag that another thread rearms for the next round without
     * waiting for this round's signal to be seen: if the rearm lands after the signal, the waiter spins forever.
     */
    static void rearmRace(Scenario s) {
        AtomicBoolean flag = new AtomicBoolean();
        s.thread("signaller", () -> flag.set(true));
        s.thread("rearmer", () -> flag.set(false));
        s.thread("waiter", () -> {
            while (!flag.get()) {
                Thread.yield();
            }
        });
    }

    /** The fix: the rearmer waits until the waiter acknowledged the signal. */
    static void rearmAfterAck(Scenario s) {
        AtomicBoolean flag = new AtomicBoolean();
        AtomicBoolean seen = new AtomicBoolean();
        s.thread("signaller", () -> flag.set(true));
        s.thread("rearmer", () -> {
            while (!seen.get()) {
                Thread.yield();
            }
            flag.set(false);
        });
        s.thread("waiter", () -> {
            while (!flag.get()) {
                Thread.yield();
            }
            seen.set(true);
        });
    }

    // ---------------------------------------------------------------- schedule counting

    /** Two threads, two writes each, all to one atomic: no reduction possible, C(4,2) = 6 interleavings. */
    static void twoByTwoDependent(Scenario s) {
        AtomicInteger x = new AtomicInteger();
        s.thread("a", () -> {
            x.set(1);
            x.set(2);
        });
        s.thread("b", () -> {
            x.set(3);
            x.set(4);
        });
    }

    /** Two threads, two writes each, to four different atomics: every interleaving is equivalent. */
    static void twoByTwoIndependent(Scenario s) {
        AtomicInteger a1 = new AtomicInteger();
        AtomicInteger a2 = new AtomicInteger();
        AtomicInteger b1 = new AtomicInteger();
        AtomicInteger b2 = new AtomicInteger();
        s.thread("a", () -> {
            a1.set(1);
            a2.set(1);
        });
        s.thread("b", () -> {
            b1.set(1);
            b2.set(1);
        });
    }
}
