package com.example.usage;

import com.example.mutex.ParkingMutex;
import com.example.mutex.scenarios.ContendedMutex;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;

class MutexScenarios {
    @KernelScenario(detects = ParkingMutex.PEEK_BEFORE_RELEASE)
    void bothCriticalSectionsRun(Scenario s) {
        ContendedMutex.bothCriticalSectionsRun(s);
    }
}
