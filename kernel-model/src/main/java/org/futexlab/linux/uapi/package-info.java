/**
 * include/uapi: the Linux ABI the model's system calls speak: futex operations, word bits and FUTEX_OP
 * encoding, the robust-list layouts and the proposed set_robust_list2 constants, mmap flags, userfaultfd's API,
 * and error numbers (docs/model.md G).
 */
package org.futexlab.linux.uapi;
