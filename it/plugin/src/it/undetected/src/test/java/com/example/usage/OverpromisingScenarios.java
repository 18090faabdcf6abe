package com.example.usage;

import com.example.mutex.ParkingMutex;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;

/** Declares a detection it cannot make: no thread ever waits, so the variant's code never runs. */
class OverpromisingScenarios {
    @KernelScenario(detects = ParkingMutex.PEEK_BEFORE_RELEASE)
    void tryLockOnly(Scenario s) {
        ParkingMutex m = new ParkingMutex(s.variants().isActive(ParkingMutex.PEEK_BEFORE_RELEASE));
        for (String name : new String[] {"a", "b"}) {
            s.thread(name, () -> {
                if (m.tryLock()) {
                    m.unlock();
                }
            });
        }
    }
}
