package org.futexlab.bench.bugs;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.futexlab.junit.Scenario;
import org.futexlab.junit.ScenarioBody;

/**
 * Small concurrency bugs in the style of the public benchmark suites (SCTBench, the CHESS and PCT papers'
 * examples, the textbooks), written fresh for this benchmark, each with its fixed twin. A twin differs from its
 * bug by the fix alone and must pass in every schedule. Threads use only what the engine models today (atomics,
 * volatile and plain fields, monitors, wait/notify, ReentrantLock and its conditions, Thread.start and join).
 */
final class BugPrograms {
    private BugPrograms() {}

    /**
     * One program.
     *
     * @param name its name in the table
     * @param pattern the kind of bug, as the suites class them
     * @param bug the program with the bug
     * @param fixed the same program with the fix
     */
    record Program(String name, String pattern, ScenarioBody bug, ScenarioBody fixed) {}

    static List<Program> all() {
        return List.of(
                new Program("lost update, volatile", "atomicity", s -> volatileCounter(s, 2), s -> atomicCounter(s, 2)),
                new Program("lost update, 3 threads", "atomicity", s -> volatileCounter(s, 3), s -> atomicCounter(s, 3)),
                new Program("plain counter, no lock", "data race", BugPrograms::plainCounter,
                        BugPrograms::lockedCounter),
                new Program("check-then-act lazy init", "atomicity", s -> lazyInit(s, false), s -> lazyInit(s, true)),
                new Program("double-checked locking, plain field", "data race", s -> dcl(s, false),
                        s -> dcl(s, true)),
                new Program("check-then-withdraw", "atomicity", s -> withdraw(s, false), s -> withdraw(s, true)),
                new Program("publish flag before data", "ordering", s -> publish(s, false), s -> publish(s, true)),
                new Program("use before init", "ordering", s -> useBeforeInit(s, false), s -> useBeforeInit(s, true)),
                new Program("broken Peterson lock", "broken lock", s -> peterson(s, true), s -> peterson(s, false)),
                new Program("test-then-set lock", "broken lock", s -> testThenSet(s, false),
                        s -> testThenSet(s, true)),
                new Program("wrong lock", "wrong lock", s -> wrongLock(s, false), s -> wrongLock(s, true)),
                new Program("token ring, pass before leaving", "ordering", s -> tokenRing(s, false),
                        s -> tokenRing(s, true)),
                new Program("two-stage", "atomicity", s -> twoStage(s, false), s -> twoStage(s, true)),
                new Program("circular buffer, publish before write", "ordering", s -> ring(s, false),
                        s -> ring(s, true)),
                new Program("work-stealing queue, last item", "atomicity", s -> stealing(s, false),
                        s -> stealing(s, true)),
                new Program("reorder 3", "atomicity", s -> reorder(s, 3, false), s -> reorder(s, 3, true)),
                new Program("reorder 5", "atomicity", s -> reorder(s, 5, false), s -> reorder(s, 5, true)),
                new Program("stack pop without CAS", "atomicity", s -> stack(s, false), s -> stack(s, true)),
                new Program("lock order AB/BA", "deadlock", s -> abba(s, false), s -> abba(s, true)),
                new Program("dining philosophers, 3", "deadlock", s -> philosophers(s, false),
                        s -> philosophers(s, true)),
                new Program("missed notify", "lost wake-up", s -> missedNotify(s, false), s -> missedNotify(s, true)),
                new Program("await in if, not while", "spurious wake-up", s -> awaitIf(s, false),
                        s -> awaitIf(s, true)),
                new Program("hand-made barrier, lost arrival", "atomicity", s -> barrier(s, false),
                        s -> barrier(s, true)),
                new Program("seqlock, one increment", "ordering", s -> seqlock(s, false), s -> seqlock(s, true)),
                new Program("compare-and-set result ignored", "atomicity", s -> casIgnored(s, false),
                        s -> casIgnored(s, true)),
                new Program("unsafe publication", "data race", s -> unsafePublication(s, false),
                        s -> unsafePublication(s, true)),
                new Program("start without join", "ordering", s -> startJoin(s, false), s -> startJoin(s, true)),
                new Program("countdown by hand", "atomicity", s -> countdown(s, false), s -> countdown(s, true)),
                new Program("one-slot buffer, notify not notifyAll", "lost wake-up", s -> slot(s, false),
                        s -> slot(s, true)));
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    // ---------------------------------------------------------------- counters

    static final class VolatileInt {
        volatile int v;
    }

    static void volatileCounter(Scenario s, int n) {
        VolatileInt c = new VolatileInt();
        for (int i = 0; i < n; i++) {
            s.thread("inc-" + i, () -> c.v++);
        }
        s.check("all increments land", () -> check(c.v == n, "count " + c.v));
    }

    static void atomicCounter(Scenario s, int n) {
        AtomicInteger c = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            s.thread("inc-" + i, () -> c.incrementAndGet());
        }
        s.check("all increments land", () -> check(c.get() == n, "count " + c.get()));
    }

