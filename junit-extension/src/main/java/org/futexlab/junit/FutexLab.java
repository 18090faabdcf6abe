package org.futexlab.junit;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.futexlab.junit.tooling.ReplayToken;

/**
 * Explores a scenario programmatically, outside {@link KernelScenario}: for tests about scenarios (a detection
 * next to its passing twin), tools, and benchmarks.
 *
 * <pre>{@code
 * Exploration e = FutexLab.explore("lost-update", Settings.defaults().strategy(Strategy.EXHAUSTIVE), s -> {
 *     AtomicInteger c = new AtomicInteger();
 *     s.thread("a", () -> c.set(c.get() + 1));
 *     s.thread("b", () -> c.set(c.get() + 1));
 *     s.check("no lost update", () -> assertEquals(2, c.get()));
 * });
 * assertFalse(e.passed(), e.report());
 * }</pre>
 */
public final class FutexLab {
    private FutexLab() {}

    /**
     * Explores a scenario written as a lambda. The package of the class that declares the lambda is
     * instrumented, with {@link Settings#instrument()}.
     *
     * @param id names the scenario in reports and replay tokens
     * @param settings the exploration settings
     * @param body builds one schedule's state
     * @return the result; never throws for a failing scenario
     * @throws IllegalArgumentException for a malformed replay token or a token of another scenario
     */
    public static Exploration explore(String id, Settings settings, ScenarioBody body) {
        List<String> packages = new ArrayList<>();
        packages.add(body.getClass().getPackageName());
        return explore(id, packages, settings, body);
    }

    /**
     * Explores a {@link KernelScenario} method (or any method taking a {@link Scenario}) as it is, with the given
     * settings instead of its annotation's: a fresh instance of the class per schedule, through its no-argument
     * constructor.
     *
     * @param testClass the class declaring the method
     * @param method the method's name; it must take exactly one parameter, a {@link Scenario}
     * @param settings the exploration settings
     * @return the result
     * @throws IllegalArgumentException when there is no such method or the class cannot be instantiated
     */
    public static Exploration explore(Class<?> testClass, String method, Settings settings) {
        Method m;
        try {
            m = testClass.getDeclaredMethod(method, Scenario.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(testClass.getName() + " has no method " + method + "(Scenario)");
        }
        Constructor<?> ctor;
        try {
            ctor = testClass.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(testClass.getName() + " needs a no-argument constructor to be "
                    + "explored programmatically");
        }
        m.setAccessible(true);
        ctor.setAccessible(true);
        boolean isStatic = Modifier.isStatic(m.getModifiers());
        ScenarioBody body = s -> {
            try {
                m.invoke(isStatic ? null : ctor.newInstance(), s);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        List<String> packages = List.of(testClass.getPackageName());
        return explore(testClass.getName() + "#" + method, packages, settings, body);
    }

    static Exploration explore(String id, List<String> packages, Settings settings, ScenarioBody body) {
        ReplayToken token = null;
        if (!settings.replay().isEmpty()) {
            token = ReplayToken.decode(settings.replay());
            if (!token.scenario().equals(id)) {
                throw new IllegalArgumentException("the replay token is for scenario " + token.scenario() + ", not "
                        + id + "; pass it to the scenario it was printed for");
            }
            // The schedule is only meaningful under the variants it was recorded with.
            settings = settings.variants(token.variantsFor(settings.variants()));
        }
        return explore(id, packages, settings, token, body);
    }

    /**
     * Explores with the replay token, if any, already decoded and checked by the caller (the JUnit extension, which
     * decodes it once for its own checks).
     */
    static Exploration explore(String id, List<String> packages, Settings settings, ReplayToken token,
            ScenarioBody body) {
        CurrentVariants.enter(settings.variants());
        try {
            return Engine.INSTANCE.explore(id, packages, settings, token, body);
        } finally {
            CurrentVariants.exit();
        }
    }

    /** The engine, loaded on first use. */
    private static final class Engine {
        static final ExplorationEngine INSTANCE = ServiceLoader.load(ExplorationEngine.class,
                ExplorationEngine.class.getClassLoader()).findFirst().orElseThrow(() -> new IllegalStateException(
                "no " + ExplorationEngine.class.getName() + " on the class path: futex-junit-extension's jar is "
                        + "incomplete (its META-INF/services entry is missing)"));
    }
}
