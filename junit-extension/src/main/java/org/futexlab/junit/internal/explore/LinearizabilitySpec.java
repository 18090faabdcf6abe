package org.futexlab.junit.internal.explore;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.futexlab.junit.LinearizabilityCheck;

/** What a scenario asked for with {@code Scenario.linearizable}: the classes and the shape of the scenarios. */
final class LinearizabilitySpec implements LinearizabilityCheck {
    final Class<?> operations;
    final Class<?> sequential;
    int threads = 2;
    int actorsPerThread = 3;
    int actorsBefore = 1;
    int actorsAfter = 1;
    /** The added scenarios: each, per thread, its operations resolved against the operations class. */
    final List<List<List<Actor>>> scenarios = new ArrayList<>();

    /** One operation of an added scenario: the method Lincheck calls and its arguments. */
    record Actor(Method method, List<Object> arguments) {}

    private static final String OPTIONS = "org.jetbrains.lincheck.datastructures.ModelCheckingOptions";

    /**
     * @return whether Lincheck can be loaded both where the operations class lives and where the extension (and
     *     so {@code LincheckBridge}) lives; probed by name, so that this class never links against Lincheck
     */
    boolean lincheckVisible() {
        for (ClassLoader cl : new ClassLoader[] {operations.getClassLoader(), getClass().getClassLoader()}) {
            try {
                Class.forName(OPTIONS, false, cl);
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
        return true;
    }

    LinearizabilitySpec(Class<?> operations, Class<?> sequential) {
        this.operations = operations;
        this.sequential = sequential;
    }

    private static int positive(int n, String what, int min) {
        if (n < min) {
            throw new IllegalArgumentException(what + " = " + n + " is invalid: expected at least " + min);
        }
        return n;
    }

    @Override
    public LinearizabilityCheck threads(int n) {
        threads = positive(n, "threads", 2);
        return this;
    }

    @Override
    public LinearizabilityCheck actorsPerThread(int n) {
        actorsPerThread = positive(n, "actorsPerThread", 1);
        return this;
    }

    @Override
    public LinearizabilityCheck actorsBefore(int n) {
        actorsBefore = positive(n, "actorsBefore", 0);
        return this;
    }

    @Override
    public LinearizabilityCheck actorsAfter(int n) {
        actorsAfter = positive(n, "actorsAfter", 0);
        return this;
    }

    @Override
    public LinearizabilityCheck scenario(List<List<Call>> threads) {
        List<List<Actor>> resolved = new ArrayList<>();
        if (threads.isEmpty()) {
            throw new IllegalArgumentException("scenario: no threads; expected one list of calls per thread");
        }
        for (int t = 0; t < threads.size(); t++) {
            List<Call> calls = threads.get(t);
            if (calls.isEmpty()) {
                throw new IllegalArgumentException("scenario: thread " + (t + 1) + " has no calls; expected at least one");
            }
            List<Actor> actors = new ArrayList<>();
            for (Call c : calls) {
                actors.add(resolve(c, "scenario: thread " + (t + 1) + ", " + c + ": "));
            }
            resolved.add(actors);
        }
        scenarios.add(resolved);
        return this;
    }

    /** Lincheck calls a method through reflection, which unboxes but does not convert between wrappers. */
    private static final Map<Class<?>, Class<?>> BOXED = Map.of(int.class, Integer.class, long.class, Long.class,
            boolean.class, Boolean.class, short.class, Short.class, byte.class, Byte.class, char.class,
            Character.class, double.class, Double.class, float.class, Float.class);

    private Actor resolve(Call c, String where) {
        List<Method> candidates = Arrays.stream(operations.getMethods())
                .filter(m -> m.getName().equals(c.operation()) && m.getParameterCount() == c.arguments().size()
                        && isOperation(m))
                .collect(Collectors.toList());
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException(where + operations.getSimpleName() + " has no @Operation "
                    + c.operation() + " with " + c.arguments().size() + " arguments; its operations: "
                    + operationList());
        }
        String misfit = null;
        for (Method m : candidates) {
            misfit = misfit(m, c.arguments());
            if (misfit == null) {
                return new Actor(m, c.arguments());
            }
        }
        throw new IllegalArgumentException(where + misfit + "; its operations: " + operationList());
    }

    /** @return what does not fit m's parameters, or null when every argument does */
    private static String misfit(Method m, List<Object> arguments) {
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            Object a = arguments.get(i);
            if (a == null ? types[i].isPrimitive() : !BOXED.getOrDefault(types[i], types[i]).isInstance(a)) {
                return "argument " + (i + 1) + " is " + (a == null ? "null" : "a " + a.getClass().getSimpleName())
                        + ", and " + m.getName() + " takes " + types[i].getSimpleName() + " there";
            }
        }
        return null;
    }

    /** Probed by name, so that this class never links against Lincheck (nor insists on its package). */
    private static boolean isOperation(Method m) {
        for (Annotation a : m.getAnnotations()) {
            String type = a.annotationType().getName();
            if (type.endsWith(".Operation") && type.contains("lincheck")) {
                return true;
            }
        }
        return false;
    }

    private String operationList() {
        return Arrays.stream(operations.getMethods()).filter(LinearizabilitySpec::isOperation)
                .sorted(Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount))
                .map(m -> m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")")))
                .distinct().collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return threads + " threads x " + actorsPerThread + " operations, " + actorsBefore + " before and "
                + actorsAfter + " after" + (scenarios.isEmpty() ? "" : ", " + scenarios.size() + " added scenario"
                + (scenarios.size() == 1 ? "" : "s"));
    }
}
