package org.futexlab.textbook;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Every synchronisation operation the agent rewrites, in instrumented code. Each method returns a value that
 * plain Java semantics fix, so the same code can be checked outside a controlled run (it must behave like the
 * original) and inside one (it must run without engine errors).
 */
final class AllOps {
    private static final VarHandle FIELD;
    private static final VarHandle STATIC;
    private static final VarHandle ARRAY = MethodHandles.arrayElementVarHandle(int[].class);
    private static final AtomicIntegerFieldUpdater<AllOps> UPDATER =
            AtomicIntegerFieldUpdater.newUpdater(AllOps.class, "updated");

    static {
        try {
            FIELD = MethodHandles.lookup().findVarHandle(AllOps.class, "handled", int.class);
            STATIC = MethodHandles.lookup().findStaticVarHandle(AllOps.class, "staticHandled", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static volatile long staticHandled;
    private static volatile int staticVolatile;
    volatile int updated;
    volatile int handled;
    volatile long wide;
    volatile double real;
    volatile String text;
    final int[] cells = new int[4];

    /** Atomics, updaters, adders, VarHandles and volatile fields. @return 316 */
    int memory() {
        AtomicInteger ai = new AtomicInteger(1);
        ai.incrementAndGet();
        ai.compareAndSet(2, 5);
        ai.getAndAdd(3);
        AtomicLong al = new AtomicLong(10);
        al.accumulateAndGet(5, Long::sum);
        AtomicBoolean ab = new AtomicBoolean();
        ab.set(true);
        AtomicReference<String> ar = new AtomicReference<>("a");
        ar.updateAndGet(s -> s + "b");
        AtomicIntegerArray aia = new AtomicIntegerArray(3);
        aia.set(1, 7);
        LongAdder adder = new LongAdder();
        adder.add(4);
        UPDATER.addAndGet(this, 6);
        FIELD.setVolatile(this, 20);
        FIELD.compareAndSet(this, 20, 21);
        STATIC.getAndAdd(30L);
        ARRAY.setVolatile(cells, 2, 40);
        wide = 50;
        real = 60;
        text = "70";
        staticVolatile = 2;
        int sum = ai.get() + (int) al.get() + (ab.get() ? 1 : 0) + ar.get().length() + aia.get(1)
                + adder.intValue() + UPDATER.get(this) + (int) FIELD.getVolatile(this)
                + (int) (long) STATIC.getVolatile() + (int) ARRAY.getVolatile(cells, 2) + (int) wide + (int) real
                + Integer.parseInt(text) + staticVolatile;
        staticHandled = 0;
        return sum;
    }

    /** Threads: start, join, isAlive, interrupts, sleep, yield, onSpinWait, park and unpark. @return 7 */
    int threads() throws InterruptedException {
        AtomicInteger ran = new AtomicInteger();
        Thread child = new Thread(ran::incrementAndGet, "child");
        child.start();
        child.join();
        Thread second = new Thread(() -> {
            ran.incrementAndGet();
            LockSupport.parkNanos(1_000_000);
        }, "second");
        second.start();
        second.join(5_000);
        second.join(5_000, 10);
        second.join(); // the timed joins may time out first: any amount of time may pass between two steps
        if (!second.isAlive()) {
            ran.incrementAndGet();
        }
        Thread.currentThread().interrupt();
        if (Thread.currentThread().isInterrupted() && Thread.interrupted() && !Thread.interrupted()) {
            ran.incrementAndGet();
        }
        Thread.sleep(1);
        Thread.sleep(0, 10);
        Thread.yield();
        Thread.onSpinWait();
        LockSupport.unpark(Thread.currentThread());
        LockSupport.park();
        LockSupport.unpark(Thread.currentThread());
        LockSupport.park(this);
        LockSupport.parkNanos(this, 1000);
        LockSupport.parkUntil(System.currentTimeMillis() + 1);
        ran.incrementAndGet();
        if (System.nanoTime() > 0) {
            ran.incrementAndGet();
        }
        if (Thread.currentThread() != child) {
            ran.incrementAndGet();
        }
        return ran.get();
    }

    private int guarded;

    synchronized void bump() {
        guarded++;
    }

    static synchronized int twice(int x) {
        return 2 * x;
    }

    /** Monitors, synchronized methods, wait and notify. @return 6 */
    int monitors() throws InterruptedException {
        Object lock = new Object();
        boolean[] done = new boolean[1];
        Thread notifier = new Thread(() -> {
            synchronized (lock) {
                done[0] = true;
                lock.notifyAll();
            }
        }, "notifier");
        synchronized (lock) {
            notifier.start();
            while (!done[0]) {
                lock.wait(10_000);
            }
            lock.notify();
            lock.wait(1);
            lock.wait(0, 1);
            if (Thread.holdsLock(lock)) {
                bump();
            }
        }
        notifier.join();
        bump();
        return guarded + twice(2);
    }

    /** java.util.concurrent.locks: lock, tryLock, conditions, read-write locks. @return 5 */
    int locks() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        int[] state = new int[1];
        Thread signaller = new Thread(() -> {
            lock.lock();
            try {
                state[0] = 1;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }, "signaller");
        lock.lock();
        try {
            signaller.start();
            while (state[0] == 0) {
                changed.await(10, TimeUnit.SECONDS);
            }
            changed.signal();
            changed.awaitNanos(1000);
        } finally {
            lock.unlock();
        }
        signaller.join();
        int n = state[0];
        if (lock.tryLock()) {
            n++;
            lock.unlock();
        }
        if (lock.tryLock(1, TimeUnit.SECONDS)) {
            n++;
            lock.unlock();
        }
        lock.lockInterruptibly();
        lock.unlock();
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        rw.readLock().lock();
        rw.readLock().unlock();
        rw.writeLock().lock();
        try {
            n++;
        } finally {
            rw.writeLock().unlock();
        }
        return n + 1;
    }
}
