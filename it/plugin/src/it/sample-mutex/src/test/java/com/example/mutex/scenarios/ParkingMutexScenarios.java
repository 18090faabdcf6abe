package com.example.mutex.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.mutex.ParkingMutex;
import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;

class ParkingMutexScenarios {
    @KernelScenario(detects = ParkingMutex.PEEK_BEFORE_RELEASE)
    void contendedUnlockWakesTheWaiter(Scenario s) {
        ContendedMutex.bothCriticalSectionsRun(s);
    }

    /** Written for no variant: no thread ever waits, so the variant's code never runs, and this passes under it. */
    @KernelScenario
    void tryLockIsExclusive(Scenario s) {
        ParkingMutex m = new ParkingMutex(s.variants().isActive(ParkingMutex.PEEK_BEFORE_RELEASE));
        AtomicInteger inside = new AtomicInteger();
        for (String name : new String[] {"a", "b"}) {
            s.thread(name, () -> {
                if (m.tryLock()) {
                    assertTrue(inside.incrementAndGet() == 1, "two owners");
                    inside.decrementAndGet();
                    m.unlock();
                }
            });
        }
    }
}
