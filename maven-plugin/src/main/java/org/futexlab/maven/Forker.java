package org.futexlab.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.futexlab.junit.Settings;
import org.futexlab.junit.tooling.ScenarioResult;
import org.futexlab.junit.tooling.ToolSettings;
import org.futexlab.maven.fork.ForkMain;

/**
 * Runs the plan: one JVM per run, at most {@code threads} at once, each with its own results directory and log
 * under the raw directory. A fork that crashes or outlives its timeout is reported with its log's tail; the other
 * runs go on and keep their results. Every fork is ended before {@link #runAll} returns.
 */
final class Forker {
    static final String SUMMARY = "run-summary.properties";

    /** What a fork needs that does not change from run to run. */
    record Setup(Path java, List<String> jvmArgs, List<String> classPath, Path rawDir, Duration timeout,
            Map<String, String> config, List<ScannedScenario> scenarios) {}

    private final Setup setup;
    private final Consumer<String> log;
    /** Forks still running: a Maven that is stopped (Ctrl-C, a CI timeout) kills them as it exits. */
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    /** Set by that exit first, so that no fork starts after the reaper ran. */
    private volatile boolean stopping;

    Forker(Setup setup, Consumer<String> log) {
        this.setup = setup;
        this.log = log;
    }

    List<RunResult> runAll(List<PlannedRun> runs, int threads) throws InterruptedException, java.util.concurrent.ExecutionException {
        List<RunResult> results = new ArrayList<>();
        for (PlannedRun r : runs) {
            results.add(new RunResult(r));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, runs.size())), r -> {
            Thread t = new Thread(r, "futex-fork");
            t.setDaemon(true);
            return t;
        });
        Thread reaper = new Thread(() -> {
            stopping = true;
            pool.shutdownNow();
            live.forEach(Forker::kill);
        }, "futex-fork-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        int[] done = {0};
        List<Future<?>> futures = new ArrayList<>();
        for (RunResult rr : results) {
            futures.add(pool.submit(() -> {
                try {
                    fork(rr);
                } catch (IOException | RuntimeException e) {
                    // This run's failure, not the verify's: the other runs and the matrix go on.
                    rr.status = RunResult.Status.FAILED_TO_RUN;
                    rr.trouble = "futex-maven-plugin could not run or read it: " + e;
                }
                synchronized (done) {
                    done[0]++;
                    log.accept(progressLine(rr, done[0], results.size()));
                }
                return null;
            }));
        }
        pool.shutdown();
        long progressEvery = TimeUnit.SECONDS.toNanos(20);
        long next = System.nanoTime() + progressEvery;
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                if (System.nanoTime() >= next) {
                    next += progressEvery;
                    running(results);
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException exiting) {
                // the JVM is exiting and the reaper runs
            }
        }
        for (Future<?> f : futures) {
            f.get(); // for the results' visibility: each task catches its own failures
        }
        return results;
    }

    private static String progressLine(RunResult rr, int done, int of) {
        double secs = rr.elapsedNanos / 1e9;
        long detected = rr.scenarios.values().stream().filter(ScenarioResult::failed).count();
        return String.format(Locale.ROOT, "[%d/%d] %-36s %s: %s%s, %,d schedules in %.1f s (%,.0f/s)",
                done, of, rr.run.name(), rr.status == RunResult.Status.COMPLETED ? "done" : rr.status.name(),
                VerifyReports.count(rr.scenarios.size(), "scenario"), rr.run.isBaseline() ? "" : ", " + detected
                        + " detecting", rr.schedules(), secs, secs > 0 ? rr.schedules() / secs : 0.0);
    }

    /** Live progress of long runs: what is running, how far, and how fast. */
    private void running(List<RunResult> results) {
        for (RunResult rr : results) {
            if (rr.status != RunResult.Status.RUNNING) {
                continue;
            }
            Path dir = setup.rawDir.resolve(rr.run.name());
            RunResult peek = new RunResult(rr.run);
            try {
                peek.readScenarios(dir);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            double secs = (System.nanoTime() - rr.startNanos) / 1e9;
            log.accept(String.format(Locale.ROOT, "      %-36s running: %d/%d scenarios, %,d schedules (%,.0f/s), %.0f s",
                    rr.run.name(), peek.scenarios.size(), setup.scenarios.size(), peek.schedules(),
                    secs > 0 ? peek.schedules() / secs : 0.0, secs));
        }
    }

    private void fork(RunResult rr) throws IOException, InterruptedException {
        Path dir = setup.rawDir.resolve(rr.run.name());
        Files.createDirectories(dir);
        Properties p = new Properties();
        int i = 1;
        for (ScannedScenario s : setup.scenarios) {
            p.setProperty("select." + i++, s.id() + "(" + s.parameterTypes() + ")");
        }
        setup.config.forEach((k, v) -> p.setProperty("config." + k, v));
        p.setProperty("config." + Settings.VARIANTS.key(), String.join(",", rr.run.variants()));
        p.setProperty("config." + ToolSettings.RESULTS_DIR.key(), dir.toAbsolutePath().toString());
        Path summary = dir.resolve(SUMMARY);
        p.setProperty("summary", summary.toAbsolutePath().toString());
        Path runFile = dir.resolve("run.properties");
        try (OutputStream out = Files.newOutputStream(runFile)) {
            p.store(out, "futex-maven-plugin: " + rr.run.name());
        }
        List<String> args = new ArrayList<>(setup.jvmArgs);
        args.add("-cp");
        args.add(String.join(java.io.File.pathSeparator, setup.classPath));
        args.add(ForkMain.class.getName());
        args.add(runFile.toAbsolutePath().toString());
        Path argFile = dir.resolve("java.args.txt");
        Files.write(argFile, quote(args), StandardCharsets.UTF_8);
        rr.log = dir.resolve("fork.log");
        long start = System.nanoTime();
        Process proc;
        if (stopping) {
            rr.status = RunResult.Status.FAILED_TO_RUN;
            rr.trouble = "not started: Maven is exiting";
            return;
        }
        try {
            proc = new ProcessBuilder(setup.java.toString(), "@" + argFile.toAbsolutePath())
                    .redirectErrorStream(true).redirectOutput(rr.log.toFile()).start();
        } catch (IOException e) {
            rr.status = RunResult.Status.FAILED_TO_RUN;
            rr.trouble = "cannot start " + setup.java + ": " + e.getMessage();
            return;
        }
        live.add(proc);
        if (stopping) {
            kill(proc); // started while the reaper ran
        }
        rr.startNanos = start;
        rr.status = RunResult.Status.RUNNING;
        try {
            boolean ended = proc.waitFor(setup.timeout.toMillis(), TimeUnit.MILLISECONDS);
            RunResult.Status ending;
            if (!ended) {
                kill(proc);
                proc.waitFor(30, TimeUnit.SECONDS);
                ending = RunResult.Status.TIMED_OUT;
            } else {
                rr.exitCode = proc.exitValue();
                ending = Files.exists(summary) && rr.exitCode == 0 ? RunResult.Status.COMPLETED
                        : RunResult.Status.CRASHED;
            }
            rr.elapsedNanos = System.nanoTime() - start;
            rr.status = ending;
        } finally {
            if (proc.isAlive()) {
                kill(proc);
            }
            live.remove(proc);
        }
        rr.readScenarios(dir);
        if (Files.exists(summary)) {
            Properties s = new Properties();
            try (InputStream in = Files.newInputStream(summary)) {
                s.load(in);
            }
            rr.containerFailures = s.getProperty("containerFailures", "");
        }
        if (rr.status != RunResult.Status.COMPLETED) {
            rr.trouble = tail(rr.log, 30);
        }
    }

    private static void kill(Process proc) {
        proc.descendants().forEach(ProcessHandle::destroyForcibly);
        proc.destroyForcibly();
    }

    /** Java's @argfile syntax: each argument quoted, backslashes and quotes escaped. */
    private static List<String> quote(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            out.add("\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return out;
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
