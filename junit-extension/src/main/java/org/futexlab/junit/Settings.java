package org.futexlab.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.futexlab.junit.tooling.Setting;
import org.futexlab.junit.tooling.Setting.Scope;

/**
 * The settings of one exploration: an immutable value with the same names and defaults as the
 * {@link KernelScenario} attributes. Used directly with {@link FutexLab#explore}.
 *
 * <pre>{@code
 * Settings s = Settings.defaults().strategy(Strategy.EXHAUSTIVE).maxPreemptions(1);
 * }</pre>
 *
 * <p>Each setting is described once, in the table of {@link Setting}s below ({@link #table()}): its name (the
 * {@code @KernelScenario} attribute and the configuration parameter {@code futex.<name>}), type, default, parser,
 * accepted values and documentation. The annotation's attributes, the configuration parameters, the Maven plugin's
 * pass-through and checks and the README's table all follow from it. A setting without a typed accessor is read
 * with {@link #get(Setting)} and set with {@link #with(Setting, Object)}.
 */
public final class Settings {
    /** How logical threads are carried: virtual threads where they do not pin on monitors, else platform. */
    public enum Carrier {
        /** Virtual threads on JDK 24 and later (JEP 491: monitors no longer pin), platform threads before. */
        AUTO,
        /** Virtual threads (JDK 21+; looked up by reflection since the extension compiles for Java 17). */
        VIRTUAL,
        /** Platform threads. */
        PLATFORM
    }

    /** The most schedules {@link #parallelism(int)} runs at once. */
    public static final int MAX_PARALLELISM = 64;

    private static final List<Setting<?>> TABLE = new ArrayList<>();

    private static <T> Setting<T> def(Setting<T> s) {
        TABLE.add(s);
        return s;
    }

    // ------------------------------------------------------------------ the table (documentation order)

