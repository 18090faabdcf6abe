/**
 * Not a kernel directory: the user space of the model, a small glibc. System-call wrappers and user-mode memory
 * access ({@link org.futexlab.linux.userspace.Libc}), and the mutexes built on them: a plain futex mutex, a
 * priority-inheritance mutex and a robust mutex with the legacy or the 2026 robust unlock.
 */
package org.futexlab.linux.userspace;
