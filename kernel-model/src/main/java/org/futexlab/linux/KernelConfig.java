package org.futexlab.linux;

/**
 * The kernel configuration a scenario boots: the configuration options and architecture traits the modelled
 * bugs depend on, and one trait of the host the model runs on ({@link #parkReturnWakes}). Immutable; each
 * wither returns a copy.
 */
public final class KernelConfig implements Cloneable {
    /** How page-table dirty and young bits are maintained. */
    public enum DirtyTracking {
        /** By the hardware (x86): access permission does not depend on dirty or young. */
        HW,
        /** In software (classic ARM, embedded PowerPC): a clean PTE is read-only, an old PTE inaccessible. */
        SW
    }

    /** The arch page-fault retry loop (docs/model.md C.2). */
    public enum FaultRetryPolicy {
        /** Up to v5.6: VM_FAULT_RETRY is allowed once, then FAULT_FLAG_TRIED. */
        ONCE,
        /** From v5.7 (4064b9827063): retry as often as the handler asks. */
        UNBOUNDED
    }

    /** The host architecture. */
    public enum Arch {
        /** x86_64: has a compat (32-bit) entry for set_robust_list. */
        X86_64,
        /** arm64: no compat entry; no hardware permission for write-only mappings unless {@link #writeOnlyMappings}. */
        ARM64
    }

    // Immutable to its users: every wither returns a changed copy.
    private boolean preemptRt;
    private boolean debugAtomicSleep;
    private boolean proveLocking;
    private DirtyTracking dirtyTracking;
    private boolean compat;
    private boolean futexPi;
    private int futexHashBuckets;
    private FaultRetryPolicy faultRetryPolicy;
    private Arch arch;
    private boolean writeOnlyMappings;
    private boolean dynamicXfeatures;
    private boolean parkReturnWakes;

    private KernelConfig() {}

    /** A field-for-field copy: every field is a primitive or an enum, so a new option cannot be forgotten here. */
    private KernelConfig copy() {
        try {
            return (KernelConfig) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * @return x86_64, !PREEMPT_RT, DEBUG_ATOMIC_SLEEP and PROVE_LOCKING on, hardware dirty tracking, COMPAT,
     *     FUTEX_PI, 16 hash buckets, unbounded fault retry
     */
    public static KernelConfig defaults() {
        KernelConfig c = new KernelConfig();
        c.debugAtomicSleep = true;
        c.proveLocking = true;
        c.dirtyTracking = DirtyTracking.HW;
        c.compat = true;
        c.futexPi = true;
        c.futexHashBuckets = 16;
        c.faultRetryPolicy = FaultRetryPolicy.UNBOUNDED;
        c.arch = Arch.X86_64;
        c.parkReturnWakes = true;
        return c;
    }

    /** @return {@link #defaults()} with PREEMPT_RT */
    public static KernelConfig preemptRtDefaults() {
        return defaults().preemptRt(true);
    }

    public boolean preemptRt() {
        return preemptRt;
    }

    public boolean debugAtomicSleep() {
        return debugAtomicSleep;
    }

    public boolean proveLocking() {
        return proveLocking;
    }

    public DirtyTracking dirtyTracking() {
        return dirtyTracking;
    }

    /** @return CONFIG_COMPAT: the option is set and the host is x86_64 (arm64 has no entry for x86 programs) */
    public boolean compat() {
        return compat && arch == Arch.X86_64;
    }

    public boolean futexPi() {
        return futexPi;
    }

    public int futexHashBuckets() {
        return futexHashBuckets;
    }

    public FaultRetryPolicy faultRetryPolicy() {
        return faultRetryPolicy;
    }

    public Arch arch() {
        return arch;
    }

    /** @return whether mappings with PROT_WRITE but no PROT_READ are write-only in hardware (MIPS RIXI) */
    public boolean writeOnlyMappings() {
        return writeOnlyMappings;
    }

    /** @return whether the CPU has dynamically enabled xstate features (x86 AMX): fpu_state_size_dynamic() */
    public boolean dynamicXfeatures() {
        return dynamicXfeatures;
    }

    public KernelConfig preemptRt(boolean v) {
        KernelConfig c = copy();
        c.preemptRt = v;
        return c;
    }

    public KernelConfig debugAtomicSleep(boolean v) {
        KernelConfig c = copy();
        c.debugAtomicSleep = v;
        return c;
    }

    public KernelConfig proveLocking(boolean v) {
        KernelConfig c = copy();
        c.proveLocking = v;
        return c;
    }

    public KernelConfig dirtyTracking(DirtyTracking v) {
        KernelConfig c = copy();
        c.dirtyTracking = v;
        return c;
    }

    public KernelConfig compat(boolean v) {
        KernelConfig c = copy();
        c.compat = v;
        return c;
    }

    public KernelConfig futexPi(boolean v) {
        KernelConfig c = copy();
        c.futexPi = v;
        return c;
    }

    /** @param v buckets in the futex hash (a power of two); 1 makes every futex share one bucket */
    public KernelConfig futexHashBuckets(int v) {
        if (v < 1 || Integer.bitCount(v) != 1) {
            throw new IllegalArgumentException("futexHashBuckets = " + v + " is invalid: expected a power of two >= 1");
        }
        KernelConfig c = copy();
        c.futexHashBuckets = v;
        return c;
    }

    public KernelConfig faultRetryPolicy(FaultRetryPolicy v) {
        KernelConfig c = copy();
        c.faultRetryPolicy = v;
        return c;
    }

    /** Sets the architecture; {@link #compat()} holds only on x86_64, whatever the order of the withers. */
    public KernelConfig arch(Arch v) {
        KernelConfig c = copy();
        c.arch = v;
        return c;
    }

    public KernelConfig writeOnlyMappings(boolean v) {
        KernelConfig c = copy();
        c.writeOnlyMappings = v;
        return c;
    }

    /** @param v the CPU has dynamically enabled xstate features (x86 AMX), so fork inherits FPU permissions */
    public KernelConfig dynamicXfeatures(boolean v) {
        KernelConfig c = copy();
        c.dynamicXfeatures = v;
        return c;
    }

    /** @return whether a sleeping task's carrier returning from park counts as a wake-up; see the wither */
    public boolean parkReturnWakes() {
        return parkReturnWakes;
    }

    /**
     * Not a kernel option but the host the model runs on. On (the default), a sleeping task whose carrier thread
     * returns from park without a waker is woken spuriously, which is how the controlled scheduler's bounded
     * spurious wake-ups reach the model. Off, schedule() sleeps until a waker makes the task runnable, as the
     * kernel's does: for harnesses that return from park at will (Lincheck's model checking), where a sleeper
     * re-taking its lock on every such return would look like a livelock.
     */
    public KernelConfig parkReturnWakes(boolean v) {
        KernelConfig c = copy();
        c.parkReturnWakes = v;
        return c;
    }

    @Override
    public String toString() {
        return arch + (preemptRt ? " PREEMPT_RT" : "") + (debugAtomicSleep ? " DEBUG_ATOMIC_SLEEP" : "")
                + (proveLocking ? " PROVE_LOCKING" : "") + " dirty=" + dirtyTracking + (compat() ? " COMPAT" : "")
                + (futexPi ? "" : " !FUTEX_PI") + " buckets=" + futexHashBuckets + " retry=" + faultRetryPolicy
                + (writeOnlyMappings ? " write-only-mappings" : "") + (dynamicXfeatures ? " AMX" : "")
                + (parkReturnWakes ? "" : " park-returns-ignored");
    }
}
