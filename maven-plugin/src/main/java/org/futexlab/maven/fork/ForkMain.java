package org.futexlab.maven.fork;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The main class of one forked run: the JUnit Platform, on the user's own test class path and launcher version,
 * runs the selected scenario methods with the run's settings as configuration parameters. The extension writes
 * each scenario's result to {@code futex.resultsDir}; this writes the run's summary last, so a run without one
 * did not finish (a crash, a kill, a timeout). Depends on the launcher API only: nothing of Maven is on the
 * fork's class path.
 *
 * <p>Usage: {@code java ... org.futexlab.maven.fork.ForkMain run.properties}, whose keys are
 * {@code select.N} (class#method(parameter types)), {@code config.KEY} (configuration parameters) and
 * {@code summary} (a path).
 */
public final class ForkMain {
    private ForkMain() {}

    public static void main(String[] args) throws Exception {
        Properties run = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            run.load(in);
        }
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (int i = 1; run.containsKey("select." + i); i++) {
            selectors.add(DiscoverySelectors.selectMethod(run.getProperty("select." + i)));
        }
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request().selectors(selectors);
        for (String key : run.stringPropertyNames()) {
            if (key.startsWith("config.")) {
                request.configurationParameter(key.substring("config.".length()), run.getProperty(key));
            }
        }
        LauncherDiscoveryRequest built = request.build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(built, summary);
        TestExecutionSummary s = summary.getSummary();
        Properties out = new Properties();
        out.setProperty("found", Long.toString(s.getTestsFoundCount()));
        out.setProperty("succeeded", Long.toString(s.getTestsSucceededCount()));
        out.setProperty("failed", Long.toString(s.getTestsFailedCount()));
        out.setProperty("aborted", Long.toString(s.getTestsAbortedCount()));
        out.setProperty("skipped", Long.toString(s.getTestsSkippedCount()));
        StringBuilder containerFailures = new StringBuilder();
        s.getFailures().stream().filter(f -> !f.getTestIdentifier().isTest()).forEach(f -> containerFailures
                .append(f.getTestIdentifier().getDisplayName()).append(": ").append(f.getException()).append('\n'));
        out.setProperty("containerFailures", containerFailures.toString());
        Path target = Path.of(run.getProperty("summary"));
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp)) {
            out.store(o, null);
        }
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.flush();
        // Scenario code may have left non-daemon threads behind; the run is over.
        System.exit(0);
    }
}
