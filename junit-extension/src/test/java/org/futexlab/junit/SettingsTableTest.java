package org.futexlab.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.futexlab.junit.tooling.ReplayToken;
import org.futexlab.junit.tooling.ScenarioResult;
import org.futexlab.junit.tooling.Setting;
import org.futexlab.junit.tooling.ToolSettings;
import org.junit.jupiter.api.Test;

/**
 * The table of settings is the one description of each setting: the annotation, the README and the tools' checks
 * must agree with it, and every bad value gets one message.
 */
class SettingsTableTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void everyScenarioSettingIsAnAnnotationAttributeWithTheSameDefaultAndBack() throws Exception {
        KernelScenario defaults = Defaulted.class.getDeclaredMethod("scenario", Scenario.class).getAnnotation(KernelScenario.class);
        List<String> attributes = Arrays.stream(KernelScenario.class.getDeclaredMethods()).map(Method::getName)
                .sorted().collect(Collectors.toList());
        List<String> scenarioSettings = new ArrayList<>();
        for (Setting<?> s : Settings.table()) {
            if (s.scope() == Setting.Scope.SCENARIO) {
                scenarioSettings.add(s.name());
                Object raw = KernelScenario.class.getMethod(s.name()).invoke(defaults);
                assertThat(s.fromAnnotation(raw, s.name())).as("default of %s", s.name()).isEqualTo(s.defaultValue());
            } else {
                assertThat(attributes).as("a %s setting is no annotation attribute", s.scope()).doesNotContain(s.name());
            }
        }
        assertThat(scenarioSettings).containsExactlyInAnyOrderElementsOf(attributes);
        assertThat(Settings.of(defaults)).isEqualTo(Settings.defaults());
    }

    /** An inner class, which JUnit does not run: only its annotation's defaults are read. */
    private final class Defaulted {
        @KernelScenario
        void scenario(Scenario s) {}
    }

    @Test
    void namesAreUniqueAcrossTheScenarioAndToolTables() {
        List<String> keys = new ArrayList<>();
        Settings.table().forEach(s -> keys.add(s.key()));
        ToolSettings.table().forEach(s -> keys.add(s.key()));
        assertThat(keys).doesNotHaveDuplicates().allMatch(k -> k.startsWith("futex."));
    }

    @Test
    void aToolChecksWhatItPassesOnAsEveryScenarioWillReadIt() {
        assertThatCode(() -> Settings.defaults().withParameters(Map.of("futex.strategy", "pct", "futex.schedules",
                "50", "futex.timeout", "90s", "futex.instrument", "com.example.locks, com.example.mm")))
                .doesNotThrowAnyException();
        Settings s = Settings.defaults().instrument(List.of("a.b"))
                .withParameters(Map.of("futex.instrument", "c.d", "futex.schedules", "50"));
        assertThat(s.instrument()).as("instrument merges").containsExactly("a.b", "c.d");
        assertThat(s.schedules()).isEqualTo(50);

        assertThatThrownBy(() -> Settings.defaults().withParameters(Map.of("futex.instrument", "not a package!")))
                .hasMessage("futex.instrument = not a package! is invalid: expected Java package names such as "
                        + "com.example.locks");
        assertThatThrownBy(() -> Settings.defaults().withParameters(Map.of("futex.stallTimeout", "soon")))
                .hasMessage("futex.stallTimeout = \"soon\" is not a duration: expected such as 500ms, 90s, 5m, 1h or "
                        + "PT2M");
        assertThatThrownBy(() -> Settings.defaults().withParameters(Map.of("futex.parallelism", "0")))
                .hasMessage("futex.parallelism = 0 is invalid: expected a number of schedules run at once from 1 to 64");
        assertThatThrownBy(() -> Settings.defaults().withParameters(Map.of("futex.strategy", "DFS")))
                .hasMessage("futex.strategy = \"DFS\" is not accepted: expected one of [RANDOM, PCT, EXHAUSTIVE]");
    }

    @Test
    void everySettingThatIsNotFreeTextRefusesGarbage() {
        // A key a tool passes on but nobody parses would be dropped without a word.
        for (Setting<?> s : Settings.table()) {
            if (s.type() == String.class || s.name().equals("detects") || s.name().equals("variants")) {
                continue; // free text, and ids the catalog checks
            }
            assertThatThrownBy(() -> s.parse("!bad!")).as(s.key()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(s.key() + " = ");
        }
    }

    @Test
    void aMisspeltKeyIsNamedWithTheClosestKnownOne() {
        List<Setting<?>> known = new ArrayList<>(Settings.table());
        known.addAll(ToolSettings.table());
        assertThat(Setting.unknownKeys(List.of("futex.schedule", "futex.schedules", "user.home", "futex.forktimeout",
                "futex.zzzzzzzzzzzzzz"), known)).containsExactly(
                "futex.schedule is not a Futex Lab setting and is ignored; did you mean futex.schedules?",
                "futex.forktimeout is not a Futex Lab setting and is ignored; did you mean futex.forkTimeout?",
                "futex.zzzzzzzzzzzzzz is not a Futex Lab setting and is ignored; the settings are "
                        + known.stream().map(Setting::key).collect(Collectors.joining(", ")));
    }

    @Test
    void theFormatsOfToolsNameWhatTheApiNames() {
        assertThat(Arrays.stream(ScenarioResult.Outcome.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(Exploration.Outcome.values()).map(Enum::name).toList());
        for (Strategy st : Strategy.values()) {
            assertThatCode(() -> new ReplayToken("a#b", null, st.name(), 0, 0, 0, 10,
                    new org.futexlab.junit.tooling.Schedule(new int[0], new int[0]), null, null))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void theReadmeTableIsTheTable() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String table = readmeTable(Settings.table());
        assertThat(readme).as("README.md's settings table; it should read:%n%s", table).contains(table);
    }

    /** @return the README's table of settings, as the table describes them */
    static String readmeTable(List<Setting<?>> settings) {
        StringBuilder sb = new StringBuilder("| setting | where | default | meaning |\n|---|---|---|---|\n");
        for (Setting<?> s : settings) {
            String where = s.scope() == Setting.Scope.SCENARIO ? "attribute, `" + s.key() + "`" : "`" + s.key() + "`";
            String def = s.defaultText().isEmpty() ? "" : "`" + s.defaultText() + "`";
            sb.append("| `").append(s.name()).append("` | ").append(where).append(" | ").append(def).append(" | ")
                    .append(s.doc()).append(" |\n");
        }
        return sb.toString();
    }
}
