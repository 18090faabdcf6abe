package org.futexlab.junit;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of one exploration: an immutable value with the same names and defaults as the
 * {@link KernelScenario} attributes. Used directly with {@link FutexLab#explore}.
 *
 * <pre>{@code
 * Settings s = Settings.defaults().strategy(Strategy.EXHAUSTIVE).maxPreemptions(1);
 * }</pre>
 */
public final class Settings implements Cloneable {
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

    // Written only by defaults() and inside with(), on a fresh copy, before anyone else can see it.
    private Strategy strategy;
    private int schedules;
    private long seed;
    private int maxPreemptions;
    private int pctDepth;
    private int spuriousWakeups;
    private Duration timeout;
    private Duration stallTimeout;
    private int maxSteps;
    private String replay;
    private List<String> instrument;
    private List<String> detects;
    private Set<String> variants;
    private Carrier carrier;
    private int parallelism;

    private Settings() {}

    /** @return a copy with one change, checked: the one place a copy is made */
    private Settings with(Consumer<Settings> change) {
        Settings c;
        try {
            c = (Settings) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        change.accept(c);
        c.validate();
        return c;
    }

    /** @return the defaults, identical to those of {@link KernelScenario} */
    public static Settings defaults() {
        Settings s = new Settings();
        s.strategy = Strategy.PCT;
        s.schedules = 1000;
        s.seed = 0;
        s.maxPreemptions = 2;
        s.pctDepth = 3;
        s.spuriousWakeups = 1;
        s.timeout = Duration.ofMinutes(5);
        s.stallTimeout = Duration.ofSeconds(10);
        s.maxSteps = 20_000;
        s.replay = "";
        s.instrument = List.of();
        s.detects = List.of();
        s.variants = Set.of();
        s.carrier = Carrier.AUTO;
        s.parallelism = 1;
        s.validate();
        return s;
    }

    /**
     * The settings a {@link KernelScenario} annotation declares, before JUnit configuration parameters
     * ({@code futex.*}) override them: for exploring an annotated scenario from code as it would run, say with a
     * variant in (the detecting half of a twin pair).
     *
     * @throws IllegalArgumentException naming the attribute whose value is invalid, and what is accepted
     */
    public static Settings of(KernelScenario ann) {
        return defaults().strategy(ann.strategy()).schedules(ann.schedules()).seed(ann.seed())
                .maxPreemptions(ann.maxPreemptions()).pctDepth(ann.pctDepth())
                .spuriousWakeups(ann.spuriousWakeups()).maxSteps(ann.maxSteps())
                .timeout(parseDuration(ann.timeout(), "timeout")).replay(ann.replay())
                .detects(List.of(ann.detects()));
    }

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    /**
     * Parses a duration as the settings accept it: {@code 500ms}, {@code 90s}, {@code 5m}, {@code 1h}, or ISO-8601
     * such as {@code PT2M}.
     *
     * @param what names the setting, for the message
     * @throws IllegalArgumentException naming what and the accepted forms
     */
    public static Duration parseDuration(String v, String what) {
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
            throw new IllegalArgumentException(what + " = \"" + v + "\" is not a duration: expected such as 500ms, "
                    + "90s, 5m, 1h or PT2M");
        }
    }

    private void validate() {
        require(schedules >= 1, "schedules", schedules, "a positive number of schedules");
        require(maxPreemptions >= -1, "maxPreemptions", maxPreemptions, "-1 (no bound) or a bound >= 0");
        require(pctDepth >= 1, "pctDepth", pctDepth, "a depth >= 1");
        require(parallelism >= 1 && parallelism <= MAX_PARALLELISM, "parallelism", parallelism,
                "a number of schedules run at once from 1 to " + MAX_PARALLELISM);
        require(spuriousWakeups >= 0, "spuriousWakeups", spuriousWakeups, "a count >= 0");
        require(maxSteps >= 10, "maxSteps", maxSteps, "a step budget >= 10");
        require(!timeout.isNegative() && !timeout.isZero(), "timeout", timeout, "a positive duration");
        require(!stallTimeout.isNegative() && !stallTimeout.isZero(), "stallTimeout", stallTimeout,
                "a positive duration");
        for (String p : instrument) {
            require(p.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*"), "instrument", p,
                    "Java package names such as com.example.locks");
        }
    }

    private static void require(boolean ok, String name, Object value, String accepted) {
        if (!ok) {
            throw new IllegalArgumentException(name + " = " + value + " is invalid: expected " + accepted);
        }
    }

    /** @return the strategy */
    public Strategy strategy() {
        return strategy;
    }

    /** @param v the strategy @return a copy with it */
    public Settings strategy(Strategy v) {
        return with(c -> c.strategy = Objects.requireNonNull(v, "strategy"));
    }

    /** @return the schedule budget */
    public int schedules() {
        return schedules;
    }

    /** @param v the schedule budget @return a copy with it */
    public Settings schedules(int v) {
        return with(c -> c.schedules = v);
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @param v the seed @return a copy with it */
    public Settings seed(long v) {
        return with(c -> c.seed = v);
    }

    /** @return the preemption bound of EXHAUSTIVE, -1 for none */
    public int maxPreemptions() {
        return maxPreemptions;
    }

    /** @param v the preemption bound @return a copy with it */
    public Settings maxPreemptions(int v) {
        return with(c -> c.maxPreemptions = v);
    }

    /** @return the PCT depth */
    public int pctDepth() {
        return pctDepth;
    }

    /** @param v the PCT depth @return a copy with it */
    public Settings pctDepth(int v) {
        return with(c -> c.pctDepth = v);
    }

    /** @return the spurious wake-up budget per schedule */
    public int spuriousWakeups() {
        return spuriousWakeups;
    }

    /** @param v the spurious wake-up budget @return a copy with it */
    public Settings spuriousWakeups(int v) {
        return with(c -> c.spuriousWakeups = v);
    }

    /** @return the wall-clock limit of the exploration */
    public Duration timeout() {
        return timeout;
    }

    /** @param v the wall-clock limit @return a copy with it */
    public Settings timeout(Duration v) {
        return with(c -> c.timeout = Objects.requireNonNull(v, "timeout"));
    }

    /**
     * @return how long a logical thread may run without reaching a scheduling point before the watchdog reports
     *     it ({@code futex.stallTimeout}, default 10s)
     */
    public Duration stallTimeout() {
        return stallTimeout;
    }

    /** @param v the watchdog limit @return a copy with it */
    public Settings stallTimeout(Duration v) {
        return with(c -> c.stallTimeout = Objects.requireNonNull(v, "stallTimeout"));
    }

    /** @return the step budget of one schedule */
    public int maxSteps() {
        return maxSteps;
    }

    /** @param v the step budget @return a copy with it */
    public Settings maxSteps(int v) {
        return with(c -> c.maxSteps = v);
    }

    /** @return the replay token, or the empty string */
    public String replay() {
        return replay;
    }

    /** @param v a replay token, or the empty string @return a copy with it */
    public Settings replay(String v) {
        return with(c -> c.replay = v.strip());
    }

    /** @return extra instrumented packages */
    public List<String> instrument() {
        return instrument;
    }

    /** @param v extra instrumented packages @return a copy with them */
    public Settings instrument(List<String> v) {
        return with(c -> c.instrument = List.copyOf(v));
    }

    /** @return the variant ids this scenario is written to catch */
    public List<String> detects() {
        return detects;
    }

    /** @param v variant ids @return a copy with them */
    public Settings detects(List<String> v) {
        return with(c -> c.detects = List.copyOf(v));
    }

    /** @return the active variant ids */
    public Set<String> variants() {
        return variants;
    }

    /** @param v active variant ids @return a copy with them */
    public Settings variants(Set<String> v) {
        return with(c -> c.variants = Collections.unmodifiableSet(new LinkedHashSet<>(v)));
    }

    /** @param ids active variant ids @return a copy with them */
    public Settings variants(String... ids) {
        return variants(new LinkedHashSet<>(List.of(ids)));
    }

    /** @return how logical threads are carried */
    public Carrier carrier() {
        return carrier;
    }

    /** @param v how logical threads are carried @return a copy with it */
    public Settings carrier(Carrier v) {
        return with(c -> c.carrier = Objects.requireNonNull(v, "carrier"));
    }

    /**
     * @return how many RANDOM or PCT schedules run at once ({@code futex.parallelism}, default 1). What the
     *     schedules decide does not depend on it: the same schedules run, the first failing one in schedule order
     *     is the one reported, and its replay token is the same. Failures measured in wall time or over the whole
     *     JVM (the stall watchdog, the timeout, a thread leaked outside the engine) can move. EXHAUSTIVE runs one
     *     schedule at a time, since the search derives each schedule from the traces of those before it.
     */
    public int parallelism() {
        return parallelism;
    }

    /** @param v how many schedules run at once, 1 to {@link #MAX_PARALLELISM} @return a copy with it */
    public Settings parallelism(int v) {
        return with(c -> c.parallelism = v);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("strategy=" + strategy);
        parts.add("schedules=" + schedules);
        if (strategy != Strategy.EXHAUSTIVE) {
            parts.add("seed=" + seed);
        }
        if (strategy == Strategy.PCT) {
            parts.add("pctDepth=" + pctDepth);
        }
        if (strategy == Strategy.EXHAUSTIVE) {
            parts.add("maxPreemptions=" + maxPreemptions);
        }
        parts.add("spuriousWakeups=" + spuriousWakeups);
        parts.add("maxSteps=" + maxSteps);
        if (!variants.isEmpty()) {
            parts.add("variants=" + String.join(",", variants));
        }
        return String.join(", ", parts);
    }
}
