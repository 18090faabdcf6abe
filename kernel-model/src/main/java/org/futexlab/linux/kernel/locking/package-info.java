/**
 * kernel/locking: raw spinlocks, spinlock_t (a raw spinlock, or on PREEMPT_RT an rtlock, spinlock_rt.c), the
 * rt_mutex with priority inheritance and its PI chain walk (rtmutex.c, rtmutex_api.c), the rw-semaphore behind
 * mmap_lock, and a small lockdep (docs/model.md 0.2, 0.7, A.1).
 */
package org.futexlab.linux.kernel.locking;
