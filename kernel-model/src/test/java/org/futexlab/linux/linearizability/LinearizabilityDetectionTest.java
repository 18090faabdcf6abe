package org.futexlab.linux.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Settings;
import org.junit.jupiter.api.Test;

/**
 * The detection half of the linearizability checks' twin pairs (Surefire runs the other half, each check on the
 * fixed model): with the set_robust_list2 v2 publication order, a reader's history is not linearizable, and the
 * report shows the splat that says why.
 */
class LinearizabilityDetectionTest {
    @Test
    void theRobustListTableCheckCatchesThePublicationRace() throws Exception {
        KernelScenario ann = LinearizabilityScenarios.class.getDeclaredMethod("robustListTable",
                org.futexlab.junit.Scenario.class).getAnnotation(KernelScenario.class);
        assertThat(ann.detects()).containsExactly("futex-robust-list2-publish");
        Exploration e = FutexLab.explore(LinearizabilityScenarios.class, "robustListTable",
                Settings.of(ann).variants(ann.detects()));
        assertThat(e.passed()).as(e.report()).isFalse();
        Exploration.Failure f = e.failure().orElseThrow();
        assertThat(f.kind()).as(e.report()).isEqualTo("LINEARIZABILITY");
        assertThat(f.headline()).isEqualTo("not linearizable: RobustListTableCheck");
        assertThat(f.details()).as(e.report()).contains("E-S6", "use of uninitialized memory in get_robust_list2");
    }
}