    static final class PlainInt {
        int v;
    }

    static void plainCounter(Scenario s) {
        PlainInt c = new PlainInt();
        s.thread("a", () -> c.v++);
        s.thread("b", () -> c.v++);
        s.check("two", () -> check(c.v == 2, "count " + c.v));
    }

    static void lockedCounter(Scenario s) {
        PlainInt c = new PlainInt();
        s.thread("a", () -> {
            synchronized (c) {
                c.v++;
            }
        });
        s.thread("b", () -> {
            synchronized (c) {
                c.v++;
            }
        });
        s.check("two", () -> check(c.v == 2, "count " + c.v));
    }

    static void wrongLock(Scenario s, boolean fixed) {
        PlainInt c = new PlainInt();
        Object a = new Object();
        Object b = fixed ? a : new Object();
        s.thread("a", () -> {
            synchronized (a) {
                c.v++;
            }
        });
        s.thread("b", () -> {
            synchronized (b) {
                c.v++;
            }
        });
        s.check("two", () -> check(c.v == 2, "count " + c.v));
    }

    static void casIgnored(Scenario s, boolean fixed) {
        AtomicInteger x = new AtomicInteger();
        Runnable inc = () -> {
            if (fixed) {
                int v;
                do {
                    v = x.get();
                } while (!x.compareAndSet(v, v + 1));
            } else {
                int v = x.get();
                x.compareAndSet(v, v + 1);
            }
        };
        s.thread("a", inc::run);
        s.thread("b", inc::run);
        s.check("two", () -> check(x.get() == 2, "count " + x.get()));
    }

    static void countdown(Scenario s, boolean fixed) {
        VolatileInt left = new VolatileInt();
        AtomicInteger leftAtomic = new AtomicInteger(2);
        left.v = 2;
        for (int i = 0; i < 2; i++) {
            s.thread("worker-" + i, () -> {
                if (fixed) {
                    leftAtomic.decrementAndGet();
                } else {
                    left.v--;
                }
            });
        }
        s.thread("waiter", () -> {
            while (fixed ? leftAtomic.get() != 0 : left.v != 0) {
                Thread.onSpinWait();
            }
        });
    }

    // ---------------------------------------------------------------- check-then-act

    static final class Lazy {
        volatile Object instance;
        final AtomicInteger created = new AtomicInteger();
    }

    static void lazyInit(Scenario s, boolean fixed) {
        Lazy l = new Lazy();
        Runnable get = () -> {
            if (fixed) {
                synchronized (l) {
                    if (l.instance == null) {
                        l.instance = new Object();
                        l.created.incrementAndGet();
                    }
                }
            } else if (l.instance == null) {
                l.instance = new Object();
                l.created.incrementAndGet();
            }
        };
        s.thread("a", get::run);
        s.thread("b", get::run);
        s.check("created once", () -> check(l.created.get() == 1, "created " + l.created.get()));
    }

    static final class PlainHolder {
        Object instance;
    }

    static final class VolatileHolder {
        volatile Object instance;
    }

    static void dcl(Scenario s, boolean fixed) {
        PlainHolder p = new PlainHolder();
        VolatileHolder v = new VolatileHolder();
        Object lock = new Object();
        Runnable get = () -> {
            if (fixed) {
                if (v.instance == null) {
                    synchronized (lock) {
                        if (v.instance == null) {
                            v.instance = new Object();
                        }
                    }
                }
            } else if (p.instance == null) {
                synchronized (lock) {
                    if (p.instance == null) {
                        p.instance = new Object();
                    }
                }
            }
        };
        s.thread("a", get::run);
        s.thread("b", get::run);
    }

    static void withdraw(Scenario s, boolean fixed) {
        VolatileInt balance = new VolatileInt();
        balance.v = 100;
        Runnable take = () -> {
            if (fixed) {
                synchronized (balance) {
                    if (balance.v >= 80) {
                        balance.v -= 80;
                    }
                }
            } else if (balance.v >= 80) {
                balance.v -= 80;
            }
        };
        s.thread("a", take::run);
        s.thread("b", take::run);
        s.check("never overdrawn", () -> check(balance.v >= 0, "balance " + balance.v));
    }

