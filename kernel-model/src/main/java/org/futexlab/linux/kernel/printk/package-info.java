/**
 * kernel/printk: the model's kernel log. Debug checks write splats worded like the kernel's, each tagged with
 * the {@link org.futexlab.linux.kernel.printk.Symptom} it shows (docs/model.md K, S).
 */
package org.futexlab.linux.kernel.printk;
