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

/** What one forked run produced: how the fork ended, and the result of every scenario it finished. */
final class RunResult {
    /** How the fork ended. */
    enum Status {
        /** The JUnit Platform ran to the end and the summary was written. */
        COMPLETED,
        /** The JVM exited without a summary (a crash, System.exit, an OutOfMemoryError). */
        CRASHED,
        /** Killed after the fork timeout. */
        TIMED_OUT,
        /** Could not be started. */
        NOT_STARTED
    }

    /** One scenario's result, as the extension's result sink wrote it. */
    record Scenario(String id, String outcome, int schedules, boolean exhausted, long elapsedNanos, String kind,
            String headline, String details, int schedule, String replay, String swimlanes, List<String[]> steps,
            List<String> threads, String report) {
        boolean failed() {
            return outcome.equals("FAILED");
        }

        boolean passed() {
            return outcome.equals("PASSED");
        }
    }

    final Run run;
    Status status = Status.NOT_STARTED;
    int exitCode = -1;
    long elapsedNanos;
    long startNanos;
    Path log;
    String logTail = "";
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
            s.filter(f -> f.getFileName().toString().endsWith(".properties")
                    && !f.getFileName().toString().equals(Forker.SUMMARY)).sorted().forEach(files::add);
        }
        for (Path f : files) {
            Scenario r = read(f);
            scenarios.put(r.id(), r);
        }
    }

    static Scenario read(Path f) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        }
        List<String[]> steps = new ArrayList<>();
        for (int i = 1; p.containsKey("step." + i); i++) {
            steps.add(p.getProperty("step." + i).split("\t", -1));
        }
        String threads = p.getProperty("failure.threads", "");
        return new Scenario(p.getProperty("scenario"), p.getProperty("outcome", "ERROR"),
                Integer.parseInt(p.getProperty("schedules", "0")),
                Boolean.parseBoolean(p.getProperty("exhausted", "false")),
                Long.parseLong(p.getProperty("elapsedNanos", "0")), p.getProperty("failure.kind", ""),
                p.getProperty("failure.headline", ""), p.getProperty("failure.details", ""),
                Integer.parseInt(p.getProperty("failure.schedule", "0")), p.getProperty("failure.replay", ""),
                p.getProperty("failure.swimlanes", ""), steps,
                threads.isEmpty() ? List.of() : List.of(threads.split(",")), p.getProperty("report", ""));
    }
}
