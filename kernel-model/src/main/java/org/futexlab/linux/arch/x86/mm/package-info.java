/**
 * arch/x86/mm: the page-fault loop for accesses to user memory, do_user_addr_fault(), with its VM_FAULT_RETRY
 * budget (once before v5.7, unbounded since), which userfaultfd's wait depends on (docs/model.md C).
 */
package org.futexlab.linux.arch.x86.mm;
