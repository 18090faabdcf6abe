package org.futexlab.junit.internal.junit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.futexlab.junit.ScenarioError;
import org.junit.jupiter.api.Test;

/** The check a tool runs once, before it forks, on the settings it passes on to every scenario. */
class SettingsResolverTest {
    private static SettingsResolver.Config config(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    @Test
    void everyKeyAToolPassesOnIsCheckedAsAScenarioWouldReadIt() {
        assertThatCode(() -> SettingsResolver.validate(config(Map.of("futex.strategy", "pct", "futex.schedules", "50",
                "futex.timeout", "90s", "futex.instrument", "com.example.locks, com.example.mm"))))
                .doesNotThrowAnyException();

        assertThatThrownBy(() -> SettingsResolver.validate(config(Map.of("futex.instrument", "not a package!"))))
                .isInstanceOf(ScenarioError.class)
                .hasMessage("futex.instrument: instrument = not a package! is invalid: expected Java package names "
                        + "such as com.example.locks");
        assertThatThrownBy(() -> SettingsResolver.validate(config(Map.of("futex.stallTimeout", "soon"))))
                .isInstanceOf(ScenarioError.class)
                .hasMessageStartingWith("futex.stallTimeout = \"soon\" is not a duration");
        assertThatThrownBy(() -> SettingsResolver.validate(config(Map.of("futex.parallelism", "0"))))
                .isInstanceOf(ScenarioError.class)
                .hasMessage("futex.parallelism: parallelism = 0 is invalid: expected a number of schedules run at "
                        + "once from 1 to 64");
    }

    @Test
    void everyScenarioKeyIsASetting() {
        // A key the tool passes on but no scenario reads would be dropped without a word.
        for (String key : SettingsResolver.SCENARIO_KEYS) {
            assertThatThrownBy(() -> SettingsResolver.validate(config(Map.of(key, "!bad!"))))
                    .as(key).isInstanceOf(ScenarioError.class).hasMessageContaining(key);
        }
    }
}