    // ---------------------------------------------------------------- ordering

    static final class Published {
        volatile int data;
        volatile boolean ready;
    }

    static void publish(Scenario s, boolean fixed) {
        Published p = new Published();
        s.thread("writer", () -> {
            if (fixed) {
                p.data = 42;
                p.ready = true;
            } else {
                p.ready = true;
                p.data = 42;
            }
        });
        s.thread("reader", () -> {
            while (!p.ready) {
                Thread.onSpinWait();
            }
            check(p.data == 42, "read " + p.data);
        });
    }

    static final class Box {
        final int value;

        Box(int value) {
            this.value = value;
        }
    }

    static void useBeforeInit(Scenario s, boolean fixed) {
        AtomicReference<Box> ref = new AtomicReference<>();
        s.thread("init", () -> ref.set(new Box(7)));
        s.thread("user", () -> {
            while (fixed && ref.get() == null) {
                Thread.onSpinWait();
            }
            check(ref.get() != null && ref.get().value == 7, "used before init");
        });
    }

    static void tokenRing(Scenario s, boolean fixed) {
        AtomicInteger turn = new AtomicInteger();
        AtomicInteger inside = new AtomicInteger();
        int n = 3;
        for (int i = 0; i < n; i++) {
            int id = i;
            s.thread("node-" + i, () -> {
                while (turn.get() != id) {
                    Thread.onSpinWait();
                }
                check(inside.incrementAndGet() == 1, "two nodes hold the token");
                if (fixed) {
                    inside.decrementAndGet();
                    turn.set((id + 1) % n);
                } else {
                    turn.set((id + 1) % n);
                    inside.decrementAndGet();
                }
            });
        }
    }

    static void twoStage(Scenario s, boolean fixed) {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = fixed ? a : new ReentrantLock();
        PlainInt data1 = new PlainInt();
        PlainInt data2 = new PlainInt();
        s.thread("writer", () -> {
            if (fixed) {
                a.lock();
            }
            try {
                a.lock();
                try {
                    data1.v = 1;
                } finally {
                    a.unlock();
                }
                b.lock();
                try {
                    data2.v = data1.v + 1;
                } finally {
                    b.unlock();
                }
            } finally {
                if (fixed) {
                    a.unlock();
                }
            }
        });
        s.thread("reader", () -> {
            a.lock();
            try {
                if (data1.v == 1) {
                    b.lock();
                    try {
                        check(data2.v == data1.v + 1, "stage two not done: " + data2.v);
                    } finally {
                        b.unlock();
                    }
                }
            } finally {
                a.unlock();
            }
        });
    }

    static void ring(Scenario s, boolean fixed) {
        AtomicIntegerArray slots = new AtomicIntegerArray(2);
        AtomicInteger tail = new AtomicInteger();
        s.thread("producer", () -> {
            for (int i = 0; i < 2; i++) {
                if (fixed) {
                    slots.set(i, i + 1);
                    tail.set(i + 1);
                } else {
                    tail.set(i + 1);
                    slots.set(i, i + 1);
                }
            }
        });
        s.thread("consumer", () -> {
            for (int head = 0; head < 2; head++) {
                while (tail.get() <= head) {
                    Thread.onSpinWait();
                }
                check(slots.get(head) == head + 1, "slot " + head + " read empty");
            }
        });
    }

    static void stealing(Scenario s, boolean fixed) {
        AtomicInteger top = new AtomicInteger();
        AtomicInteger bottom = new AtomicInteger(1); // one item, at index 0
        AtomicInteger taken = new AtomicInteger();
        s.thread("owner", () -> {
            int b = bottom.get() - 1;
            bottom.set(b);
            int t = top.get();
            if (t < b) {
                taken.incrementAndGet();
            } else if (t == b) {
                // The last item: owner and thief race for it, and only a compare-and-set on top settles it.
                if (!fixed || top.compareAndSet(t, t + 1)) {
                    taken.incrementAndGet();
                }
                bottom.set(b + 1);
            } else {
                bottom.set(b + 1);
            }
        });
        s.thread("thief", () -> {
            int t = top.get();
            int b = bottom.get();
            if (t < b && top.compareAndSet(t, t + 1)) {
                taken.incrementAndGet();
            }
        });
        s.check("taken at most once", () -> check(taken.get() <= 1, "taken " + taken.get() + " times"));
    }

