package org.futexlab.maven.samples;

import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Scenario;
import org.junit.jupiter.api.TestInfo;

/** Scanned by ForkAndScanTest (never run: Surefire's includes do not match it). */
class SampleScenarios {
    @KernelScenario(detects = "v-one")
    void plain(Scenario s) {}

    @KernelScenario
    void withTestInfo(Scenario s, TestInfo info) {}

    void notAScenario() {}
}
