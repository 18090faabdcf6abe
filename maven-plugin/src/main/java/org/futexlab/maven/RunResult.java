package org.futexlab.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.internal.junit.ResultSink;

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

    /** One scenario's result, as the extension's result sink wrote it (format 1). */
    record Scenario(String id, Exploration.Outcome outcome, int schedules, boolean exhausted, long elapsedNanos,
            String kind, String headline, int schedule, String replay, List<String[]> steps, List<String> threads,
            String report) {
        boolean failed() {
            return outcome == Exploration.Outcome.FAILED;
        }

        boolean passed() {
            return outcome == Exploration.Outcome.PASSED;
        }
    }

    final Run run;
    volatile Status status = Status.PLANNED;
    volatile long startNanos;
    /** The JVM's exit code, or null when it did not exit by itself. */
    Integer exitCode;
    long elapsedNanos;
    Path log;
    /** Why the run failed to run, or the tail of its log when it did not complete. */
    String trouble = "";
    String containerFailures = "";
    final Map<String, Scenario> scenarios = new LinkedHashMap<>();

    RunResult(Run run) {
        this.run = run;
    }

    long schedules() {
        return scenarios.values().stream().mapToLong(Scenario::schedules).sum();
    }

    /** Reads the results the extension wrote to the run's directory (a crashed fork leaves some). */
    void readScenarios(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(f -> f.getFileName().toString().endsWith(ResultSink.SUFFIX)).sorted().forEach(files::add);
        }
        for (Path f : files) {
            Scenario r = read(f);
            scenarios.put(r.id(), r);
        }
    }

    /** @throws IOException when the file is not a result this plugin understands */
    static Scenario read(Path f) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        }
        if (!String.valueOf(ResultSink.FORMAT).equals(p.getProperty("format"))) {
            throw new IOException(f + " has result format " + p.getProperty("format") + "; this plugin reads "
                    + ResultSink.FORMAT + ": use futex-maven-plugin and futex-junit-extension of one release");
        }
        List<String[]> steps = new ArrayList<>();
        for (int i = 1; p.containsKey("step." + i); i++) {
            steps.add(p.getProperty("step." + i).split("\t", -1));
        }
        String threads = p.getProperty("failure.threads", "");
        try {
            return new Scenario(p.getProperty("scenario"), Exploration.Outcome.valueOf(p.getProperty("outcome")),
                    Integer.parseInt(p.getProperty("schedules", "0")),
                    Boolean.parseBoolean(p.getProperty("exhausted", "false")),
                    Long.parseLong(p.getProperty("elapsedNanos", "0")), p.getProperty("failure.kind", ""),
                    p.getProperty("failure.headline", ""), Integer.parseInt(p.getProperty("failure.schedule", "0")),
                    p.getProperty("failure.replay", ""), steps,
                    threads.isEmpty() ? List.of() : List.of(threads.split(",")), p.getProperty("report", ""));
        } catch (RuntimeException e) {
            throw new IOException(f + " is not a scenario result: " + e, e);
        }
    }
}