    static void reorder(Scenario s, int setters, boolean fixed) {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        Object lock = new Object();
        for (int i = 0; i < setters; i++) {
            s.thread("setter-" + i, () -> {
                if (fixed) {
                    synchronized (lock) {
                        a.set(1);
                        b.set(-1);
                    }
                } else {
                    a.set(1);
                    b.set(-1);
                }
            });
        }
        s.thread("checker", () -> {
            int x;
            int y;
            if (fixed) {
                synchronized (lock) {
                    x = a.get();
                    y = b.get();
                }
            } else {
                x = a.get();
                y = b.get();
            }
            check((x == 0 && y == 0) || (x == 1 && y == -1), "a=" + x + " b=" + y);
        });
    }

    static void seqlock(Scenario s, boolean fixed) {
        AtomicInteger seq = new AtomicInteger();
        AtomicInteger x = new AtomicInteger();
        AtomicInteger y = new AtomicInteger();
        s.thread("writer", () -> {
            if (fixed) {
                seq.incrementAndGet();
            }
            x.set(1);
            y.set(1);
            seq.addAndGet(fixed ? 1 : 2);
        });
        s.thread("reader", () -> {
            int s0 = seq.get();
            int rx = x.get();
            int ry = y.get();
            if (s0 % 2 == 0 && seq.get() == s0) {
                check(rx == ry, "torn read x=" + rx + " y=" + ry);
            }
        });
    }

    // ---------------------------------------------------------------- broken locks

    static final class Peterson {
        final AtomicIntegerArray flag = new AtomicIntegerArray(2);
        volatile int turn;
        int counter;

        void lock(int me, boolean broken) {
            int other = 1 - me;
            if (broken) {
                // Gives way before raising its flag: both can then read the other's flag down and enter.
                turn = other;
                flag.set(me, 1);
            } else {
                flag.set(me, 1);
                turn = other;
            }
            while (flag.get(other) == 1 && turn == other) {
                Thread.onSpinWait();
            }
        }

        void unlock(int me) {
            flag.set(me, 0);
        }
    }

    static void peterson(Scenario s, boolean broken) {
        Peterson p = new Peterson();
        for (int i = 0; i < 2; i++) {
            int me = i;
            s.thread("t" + i, () -> {
                p.lock(me, broken);
                p.counter++;
                p.unlock(me);
            });
        }
        s.check("two", () -> check(p.counter == 2, "counter " + p.counter));
    }

    static final class Flag {
        volatile boolean locked;
    }

