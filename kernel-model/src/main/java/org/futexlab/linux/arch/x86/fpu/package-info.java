/**
 * arch/x86/kernel/fpu: the x86 FPU state of a thread, the process's permissions for dynamically enabled xstate
 * features (AMX), their copy into a child at clone (fpu_clone(), the x86-fpu-clone-inherit-perms variant) and
 * arch_prctl()'s permission requests (docs/model.md B).
 */
package org.futexlab.linux.arch.x86.fpu;
