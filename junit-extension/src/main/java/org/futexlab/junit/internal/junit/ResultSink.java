package org.futexlab.junit.internal.junit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.Settings;

/**
 * Where a scenario's result goes for a tool that runs the suite (the Maven plugin): with the configuration
 * parameter {@code futex.resultsDir}, one properties file per scenario in that directory, written to a
 * temporary name and renamed, so a reader never sees half a result, even when the JVM dies mid-run. Properties
 * because they are read by the JDK alone and escape every string.
 *
 * <p>Keys: {@code format} (1), {@code scenario}, {@code class}, {@code method}, {@code detects} (comma-separated),
 * {@code variants}, {@code outcome} (PASSED, FAILED, ERROR), {@code schedules}, {@code exhausted},
 * {@code elapsedNanos}, {@code strategy}, {@code report}; on failure {@code failure.kind}, {@code .headline},
 * {@code .details}, {@code .schedule}, {@code .preemptions}, {@code .replay}, {@code .threads} (comma-separated),
 * {@code .swimlanes}, and per step {@code step.N} = thread TAB operation TAB where TAB preemption.
 */
final class ResultSink {
    static final String PARAMETER = "futex.resultsDir";

    private ResultSink() {}

    static void write(String dir, String id, KernelScenario ann, Settings st, Exploration r) {
        Properties p = common(id, ann, st);
        p.setProperty("outcome", r.outcome().name());
        p.setProperty("schedules", Integer.toString(r.schedules()));
        p.setProperty("exhausted", Boolean.toString(r.exhausted()));
        p.setProperty("elapsedNanos", Long.toString(r.elapsed().toNanos()));
        p.setProperty("report", r.report());
        r.failure().ifPresent(f -> {
            p.setProperty("failure.kind", f.kind());
            p.setProperty("failure.headline", f.headline());
            p.setProperty("failure.details", f.details());
            p.setProperty("failure.schedule", Integer.toString(f.schedule()));
            p.setProperty("failure.preemptions", Integer.toString(f.preemptions()));
            p.setProperty("failure.replay", f.replayToken() == null ? "" : f.replayToken());
            p.setProperty("failure.threads", String.join(",", f.threads()));
            p.setProperty("failure.swimlanes", f.swimlanes() == null ? "" : f.swimlanes());
            List<Exploration.Step> steps = f.steps();
            for (int i = 0; i < steps.size(); i++) {
                Exploration.Step s = steps.get(i);
                p.setProperty("step." + (i + 1), s.thread() + "\t" + s.operation() + "\t" + s.where() + "\t"
                        + s.preemption());
            }
        });
        store(dir, id, p);
    }

    /** A scenario that could not be explored at all (bad settings, a body that is not a scenario). */
    static void writeError(String dir, String id, KernelScenario ann, Settings st, Throwable error) {
        Properties p = common(id, ann, st);
        p.setProperty("outcome", "ERROR");
        p.setProperty("schedules", "0");
        p.setProperty("elapsedNanos", "0");
        p.setProperty("failure.kind", "SETUP");
        p.setProperty("failure.headline", String.valueOf(error.getMessage()).lines().findFirst().orElse(""));
        p.setProperty("failure.details", String.valueOf(error.getMessage()));
        p.setProperty("report", String.valueOf(error.getMessage()));
        store(dir, id, p);
    }

    private static Properties common(String id, KernelScenario ann, Settings st) {
        Properties p = new Properties();
        p.setProperty("format", "1");
        p.setProperty("scenario", id);
        int hash = id.indexOf('#');
        p.setProperty("class", id.substring(0, hash));
        p.setProperty("method", id.substring(hash + 1));
        p.setProperty("detects", String.join(",", ann.detects()));
        if (st != null) {
            p.setProperty("variants", String.join(",", st.variants()));
            p.setProperty("strategy", st.strategy().name());
        }
        return p;
    }

    private static void store(String dir, String id, Properties p) {
        try {
            Path d = Path.of(dir);
            Files.createDirectories(d);
            String name = id.replaceAll("[^A-Za-z0-9._-]", "_") + ".properties";
            Path tmp = Files.createTempFile(d, ".writing-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, null);
            }
            Files.move(tmp, d.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the result of " + id + " to " + PARAMETER + "=" + dir
                    + ": " + e, e);
        }
    }
}
