package org.futexlab.linux.kernel.locking;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.kernel.printk.Splat;
import org.futexlab.linux.kernel.printk.Symptom;
import org.futexlab.linux.kernel.sched.Task;

/**
 * A small lockdep (kernel/locking/lockdep.c), on with PROVE_LOCKING: lock classes, the order in which they are
 * taken (a new dependency that closes a cycle is reported), the v6.7 assertion that no sleeping lock is taken
 * while the task is already blocked on an rt_mutex (45f67f30a22f, symptom A-S3), and lockdep_assert_held().
 *
 * <p>Like the kernel's, it keeps each task's held locks (current->held_locks): the lock instances, their classes
 * and whether they are held for read. Only the task itself reads and writes that list, so keeping it adds no
 * synchronisation (and no scheduling point) to the model; it is kept without PROVE_LOCKING too, but only
 * lockdep's checks read it, and they are off then. lockdep_assert_held() of a spinlock asks the lock itself
 * ({@link RawSpinlock#heldByCurrent}, {@link Spinlock#heldByCurrent}), which answers with one plain read: these
 * assertions sit on the futex fast paths, where a walk of the held list costs a Lincheck check its budget (the
 * lost wake-up twin of LinearizabilityChecksTest went uncaught in 80 invocations). The rw-semaphore's, off those
 * paths, ask the held list, which also knows a read hold from a write hold.
 */
public final class Lockdep {
    /** One entry of a task's held locks (struct held_lock): the instance, its class, and a shared (read) hold. */
    public record HeldLock(Object instance, String cls, boolean read) {}

    private final Kernel kernel;
    /** Edges a to b: b was taken while a was held. */
    private final ConcurrentHashMap<String, Set<String>> after = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public Lockdep(Kernel kernel) {
        this.kernel = kernel;
    }

    private boolean on() {
        return kernel.config().proveLocking();
    }

    /**
     * lock_acquire() of lock, of class cls: records the dependencies on every held lock and checks they close no
     * cycle.
     */
    public void acquire(Object lock, String cls) {
        acquire(lock, cls, false, false);
    }

    /** lock_acquire() of a shared (read) hold, as down_read() makes. */
    public void acquireRead(Object lock, String cls) {
        acquire(lock, cls, false, true);
    }

    /**
     * lock_acquire() of a successful trylock: it cannot deadlock, so it adds no dependency on the held locks
     * (the chain walk takes wait_lock under pi_lock by trylock for exactly that reason), but locks taken while
     * it is held depend on it.
     */
    public void acquireTrylock(Object lock, String cls) {
        acquire(lock, cls, true, false);
    }

    private void acquire(Object lock, String cls, boolean trylock, boolean read) {
        Task t = Task.currentOrNull();
        if (t == null) {
            return;
        }
        if (on() && !trylock) {
            for (HeldLock h : t.heldLocks) {
                String held = h.cls();
                if (held.equals(cls)) {
                    continue; // same class: nested by design (double_lock_hb), annotated in the kernel
                }
                Set<String> succ = after.computeIfAbsent(held, k -> new ConcurrentSkipListSet<>());
                if (succ.add(cls) && reaches(cls, held) && reported.add(held + " -> " + cls)) {
                    Splat.report(Symptom.LOCKDEP_CIRCULAR, "WARNING: possible circular locking dependency detected\n"
                            + t.comm() + "/" + t.pid() + " is trying to acquire lock:\n  (" + cls + ")\n"
                            + "but task is already holding lock:\n  (" + held + ")\n"
                            + "which lock already depends on the new lock.", false);
                }
            }
        }
        t.heldLocks.add(new HeldLock(lock, cls, read));
    }

    /** lock_release() of lock: its latest hold leaves the task's held locks. */
    public void release(Object lock) {
        Task t = Task.currentOrNull();
        if (t == null) {
            return;
        }
        for (int i = t.heldLocks.size() - 1; i >= 0; i--) {
            if (t.heldLocks.get(i).instance() == lock) {
                t.heldLocks.remove(i);
                return;
            }
        }
    }

