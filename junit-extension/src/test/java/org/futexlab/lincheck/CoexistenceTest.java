package org.futexlab.lincheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        assertThat(fork("lincheck", "engine", "lincheck", "bridge")).containsExactly(
                "STEP lincheck: found", "STEP engine: found", "STEP lincheck: found", "STEP bridge: found");
    }

    @Test
    void aKernelScenarioFirstThenLincheckThenTheScenarioAgain() throws Exception {
        assertThat(fork("engine", "lincheck", "engine")).containsExactly(
                "STEP engine: found", "STEP lincheck: found", "STEP engine: found");
    }

    /** @return each step's line, cut after "found" (what follows names the schedule or the history) */
    private List<String> fork(String... steps) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+EnableDynamicAgentLoading", "-cp", System.getProperty("java.class.path"),
                CoexistenceMain.class.getName()));
        cmd.addAll(List.of(steps));
        if (Runtime.version().feature() < 21) {
            cmd.remove("-XX:+EnableDynamicAgentLoading");
        }
        File log = tmp.resolve("fork.log").toFile();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                throw new AssertionError("the fork ran for 300 s:\n" + tail(log));
            }
        } finally {
            p.destroyForcibly();
        }
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(log.toPath(), StandardCharsets.UTF_8)) {
            if (line.startsWith("STEP ")) {
                int found = line.indexOf(": found");
                out.add(found < 0 ? line : line.substring(0, found + ": found".length()));
            }
        }
        assertThat(out).as(tail(log)).hasSize(steps.length);
        return out;
    }

    private static String tail(File log) throws IOException {
        List<String> lines = Files.readAllLines(log.toPath(), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
