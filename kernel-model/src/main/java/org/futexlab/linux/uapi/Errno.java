package org.futexlab.linux.uapi;

/**
 * Error numbers (include/uapi/asm-generic/errno-base.h, errno.h) and the kernel-internal restart codes
 * (include/linux/errno.h). Kernel functions return them negated, as the kernel does.
 */
public final class Errno {
    private Errno() {}

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EWOULDBLOCK = EAGAIN;
    public static final int ENOMEM = 12;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int EDEADLK = 35;
    public static final int ENOSYS = 38;
    public static final int ETIMEDOUT = 110;
    public static final int EOWNERDEAD = 130;
    public static final int ENOTRECOVERABLE = 131;
    /** Kernel-internal: restart the system call unless the handler says otherwise; never seen by user space. */
    public static final int ERESTARTSYS = 512;
    /** Kernel-internal: always restart the system call after the signal handler. */
    public static final int ERESTARTNOINTR = 513;

    /** @return the symbolic name of an error number (positive or negated), for reports */
    public static String name(long err) {
        long e = Math.abs(err);
        switch ((int) e) {
            case 0: return "0";
            case EPERM: return "EPERM";
            case ENOENT: return "ENOENT";
            case ESRCH: return "ESRCH";
            case EBADF: return "EBADF";
            case EINTR: return "EINTR";
            case EAGAIN: return "EAGAIN";
            case ENOMEM: return "ENOMEM";
            case EFAULT: return "EFAULT";
            case EBUSY: return "EBUSY";
            case EEXIST: return "EEXIST";
            case EINVAL: return "EINVAL";
            case ENOSPC: return "ENOSPC";
            case EDEADLK: return "EDEADLK";
            case ENOSYS: return "ENOSYS";
            case ETIMEDOUT: return "ETIMEDOUT";
            case EOWNERDEAD: return "EOWNERDEAD";
            case ENOTRECOVERABLE: return "ENOTRECOVERABLE";
            case ERESTARTSYS: return "ERESTARTSYS";
            case ERESTARTNOINTR: return "ERESTARTNOINTR";
            default: return "errno " + e;
        }
    }

    /** @return "-EINVAL" for -22, the value itself when not negative */
    public static String describe(long ret) {
        return ret < 0 ? "-" + name(ret) : Long.toString(ret);
    }
}
