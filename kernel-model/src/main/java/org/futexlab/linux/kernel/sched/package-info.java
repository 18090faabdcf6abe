/**
 * kernel/sched and kernel/signal.c: tasks, their states, sleeping and waking (schedule() on the JDK's park, so
 * wake-ups can be spurious), wake queues, timeouts, signals, and the atomic-context counters with might_sleep()
 * (docs/model.md 0.3, 0.4, 0.8).
 */
package org.futexlab.linux.kernel.sched;
