package org.futexlab.lincheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lincheck is an optional dependency: a JVM without it runs thread scenarios, and says what a check needs. */
class WithoutLincheckTest {
    @Test
    void withoutLincheckOnTheClassPathOnlyACheckFailsAndItSaysWhatToAdd(@TempDir Path tmp) throws Exception {
        assertThat(Forks.steps(tmp, e -> !e.contains("lincheck"), WithoutLincheckMain.class)).singleElement()
                .asString()
                .startsWith("STEP lincheck on the class path: false; thread scenario: FAILED; "
                        + "linearizability check: ERROR: ")
                .contains("needs Lincheck on the test class path, and it is not there")
                .contains("org.jetbrains.lincheck:lincheck:3.7");
    }
}
