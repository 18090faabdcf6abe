package org.futexlab.linux;

/**
 * The kernel configuration a scenario boots: the configuration options and architecture traits the modelled
 * bugs depend on. Immutable; each {@code with} method returns a copy.
 */
public final class KernelConfig {
    /** How page-table dirty and young bits are maintained. */
    public enum DirtyTracking {
        /** By the hardware (x86): access permission does not depend on dirty or young. */
        HW,
        /** In software (classic ARM, embedded PowerPC): a clean PTE is read-only, an old PTE inaccessible. */
        SW
    }

    /** The arch page-fault retry loop (section C of the semantics). */
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

    private final boolean preemptRt;
    private final boolean debugAtomicSleep;
    private final boolean proveLocking;
    private final DirtyTracking dirtyTracking;
    private final boolean compat;
    private final boolean futexPi;
    private final int futexHashBuckets;
    private final FaultRetryPolicy faultRetryPolicy;
    private final Arch arch;
    private final boolean writeOnlyMappings;

    private KernelConfig(boolean preemptRt, boolean debugAtomicSleep, boolean proveLocking,
            DirtyTracking dirtyTracking, boolean compat, boolean futexPi, int futexHashBuckets,
            FaultRetryPolicy faultRetryPolicy, Arch arch, boolean writeOnlyMappings) {
        if (futexHashBuckets < 1 || Integer.bitCount(futexHashBuckets) != 1) {
            throw new IllegalArgumentException("futexHashBuckets = " + futexHashBuckets
                    + " is invalid: expected a power of two >= 1");
        }
        this.preemptRt = preemptRt;
        this.debugAtomicSleep = debugAtomicSleep;
        this.proveLocking = proveLocking;
        this.dirtyTracking = dirtyTracking;
        this.compat = compat;
        this.futexPi = futexPi;
        this.futexHashBuckets = futexHashBuckets;
        this.faultRetryPolicy = faultRetryPolicy;
        this.arch = arch;
        this.writeOnlyMappings = writeOnlyMappings;
    }

    /**
     * @return x86_64, !PREEMPT_RT, DEBUG_ATOMIC_SLEEP and PROVE_LOCKING on, hardware dirty tracking, COMPAT,
     *     FUTEX_PI, 16 hash buckets, unbounded fault retry
     */
    public static KernelConfig defaults() {
        return new KernelConfig(false, true, true, DirtyTracking.HW, true, true, 16, FaultRetryPolicy.UNBOUNDED,
                Arch.X86_64, false);
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

    public boolean compat() {
        return compat;
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

    public KernelConfig preemptRt(boolean v) {
        return new KernelConfig(v, debugAtomicSleep, proveLocking, dirtyTracking, compat, futexPi,
                futexHashBuckets, faultRetryPolicy, arch, writeOnlyMappings);
    }

    public KernelConfig debugAtomicSleep(boolean v) {
        return new KernelConfig(preemptRt, v, proveLocking, dirtyTracking, compat, futexPi, futexHashBuckets,
                faultRetryPolicy, arch, writeOnlyMappings);
    }

    public KernelConfig proveLocking(boolean v) {
        return new KernelConfig(preemptRt, debugAtomicSleep, v, dirtyTracking, compat, futexPi, futexHashBuckets,
                faultRetryPolicy, arch, writeOnlyMappings);
    }

    public KernelConfig dirtyTracking(DirtyTracking v) {
        return new KernelConfig(preemptRt, debugAtomicSleep, proveLocking, v, compat, futexPi, futexHashBuckets,
                faultRetryPolicy, arch, writeOnlyMappings);
    }

    public KernelConfig compat(boolean v) {
        return new KernelConfig(preemptRt, debugAtomicSleep, proveLocking, dirtyTracking, v, futexPi,
                futexHashBuckets, faultRetryPolicy, arch, writeOnlyMappings);
    }

    public KernelConfig futexPi(boolean v) {
        return new KernelConfig(preemptRt, debugAtomicSleep, proveLocking, dirtyTracking, compat, v,
                futexHashBuckets, faultRetryPolicy, arch, writeOnlyMappings);
    }

    /** @param v buckets in the futex hash (a power of two); 1 makes every futex share one bucket */
    public KernelConfig futexHashBuckets(int v) {
        return new KernelConfig(preemptRt, debugAtomicSleep, proveLocking, dirtyTracking, compat, futexPi, v,
                faultRetryPolicy, arch, writeOnlyMappings);
    }

    public KernelConfig faultRetryPolicy(FaultRetryPolicy v) {
        return new KernelConfig(preemptRt, debugAtomicSleep, proveLocking, dirtyTracking, compat, futexPi,
                futexHashBuckets, v, arch, writeOnlyMappings);
    }

    public KernelConfig arch(Arch v) {
        return new KernelConfig(preemptRt, debugAtomicSleep, proveLocking, dirtyTracking, v == Arch.X86_64,
                futexPi, futexHashBuckets, faultRetryPolicy, v, writeOnlyMappings);
    }

    public KernelConfig writeOnlyMappings(boolean v) {
        return new KernelConfig(preemptRt, debugAtomicSleep, proveLocking, dirtyTracking, compat, futexPi,
                futexHashBuckets, faultRetryPolicy, arch, v);
    }

    @Override
    public String toString() {
        return arch + (preemptRt ? " PREEMPT_RT" : "") + (debugAtomicSleep ? " DEBUG_ATOMIC_SLEEP" : "")
                + (proveLocking ? " PROVE_LOCKING" : "") + " dirty=" + dirtyTracking + (compat ? " COMPAT" : "")
                + (futexPi ? "" : " !FUTEX_PI") + " buckets=" + futexHashBuckets + " retry=" + faultRetryPolicy
                + (writeOnlyMappings ? " write-only-mappings" : "");
    }
}
