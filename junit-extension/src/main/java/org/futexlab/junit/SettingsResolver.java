package org.futexlab.junit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.futexlab.junit.tooling.ReplayToken;
import org.futexlab.junit.tooling.Setting;
import org.futexlab.junit.tooling.VariantCatalog;
import org.opentest4j.TestAbortedException;

/**
 * Settings of one {@link KernelScenario}, from the table ({@link Settings#table()}): each scenario setting is the
 * annotation's attribute, overridden by the JUnit configuration parameter {@code futex.<name>} (Surefire passes
 * {@code -D} system properties through as such); list settings that merge ({@code instrument}, {@code detects}) take
 * both. Run settings come from configuration parameters only. Every bad value gets one message naming its source and
 * what is accepted. The replay token is decoded here, once, for the run: to refuse a malformed one, to skip the
 * scenarios another scenario's token does not name, and to run under the variants it was recorded with.
 */
final class SettingsResolver {
    private SettingsResolver() {}

    /** Reads a configuration parameter. */
    interface Config {
        Optional<String> get(String key);
    }

    /**
     * The settings of one scenario, and its replay token.
     *
     * @param settings what the exploration runs with
     * @param token the decoded replay token, or null to explore
     */
    record Resolved(Settings settings, ReplayToken token) {}

    static Resolved resolve(KernelScenario ann, Config config, String id, String testPackage, ClassLoader loader) {
        String where = "@KernelScenario on " + id;
        Settings s = Settings.defaults();
        for (Setting<?> setting : Settings.table()) {
            s = resolveOne(s, setting, ann, config, where);
        }
        // The test class's own package is instrumented first: the scenario's code is there.
        List<String> instrument = new ArrayList<>();
        instrument.add(testPackage);
        instrument.addAll(s.instrument());
        s = s.instrument(new ArrayList<>(new LinkedHashSet<>(instrument)));

        // futex.replay picks one scenario out of a whole run, so it does not override a replay the annotation names.
        Optional<String> runReplay = param(config, Settings.REPLAY);
        boolean replayOfARun = runReplay.isPresent() && ann.replay().isBlank();
        String replayWhere = replayOfARun ? Settings.REPLAY.key() : where;
        s = s.replay(replayOfARun ? runReplay.get() : ann.replay());
        ReplayToken token = null;
        if (!s.replay().isEmpty()) {
            try {
                token = ReplayToken.decode(s.replay());
            } catch (IllegalArgumentException malformed) {
                throw new ScenarioError(replayWhere + ": " + malformed.getMessage(), null);
            }
            if (!token.scenario().equals(id)) {
                if (replayOfARun) {
                    throw new TestAbortedException("futex.replay replays " + token.scenario() + ", not " + id);
                }
                throw new ScenarioError(where + ": the replay token is for scenario " + token.scenario()
                        + "; pass it to the scenario it was printed for", null);
            }
        }

        Set<String> recorded = token != null && token.variants() != null ? token.variants() : Set.of();
        if (!s.detects().isEmpty() || !s.variants().isEmpty() || !recorded.isEmpty()) {
            VariantCatalog catalog;
            try {
                catalog = VariantCatalog.load(loader);
            } catch (IllegalArgumentException e) {
                throw new ScenarioError(e.getMessage(), e);
            }
            try {
                catalog.requireKnown(s.variants(), Settings.VARIANTS.key());
                catalog.requireKnown(s.detects(), where + ": detects");
                catalog.requireKnown(recorded, "the replay token");
            } catch (IllegalArgumentException e) {
                throw new ScenarioError(e.getMessage(), null);
            }
        }
        if (token != null) {
            // The schedule only means something under the variants it was recorded with.
            try {
                s = s.variants(token.variantsFor(s.variants()));
            } catch (IllegalArgumentException mismatch) {
                throw new ScenarioError(replayWhere + ": " + mismatch.getMessage(), null);
            }
        }
        return new Resolved(s, token);
    }

    /** One setting: the annotation's value (scenario settings), then the configuration parameter's. */
    private static <T> Settings resolveOne(Settings s, Setting<T> setting, KernelScenario ann, Config config,
            String where) {
        if (setting == Settings.REPLAY) {
            return s; // resolved with its token, above
        }
        T value = s.get(setting);
        if (setting.scope() == Setting.Scope.SCENARIO) {
            try {
                value = setting.fromAnnotation(Settings.attribute(ann, setting.name()), setting.name());
            } catch (IllegalArgumentException e) {
                throw new ScenarioError(where + ": " + e.getMessage(), null);
            }
        }
        s = s.with(setting, value);
        Optional<String> text = param(config, setting);
        try {
            return text.isPresent() ? s.withParameters(java.util.Map.of(setting.key(), text.get())) : s;
        } catch (IllegalArgumentException e) {
            throw new ScenarioError(e.getMessage(), null);
        }
    }

    private static Optional<String> param(Config config, Setting<?> setting) {
        return config.get(setting.key()).map(String::strip).filter(x -> !x.isEmpty());
    }
}
