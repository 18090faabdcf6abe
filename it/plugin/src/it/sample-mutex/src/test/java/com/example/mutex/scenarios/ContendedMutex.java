package com.example.mutex.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.mutex.ParkingMutex;
import org.futexlab.junit.Scenario;

/** Scenario bodies on ParkingMutex, shared with the other IT projects through this project's test-jar. */
public final class ContendedMutex {
    private ContendedMutex() {}

    /** Two threads lock, count and unlock: both critical sections run, unless an unlock loses the waiter. */
    public static void bothCriticalSectionsRun(Scenario s) {
        ParkingMutex m = new ParkingMutex(s.variants().isActive(ParkingMutex.PEEK_BEFORE_RELEASE));
        int[] counter = {0};
        for (String name : new String[] {"a", "b"}) {
            s.thread(name, () -> {
                m.lock();
                counter[0]++;
                m.unlock();
            });
        }
        s.check("both critical sections ran", () -> assertEquals(2, counter[0]));
    }
}
