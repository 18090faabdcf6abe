package org.futexlab.linux;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.futexlab.linux.kernel.futex.HashBucket;
import org.futexlab.linux.kernel.locking.Lockdep;
import org.futexlab.linux.kernel.printk.Dmesg;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.MmStruct;

/**
 * One booted model kernel: its configuration, which fixes are reverted, its log, its tasks and address
 * spaces, and the global futex hash. A scenario boots a fresh one for every schedule.
 */
public final class Kernel {
    private final KernelConfig config;
    private final Patches patches;
    private final Dmesg dmesg;
    private final Lockdep lockdep;
    private final AtomicInteger nextPid = new AtomicInteger(100);
    private final AtomicInteger nextMm = new AtomicInteger(1);
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<Integer, Task> tasks = new ConcurrentHashMap<>();
    /** The thread-group leader of each process, by its address space. */
    private final ConcurrentHashMap<MmStruct, Task> leaders = new ConcurrentHashMap<>();
    private final HashBucket[] futexQueues;
    /**
     * CLOCK_REALTIME at boot, fixed so that a run stays a pure function of its schedule: 2026-11-21T00:00Z.
     */
    public static final long REALTIME_AT_BOOT_NS = 1_795_219_200L * 1_000_000_000L;

    /** System.nanoTime() at the first clock read by a task; the clock reads 0 until then. */
    private volatile long bootNanos = Long.MIN_VALUE;

    private Kernel(KernelConfig config, Patches patches) {
        this.config = config;
        this.patches = patches;
        this.dmesg = new Dmesg(this::ktimeGet);
        this.lockdep = new Lockdep(this);
        this.futexQueues = new HashBucket[config.futexHashBuckets()];
        for (int i = 0; i < futexQueues.length; i++) {
            futexQueues[i] = new HashBucket(this, i);
        }
        dmesg.log(null, "Linux model booted: " + config + ", " + patches);
    }

    /** @return a fresh kernel */
    public static Kernel boot(KernelConfig config, Patches patches) {
        return new Kernel(config, patches);
    }

    public KernelConfig config() {
        return config;
    }

    public Patches patches() {
        return patches;
    }

    /** Shorthand for {@code patches().reverted(fix)}. */
    public boolean reverted(Fix fix) {
        return patches.reverted(fix);
    }

    public Dmesg dmesg() {
        return dmesg;
    }

    public Lockdep lockdep() {
        return lockdep;
    }

    /** @return a new, empty address space */
    public MmStruct createMm(String name) {
        return new MmStruct(this, nextMm.getAndIncrement(), name);
    }

    /**
     * Creates a task: a thread of the process that owns the address space mm (the first task created for an mm
     * leads its thread group), or a kernel thread when mm is null. Its uid is {@link #DEFAULT_UID}.
     *
     * @param prio the kernel priority: 0-99 real-time (lower is higher), 100-139 normal, 120 the default
     */
    public Task createTask(String comm, int prio, MmStruct mm) {
        return createTask(comm, prio, mm, DEFAULT_UID);
    }

    /** The uid of tasks created without one. */
    public static final int DEFAULT_UID = 1000;

    /** {@link #createTask(String, int, MmStruct)} with a uid, for permission checks between processes. */
    public Task createTask(String comm, int prio, MmStruct mm, int uid) {
        if (prio < 0 || prio > 139) {
            throw new IllegalArgumentException("prio = " + prio + " is invalid: expected 0-99 (real-time) or "
                    + "100-139 (normal)");
        }
        Task leader = mm == null ? null : leaders.get(mm);
        if (leader != null && leader.uid() != uid) {
            throw new IllegalArgumentException("uid = " + uid + " is invalid for a thread of " + mm
                    + ": its process runs as uid " + leader.uid());
        }
        Task t = new Task(this, nextPid.getAndIncrement(), comm, prio, mm, leader, uid);
        if (mm != null && leader == null) {
            leaders.put(mm, t);
        }
        tasks.put(t.pid(), t);
        return t;
    }

    /** @return the threads of leader's group, in pid order */
    public java.util.List<Task> threadGroup(Task leader) {
        java.util.List<Task> out = new java.util.ArrayList<>();
        for (Task t : tasks.values()) {
            if (t.groupLeader() == leader) {
                out.add(t);
            }
        }
        out.sort(java.util.Comparator.comparingInt(Task::pid));
        return out;
    }

    /**
     * find_task_by_vpid().
     *
     * @return the task with that pid (a zombie included: it is not reaped), or null
     */
    public Task findTaskByVpid(int pid) {
        return tasks.get(pid);
    }

    /** @return the futex hash bucket array (kernel/futex/core.c: futex_queues) */
    public HashBucket[] futexQueues() {
        return futexQueues;
    }

    /** @return the next value of a kernel-wide sequence, for deterministic FIFO order among equals */
    public long nextSequence() {
        return sequence.incrementAndGet();
    }

    /**
     * @return CLOCK_MONOTONIC in ns since boot: the controlled scheduler's virtual time. A scenario boots its
     *     kernel while setting up, outside any task and outside virtual time, so the clock starts at the first
     *     read made by a task; reads before that (the boot message) see 0.
     */
    public long ktimeGet() {
        if (Task.currentOrNull() == null && bootNanos == Long.MIN_VALUE) {
            return 0;
        }
        long now = System.nanoTime();
        if (bootNanos == Long.MIN_VALUE) {
            bootNanos = now;
        }
        return now - bootNanos;
    }

    /** @return CLOCK_REALTIME in ns */
    public long ktimeGetReal() {
        return ktimeGet() + REALTIME_AT_BOOT_NS;
    }

    /** @return CLOCK_REALTIME minus CLOCK_MONOTONIC */
    public long realtimeOffset() {
        return REALTIME_AT_BOOT_NS;
    }
}
