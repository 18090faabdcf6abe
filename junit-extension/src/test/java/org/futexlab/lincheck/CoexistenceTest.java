package org.futexlab.lincheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lincheck and the Futex Lab transformer in one JVM, in either order (toolchain notes: a transformer installed
 * after Lincheck's first check used to be served Lincheck's cached bytes). Each order runs in a fresh JVM, since
 * this test JVM has long had the agent installed; every step must still find its bug, so both still explore.
 */
class CoexistenceTest {
    @TempDir
    Path tmp;

    @Test
    void lincheckFirstThenAKernelScenarioThenLincheckAgain() throws Exception {
        assertThat(Forks.steps(tmp, e -> true, CoexistenceMain.class, "lincheck", "engine", "lincheck", "bridge"))
                .allMatch(l -> l.contains(": found"), "every step found its bug")
                .extracting(l -> l.substring(0, l.indexOf(':')))
                .containsExactly("STEP lincheck", "STEP engine", "STEP lincheck", "STEP bridge");
    }

    @Test
    void aKernelScenarioFirstThenLincheckThenTheScenarioAgain() throws Exception {
        assertThat(Forks.steps(tmp, e -> true, CoexistenceMain.class, "engine", "lincheck", "engine"))
                .allMatch(l -> l.contains(": found"), "every step found its bug")
                .extracting(l -> l.substring(0, l.indexOf(':')))
                .containsExactly("STEP engine", "STEP lincheck", "STEP engine");
    }
}
