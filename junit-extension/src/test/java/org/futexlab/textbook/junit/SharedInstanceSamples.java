package org.futexlab.textbook.junit;

import org.junit.jupiter.api.TestInstance;

/**
 * {@link FreshInstanceSamples}' scenario with one instance for every schedule: each schedule builds its state in
 * the instance's field, so two schedules at once would count into each other's counter. KernelScenarioTest runs
 * it with futex.parallelism above 1.
 */
@OnlyInTestKit
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedInstanceSamples extends FreshInstanceSamples {}
