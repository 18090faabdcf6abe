package org.futexlab.junit.tooling;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting of Futex Lab, described once: its name (the {@code @KernelScenario} attribute and the key
 * {@code futex.<name>}), where it may be given, its type, default, how its text is parsed, which values are accepted,
 * and its documentation line. The resolver of the JUnit extension, the pass-through and checks of the Maven plugin,
 * the README's tables and the warning about a misspelt key are all derived from these descriptions; the tables
 * themselves are {@code org.futexlab.junit.Settings#table()} (the scenario settings) and {@link ToolSettings} (the
 * settings of tools that run a suite).
 *
 * <p>Every bad value gets one message that names where it came from and what is accepted, such as
 * {@code futex.schedules = "lots" is not a number: expected an integer} or
 * {@code futex.parallelism = 0 is invalid: expected a number of schedules run at once from 1 to 64}.
 *
 * @param <T> the value type
 */
public final class Setting<T> {
    /** Where a setting may be given. */
    public enum Scope {
        /** A {@code @KernelScenario} attribute, and the configuration parameter {@code futex.<name>}, which wins. */
        SCENARIO,
        /** Only the configuration parameter {@code futex.<name>} (a {@code -D} system property under Surefire). */
        RUN,
        /**
         * A setting of a tool that runs the suite (the Maven plugin): the extension does not read it, but knows it,
         * so that it is not taken for a misspelling.
         */
        TOOL
    }

    /** The key prefix of every setting. */
    public static final String PREFIX = "futex.";

    private final Scope scope;
    private final String name;
    private final Class<?> type;
    private final T defaultValue;
    private final String defaultText;
    private final String typeText;
    private final Function<String, T> parser;
    private final String noun;
    private final String parseExpected;
    private final Predicate<T> accepts;
    private final String accepted;
    private final boolean merges;
    private final String doc;

    private Setting(Scope scope, String name, Class<?> type, T defaultValue, String defaultText, String typeText,
            Function<String, T> parser, String noun, String parseExpected, Predicate<T> accepts, String accepted,
            boolean merges, String doc) {
        this.scope = Objects.requireNonNull(scope);
        this.name = Objects.requireNonNull(name);
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.typeText = typeText;
        this.parser = parser;
        this.noun = noun;
        this.parseExpected = parseExpected;
        this.accepts = accepts;
        this.accepted = accepted;
        this.merges = merges;
        this.doc = Objects.requireNonNull(doc);
    }

    // ------------------------------------------------------------------ kinds of settings

    /**
     * @param min the least value accepted
     * @param max the greatest value accepted
     * @param accepted what is accepted, for messages (such as "a positive number of schedules")
     * @return an int setting
     */
    public static Setting<Integer> integer(Scope scope, String name, int defaultValue, int min, int max,
            String accepted, String doc) {
        return new Setting<>(scope, name, Integer.class, defaultValue, Integer.toString(defaultValue), "integer",
                Integer::valueOf, "a number", "an integer", v -> v >= min && v <= max, accepted, false, doc);
    }

    /** @return a long setting that accepts any value */
    public static Setting<Long> longInteger(Scope scope, String name, long defaultValue, String doc) {
        return new Setting<>(scope, name, Long.class, defaultValue, Long.toString(defaultValue), "integer",
                Long::valueOf, "a number", "an integer", v -> true, "an integer", false, doc);
    }

    /** @return a positive duration, written as {@link #parseDuration} reads it */
    public static Setting<Duration> duration(Scope scope, String name, String defaultText, String doc) {
        return new Setting<>(scope, name, Duration.class, defaultText == null ? null : parseDuration(defaultText),
                defaultText, "duration", Setting::parseDuration, "a duration", DURATIONS,
                v -> !v.isNegative() && !v.isZero(), "a positive duration", false, doc);
    }

