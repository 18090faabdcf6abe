package org.futexlab.junit.tooling;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The result files a fork writes and a tool reads: with the configuration parameter
 * {@link ToolSettings#RESULTS_DIR futex.resultsDir}, every scenario leaves one file in that directory, named after its
 * id with {@value #SUFFIX}. Each is written to a temporary name and renamed, so a reader never sees half a result,
 * even when the JVM dies mid-run. Properties, because the JDK alone reads them and they escape every string.
 *
 * <p>Keys (format {@value #FORMAT}): {@code format}, {@code scenario}, {@code variants} (comma-separated),
 * {@code outcome} (PASSED, FAILED, ERROR), {@code schedules}, {@code exhausted}, {@code elapsedNanos},
 * {@code report}; unless passed {@code failure.kind}, {@code failure.headline}, {@code failure.schedule},
 * {@code failure.replay}, {@code failure.threads} (comma-separated), and per step of the shrunk schedule
 * {@code step.N} = thread TAB operation TAB where TAB preemption (true or false).
 */
public final class ResultFiles {
    private ResultFiles() {}

    /** The format version this writes and reads. */
    public static final int FORMAT = 1;
    /** The results' file names end so: nothing else a tool keeps beside them does. */
    public static final String SUFFIX = ".result.properties";

    /**
     * Writes a result, whole or not at all.
     *
     * @throws IOException when the directory cannot be written
     */
    public static Path write(Path dir, ScenarioResult r) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT));
        p.setProperty("scenario", r.scenario());
        p.setProperty("variants", String.join(",", r.variants()));
        p.setProperty("outcome", r.outcome().name());
        p.setProperty("schedules", Integer.toString(r.schedules()));
        p.setProperty("exhausted", Boolean.toString(r.exhausted()));
        p.setProperty("elapsedNanos", Long.toString(r.elapsedNanos()));
        p.setProperty("report", r.report());
        ScenarioResult.Failure f = r.failure();
        if (f != null) {
            p.setProperty("failure.kind", f.kind());
            p.setProperty("failure.headline", f.headline());
            p.setProperty("failure.schedule", Integer.toString(f.schedule()));
            p.setProperty("failure.replay", f.replay());
            p.setProperty("failure.threads", String.join(",", f.threads()));
            for (int i = 0; i < f.steps().size(); i++) {
                ScenarioResult.Step s = f.steps().get(i);
                p.setProperty("step." + (i + 1), s.thread() + "\t" + s.operation() + "\t" + s.where() + "\t"
                        + s.preemption());
            }
        }
        Files.createDirectories(dir);
        Path target = fileOf(dir, r.scenario());
        Path tmp = Files.createTempFile(dir, ".writing-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, null);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /** @return the file a scenario's result goes to in dir */
    public static Path fileOf(Path dir, String scenario) {
        return dir.resolve(scenario.replaceAll("[^A-Za-z0-9._-]", "_") + SUFFIX);
    }

    /**
     * Reads one result.
     *
     * @throws IOException when the file is not a result of this format
     */
    public static ScenarioResult read(Path f) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        }
        if (!String.valueOf(FORMAT).equals(p.getProperty("format"))) {
            throw new IOException(f + " has result format " + p.getProperty("format") + "; this reads " + FORMAT
                    + ": use futex-maven-plugin and futex-junit-extension of one release");
        }
        try {
            ScenarioResult.Failure failure = null;
            if (p.containsKey("failure.kind")) {
                List<ScenarioResult.Step> steps = new ArrayList<>();
                for (int i = 1; p.containsKey("step." + i); i++) {
                    String[] s = p.getProperty("step." + i).split("\t", -1);
                    steps.add(new ScenarioResult.Step(s[0], s[1], s[2], Boolean.parseBoolean(s[3])));
                }
                failure = new ScenarioResult.Failure(p.getProperty("failure.kind"),
                        p.getProperty("failure.headline", ""), Integer.parseInt(p.getProperty("failure.schedule", "0")),
                        p.getProperty("failure.replay", ""), Setting.split(p.getProperty("failure.threads", "")),
                        steps);
            }
            ScenarioResult.Outcome outcome = ScenarioResult.Outcome.valueOf(p.getProperty("outcome"));
            return new ScenarioResult(p.getProperty("scenario"), Setting.split(p.getProperty("variants", "")),
                    outcome, Integer.parseInt(p.getProperty("schedules", "0")),
                    Boolean.parseBoolean(p.getProperty("exhausted", "false")),
                    Long.parseLong(p.getProperty("elapsedNanos", "0")), p.getProperty("report", ""), failure);
        } catch (RuntimeException e) {
            throw new IOException(f + " is not a scenario result: " + e, e);
        }
    }

    /**
     * Reads every result in a directory, by scenario id, in file-name order (a crashed fork leaves some).
     *
     * @throws IOException when one is not a result of this format
     */
    public static Map<String, ScenarioResult> readAll(Path dir) throws IOException {
        Map<String, ScenarioResult> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().forEach(files::add);
        }
        for (Path f : files) {
            ScenarioResult r = read(f);
            out.put(r.scenario(), r);
        }
        return out;
    }
}
