/**
 * The executable model of the Linux kernel's futex machinery: {@link org.futexlab.linux.Kernel} boots one model
 * kernel with a {@link org.futexlab.linux.KernelConfig} (the configuration options and architecture traits the
 * modelled bugs depend on) and {@link org.futexlab.linux.Patches} (which upstream fixes, {@link
 * org.futexlab.linux.Fix}, are reverted: the variants). The subpackages mirror the kernel's source directories;
 * docs/model.md is the design document every citation in them points at.
 */
package org.futexlab.linux;