    /** @return one constant of an enum, case-insensitive */
    public static <E extends Enum<E>> Setting<E> choice(Scope scope, String name, Class<E> type, E defaultValue,
            String doc) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        return new Setting<>(scope, name, type, defaultValue, defaultValue.name(), String.join(", ", names),
                v -> constant(type, v), "accepted", "one of " + names, v -> true,
                "one of " + names, false, doc);
    }

    /** @return a true/false setting */
    public static Setting<Boolean> flag(Scope scope, String name, boolean defaultValue, String doc) {
        return new Setting<>(scope, name, Boolean.class, defaultValue, Boolean.toString(defaultValue), "boolean",
                Setting::parseBoolean, "a boolean", "true or false (on or off)", v -> true, "true or false", false, doc);
    }

    /**
     * @param defaultText the default as the README shows it, such as "every variant"; the value is the empty string
     * @return a free text setting
     */
    public static Setting<String> text(Scope scope, String name, String defaultText, String doc) {
        return new Setting<>(scope, name, String.class, "", defaultText, "text", String::strip, "text", "any text", v -> true,
                "any text", false, doc);
    }

    /**
     * A comma-separated list.
     *
     * @param element the pattern every element must match
     * @param accepted what is accepted, for messages
     * @param merges whether a list from the annotation and one from the configuration are merged (otherwise the
     *     configuration replaces the annotation's)
     * @param defaultText the default as the README shows it; the value is the empty list
     */
    public static Setting<List<String>> list(Scope scope, String name, String element, String accepted,
            boolean merges, String defaultText, String doc) {
        Pattern p = Pattern.compile(element);
        return new Setting<>(scope, name, List.class, List.of(), defaultText, "comma-separated list", Setting::split,
                "a list", accepted, v -> v.stream().allMatch(e -> p.matcher(e).matches()), accepted, merges, doc);
    }

    /**
     * @param text the default as documentation shows it, for a default computed by whoever reads the setting (such
     *     as "the number of processors")
     * @return this setting with that text
     */
    public Setting<T> defaultShownAs(String text) {
        return new Setting<>(scope, name, type, defaultValue, text, typeText, parser, noun, parseExpected, accepts,
                accepted, merges, doc);
    }

    // ------------------------------------------------------------------ the description

    /** @return where the setting may be given */
    public Scope scope() {
        return scope;
    }

    /** @return its name: the {@code @KernelScenario} attribute, the key without {@value #PREFIX} */
    public String name() {
        return name;
    }

    /** @return its key, {@code futex.<name>} */
    public String key() {
        return PREFIX + name;
    }

    /** @return the Java type of its value */
    public Class<?> type() {
        return type;
    }

    /** @return the type as documentation names it ("integer", "duration", "RANDOM, PCT, EXHAUSTIVE", ...) */
    public String typeText() {
        return typeText;
    }

    /** @return the default value ({@code ""} or the empty list where the default is computed by whoever reads it) */
    public T defaultValue() {
        return defaultValue;
    }

    /** @return the default as documentation shows it */
    public String defaultText() {
        return defaultText;
    }

    /** @return what is accepted, as messages say it */
    public String accepted() {
        return accepted;
    }

    /** @return whether a list from the annotation and one from the configuration are merged */
    public boolean merges() {
        return merges;
    }

    /** @return the documentation line */
    public String doc() {
        return doc;
    }

    // ------------------------------------------------------------------ values

    /**
     * Parses a value given as text under its key.
     *
     * @throws IllegalArgumentException {@code futex.x = "text" is not ...: expected ...}, or
     *     {@code futex.x = v is invalid: expected ...}
     */
    public T parse(String text) {
        return parse(text, key());
    }

    /**
     * Parses a value given as text.
     *
     * @param label names the source in the message, such as {@code futex.schedules} or {@code schedules}
     * @throws IllegalArgumentException naming label and what is accepted
     */
    public T parse(String text, String label) {
        T v;
        try {
            v = parser.apply(text.strip());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException(label + " = \"" + text + "\" is not " + noun + ": expected "
                    + parseExpected);
        }
        if (!accepts.test(v)) {
            throw new IllegalArgumentException(label + " = " + text.strip() + " is invalid: expected " + accepted);
        }
        return v;
    }

    /**
     * Converts the value of a {@code @KernelScenario} attribute (an enum, a number, a duration as text, a string
     * array) and checks it.
     *
     * @throws IllegalArgumentException naming label and what is accepted
     */
    @SuppressWarnings("unchecked")
    public T fromAnnotation(Object raw, String label) {
        if (raw instanceof String[]) {
            List<String> items = new ArrayList<>();
            for (String s : (String[]) raw) {
                if (!s.isBlank()) {
                    items.add(s.strip());
                }
            }
            return check((T) Collections.unmodifiableList(items), label);
        }
        if (raw instanceof String && type != String.class) {
            return parse((String) raw, label);
        }
        return check((T) type.cast(raw), label);
    }

    /**
     * @param label names the source in the message
     * @return v, when it is accepted
     * @throws IllegalArgumentException {@code label = v is invalid: expected ...}
     */
    public T check(T v, String label) {
        if (v == null || !accepts.test(v)) {
            throw new IllegalArgumentException(label + " = " + show(v) + " is invalid: expected " + accepted);
        }
        return v;
    }

    /** @return a value as a message or a configuration parameter writes it */
    public String show(Object v) {
        if (v instanceof List) {
            return String.join(",", ((List<?>) v).stream().map(String::valueOf).toArray(String[]::new));
        }
        if (v instanceof Duration) {
            return format((Duration) v);
        }
        return String.valueOf(v);
    }

    @Override
    public String toString() {
        return key();
    }

    // ------------------------------------------------------------------ parsers shared by every setting

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    /**
     * Parses a duration as settings accept it: {@code 500ms}, {@code 90s}, {@code 5m}, {@code 1h}, or ISO-8601 such as
     * {@code PT2M}.
     *
     * @throws IllegalArgumentException when it is none of these
     */
    public static Duration parseDuration(String v) {
        String t = v.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms": return Duration.ofMillis(n);
                case "s": return Duration.ofSeconds(n);
                case "m": return Duration.ofMinutes(n);
                default: return Duration.ofHours(n);
            }
        }
        try {
            return Duration.parse(v.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration: expected such as 500ms, 90s, 5m, 1h or PT2M");
        }
    }

    /** The accepted forms of a duration, for messages. */
    static final String DURATIONS = "such as 500ms, 90s, 5m, 1h or PT2M";

    /** @return a duration in the shortest form {@link #parseDuration} reads back */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms > 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static Boolean parseBoolean(String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equalsIgnoreCase("off")) {
            return false;
        }
        throw new IllegalArgumentException(v);
    }

    /** @return the constant named v, ignoring case and word separators (whenStuck, WHEN_STUCK, when-stuck) */
    private static <E extends Enum<E>> E constant(Class<E> type, String v) {
        String wanted = v.replace("_", "").replace("-", "");
        for (E e : type.getEnumConstants()) {
            if (e.name().replace("_", "").equalsIgnoreCase(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException(v);
    }

    /** @return the comma-separated items of a list setting's text, trimmed, without empties */
    public static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        for (String p : csv.split(",")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return Collections.unmodifiableList(out);
    }

    // ------------------------------------------------------------------ misspelt keys

    /**
     * The keys of the {@value #PREFIX} family that no setting has: each is ignored, and each gets a warning that
     * names the closest known key.
     *
     * @param keys keys as given (system properties, configuration parameters, a tool's properties)
     * @param known every setting the caller knows (the scenario settings and the tool settings)
     * @return one line per unknown key, in the order given
     */
    public static List<String> unknownKeys(Iterable<String> keys, List<? extends Setting<?>> known) {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            if (!key.startsWith(PREFIX) || known.stream().anyMatch(s -> s.key().equals(key))) {
                continue;
            }
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (Setting<?> s : known) {
                int d = distance(key.toLowerCase(Locale.ROOT), s.key().toLowerCase(Locale.ROOT));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = s.key();
                }
            }
            boolean close = best != null && bestDistance <= Math.max(2, (key.length() - PREFIX.length()) / 3);
            out.add(key + " is not a Futex Lab setting and is ignored; " + (close ? "did you mean " + best + "?"
                    : "the settings are " + String.join(", ", known.stream().map(Setting::key).toList())));
        }
        return out;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
