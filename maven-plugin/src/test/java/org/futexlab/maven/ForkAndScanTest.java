package org.futexlab.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.futexlab.junit.tooling.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The scan of compiled test classes, and the fork supervisor against forks that crash, hang or lie. */
class ForkAndScanTest {
    @Test
    void theScanFindsAnnotatedMethodsWithTheirDetectsAndParameterTypes() throws Exception {
        Path classes = Path.of(getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
        List<ScannedScenario> all = ScenarioScan.scan(classes, getClass().getClassLoader());
        List<ScannedScenario> found = ScenarioScan.select(all, List.of("SampleScenarios"));
        assertThat(found).containsExactly(
                new ScannedScenario("org.futexlab.maven.samples.SampleScenarios", "plain",
                        "org.futexlab.junit.Scenario", List.of("v-one")),
                new ScannedScenario("org.futexlab.maven.samples.SampleScenarios", "withTestInfo",
                        "org.futexlab.junit.Scenario,org.junit.jupiter.api.TestInfo", List.of()));
        assertThat(ScenarioScan.select(all, List.of("org.futexlab.*.Sample*"))).isEqualTo(found);
        assertThat(ScenarioScan.select(all, List.of("NoSuchClass"))).isEmpty();
    }

    /**
     * A stand-in for java that behaves by the run's name (its argument file lies in the run's directory): it
     * crashes, hangs, writes a result of a format the plugin does not read, or completes with one result.
     */
    private static final String FAKE_JAVA = String.join("\n", "#!/bin/sh",
            "d=$(dirname \"${1#@}\")",
            "case \"$d\" in",
            "  *crash) echo '# A fatal error has been detected by the Java Runtime Environment'; exit 134 ;;",
            "  *hang) exec sleep 120 ;;",
            "  *future) printf 'format=2\\nscenario=a.B#c\\noutcome=PASSED\\n' > \"$d/a.B_c.result.properties\" ;;",
            "  *) printf 'format=1\\nscenario=a.B#c\\noutcome=FAILED\\nschedules=7\\nfailure.kind=CHECK\\n"
                    + "failure.headline=lost\\nfailure.schedule=3\\nstep.1=a\\\\tAtomicInteger\\#1.get\\\\tB.java\\\\:12"
                    + "\\\\tfalse\\n' > \"$d/a.B_c.result.properties\" ;;",
            "esac",
            "echo found=1 > \"$d/" + Forker.SUMMARY + "\"",
            "exit 0", "");

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void everyRunEndsAndKeepsWhatItHasWhateverTheOthersDo(@TempDir Path tmp) throws Exception {
        Path java = tmp.resolve("fake-java");
        Files.writeString(java, FAKE_JAVA);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        List<String> log = new ArrayList<>();
        Forker f = new Forker(new Forker.Setup(java, List.of(), List.of(), tmp.resolve("raw"), Duration.ofSeconds(2),
                Map.of(), List.of(new ScannedScenario("a.B", "c", "org.futexlab.junit.Scenario", List.of()))),
                line -> {
                    synchronized (log) {
                        log.add(line);
                    }
                });
        List<RunResult> runs = f.runAll(List.of(PlannedRun.of("crash"), PlannedRun.of("hang"), PlannedRun.of("future"), PlannedRun.of("ok")), 4);
        assertThat(runs).extracting(r -> r.status).containsExactly(RunResult.Status.CRASHED,
                RunResult.Status.TIMED_OUT, RunResult.Status.FAILED_TO_RUN, RunResult.Status.COMPLETED);
        assertThat(runs.get(0).exitCode).isEqualTo(134);
        assertThat(runs.get(0).trouble).contains("A fatal error has been detected");
        assertThat(runs.get(1).exitCode).isNull();
        assertThat(runs.get(2).trouble).contains("has result format 2; this reads 1");
        ScenarioResult ok = runs.get(3).scenarios.get("a.B#c");
        assertThat(ok.failed()).isTrue();
        assertThat(ok.failure().schedule()).isEqualTo(3);
        assertThat(ok.failure().steps()).containsExactly(
                new ScenarioResult.Step("a", "AtomicInteger#1.get", "B.java:12", false));
        assertThat(log).hasSize(4);
        assertThat(Files.readString(tmp.resolve("raw/ok/run.properties"))).contains("select.1=a.B\\#c(org.futexlab.junit.Scenario)")
                .contains("config.futex.variants=ok");
    }

    @Test
    void forkOptionsSplitAtSpacesOutsideQuotesAndAddTheAgentFlagOnlyWhereTheJvmKnowsIt() {
        assertThat(VerifyMojo.jvmArgs(21, "-Xmx64m \"-Dx=a b\"  '-Dy=c d'")).containsExactly(
                "-Djdk.attach.allowAttachSelf=true", "-XX:+EnableDynamicAgentLoading", "-Xmx64m", "-Dx=a b",
                "-Dy=c d");
        assertThat(VerifyMojo.jvmArgs(17, null)).containsExactly("-Djdk.attach.allowAttachSelf=true");
        assertThat(VerifyMojo.jvmArgs(0, " ")).containsExactly("-Djdk.attach.allowAttachSelf=true");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC}) // symbolic links
    void theForksJavaVersionComesFromThisJvmOrFromTheReleaseFileOfAnother(@TempDir Path home) throws Exception {
        Path self = Path.of(System.getProperty("java.home"), "bin", "java");
        assertThat(VerifyMojo.featureVersion(self)).isEqualTo(Runtime.version().feature());
        Path other = Files.createFile(Files.createDirectories(home.resolve("jdk/bin")).resolve("java"));
        assertThat(VerifyMojo.featureVersion(other)).as("no release file").isZero();
        Files.writeString(home.resolve("jdk/release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\n");
        assertThat(VerifyMojo.featureVersion(other)).isEqualTo(25);
        Path link = Files.createSymbolicLink(Files.createDirectories(home.resolve("usr/bin")).resolve("java"), other);
        assertThat(VerifyMojo.featureVersion(link)).as("through a link like /usr/bin/java").isEqualTo(25);
        assertThat(VerifyMojo.featureVersion(home.resolve("missing/bin/java"))).isZero();
        Files.writeString(home.resolve("jdk/release"), "JAVA_VERSION=\"1.8.0_292\"\n");
        assertThat(VerifyMojo.featureVersion(other)).as("not a version this JVM parses").isZero();
    }
}
