package org.futexlab.junit.internal.junit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import org.futexlab.junit.Settings;
import org.futexlab.junit.internal.instrument.FutexAgent;
import org.futexlab.junit.tooling.Setting;
import org.futexlab.junit.tooling.ToolSettings;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs the instrumentation agent when a JUnit launcher session opens, before discovery loads test
 * classes: a class rewritten as it loads can have its synchronized methods unfolded, which rewriting it later
 * cannot do. A failure to attach does not disturb unrelated tests: the first {@code @KernelScenario} tries again and
 * reports it. The system property {@code futex.instrument} (comma-separated packages) is honoured here too, since
 * configuration parameters are not available yet.
 *
 * <p>It also warns, once per session, about a key of the {@code futex.} family that no setting has
 * ({@code -Dfutex.schedule=5}), naming the closest known one: the system properties (where Surefire puts {@code -D})
 * and {@code junit-platform.properties}.
 */
public final class FutexSessionListener implements LauncherSessionListener {
    /** The JUnit Platform's own configuration file, read here only for its keys. */
    private static final String PLATFORM_PROPERTIES = "junit-platform.properties";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        for (String warning : unknownKeys(Thread.currentThread().getContextClassLoader())) {
            System.err.println("[futex] WARNING: " + warning);
        }
        try {
            FutexAgent.ensureInstalled();
            String extra = System.getProperty(Settings.INSTRUMENT.key());
            if (extra != null && !extra.isBlank()) {
                FutexAgent.addPackages(Setting.split(extra));
            }
        } catch (RuntimeException | LinkageError e) {
            // The first scenario installs again, and reports what fails.
        }
    }

    /** @return a warning per unknown futex.* key among the system properties and junit-platform.properties */
    static List<String> unknownKeys(ClassLoader loader) {
        List<String> keys = new ArrayList<>(System.getProperties().stringPropertyNames());
        if (loader != null) {
            try {
                Enumeration<URL> files = loader.getResources(PLATFORM_PROPERTIES);
                while (files.hasMoreElements()) {
                    Properties p = new Properties();
                    try (InputStream in = files.nextElement().openStream()) {
                        p.load(in);
                    }
                    keys.addAll(p.stringPropertyNames());
                }
            } catch (IOException e) {
                // JUnit reports an unreadable configuration file itself
            }
        }
        keys.sort(null);
        List<Setting<?>> known = new ArrayList<>(Settings.table());
        known.addAll(ToolSettings.table());
        return Setting.unknownKeys(keys, known);
    }
}
