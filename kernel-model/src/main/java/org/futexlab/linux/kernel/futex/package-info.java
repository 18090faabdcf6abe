/**
 * kernel/futex: futex keys and the hash (core.c), wait and wake (waitwake.c), PI futexes (pi.c), requeue and
 * requeue-PI (requeue.c), the system calls (syscalls.c), and the robust-list exit walk with the 2026 robust unlock
 * and the proposed set_robust_list2 (docs/model.md W, A, R, E).
 */
package org.futexlab.linux.kernel.futex;