    /**
     * lockdep_is_held() from the held list: whether the current task holds this lock instance (for read or for
     * write). False outside any task.
     */
    public static boolean lockIsHeld(Object lock) {
        return hold(lock) != null;
    }

    private static HeldLock hold(Object lock) {
        Task t = Task.currentOrNull();
        if (t == null) {
            return null;
        }
        for (int i = t.heldLocks.size() - 1; i >= 0; i--) {
            if (t.heldLocks.get(i).instance() == lock) {
                return t.heldLocks.get(i);
            }
        }
        return null;
    }

    /**
     * lockdep_assert_held(lock) at the start of a function that must be called with lock held: with PROVE_LOCKING
     * a WARN when the current task does not hold it (symptom lockdep-held), as the kernel's; without it nothing,
     * as in the kernel, where the assertion compiles away. A null lock (a futex_q without lock_ptr) is not held.
     *
     * @param where the file and kernel function that asserts, as the WARNING line names them
     */
    public static void lockdepAssertHeld(RawSpinlock lock, String where) {
        if (proving()) {
            check(lock != null && lock.heldByCurrent(), "lockdep_assert_held(" + lock + ")", where);
        }
    }

    /** lockdep_assert_held() of a spinlock_t, in either of its forms (raw, or the PREEMPT_RT rtlock). */
    public static void lockdepAssertHeld(Spinlock lock, String where) {
        if (proving()) {
            check(lock != null && lock.heldByCurrent(), "lockdep_assert_held(" + lock + ")", where);
        }
    }

    /** mmap_assert_locked(): the rw-semaphore is held, for read or for write. */
    public static void lockdepAssertHeld(RwSemaphore lock, String where) {
        if (proving()) {
            check(lockIsHeld(lock), "lockdep_assert_held(" + lock.name() + ")", where);
        }
    }

    /** mmap_assert_write_locked(): the rw-semaphore is held for write (lockdep_assert_held_write()). */
    public static void lockdepAssertHeldWrite(RwSemaphore lock, String where) {
        if (proving()) {
            HeldLock h = hold(lock);
            check(h != null && !h.read(), "lockdep_assert_held_write(" + lock.name() + ")", where);
        }
    }

    private static boolean proving() {
        Task t = Task.currentOrNull();
        return t != null && t.kernel().config().proveLocking();
    }

    private static void check(boolean held, String assertion, String where) {
        if (held) {
            return;
        }
        Task t = Task.current();
        Splat.report(Symptom.LOCKDEP_NOT_HELD, "WARNING: CPU: 0 PID: " + t.pid() + " at " + where + "\n"
                + assertion + ": " + t.comm() + "/" + t.pid() + " does not hold it", false);
    }

    private boolean reaches(String from, String to) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.add(from);
        while (!todo.isEmpty()) {
            String c = todo.poll();
            if (c.equals(to)) {
                return true;
            }
            if (seen.add(c)) {
                todo.addAll(after.getOrDefault(c, Set.of()));
            }
        }
        return false;
    }

    /**
     * lockdep_assert(!current->pi_blocked_on) in rtlock_lock(), __rt_mutex_lock() and rwbase_read_lock():
     * taking a sleeping lock while blocked on an rt_mutex would enqueue a second waiter for the task.
     */
    public void assertNotPiBlocked(String where) {
        Task t = Task.current();
        if (!on() || t.piBlockedOn == null) {
            return;
        }
        Splat.report(Symptom.A_S3, "WARNING: CPU: 0 PID: " + t.pid() + " at kernel/locking/" + where + "\n"
                + "lockdep_assert(!current->pi_blocked_on): " + t.comm()
                + " takes a sleeping lock while blocked on " + t.piBlockedOn.lock().name(), false);
    }
}
