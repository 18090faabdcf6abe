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

    private final Strategy strategy;
    private final int schedules;
    private final long seed;
    private final int maxPreemptions;
    private final int pctDepth;
    private final int spuriousWakeups;
    private final Duration timeout;
    private final Duration stallTimeout;
    private final int maxSteps;
    private final String replay;
    private final List<String> instrument;
    private final List<String> detects;
    private final Set<String> variants;
    private final Carrier carrier;
    private final int parallelism;

    private Settings(Strategy strategy, int schedules, long seed, int maxPreemptions, int pctDepth,
            int spuriousWakeups, Duration timeout, Duration stallTimeout, int maxSteps, String replay,
            List<String> instrument, List<String> detects, Set<String> variants, Carrier carrier,
            int parallelism) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.schedules = schedules;
        this.seed = seed;
        this.maxPreemptions = maxPreemptions;
        this.pctDepth = pctDepth;
        this.spuriousWakeups = spuriousWakeups;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
        this.maxSteps = maxSteps;
        this.replay = Objects.requireNonNull(replay, "replay");
        this.instrument = List.copyOf(instrument);
        this.detects = List.copyOf(detects);
        this.variants = Collections.unmodifiableSet(new LinkedHashSet<>(variants));
        this.carrier = Objects.requireNonNull(carrier, "carrier");
        this.parallelism = parallelism;
        validate();
    }

    /** @return the defaults, identical to those of {@link KernelScenario} */
    public static Settings defaults() {
        return new Settings(Strategy.PCT, 1000, 0, 2, 3, 1, Duration.ofMinutes(5), Duration.ofSeconds(10),
                20_000, "", List.of(), List.of(), Set.of(), Carrier.AUTO, 1);
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
        return new Settings(v, schedules, seed, maxPreemptions, pctDepth, spuriousWakeups, timeout, stallTimeout,
                maxSteps, replay, instrument, detects, variants, carrier, parallelism);
    }

    /** @return the schedule budget */
    public int schedules() {
        return schedules;
    }

    /** @param v the schedule budget @return a copy with it */
    public Settings schedules(int v) {
        return new Settings(strategy, v, seed, maxPreemptions, pctDepth, spuriousWakeups, timeout, stallTimeout,
                maxSteps, replay, instrument, detects, variants, carrier, parallelism);
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @param v the seed @return a copy with it */
    public Settings seed(long v) {
        return new Settings(strategy, schedules, v, maxPreemptions, pctDepth, spuriousWakeups, timeout,
                stallTimeout, maxSteps, replay, instrument, detects, variants, carrier, parallelism);
    }

    /** @return the preemption bound of EXHAUSTIVE, -1 for none */
    public int maxPreemptions() {
        return maxPreemptions;
    }

    /** @param v the preemption bound @return a copy with it */
    public Settings maxPreemptions(int v) {
        return new Settings(strategy, schedules, seed, v, pctDepth, spuriousWakeups, timeout, stallTimeout,
                maxSteps, replay, instrument, detects, variants, carrier, parallelism);
    }

    /** @return the PCT depth */
    public int pctDepth() {
        return pctDepth;
    }

    /** @param v the PCT depth @return a copy with it */
    public Settings pctDepth(int v) {
        return new Settings(strategy, schedules, seed, maxPreemptions, v, spuriousWakeups, timeout, stallTimeout,
                maxSteps, replay, instrument, detects, variants, carrier, parallelism);
    }

    /** @return the spurious wake-up budget per schedule */
    public int spuriousWakeups() {
        return spuriousWakeups;
    }

    /** @param v the spurious wake-up budget @return a copy with it */
    public Settings spuriousWakeups(int v) {
        return new Settings(strategy, schedules, seed, maxPreemptions, pctDepth, v, timeout, stallTimeout,
                maxSteps, replay, instrument, detects, variants, carrier, parallelism);
    }

    /** @return the wall-clock limit of the exploration */
    public Duration timeout() {
        return timeout;
    }

    /** @param v the wall-clock limit @return a copy with it */
    public Settings timeout(Duration v) {
        return new Settings(strategy, schedules, seed, maxPreemptions, pctDepth, spuriousWakeups, v, stallTimeout,
                maxSteps, replay, instrument, detects, variants, carrier, parallelism);
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
        return new Settings(strategy, schedules, seed, maxPreemptions, pctDepth, spuriousWakeups, timeout, v,
                maxSteps, replay, instrument, detects, variants, carrier, parallelism);
    }

    /** @return the step budget of one schedule */
    public int maxSteps() {
        return maxSteps;
    }

    /** @param v the step budget @return a copy with it */
    public Settings maxSteps(int v) {
        return new Settings(strategy, schedules, seed, maxPreemptions, pctDepth, spuriousWakeups, timeout,
                stallTimeout, v, replay, instrument, detects, variants, carrier, parallelism);
    }

    /** @return the replay token, or the empty string */
    public String replay() {
        return replay;
    }

    /** @param v a replay token, or the empty string @return a copy with it */
    public Settings replay(String v) {
        return new Settings(strategy, schedules, seed, maxPreemptions, pctDepth, spuriousWakeups, timeout,
                stallTimeout, maxSteps, v.strip(), instrument, detects, variants, carrier, parallelism);
    }

    /** @return extra instrumented packages */
    public List<String> instrument() {
        return instrument;
    }

    /** @param v extra instrumented packages @return a copy with them */
    public Settings instrument(List<String> v) {
        return new Settings(strategy, schedules, seed, maxPreemptions, pctDepth, spuriousWakeups, timeout,
                stallTimeout, maxSteps, replay, v, detects, variants, carrier, parallelism);
    }

    /** @return the variant ids this scenario is written to catch */
    public List<String> detects() {
        return detects;
    }

    /** @param v variant ids @return a copy with them */
    public Settings detects(List<String> v) {
        return new Settings(strategy, schedules, seed, maxPreemptions, pctDepth, spuriousWakeups, timeout,
                stallTimeout, maxSteps, replay, instrument, v, variants, carrier, parallelism);
    }

    /** @return the active variant ids */
    public Set<String> variants() {
        return variants;
    }

    /** @param v active variant ids @return a copy with them */
    public Settings variants(Set<String> v) {
        return new Settings(strategy, schedules, seed, maxPreemptions, pctDepth, spuriousWakeups, timeout,
                stallTimeout, maxSteps, replay, instrument, detects, v, carrier, parallelism);
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
        return new Settings(strategy, schedules, seed, maxPreemptions, pctDepth, spuriousWakeups, timeout,
                stallTimeout, maxSteps, replay, instrument, detects, variants, v, parallelism);
    }

    /** The most schedules {@link #parallelism(int)} runs at once. */
    public static final int MAX_PARALLELISM = 64;

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
        return new Settings(strategy, schedules, seed, maxPreemptions, pctDepth, spuriousWakeups, timeout,
                stallTimeout, maxSteps, replay, instrument, detects, variants, carrier, v);
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
