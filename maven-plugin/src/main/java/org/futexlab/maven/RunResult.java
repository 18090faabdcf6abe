package org.futexlab.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.futexlab.junit.tooling.ResultFiles;
import org.futexlab.junit.tooling.ScenarioResult;

/**
 * What one forked run produced: how the fork ended, and the result of every scenario it finished. Written by the
 * thread that supervises the fork; the fields the progress report reads while it runs are volatile.
 */
final class RunResult {
    /** How the fork ended, or that it is still running. */
    enum Status {
        /** Not started yet. */
        PLANNED,
        /** Forked, not ended yet. */
        RUNNING,
        /** The JUnit Platform ran to the end and the summary was written. */
        COMPLETED,
        /** The JVM exited without a summary (a crash, System.exit, an OutOfMemoryError). */
        CRASHED,
        /** Killed after the fork timeout. */
        TIMED_OUT,
        /** Could not be started, or its results could not be read. */
        FAILED_TO_RUN
    }

    final PlannedRun run;
    volatile Status status = Status.PLANNED;
    volatile long startNanos;
    /** The JVM's exit code, or null when it did not exit by itself. */
    Integer exitCode;
    long elapsedNanos;
    Path log;
    /** Why the run failed to run, or the tail of its log when it did not complete. */
    String trouble = "";
    String containerFailures = "";
    final Map<String, ScenarioResult> scenarios = new LinkedHashMap<>();

    RunResult(PlannedRun run) {
        this.run = run;
    }

    long schedules() {
        return scenarios.values().stream().mapToLong(ScenarioResult::schedules).sum();
    }

    /** Reads the results the extension wrote to the run's directory (a crashed fork leaves some). */
    void readScenarios(Path dir) throws IOException {
        scenarios.putAll(ResultFiles.readAll(dir));
    }
}
