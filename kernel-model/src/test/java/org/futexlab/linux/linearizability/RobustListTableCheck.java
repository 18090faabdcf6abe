package org.futexlab.linux.linearizability;

import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.FutexAbi;
import org.futexlab.linux.userspace.Libc;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;

/**
 * The set_robust_list2 table as a concurrent object: each thread's task adds lists to its own table, and any
 * task reads any task's table by index with get_robust_list2. The head of a task's k-th list is a function of
 * (task, k), so the specification knows what a reader must see: the head, or -ENOENT while the list is not
 * there yet; never a half-written entry (E-S6, the publication race of the v2 patch).
 */
public final class RobustListTableCheck extends ModelObject {
    /** Tasks that own tables; the scenario runs this many Lincheck threads. */
    public static final int OWNERS = 2;

    /** The sequential specification: how many lists each task has. */
    public static class Sequential {
        private final int[] lists = new int[TASKS];

        public long add(int tid) {
            return lists[tid] < FutexAbi.ROBUST_LISTS_PER_TASK ? lists[tid]++ : -Errno.EINVAL;
        }

        public long get(int tid, int owner, int index) {
            return index < lists[owner] ? head(0, owner, index) : -Errno.ENOENT;
        }
    }

    /** Where task tid's index-th robust_list_head lives: page-relative, so the specification can name it. */
    static long head(long page, int tid, int index) {
        return page + 512L * tid + 16L * index;
    }

    private final int[] added = new int[TASKS];

    public RobustListTableCheck() {
        super(KernelConfig.defaults());
        // Every owner exists before any thread runs: a reader names its owner by pid.
        for (int t = 0; t < TASKS; t++) {
            task(t);
        }
    }

    @Operation
    public long add(@Param(gen = ThreadIdGen.class) int tid) {
        return as(tid, () -> {
            long r = Libc.setRobustList2(head(page, tid, added[tid]), -1, FutexAbi.ROBUST_LIST_64BIT);
            if (r >= 0) {
                added[tid]++;
            }
            return r;
        });
    }

    /**
     * get_robust_list2(owner's pid, index) from thread tid's task. Owners are the parallel threads' tasks (Lincheck
     * numbers them from 1).
     *
     * @return the head relative to the page
     */
    @Operation
    public long get(@Param(gen = ThreadIdGen.class) int tid, @Param(gen = IntGen.class, conf = "1:2") int owner,
            @Param(gen = IntGen.class, conf = "0:1") int index) {
        return as(tid, () -> {
            long out = page + 3 * 1024 + 8L * tid;
            long r = Libc.getRobustList2(task(owner).pid(), index, out);
            return r == 0 ? Libc.loadPtr(out, false) - page : r;
        });
    }
}
