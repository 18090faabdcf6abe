package com.example.usage;

import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;

/** Selected only by the invocation that checks detects ids (-Dfutex.scenarios=MisspeltScenarios). */
class MisspeltScenarios {
    @KernelScenario(detects = "mutex-peek-before-relase")
    void misspeltDetects(Scenario s) {
        s.thread("a", () -> {});
    }
}
