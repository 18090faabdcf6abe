package org.futexlab.junit.internal.junit;

import java.util.List;
import org.futexlab.junit.ScenarioError;
import org.futexlab.junit.internal.instrument.FutexAgent;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs the instrumentation agent when a JUnit launcher session opens, before discovery loads test
 * classes: a class rewritten as it loads can have its synchronized methods unfolded, which rewriting it later
 * cannot do. A failure to attach does not disturb unrelated tests; it is reported by the first
 * {@code @KernelScenario}. The system property {@code futex.instrument} (comma-separated packages) is honoured
 * here too, since configuration parameters are not available yet.
 */
public final class FutexSessionListener implements LauncherSessionListener {
    private static volatile Throwable installError;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            FutexAgent.ensureInstalled();
            String extra = System.getProperty("futex.instrument");
            if (extra != null && !extra.isBlank()) {
                FutexAgent.addPackages(SettingsResolver.list(extra));
            }
        } catch (Throwable e) {
            installError = e;
        }
    }

    static void rethrowInstallError() {
        Throwable e = installError;
        if (e != null) {
            throw new ScenarioError("Futex Lab's agent could not be installed: " + e.getMessage(), e);
        }
    }

    /** @return packages the agent instruments, for diagnostics */
    static List<String> scope() {
        return FutexAgent.scope().packages();
    }
}
