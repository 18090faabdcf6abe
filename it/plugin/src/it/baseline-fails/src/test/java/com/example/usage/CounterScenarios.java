package com.example.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.mutex.ParkingMutex;
import java.util.concurrent.atomic.AtomicInteger;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;

class CounterScenarios {
    @KernelScenario(detects = ParkingMutex.PEEK_BEFORE_RELEASE)
    void lockedIncrementsAllLand(Scenario s) {
        ParkingMutex m = new ParkingMutex(s.variants().isActive(ParkingMutex.PEEK_BEFORE_RELEASE));
        AtomicInteger hits = new AtomicInteger();
        for (String name : new String[] {"a", "b"}) {
            s.thread(name, () -> {
                m.lock();
                hits.set(hits.get() + 1);
                m.unlock();
            });
        }
        s.check("both land", () -> assertEquals(2, hits.get()));
    }

    /** The user forgot the mutex: this fails with every fix applied. */
    @KernelScenario
    void unlockedIncrementsAllLand(Scenario s) {
        AtomicInteger hits = new AtomicInteger();
        s.thread("a", () -> hits.set(hits.get() + 1));
        s.thread("b", () -> hits.set(hits.get() + 1));
        s.check("both land", () -> assertEquals(2, hits.get()));
    }
}
