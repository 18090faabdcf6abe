package com.example.usage;

import com.example.mutex.ParkingMutex;
import com.example.mutex.scenarios.ContendedMutex;
import java.util.concurrent.TimeUnit;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForkScenarios {
    @Order(1)
    @KernelScenario(detects = ParkingMutex.PEEK_BEFORE_RELEASE)
    void bothCriticalSectionsRun(Scenario s) {
        ContendedMutex.bothCriticalSectionsRun(s);
    }

    /** Runs second, so the broken runs already hold one result each. */
    @Order(2)
    @KernelScenario
    void breaksTheFork(Scenario s) {
        if (s.variants().isActive("it-fork-crashes")) {
            System.err.println("ForkScenarios: the JVM halts now, as a crash would");
            Runtime.getRuntime().halt(134);
        }
        if (s.variants().isActive("it-fork-hangs")) {
            System.err.println("ForkScenarios: this run sleeps until it is killed");
            // TimeUnit's sleep is the JDK's own call, not rewritten: a real, unbounded wait outside the scheduler.
            while (true) {
                try {
                    TimeUnit.HOURS.sleep(1);
                } catch (InterruptedException e) {
                    // keep hanging: only the plugin's forkTimeout may end this run
                }
            }
        }
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        s.thread("a", () -> ran.incrementAndGet()); // a thread with no scheduling point would make the result an error
    }
}
