package org.futexlab.linux.uapi;

/** include/uapi/linux/userfaultfd.h: the API version, features, registration modes and the fault event. */
public final class UserfaultfdAbi {
    private UserfaultfdAbi() {}

    public static final long UFFD_API = 0xAA;
    /** Raise SIGBUS at once instead of waiting for the monitor. */
    public static final long UFFD_FEATURE_SIGBUS = 1L << 7;
    public static final long UFFD_API_FEATURES = UFFD_FEATURE_SIGBUS;

    public static final int UFFDIO_REGISTER_MODE_MISSING = 1;
    public static final int UFFDIO_REGISTER_MODE_WP = 2;
    public static final int UFFDIO_REGISTER_MODE_MINOR = 4;

    /** UFFDIO_COPY / UFFDIO_ZEROPAGE mode: install without waking the faulting threads. */
    public static final int UFFDIO_COPY_MODE_DONTWAKE = 1;

    public static final int UFFD_EVENT_PAGEFAULT = 0x12;

    /** userfaultfd(2) flags: O_CLOEXEC, O_NONBLOCK. */
    public static final int O_CLOEXEC = 0x80000, O_NONBLOCK = 0x800;
}
