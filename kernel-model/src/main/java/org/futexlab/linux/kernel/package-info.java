/**
 * kernel/: process life cycle as far as futexes need it: fork (kernel/fork.c) and exit (kernel/exit.c, with the
 * exit-to-user path where a fatal signal kills a task and the robust-unlock clean-up runs).
 */
package org.futexlab.linux.kernel;
