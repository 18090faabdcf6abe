package org.futexlab.junit.tooling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.futexlab.junit.tooling.Setting.Scope;

/**
 * The settings of a tool that runs a suite once per variant (the Maven plugin's {@code futex:verify}, a later
 * Gradle task, the merge of shards), and the keys by which a tool and a fork talk. A tool takes these, plus the
 * scenario settings ({@code org.futexlab.junit.Settings#table()}), which it checks and passes on to every scenario.
 * Listed here once, so that both the extension and a tool know every key of the {@code futex.} family and can warn
 * about a misspelt one.
 */
public final class ToolSettings {
    private ToolSettings() {}

    private static final List<Setting<?>> TABLE = new ArrayList<>();

    private static <T> Setting<T> def(Setting<T> s) {
        TABLE.add(s);
        return s;
    }

    /** Forked runs at once. */
    public static final Setting<Integer> THREADS = def(Setting.integer(Scope.TOOL, "threads", 1, 1,
            Integer.MAX_VALUE, "a whole number >= 1", "forks at once").defaultShownAs("processors"));

    /** Fail when no scenario detects a variant. */
    public static final Setting<Boolean> FAIL_ON_UNDETECTED = def(Setting.flag(Scope.TOOL, "failOnUndetected", true,
            "fail when no scenario detects a variant (a variant that a scenario names in `detects` and misses fails "
                    + "the build either way)"));

    /** Wall-clock limit of one forked run. */
    public static final Setting<java.time.Duration> FORK_TIMEOUT = def(Setting.duration(Scope.TOOL, "forkTimeout",
            "30m", "wall-clock limit of one fork"));

    /** Test classes to run. */
    public static final Setting<List<String>> SCENARIOS = def(Setting.list(Scope.TOOL, "scenarios", "[\\w$.*]+",
            "class names, simple names or patterns with *", false, "all",
            "test classes to run: names, simple names, `*` patterns"));

    /** JVM options of the forks. */
    public static final Setting<String> ARG_LINE = def(Setting.text(Scope.TOOL, "argLine", "",
            "JVM options of the forks (quote an option with spaces); the JVM is started once with them before any "
                    + "fork, so an option it refuses fails the goal with the JVM's message"));

    /** The java executable of the forks. */
    public static final Setting<String> JVM = def(Setting.text(Scope.TOOL, "jvm", "the one running the build",
            "java executable of the forks"));

    /** Skip the run. */
    public static final Setting<Boolean> SKIP = def(Setting.flag(Scope.TOOL, "skip", false, "skip the goal"));

    /** Where the reports go. */
    public static final Setting<String> REPORTS_DIRECTORY = def(Setting.text(Scope.TOOL, "reportsDirectory",
            "target/futex", "where the reports go; raw per-run results and fork logs go to its `raw` subdirectory"));

    /**
     * Set by a tool in each fork: the directory where every scenario leaves its result ({@link ResultFiles}). Not for
     * users.
     */
    public static final Setting<String> RESULTS_DIR = def(Setting.text(Scope.RUN, "resultsDir", "",
            "set by a tool in each fork: where each scenario writes its result (see ResultFiles); not for users"));

    /** A JVM system property: the agent writes every class it rewrites to this directory. */
    public static final Setting<String> DUMP = def(Setting.text(Scope.RUN, "dump", "",
            "a system property: write every rewritten class to this directory, for javap"));

    /** @return the tool settings, in documentation order */
    public static List<Setting<?>> table() {
        return Collections.unmodifiableList(TABLE);
    }
}
