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
 * taken (a new dependency that closes a cycle is reported), and the v6.7 assertion that no sleeping lock is
 * taken while the task is already blocked on an rt_mutex (45f67f30a22f, symptom A-S3).
 */
public final class Lockdep {
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

    /** lock_acquire(): records the dependencies on every held lock and checks they close no cycle. */
    public void acquire(String cls) {
        acquire(cls, false);
    }

    /**
     * lock_acquire() of a successful trylock: it cannot deadlock, so it adds no dependency on the held locks
     * (the chain walk takes wait_lock under pi_lock by trylock for exactly that reason), but locks taken while
     * it is held depend on it.
     */
    public void acquireTrylock(String cls) {
        acquire(cls, true);
    }

    private void acquire(String cls, boolean trylock) {
        Task t = Task.currentOrNull();
        if (t == null) {
            return;
        }
        if (on() && !trylock) {
            for (String held : t.heldLocks) {
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
        t.heldLocks.add(cls);
    }

    /** lock_release(). */
    public void release(String cls) {
        Task t = Task.currentOrNull();
        if (t == null) {
            return;
        }
        for (int i = t.heldLocks.size() - 1; i >= 0; i--) {
            if (t.heldLocks.get(i).equals(cls)) {
                t.heldLocks.remove(i);
                return;
            }
        }
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