    static void testThenSet(Scenario s, boolean fixed) {
        Flag f = new Flag();
        AtomicBoolean cas = new AtomicBoolean();
        AtomicInteger inside = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            s.thread("t" + i, () -> {
                if (fixed) {
                    while (!cas.compareAndSet(false, true)) {
                        // spins without onSpinWait: the engine treats the failed CAS loop as a spin wait
                    }
                } else {
                    while (f.locked) {
                        Thread.onSpinWait();
                    }
                    f.locked = true;
                }
                check(inside.incrementAndGet() == 1, "two threads inside");
                inside.decrementAndGet();
                if (fixed) {
                    cas.set(false);
                } else {
                    f.locked = false;
                }
            });
        }
    }

    // ---------------------------------------------------------------- lock-free structures

    static final class Node {
        final int value;
        final Node next;

        Node(int value, Node next) {
            this.value = value;
            this.next = next;
        }
    }

    static void stack(Scenario s, boolean fixed) {
        AtomicReference<Node> top = new AtomicReference<>(new Node(1, new Node(2, null)));
        AtomicIntegerArray popped = new AtomicIntegerArray(3);
        Runnable pop = () -> {
            Node t;
            if (fixed) {
                do {
                    t = top.get();
                } while (t != null && !top.compareAndSet(t, t.next));
            } else {
                t = top.get();
                if (t != null) {
                    top.set(t.next);
                }
            }
            if (t != null) {
                popped.incrementAndGet(t.value);
            }
        };
        s.thread("a", pop::run);
        s.thread("b", pop::run);
        s.check("each node popped once", () -> check(popped.get(1) == 1 && popped.get(2) == 1,
                "popped " + popped));
    }

    // ---------------------------------------------------------------- deadlocks and wake-ups

    static void abba(Scenario s, boolean fixed) {
        Object a = new Object();
        Object b = new Object();
        s.thread("ab", () -> {
            synchronized (a) {
                synchronized (b) {
                    a.hashCode();
                }
            }
        });
        s.thread("ba", () -> {
            Object first = fixed ? a : b;
            Object second = fixed ? b : a;
            synchronized (first) {
                synchronized (second) {
                    b.hashCode();
                }
            }
        });
    }

    static void philosophers(Scenario s, boolean fixed) {
        int n = 3;
        ReentrantLock[] forks = new ReentrantLock[n];
        for (int i = 0; i < n; i++) {
            forks[i] = new ReentrantLock();
        }
        for (int i = 0; i < n; i++) {
            int left = i;
            int right = (i + 1) % n;
            s.thread("philosopher-" + i, () -> {
                ReentrantLock first = forks[fixed ? Math.min(left, right) : left];
                ReentrantLock second = forks[fixed ? Math.max(left, right) : right];
                first.lock();
                try {
                    second.lock();
                    second.unlock();
                } finally {
                    first.unlock();
                }
            });
        }
    }

    static final class Signal {
        boolean ready;
    }

    static void missedNotify(Scenario s, boolean fixed) {
        Signal sig = new Signal();
        s.thread("waiter", () -> {
            synchronized (sig) {
                if (fixed) {
                    while (!sig.ready) {
                        sig.wait();
                    }
                } else {
                    sig.wait(); // waits for a notify that may already have come
                }
            }
        });
        s.thread("notifier", () -> {
            synchronized (sig) {
                sig.ready = true;
                sig.notifyAll();
            }
        });
    }

    static void awaitIf(Scenario s, boolean fixed) {
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        Signal sig = new Signal();
        s.thread("consumer", () -> {
            lock.lock();
            try {
                if (fixed) {
                    while (!sig.ready) {
                        changed.await();
                    }
                } else if (!sig.ready) {
                    changed.await(); // a spurious wake-up returns here with ready still false
                }
                check(sig.ready, "woke up without the signal");
            } finally {
                lock.unlock();
            }
        });
        s.thread("producer", () -> {
            lock.lock();
            try {
                sig.ready = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    static void barrier(Scenario s, boolean fixed) {
        VolatileInt arrived = new VolatileInt();
        AtomicInteger arrivedAtomic = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            s.thread("party-" + i, () -> {
                if (fixed) {
                    arrivedAtomic.incrementAndGet();
                } else {
                    arrived.v++;
                }
                while ((fixed ? arrivedAtomic.get() : arrived.v) < 2) {
                    Thread.onSpinWait();
                }
            });
        }
    }

    static final class Slot {
        Integer item;
    }

    static void slot(Scenario s, boolean fixed) {
        Slot slot = new Slot();
        s.thread("producer", () -> {
            for (int i = 1; i <= 2; i++) {
                synchronized (slot) {
                    while (slot.item != null) {
                        slot.wait();
                    }
                    slot.item = i;
                    if (fixed) {
                        slot.notifyAll();
                    } else {
                        slot.notify();
                    }
                }
            }
        });
        for (int c = 0; c < 2; c++) {
            s.thread("consumer-" + c, () -> {
                synchronized (slot) {
                    while (slot.item == null) {
                        slot.wait();
                    }
                    slot.item = null;
                    if (fixed) {
                        slot.notifyAll();
                    } else {
                        slot.notify(); // may wake the other consumer rather than the producer
                    }
                }
            });
        }
    }

    // ---------------------------------------------------------------- publication and start/join

    static final class MutableBox {
        int value;
    }

    static final class PlainRef {
        MutableBox box;
    }

    static final class VolatileRef {
        volatile MutableBox box;
    }

    static void unsafePublication(Scenario s, boolean fixed) {
        PlainRef plain = new PlainRef();
        VolatileRef safe = new VolatileRef();
        AtomicBoolean go = new AtomicBoolean();
        s.thread("writer", () -> {
            MutableBox b = new MutableBox();
            b.value = 42;
            if (fixed) {
                safe.box = b;
            } else {
                plain.box = b;
            }
            go.set(true);
        });
        s.thread("reader", () -> {
            go.get();
            MutableBox b = fixed ? safe.box : plain.box;
            if (b != null) {
                check(b.value == 42, "saw a half-built box");
            }
        });
    }

    static void startJoin(Scenario s, boolean fixed) {
        AtomicInteger result = new AtomicInteger();
        s.thread("parent", () -> {
            Thread child = new Thread(() -> result.set(6 * 7), "child");
            child.start();
            if (fixed) {
                child.join();
            }
            check(result.get() == 42, "read the result before the child wrote it");
            if (!fixed) {
                child.join();
            }
        });
    }
}
