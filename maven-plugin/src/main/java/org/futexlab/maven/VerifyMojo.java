package org.futexlab.maven;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.futexlab.junit.Settings;
import org.futexlab.junit.tooling.ReplayToken;
import org.futexlab.junit.tooling.Setting;
import org.futexlab.junit.tooling.ScenarioResult;
import org.futexlab.junit.tooling.ToolSettings;
import org.futexlab.junit.tooling.VariantCatalog;
import org.futexlab.maven.fork.ForkMain;

/**
 * {@code mvn futex:verify}: runs the module's {@code @KernelScenario} tests once on the fixed model (the
 * baseline) and once per variant of the catalogs on its test class path, each run in its own JVM, and prints the
 * variant matrix. The build fails when a scenario fails on the baseline, when a scenario misses a variant it
 * declares in {@code detects}, when a run cannot finish, and (with {@code failOnUndetected}) when no scenario
 * detects a variant. Reports go to {@code target/futex}. Bound to {@code verify} when configured in a POM;
 * compile the tests first when calling it alone ({@code mvn test-compile futex:verify}).
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class VerifyMojo extends AbstractFutexMojo {
    /** Variant ids to run (comma-separated) besides the baseline; default: every variant of the catalogs. */
    @Parameter(property = "futex.variants")
    private String variants;

    /** Forks at once (default: the number of processors). */
    @Parameter(property = "futex.threads")
    private String threads;

    /**
     * Fail when no scenario detects a variant (a variant that a scenario names in {@code detects} and misses fails
     * the build either way).
     */
    @Parameter(property = "futex.failOnUndetected", defaultValue = "true")
    private boolean failOnUndetected;

    /** Wall-clock limit of one fork. */
    @Parameter(property = "futex.forkTimeout", defaultValue = "30m")
    private String forkTimeout;

    /** Test classes to run: names, simple names, {@code *} patterns. */
    @Parameter(property = "futex.scenarios")
    private String scenarios;

    /**
     * JVM options of the forks (quote an option with spaces); the JVM is started once with them before any fork, so
     * an option it refuses fails the goal with the JVM's message.
     */
    @Parameter(property = "futex.argLine")
    private String argLine;

    /** Java executable of the forks. */
    @Parameter(property = "futex.jvm")
    private String jvm;

    /**
     * Scenario settings passed to every scenario as JUnit configuration parameters, by name, such as
     * {@code <settings><schedules>5000</schedules><strategy>EXHAUSTIVE</strategy></settings>}; they override the
     * scenarios' annotations, as {@code futex.*} parameters do under Surefire. Any scenario setting given as a
     * {@code -Dfutex.<name>} property passes through too (and wins over this map). All are checked, by the
     * extension's own rules, before any fork starts. The settings: strategy, schedules, seed, maxPreemptions,
     * pctDepth, spuriousWakeups, timeout, maxSteps, instrument, detects, races, benignRaces, timeouts, statics,
     * stallTimeout, carrier, parallelism (see the README's table); variants and replay are this goal's own
     * parameters.
     */
    @Parameter
    private Map<String, String> settings;

    /** A replay token from a report: runs only that scenario's schedule and prints its trace. */
    @Parameter(property = "futex.replay")
    private String replay;

    /** Skip the goal. */
    @Parameter(property = "futex.skip", defaultValue = "false")
    private boolean skip;

    /** Also skips the goal, as it skips Surefire. */
    @Parameter(property = "skipTests", defaultValue = "false")
    private boolean skipTests;

    /** Where the reports go; raw per-run results and fork logs go to its {@code raw} subdirectory. */
    @Parameter(property = "futex.reportsDirectory", defaultValue = "${project.build.directory}/futex")
    private File reportsDirectory;

    @Parameter(defaultValue = "${project.build.testOutputDirectory}", readonly = true)
    private File testClassesDirectory;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    private RepositorySystemSession repoSession;

    @Component
    private RepositorySystem repoSystem;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipTests) {
            getLog().info("futex:verify skipped (" + (skip ? "futex.skip" : "skipTests") + ")");
            return;
        }
        unknownKeys().forEach(getLog()::warn);
        int nThreads = threads == null || threads.isBlank() ? Runtime.getRuntime().availableProcessors()
                : parse(ToolSettings.THREADS, threads);
        Duration limit = parse(ToolSettings.FORK_TIMEOUT, forkTimeout);
        Map<String, String> config = scenarioSettings();
        String tokenText = replay == null ? "" : replay.strip();
        ReplayToken token = null;
        if (!tokenText.isEmpty()) {
            try {
                token = ReplayToken.decode(tokenText);
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException(Settings.REPLAY.key() + ": " + e.getMessage());
            }
        }
        if (!testClassesDirectory.isDirectory()) {
            throw new MojoFailureException("No test classes: " + testClassesDirectory + " does not exist. Compile "
                    + "the tests first: mvn test-compile futex:verify (or bind futex:verify to the verify phase); a "
                    + "module without test sources has no scenarios to run.");
        }
        List<String> classpath = testClasspath();
        List<ScannedScenario> all;
        VariantCatalog catalog;
        try (URLClassLoader loader = loader(classpath)) {
            catalog = catalog(loader);
            all = ScenarioScan.scan(testClassesDirectory.toPath(), loader);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot scan " + testClassesDirectory + ": " + e, e);
        }
        List<String> wanted = variants == null ? List.of() : Setting.split(variants);
        List<String> only = scenarios == null ? List.of() : parse(ToolSettings.SCENARIOS, scenarios);
        Plan plan = Plan.of(all, only, wanted, token, catalog, testClassesDirectory.toString());
        if (token != null) {
            config.put(Settings.REPLAY.key(), tokenText);
        }
        Path java = javaExecutable();
        List<String> jvmArgs = jvmArgs(featureVersion(java), argLine);
        checkJvm(java, jvmArgs);
        Path raw = reportsDirectory.toPath().resolve("raw");
        try {
            // A replay keeps the last verify's results (the reports link to their logs); a verify starts afresh.
            clean(token != null ? raw.resolve("replay") : raw);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot clean " + raw + ": " + e, e);
        }
        Forker.Setup setup = new Forker.Setup(java, jvmArgs, forkClasspath(classpath), raw, limit, config,
                plan.scenarios());
        getLog().info(String.format("futex:verify: %s x %s (%s), %d at a time",
                VerifyReports.count(plan.scenarios().size(), "scenario"), VerifyReports.count(plan.runs().size(), "run"),
                token != null ? "replay" : wanted.isEmpty() ? "baseline + every variant" : "baseline + "
                        + String.join(", ", wanted), Math.min(nThreads, plan.runs().size())));
        List<RunResult> results;
        try {
            results = new Forker(setup, getLog()::info).runAll(plan.runs(), nThreads);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new MojoExecutionException("a fork's supervisor failed: " + e.getCause(), e.getCause());
        }
        if (token != null) {
            replayed(results.get(0), token.scenario(), getLog()::info);
            return;
        }
        Matrix m = new Matrix(plan.scenarios(), catalog, results, failOnUndetected);
        VerifyReports.console(m, getLog()::info);
        writeReports(m);
        m.warnings.forEach(getLog()::warn);
        if (m.failed()) {
            StringBuilder sb = new StringBuilder("futex:verify failed: "
                    + VerifyReports.count(m.problems.size(), "problem") + " (reports in " + reportsDirectory + ")");
            m.problems.forEach(p -> sb.append("\n  - ").append(p));
            throw new MojoFailureException(sb.toString());
        }
        getLog().info("futex:verify passed: the baseline passes and every expected detection happened; reports in "
                + reportsDirectory);
    }

    /**
     * The verdict of a replay: the build fails when the schedule fails as recorded, or could not be replayed (the
     * scenario changed since the token, the fork died); it passes when the schedule no longer fails.
     */
    static void replayed(RunResult r, String scenario, Consumer<String> log) throws MojoFailureException {
        ScenarioResult s = r.scenarios.get(scenario);
        if (s == null) {
            throw new MojoFailureException("futex.replay: " + scenario + " produced no result (fork "
                    + r.status + ")\n" + (r.log == null ? r.trouble : Forker.tail(r.log, 30)));
        }
        s.report().lines().forEach(log);
        if (s.failed()) {
            throw new MojoFailureException("futex.replay: the schedule fails as recorded: " + s.headline());
        }
        if (!s.passed()) {
            throw new MojoFailureException("futex.replay: the schedule could not be replayed: " + s.headline());
        }
    }

    private void writeReports(Matrix m) throws MojoExecutionException {
        Path dir = reportsDirectory.toPath();
        String now = Instant.now().toString();
        try {
            VerifyReports.write(dir.resolve("futex-report.json"), VerifyReports.json(m, now));
            VerifyReports.write(dir.resolve("index.html"), VerifyReports.html(m, now));
            VerifyReports.write(dir.resolve("TEST-futex-variants.xml"), VerifyReports.xmlVariants(m));
            VerifyReports.write(dir.resolve("TEST-futex-baseline.xml"), VerifyReports.xmlBaseline(m));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the reports to " + dir + ": " + e, e);
        }
    }

    /**
     * The settings every scenario gets, as JUnit configuration parameters: the {@code settings} map, then any scenario
     * setting of the table given as a {@code -Dfutex.<name>} property. Variants and the replay token are this goal's
     * own (set per run). Checked here, once, by the extension's own rules.
     */
    private Map<String, String> scenarioSettings() throws MojoFailureException {
        Map<String, String> given = new LinkedHashMap<>();
        if (settings != null) {
            for (Map.Entry<String, String> e : settings.entrySet()) {
                Setting<?> s = scenarioSetting(e.getKey());
                if (s == null) {
                    throw new MojoFailureException("<settings> names " + e.getKey() + ", which is not a scenario "
                            + "setting; the settings are " + passedOn().stream().map(Setting::name).toList());
                }
                if (e.getValue() != null && !e.getValue().isBlank()) {
                    given.put(s.key(), e.getValue().strip());
                }
            }
        }
        for (Setting<?> s : passedOn()) {
            String v = session.getUserProperties().getProperty(s.key());
            if (v != null && !v.isBlank()) {
                given.put(s.key(), v.strip());
            }
        }
        try {
            Settings.defaults().withParameters(given);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
        return given;
    }

    /** @return the scenario settings this goal passes on to every scenario: all but its own variants and replay */
    static List<Setting<?>> passedOn() {
        List<Setting<?>> out = new ArrayList<>();
        for (Setting<?> s : Settings.table()) {
            if (s != Settings.VARIANTS && s != Settings.REPLAY) {
                out.add(s);
            }
        }
        return out;
    }

    private static Setting<?> scenarioSetting(String name) {
        for (Setting<?> s : passedOn()) {
            if (s.name().equals(name) || s.key().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** @return a warning per {@code futex.*} property given to Maven that no setting has */
    private List<String> unknownKeys() {
        List<Setting<?>> known = new ArrayList<>(Settings.table());
        known.addAll(ToolSettings.table());
        List<String> keys = new ArrayList<>(session.getUserProperties().stringPropertyNames());
        keys.sort(null);
        return Setting.unknownKeys(keys, known);
    }

    /** @return a tool setting's value, parsed and checked by its description */
    static <T> T parse(Setting<T> setting, String text) throws MojoFailureException {
        try {
            return setting.parse(text);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
    }

    private Path javaExecutable() throws MojoFailureException {
        Path java = jvm != null && !jvm.isBlank() ? Path.of(jvm)
                : Path.of(System.getProperty("java.home"), "bin", File.separatorChar == '\\' ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            throw new MojoFailureException("futex.jvm = " + java + " is not an executable java");
        }
        return java;
    }

    /**
     * The forks' JVM options: self-attach for the engine's agent (without JDK 21+'s dynamic-agent warning), then
     * {@code futex.argLine}, split at spaces outside double or single quotes. Nothing hides behind
     * IgnoreUnrecognizedVMOptions: a mistyped option is caught by {@link #checkJvm} before any fork starts.
     *
     * @param javaFeature the forks' Java feature version (0 when unknown)
     */
    static List<String> jvmArgs(int javaFeature, String argLine) {
        List<String> args = new ArrayList<>(List.of("-Djdk.attach.allowAttachSelf=true"));
        if (javaFeature >= 21) {
            args.add("-XX:+EnableDynamicAgentLoading");
        }
        if (argLine != null && !argLine.isBlank()) {
            Matcher m = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(argLine);
            while (m.find()) {
                args.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
            }
        }
        return args;
    }

    /**
     * @return the feature version of a java executable: this JVM's, or else the one its home's {@code release}
     *     file names; 0 when it cannot be told
     */
    static int featureVersion(Path java) {
        try {
            // Through symbolic links such as /usr/bin/java, to the JDK's own bin/java.
            Path bin = java.toRealPath().getParent();
            Path home = bin == null ? null : bin.getParent();
            if (home == null) {
                return 0;
            }
            if (home.equals(Path.of(System.getProperty("java.home")).toRealPath())) {
                return Runtime.version().feature();
            }
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return Runtime.Version.parse(line.substring("JAVA_VERSION=".length()).replace("\"", "").strip())
                            .feature();
                }
            }
        } catch (IOException | RuntimeException unknown) {
            // no release file, or a version this JVM cannot parse (such as 1.8.0_292)
        }
        return 0;
    }

    /**
     * Starts the forks' JVM once with their options and {@code -version}, so that an option it refuses fails the
     * goal with the JVM's own words instead of crashing every run.
     */
    private void checkJvm(Path java, List<String> args) throws MojoFailureException, MojoExecutionException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(args);
        cmd.add("-version");
        Path out = null;
        try {
            out = Files.createTempFile("futex-jvm-check", ".txt");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new MojoExecutionException(java + " -version did not end within 60 s");
            }
            if (p.exitValue() != 0) {
                String said = Files.readString(out, StandardCharsets.UTF_8).strip();
                throw new MojoFailureException(argLine == null || argLine.isBlank()
                        ? "futex.jvm = " + java + " does not start: " + said
                        : "futex.argLine = " + argLine + ": " + java + " does not start with these options: " + said);
            }
        } catch (IOException e) {
            throw new MojoFailureException("futex.jvm = " + java + " cannot be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted", e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temporary file of a few bytes
                }
            }
        }
    }

    /**
     * The test class path, the plugin's own jar (for the fork's main class) and, unless the project has it, the
     * JUnit Platform launcher at the version of the project's platform engine.
     */
    private List<String> forkClasspath(List<String> testClasspath) throws MojoExecutionException {
        List<String> cp = new ArrayList<>(testClasspath);
        try {
            cp.add(Path.of(ForkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (URISyntaxException e) {
            throw new MojoExecutionException("cannot locate the plugin's jar: " + e, e);
        }
        String engineVersion = null;
        for (Artifact a : project.getArtifacts()) {
            if (a.getGroupId().equals("org.junit.platform")) {
                if (a.getArtifactId().equals("junit-platform-launcher")) {
                    return cp;
                }
                if (a.getArtifactId().equals("junit-platform-engine")) {
                    engineVersion = a.getBaseVersion();
                }
            }
        }
        if (engineVersion == null) {
            throw new MojoExecutionException("the test class path of " + project.getId() + " has no JUnit Platform "
                    + "(org.junit.platform:junit-platform-engine); @KernelScenario tests need JUnit Jupiter");
        }
        ArtifactRequest req = new ArtifactRequest(new DefaultArtifact("org.junit.platform", "junit-platform-launcher",
                "jar", engineVersion), project.getRemoteProjectRepositories(), null);
        try {
            cp.add(repoSystem.resolveArtifact(repoSession, req).getArtifact().getFile().getAbsolutePath());
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException("cannot resolve org.junit.platform:junit-platform-launcher:"
                    + engineVersion + " (the version of the project's JUnit Platform) for the forks: "
                    + e.getMessage(), e);
        }
        return cp;
    }

    private static void clean(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
