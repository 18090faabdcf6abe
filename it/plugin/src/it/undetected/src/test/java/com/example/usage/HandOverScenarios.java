package com.example.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.mutex.ParkingMutex;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;

class HandOverScenarios {
    @KernelScenario(detects = ParkingMutex.PEEK_BEFORE_RELEASE)
    void bothCriticalSectionsRun(Scenario s) {
        ParkingMutex m = new ParkingMutex(s.variants().isActive(ParkingMutex.PEEK_BEFORE_RELEASE));
        int[] runs = {0};
        for (String name : new String[] {"a", "b"}) {
            s.thread(name, () -> {
                m.lock();
                runs[0]++;
                m.unlock();
            });
        }
        s.check("both ran", () -> assertEquals(2, runs[0]));
    }
}
