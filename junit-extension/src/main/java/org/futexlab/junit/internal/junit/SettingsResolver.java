package org.futexlab.junit.internal.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.futexlab.junit.KernelScenario;
import org.futexlab.junit.ScenarioError;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.futexlab.junit.VariantCatalog;
import org.futexlab.junit.internal.explore.ReplayToken;
import org.opentest4j.TestAbortedException;

/**
 * Settings of one {@link KernelScenario}: the annotation, overridden by the JUnit configuration parameters
 * {@code futex.<attribute>} (Surefire passes {@code -D} system properties through as such); list-valued
 * {@code instrument} and {@code detects} are merged. Every bad value gets one message naming its source and
 * what is accepted.
 */
public final class SettingsResolver {
    private SettingsResolver() {}

    /** Reads a configuration parameter. */
    public interface Config {
        Optional<String> get(String key);
    }

    static Settings resolve(KernelScenario ann, Config config, String id, String testPackage, ClassLoader loader) {
        String where = "@KernelScenario on " + id;
        Settings s = apply(Settings.defaults(), where, st -> Settings.of(ann));

        s = overrides(s, config);
        Optional<String> v;
        boolean replayOfARun = (v = param(config, "replay")).isPresent() && ann.replay().isBlank();
        String replayWhere = replayOfARun ? "futex.replay" : where;
        if (replayOfARun) {
            String token = v.get();
            s = apply(s, replayWhere, st -> st.replay(token));
        }
        ReplayToken token = null;
        if (!s.replay().isEmpty()) {
            try {
                token = ReplayToken.decode(s.replay());
            } catch (IllegalArgumentException malformed) {
                throw new ScenarioError(replayWhere + ": " + malformed.getMessage(), null);
            }
            if (!token.scenario.equals(id)) {
                if (replayOfARun) {
                    // -Dfutex.replay picks one scenario out of a whole test run: the others are skipped, not failed.
                    throw new TestAbortedException("futex.replay replays " + token.scenario + ", not " + id);
                }
                token = null; // an annotation's token must be its scenario's own: the exploration refuses it
            }
        }

        List<String> instrument = new ArrayList<>();
        instrument.add(testPackage);
        instrument.addAll(Arrays.asList(ann.instrument()));
        param(config, "instrument").ifPresent(p -> instrument.addAll(list(p)));
        s = apply(s, where + " / futex.instrument", st -> st.instrument(new ArrayList<>(new LinkedHashSet<>(
                instrument))));

        Set<String> detects = new LinkedHashSet<>(Arrays.asList(ann.detects()));
        param(config, "detects").ifPresent(p -> detects.addAll(list(p)));
        Set<String> variants = new LinkedHashSet<>();
        param(config, "variants").ifPresent(p -> variants.addAll(list(p)));
        Set<String> recorded = token != null && token.variants != null ? token.variants : Set.of();
        if (!detects.isEmpty() || !variants.isEmpty() || !recorded.isEmpty()) {
            VariantCatalog catalog;
            try {
                catalog = VariantCatalog.load(loader);
            } catch (IllegalArgumentException e) {
                throw new ScenarioError(e.getMessage(), e);
            }
            try {
                catalog.requireKnown(variants, "futex.variants");
                catalog.requireKnown(detects, where + ": detects");
                catalog.requireKnown(recorded, "the replay token");
            } catch (IllegalArgumentException e) {
                throw new ScenarioError(e.getMessage(), null);
            }
        }
        Set<String> runVariants = variants;
        if (token != null) {
            // The schedule only means something under the variants it was recorded with.
            try {
                runVariants = token.variantsFor(variants);
            } catch (IllegalArgumentException mismatch) {
                throw new ScenarioError(replayWhere + ": " + mismatch.getMessage(), null);
            }
        }
        return s.detects(new ArrayList<>(detects)).variants(runVariants);
    }

    /** The settings a tool may pass on to every scenario as {@code futex.*} configuration parameters. */
    public static final List<String> SCENARIO_KEYS = List.of("futex.strategy", "futex.schedules", "futex.seed",
            "futex.maxPreemptions", "futex.pctDepth", "futex.spuriousWakeups", "futex.maxSteps", "futex.timeout",
            "futex.stallTimeout", "futex.carrier", "futex.parallelism", "futex.instrument");

