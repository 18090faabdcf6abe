package org.futexlab.linux.fs.userfaultfd;

import org.futexlab.linux.testing.UserMemory;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongSupplier;
import org.futexlab.linux.Kernel;
import org.futexlab.linux.KernelConfig;
import org.futexlab.linux.Patches;
import org.futexlab.linux.kernel.sched.Task;
import org.futexlab.linux.mm.Memory;
import org.futexlab.linux.mm.MmStruct;
import org.futexlab.linux.uapi.Errno;
import org.futexlab.linux.uapi.Mman;
import org.futexlab.linux.uapi.UserfaultfdAbi;
import org.futexlab.linux.userspace.Libc;
import org.junit.jupiter.api.Test;

/** userfaultfd(2) and its ioctls: their errno (docs/model.md C.7) and what a resolved fault reads. */
class UserfaultfdConformanceTest {
    private final Kernel k = Kernel.boot(KernelConfig.defaults(), Patches.upstream());
    private final MmStruct mm = k.createMm("app");
    private final long area = UserMemory.page(mm);
    private final long src = UserMemory.page(mm);
    private final Task m = k.createTask("M", 120, mm);

    private long call(LongSupplier c) {
        long[] r = {Long.MIN_VALUE};
        try {
            m.run(() -> r[0] = c.getAsLong());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return r[0];
    }

    @Test
    void theApiIsNegotiatedOnceAndTheRangeMustBeMappedAndAligned() {
        assertThat(call(() -> Libc.userfaultfd(0x1))).as("unknown flag").isEqualTo(-Errno.EINVAL);
        int fd = (int) call(() -> Libc.userfaultfd(UserfaultfdAbi.O_NONBLOCK));
        assertThat(fd).isPositive();
        assertThat(call(() -> Libc.uffdioRegister(fd, area, Mman.PAGE_SIZE, 1))).as("before UFFDIO_API")
                .isEqualTo(-Errno.EINVAL);
        assertThat(call(() -> Libc.uffdioApi(fd, 0xAB, 0))).isEqualTo(-Errno.EINVAL);
        assertThat(call(() -> Libc.uffdioApi(fd, UserfaultfdAbi.UFFD_API, 1L << 40))).isEqualTo(-Errno.EINVAL);
        assertThat(call(() -> Libc.uffdioApi(fd, UserfaultfdAbi.UFFD_API, 0))).isZero();
        assertThat(call(() -> Libc.uffdioApi(fd, UserfaultfdAbi.UFFD_API, 0))).as("twice").isEqualTo(-Errno.EINVAL);
        assertThat(call(() -> Libc.uffdioRegister(fd, area + 8, Mman.PAGE_SIZE, 1))).isEqualTo(-Errno.EINVAL);
        assertThat(call(() -> Libc.uffdioRegister(fd, 0x1000, Mman.PAGE_SIZE, 1))).isEqualTo(-Errno.ENOMEM);
        assertThat(call(() -> Libc.uffdioRegister(fd, area, Mman.PAGE_SIZE, 1))).isZero();
        assertThat(call(() -> Libc.readUffd(fd))).as("nothing pending, O_NONBLOCK").isEqualTo(-Errno.EAGAIN);
        assertThat(call(() -> Libc.uffdioApi(99, UserfaultfdAbi.UFFD_API, 0))).isEqualTo(-Errno.EBADF);
    }

    @Test
    void copyInstallsOnceAndOnlyInARegisteredRange() {
        Memory.accessProcessVm(mm, src, 42, true);
        int fd = (int) call(() -> Libc.userfaultfd(0));
        call(() -> Libc.uffdioApi(fd, UserfaultfdAbi.UFFD_API, 0));
        assertThat(call(() -> Libc.uffdioCopy(fd, area, src, Mman.PAGE_SIZE, 0))).as("not registered")
                .isEqualTo(-Errno.ENOENT);
        call(() -> Libc.uffdioRegister(fd, area, Mman.PAGE_SIZE, 1));
        assertThat(call(() -> Libc.uffdioCopy(fd, area, src, 100, 0))).isEqualTo(-Errno.EINVAL);
        assertThat(call(() -> Libc.uffdioCopy(fd, area, src, Mman.PAGE_SIZE, 0))).isEqualTo(Mman.PAGE_SIZE);
        assertThat(call(() -> Libc.uffdioCopy(fd, area, src, Mman.PAGE_SIZE, 0))).isEqualTo(-Errno.EEXIST);
        assertThat(call(() -> Libc.load(area))).isEqualTo(42);
        assertThat(call(() -> Libc.uffdioWake(fd, area, Mman.PAGE_SIZE))).isZero();
    }

    @Test
    void aFaultWithoutRetryOrWithFeatureSigbusIsASigbus() {
        int fd = (int) call(() -> Libc.userfaultfd(0));
        call(() -> Libc.uffdioApi(fd, UserfaultfdAbi.UFFD_API, UserfaultfdAbi.UFFD_FEATURE_SIGBUS));
        call(() -> Libc.uffdioRegister(fd, area, Mman.PAGE_SIZE, 1));
        assertThat(call(() -> {
            try {
                Libc.load(area);
                return 0;
            } catch (Libc.Sigbus e) {
                return 1;
            }
        })).as("UFFD_FEATURE_SIGBUS: at once, and not a C-S1 case").isEqualTo(1);
        assertThat(k.dmesg().isClean()).isTrue();
        assertThat(Memory.accessProcessVm(mm, area, 0, false)).as("a kernel access that may not sleep")
                .isEqualTo(-Errno.EFAULT);
    }

    @Test
    void closingTheFileReleasesTheRange() {
        int fd = (int) call(() -> Libc.userfaultfd(0));
        call(() -> Libc.uffdioApi(fd, UserfaultfdAbi.UFFD_API, 0));
        call(() -> Libc.uffdioRegister(fd, area, Mman.PAGE_SIZE, 1));
        assertThat(call(() -> Libc.closeUffd(fd))).isZero();
        assertThat(call(() -> Libc.load(area))).as("a normal fault again").isZero();
        assertThat(call(() -> Libc.closeUffd(fd))).isEqualTo(-Errno.EBADF);
    }
}
