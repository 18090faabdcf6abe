package org.futexlab.junit.internal.junit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.Settings;

/**
 * Where a scenario's result goes for a tool that runs the suite (the Maven plugin): with the configuration
 * parameter {@code futex.resultsDir}, one properties file per scenario in that directory (its id, with
 * {@value #SUFFIX}), written to a
 * temporary name and renamed, so a reader never sees half a result, even when the JVM dies mid-run. Properties
 * because they are read by the JDK alone and escape every string.
 *
 * <p>Keys (format {@value #FORMAT}): {@code format}, {@code scenario}, {@code variants} (comma-separated),
 * {@code outcome} (PASSED, FAILED, ERROR), {@code schedules}, {@code exhausted}, {@code elapsedNanos},
 * {@code report}; unless passed {@code failure.kind}, {@code failure.headline}, {@code failure.schedule},
 * {@code failure.replay}, {@code failure.threads} (comma-separated), and per step of the shrunk schedule
 * {@code step.N} = thread TAB operation TAB where TAB preemption (true or false).
 *
 * <p>Public for the plugin, which reads what this writes (its {@link #FORMAT} and {@link #SUFFIX}); not an API.
 */
public final class ResultSink {
    static final String PARAMETER = "futex.resultsDir";
    public static final int FORMAT = 1;
    /** The results' file names end so: nothing else a tool keeps beside them does. */
    public static final String SUFFIX = ".result.properties";
    private static final ResultSink OFF = new ResultSink(null);

    /** The directory, or null when no tool asked for results. */
    private final Path dir;

    private ResultSink(Path dir) {
        this.dir = dir;
    }

    static ResultSink of(Function<String, Optional<String>> config) {
        return config.apply(PARAMETER).filter(d -> !d.isBlank()).map(d -> new ResultSink(Path.of(d))).orElse(OFF);
    }

    void write(String id, Settings st, Exploration r) {
        if (dir == null) {
            return;
        }
        Properties p = common(id, st, r.outcome().name(), r.report());
        p.setProperty("schedules", Integer.toString(r.schedules()));
        p.setProperty("exhausted", Boolean.toString(r.exhausted()));
        p.setProperty("elapsedNanos", Long.toString(r.elapsed().toNanos()));
        r.failure().ifPresent(f -> {
            p.setProperty("failure.kind", f.kind());
            p.setProperty("failure.headline", f.headline());
            p.setProperty("failure.schedule", Integer.toString(f.schedule()));
            p.setProperty("failure.replay", f.replayToken() == null ? "" : f.replayToken());
            p.setProperty("failure.threads", String.join(",", f.threads()));
            List<Exploration.Step> steps = f.steps();
            for (int i = 0; i < steps.size(); i++) {
                Exploration.Step s = steps.get(i);
                p.setProperty("step." + (i + 1), s.thread() + "\t" + s.operation() + "\t" + s.where() + "\t"
                        + s.preemption());
            }
        });
        store(id, p);
    }

    /** A scenario that could not be explored at all (bad settings, a body that is not a scenario). */
    void writeError(String id, Settings st, Throwable error) {
        if (dir == null) {
            return;
        }
        String message = String.valueOf(error.getMessage());
        Properties p = common(id, st, Exploration.Outcome.ERROR.name(), message);
        p.setProperty("failure.kind", "SETUP");
        p.setProperty("failure.headline", message.lines().findFirst().orElse(""));
        store(id, p);
    }

    private static Properties common(String id, Settings st, String outcome, String report) {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT));
        p.setProperty("scenario", id);
        p.setProperty("variants", st == null ? "" : String.join(",", st.variants()));
        p.setProperty("outcome", outcome);
        p.setProperty("report", report);
        return p;
    }

    private void store(String id, Properties p) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".writing-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, null);
            }
            Files.move(tmp, dir.resolve(id.replaceAll("[^A-Za-z0-9._-]", "_") + SUFFIX),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the result of " + id + " to " + PARAMETER + "=" + dir
                    + ": " + e, e);
        }
    }
}