    /** How schedules are chosen. */
    public static final Setting<Strategy> STRATEGY = def(Setting.choice(Scope.SCENARIO, "strategy", Strategy.class,
            Strategy.PCT, "`RANDOM`, `PCT`, or `EXHAUSTIVE` (preemption-bounded DPOR)"));
    /** The schedule budget. */
    public static final Setting<Integer> SCHEDULES = def(Setting.integer(Scope.SCENARIO, "schedules", 1000, 1,
            Integer.MAX_VALUE, "a positive number of schedules",
            "schedules to run (EXHAUSTIVE: at most, then it stops without a proof)"));
    /** The seed of RANDOM and PCT. */
    public static final Setting<Long> SEED = def(Setting.longInteger(Scope.SCENARIO, "seed", 0,
            "seed of RANDOM and PCT; every run with the same settings explores the same schedules"));
    /** The preemption bound of EXHAUSTIVE. */
    public static final Setting<Integer> MAX_PREEMPTIONS = def(Setting.integer(Scope.SCENARIO, "maxPreemptions", 2,
            -1, Integer.MAX_VALUE, "-1 (no bound) or a bound >= 0", "preemption bound of EXHAUSTIVE; -1 for none"));
    /** The bug depth PCT targets. */
    public static final Setting<Integer> PCT_DEPTH = def(Setting.integer(Scope.SCENARIO, "pctDepth", 3, 1,
            Integer.MAX_VALUE, "a depth >= 1", "bug depth PCT targets"));
    /** Spurious returns per schedule. */
    public static final Setting<Integer> SPURIOUS_WAKEUPS = def(Setting.integer(Scope.SCENARIO, "spuriousWakeups", 1,
            0, Integer.MAX_VALUE, "a count >= 0", "spurious returns per schedule"));
    /** The wall-clock limit of the exploration. */
    public static final Setting<Duration> TIMEOUT = def(Setting.duration(Scope.SCENARIO, "timeout", "5m",
            "wall-clock limit of the whole exploration (`500ms`, `90s`, `5m`, `PT2M`)"));
    /** Steps per schedule before a livelock is reported. */
    public static final Setting<Integer> MAX_STEPS = def(Setting.integer(Scope.SCENARIO, "maxSteps", 20_000, 10,
            Integer.MAX_VALUE, "a step budget >= 10", "steps per schedule before a livelock is reported"));
    /** A replay token. */
    public static final Setting<String> REPLAY = def(Setting.text(Scope.SCENARIO, "replay", "",
            "a token from a failure report: run exactly that schedule, under the variants it was recorded with, and "
                    + "print its trace"));
    /** More instrumented packages. */
    public static final Setting<List<String>> INSTRUMENT = def(Setting.list(Scope.SCENARIO, "instrument",
            "[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*", "Java package names such as com.example.locks", true, "",
            "more packages whose synchronisation operations are scheduling points"));
    /** The variants this scenario is written to catch. */
    public static final Setting<List<String>> DETECTS = def(Setting.list(Scope.SCENARIO, "detects",
            "\\S+", "variant ids", true, "",
            "ids of the variants this scenario is written to catch"));
    /** Whether plain field and array accesses are checked for data races. */
    public static final Setting<Boolean> RACES = def(Setting.flag(Scope.SCENARIO, "races", true,
            "check plain (non-volatile) field and array accesses of instrumented code for data races (`off` to skip)"));
    /** Races the scenario accepts. */
    public static final Setting<List<String>> BENIGN_RACES = def(Setting.list(Scope.SCENARIO, "benignRaces",
            "[\\w$.]+(\\[])?", "fields as Class.field or pkg.Class.field, or Class.method for any access in that "
                    + "method", true, "", "data races the scenario accepts: a field (`Counter.hits`), or a method "
                    + "(`Counter.fill`) any of whose accesses may race"));
    /** When timed waits may time out. */
    public static final Setting<Timeouts> TIMEOUTS = def(Setting.choice(Scope.SCENARIO, "timeouts", Timeouts.class,
            Timeouts.EARLIEST, "`EARLIEST`: a timed wait may time out whenever its deadline is the earliest; "
                    + "`WHEN_STUCK` (`whenStuck`): only when no thread can otherwise move"));
    /** What to do about static fields schedules write. */
    public static final Setting<Statics> STATICS = def(Setting.choice(Scope.SCENARIO, "statics", Statics.class,
            Statics.WARN, "static fields of instrumented classes that a schedule writes: `WARN` names them, `RESET` "
                    + "also sets them back before each schedule"));
    /** The active variants. */
    public static final Setting<List<String>> VARIANTS = def(Setting.list(Scope.RUN, "variants",
            "\\S+", "variant ids", false, "",
            "comma-separated active variant ids, checked against the catalogs `META-INF/futex/variants.properties` "
                    + "on the class path"));
    /** The watchdog. */
    public static final Setting<Duration> STALL_TIMEOUT = def(Setting.duration(Scope.RUN, "stallTimeout", "10s",
            "watchdog: how long a thread may run without reaching a scheduling point"));
    /** How logical threads are carried. */
    public static final Setting<Carrier> CARRIER = def(Setting.choice(Scope.RUN, "carrier", Carrier.class,
            Carrier.AUTO, "`AUTO`, `VIRTUAL` or `PLATFORM`: what carries the logical threads"));
    /** RANDOM and PCT schedules run at once. */
    public static final Setting<Integer> PARALLELISM = def(Setting.integer(Scope.RUN, "parallelism", 1, 1,
            MAX_PARALLELISM, "a number of schedules run at once from 1 to " + MAX_PARALLELISM,
            "RANDOM and PCT schedules run at once (the result does not depend on it)"));

    /** @return the scenario settings, in documentation order: {@link Scope#SCENARIO} and {@link Scope#RUN} */
    public static List<Setting<?>> table() {
        return Collections.unmodifiableList(TABLE);
    }

    private static final Settings DEFAULTS = new Settings(defaultValues());

    private static Map<Setting<?>, Object> defaultValues() {
        Map<Setting<?>, Object> v = new HashMap<>();
        for (Setting<?> s : TABLE) {
            v.put(s, s.defaultValue());
        }
        return v;
    }

    private final Map<Setting<?>, Object> values;

    private Settings(Map<Setting<?>, Object> values) {
        this.values = values;
    }

    /** @return the defaults, identical to those of {@link KernelScenario} */
    public static Settings defaults() {
        return DEFAULTS;
    }

    /**
     * The settings a {@link KernelScenario} annotation declares, before JUnit configuration parameters
     * ({@code futex.*}) override them: for exploring an annotated scenario from code as it would run, say with a
     * variant in (the detecting half of a twin pair).
     *
     * @throws IllegalArgumentException naming the attribute whose value is invalid, and what is accepted
     */
    public static Settings of(KernelScenario ann) {
        Settings s = DEFAULTS;
        for (Setting<?> setting : TABLE) {
            if (setting.scope() == Scope.SCENARIO) {
                s = s.withAnnotated(setting, attribute(ann, setting.name()), setting.name());
            }
        }
        return s;
    }