    /**
     * Checks values of {@link #SCENARIO_KEYS} as every scenario will read them, for a tool that passes them on
     * (the Maven plugin checks them once, before it forks).
     *
     * @throws ScenarioError naming the first bad value and what is accepted
     */
    public static void validate(Config config) {
        overrides(Settings.defaults(), config);
        param(config, "instrument").ifPresent(p -> apply(Settings.defaults(), "futex.instrument",
                st -> st.instrument(list(p))));
    }

    /** The scalar settings of the configuration parameters, over s. */
    private static Settings overrides(Settings s, Config config) {
        Optional<String> v;
        if ((v = param(config, "strategy")).isPresent()) {
            Strategy strategy = parseEnum(Strategy.class, v.get(), "futex.strategy");
            s = apply(s, "futex.strategy", st -> st.strategy(strategy));
        }
        if ((v = param(config, "schedules")).isPresent()) {
            int n = parseInt(v.get(), "futex.schedules");
            s = apply(s, "futex.schedules", st -> st.schedules(n));
        }
        if ((v = param(config, "seed")).isPresent()) {
            long n = parseLong(v.get(), "futex.seed");
            s = apply(s, "futex.seed", st -> st.seed(n));
        }
        if ((v = param(config, "maxPreemptions")).isPresent()) {
            int n = parseInt(v.get(), "futex.maxPreemptions");
            s = apply(s, "futex.maxPreemptions", st -> st.maxPreemptions(n));
        }
        if ((v = param(config, "pctDepth")).isPresent()) {
            int n = parseInt(v.get(), "futex.pctDepth");
            s = apply(s, "futex.pctDepth", st -> st.pctDepth(n));
        }
        if ((v = param(config, "spuriousWakeups")).isPresent()) {
            int n = parseInt(v.get(), "futex.spuriousWakeups");
            s = apply(s, "futex.spuriousWakeups", st -> st.spuriousWakeups(n));
        }
        if ((v = param(config, "maxSteps")).isPresent()) {
            int n = parseInt(v.get(), "futex.maxSteps");
            s = apply(s, "futex.maxSteps", st -> st.maxSteps(n));
        }
        if ((v = param(config, "timeout")).isPresent()) {
            Duration d = duration(v.get(), "futex.timeout");
            s = apply(s, "futex.timeout", st -> st.timeout(d));
        }
        if ((v = param(config, "stallTimeout")).isPresent()) {
            Duration d = duration(v.get(), "futex.stallTimeout");
            s = apply(s, "futex.stallTimeout", st -> st.stallTimeout(d));
        }
        if ((v = param(config, "carrier")).isPresent()) {
            Settings.Carrier c = parseEnum(Settings.Carrier.class, v.get(), "futex.carrier");
            s = apply(s, "futex.carrier", st -> st.carrier(c));
        }
        if ((v = param(config, "parallelism")).isPresent()) {
            int n = parseInt(v.get(), "futex.parallelism");
            s = apply(s, "futex.parallelism", st -> st.parallelism(n));
        }
        return s;
    }

    private static Optional<String> param(Config config, String name) {
        return config.get("futex." + name).map(String::strip).filter(x -> !x.isEmpty());
    }

    private static Settings apply(Settings s, String where, Function<Settings, Settings> f) {
        try {
            return f.apply(s);
        } catch (IllegalArgumentException e) {
            throw new ScenarioError(where + ": " + e.getMessage(), null);
        }
    }

    static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        for (String p : csv.split(",")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    private static int parseInt(String v, String key) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ScenarioError(key + " = \"" + v + "\" is not a number: expected an integer", null);
        }
    }

    private static long parseLong(String v, String key) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ScenarioError(key + " = \"" + v + "\" is not a number: expected an integer", null);
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String v, String key) {
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ScenarioError(key + " = \"" + v + "\" is not accepted: expected one of "
                    + Arrays.toString(type.getEnumConstants()), null);
        }
    }

    static Duration duration(String v, String key) {
        try {
            return Settings.parseDuration(v, key);
        } catch (IllegalArgumentException e) {
            throw new ScenarioError(e.getMessage(), null);
        }
    }
}
