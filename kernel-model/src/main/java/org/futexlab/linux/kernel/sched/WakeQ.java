package org.futexlab.linux.kernel.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * struct wake_q_head: wake-ups collected under locks and issued after they are dropped. A task may sit on a
 * wake queue after the reason for waking it has gone, which is one source of spurious wake-ups.
 */
public final class WakeQ {
    private final List<Task> tasks = new ArrayList<>();
    private final List<Integer> states = new ArrayList<>();

    /** wake_q_add(). */
    public void add(Task t) {
        addState(t, Task.TASK_NORMAL);
    }

    /** wake_q_add() for an RT lock waiter (rt_mutex_wake_q_add with TASK_RTLOCK_WAIT). */
    public void addState(Task t, int state) {
        if (!tasks.contains(t)) {
            tasks.add(t);
            states.add(state);
        }
    }

    /** @return whether nothing is queued */
    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    /** wake_up_q(). */
    public void wakeUpQ() {
        for (int i = 0; i < tasks.size(); i++) {
            Sched.wakeUpState(tasks.get(i), states.get(i));
        }
        tasks.clear();
        states.clear();
    }
}