    /** @return the value of a {@code @KernelScenario} attribute */
    static Object attribute(KernelScenario ann, String name) {
        try {
            return KernelScenario.class.getMethod(name).invoke(ann);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("@KernelScenario has no attribute " + name + " for its setting", e);
        }
    }

    private <T> Settings withAnnotated(Setting<T> s, Object raw, String label) {
        return with(s, s.fromAnnotation(raw, label));
    }

    /**
     * @param setting a setting of {@link #table()}
     * @return its value
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (!values.containsKey(setting)) {
            throw new IllegalArgumentException(setting.key() + " is not a scenario setting");
        }
        return (T) values.get(setting);
    }

    /**
     * @param setting a setting of {@link #table()}
     * @param value its new value
     * @return a copy with it
     * @throws IllegalArgumentException {@code name = value is invalid: expected ...}
     */
    public <T> Settings with(Setting<T> setting, T value) {
        get(setting);
        Map<Setting<?>, Object> v = new HashMap<>(values);
        v.put(setting, setting.check(value, setting.name()));
        return new Settings(v);
    }

    /**
     * Applies configuration parameters as a tool passes them on to every scenario: each given {@code futex.<name>}
     * of {@link #table()} replaces the value (a list that merges, such as {@code instrument}, takes both). A tool
     * calls it once, before it starts any scenario, to check what it will pass on.
     *
     * @param parameters configuration parameters by key; keys outside the table are not looked at
     * @return the settings with them
     * @throws IllegalArgumentException for the first bad value, naming its key and what is accepted
     */
    public Settings withParameters(Map<String, String> parameters) {
        Settings s = this;
        for (Setting<?> setting : TABLE) {
            String text = parameters.get(setting.key());
            if (text != null && !text.isBlank()) {
                s = s.withParsed(setting, text);
            }
        }
        return s;
    }

    private <T> Settings withParsed(Setting<T> setting, String text) {
        T v = setting.parse(text);
        if (setting.merges()) {
            List<Object> both = new ArrayList<>((List<?>) get(setting));
            for (Object o : (List<?>) v) {
                if (!both.contains(o)) {
                    both.add(o);
                }
            }
            @SuppressWarnings("unchecked")
            T merged = (T) List.copyOf(both);
            v = merged;
        }
        return with(setting, v);
    }

    // ------------------------------------------------------------------ typed access

    /** @return how schedules are chosen */
    public Strategy strategy() {
        return get(STRATEGY);
    }

    /**
     * @param v how schedules are chosen
     * @return a copy with it
     */
    public Settings strategy(Strategy v) {
        return with(STRATEGY, Objects.requireNonNull(v, "strategy"));
    }

    /** @return the schedule budget */
    public int schedules() {
        return get(SCHEDULES);
    }

    /**
     * @param v the schedule budget
     * @return a copy with it
     */
    public Settings schedules(int v) {
        return with(SCHEDULES, v);
    }

    /** @return the seed of RANDOM and PCT */
    public long seed() {
        return get(SEED);
    }

    /**
     * @param v the seed
     * @return a copy with it
     */
    public Settings seed(long v) {
        return with(SEED, v);
    }

    /** @return the preemption bound of EXHAUSTIVE, -1 for none */
    public int maxPreemptions() {
        return get(MAX_PREEMPTIONS);
    }

    /**
     * @param v the preemption bound
     * @return a copy with it
     */
    public Settings maxPreemptions(int v) {
        return with(MAX_PREEMPTIONS, v);
    }

    /** @return the bug depth PCT targets */
    public int pctDepth() {
        return get(PCT_DEPTH);
    }

    /**
     * @param v the PCT depth
     * @return a copy with it
     */
    public Settings pctDepth(int v) {
        return with(PCT_DEPTH, v);
    }

    /** @return the spurious wake-up budget per schedule */
    public int spuriousWakeups() {
        return get(SPURIOUS_WAKEUPS);
    }

    /**
     * @param v the spurious wake-up budget
     * @return a copy with it
     */
    public Settings spuriousWakeups(int v) {
        return with(SPURIOUS_WAKEUPS, v);
    }

    /** @return the wall-clock limit of the exploration */
    public Duration timeout() {
        return get(TIMEOUT);
    }

    /**
     * @param v the wall-clock limit
     * @return a copy with it
     */
    public Settings timeout(Duration v) {
        return with(TIMEOUT, Objects.requireNonNull(v, "timeout"));
    }

    /**
     * @return how long a logical thread may run without reaching a scheduling point before the watchdog reports
     *     it ({@code futex.stallTimeout}, default 10s)
     */
    public Duration stallTimeout() {
        return get(STALL_TIMEOUT);
    }

    /**
     * @param v the watchdog limit
     * @return a copy with it
     */
    public Settings stallTimeout(Duration v) {
        return with(STALL_TIMEOUT, Objects.requireNonNull(v, "stallTimeout"));
    }

    /** @return the step budget of one schedule */
    public int maxSteps() {
        return get(MAX_STEPS);
    }

    /**
     * @param v the step budget
     * @return a copy with it
     */
    public Settings maxSteps(int v) {
        return with(MAX_STEPS, v);
    }

    /** @return the replay token, or the empty string */
    public String replay() {
        return get(REPLAY);
    }

    /**
     * @param v a replay token, or the empty string
     * @return a copy with it
     */
    public Settings replay(String v) {
        return with(REPLAY, v.strip());
    }

    /** @return extra instrumented packages */
    public List<String> instrument() {
        return get(INSTRUMENT);
    }

    /**
     * @param v extra instrumented packages
     * @return a copy with them
     */
    public Settings instrument(List<String> v) {
        return with(INSTRUMENT, List.copyOf(v));
    }

    /** @return the variant ids this scenario is written to catch */
    public List<String> detects() {
        return get(DETECTS);
    }

    /**
     * @param v variant ids
     * @return a copy with them
     */
    public Settings detects(List<String> v) {
        return with(DETECTS, List.copyOf(v));
    }

    /** @return the active variant ids */
    public Set<String> variants() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(get(VARIANTS)));
    }

    /**
     * @param v active variant ids
     * @return a copy with them
     */
    public Settings variants(Set<String> v) {
        return with(VARIANTS, List.copyOf(new LinkedHashSet<>(v)));
    }

    /**
     * @param ids active variant ids
     * @return a copy with them
     */
    public Settings variants(String... ids) {
        return variants(new LinkedHashSet<>(List.of(ids)));
    }

    /** @return how logical threads are carried */
    public Carrier carrier() {
        return get(CARRIER);
    }

    /**
     * @param v how logical threads are carried
     * @return a copy with it
     */
    public Settings carrier(Carrier v) {
        return with(CARRIER, Objects.requireNonNull(v, "carrier"));
    }

    /**
     * @return how many RANDOM or PCT schedules run at once ({@code futex.parallelism}, default 1). What the
     *     schedules decide does not depend on it: the same schedules run, the first failing one in schedule order
     *     is the one reported, and its replay token is the same. Failures measured in wall time or over the whole
     *     JVM (the stall watchdog, the timeout, a thread leaked outside the engine) can move. EXHAUSTIVE runs one
     *     schedule at a time, since the search derives each schedule from the traces of those before it.
     */
    public int parallelism() {
        return get(PARALLELISM);
    }

    /**
     * @param v how many schedules run at once, 1 to {@link #MAX_PARALLELISM}
     * @return a copy with it
     */
    public Settings parallelism(int v) {
        return with(PARALLELISM, v);
    }

    /**
     * @return how many schedules an exploration with these settings runs at once: RANDOM and PCT take
     *     {@link #parallelism()}; EXHAUSTIVE derives each schedule from those before it and a replay runs one, so
     *     they run one at a time
     */
    public int schedulesAtOnce() {
        return strategy() == Strategy.EXHAUSTIVE || !replay().isEmpty() ? 1 : Math.min(parallelism(), schedules());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings && values.equals(((Settings) o).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("strategy=" + strategy());
        parts.add("schedules=" + schedules());
        if (strategy() != Strategy.EXHAUSTIVE) {
            parts.add("seed=" + seed());
        }
        if (strategy() == Strategy.PCT) {
            parts.add("pctDepth=" + pctDepth());
        }
        if (strategy() == Strategy.EXHAUSTIVE) {
            parts.add("maxPreemptions=" + maxPreemptions());
        }
        parts.add("spuriousWakeups=" + spuriousWakeups());
        parts.add("maxSteps=" + maxSteps());
        if (!variants().isEmpty()) {
            parts.add("variants=" + String.join(",", variants()));
        }
        return String.join(", ", parts);
    }
}
