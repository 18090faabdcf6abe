package org.futexlab.junit.internal.explore;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /** One operation of an added scenario: the method Lincheck calls, its arguments, and its annotation. */
    record Actor(Method method, List<Object> arguments, Annotation operation) {}

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
        Objects.requireNonNull(threads, "threads");
        if (threads.size() < 2) {
            throw new IllegalArgumentException("scenario: " + threads.size() + " thread" + (threads.size() == 1 ? ""
                    : "s") + "; expected at least 2, one list of calls per thread");
        }
        List<List<Actor>> resolved = new ArrayList<>();
        Map<Method, String> once = new HashMap<>();
        Map<String, Integer> groups = new HashMap<>();
        for (int t = 0; t < threads.size(); t++) {
            String thread = "scenario: thread " + (t + 1);
            List<Call> calls = threads.get(t);
            if (calls == null || calls.isEmpty()) {
                throw new IllegalArgumentException(thread + " has no calls; expected at least one");
            }
            List<Actor> actors = new ArrayList<>();
            for (Call c : calls) {
                if (c == null) {
                    throw new IllegalArgumentException(thread + " has a null call; expected LinearizabilityCheck.call");
                }
                String where = thread + ", " + c + ": ";
                Actor a = resolve(c, where);
                // Lincheck's own rules for the scenarios it generates, which it does not check in custom ones.
                if (Boolean.TRUE.equals(member(a.operation, "runOnce")) && once.put(a.method, where) != null) {
                    throw new IllegalArgumentException(where + c.operation() + " is @Operation(runOnce = true), "
                            + "and the scenario calls it more than once");
                }
                Object group = member(a.operation, "nonParallelGroup");
                Integer first = group instanceof String && !((String) group).isEmpty()
                        ? groups.putIfAbsent((String) group, t) : null;
                if (first != null && first != t) {
                    throw new IllegalArgumentException(where + c.operation() + " is in nonParallelGroup \"" + group
                            + "\", which thread " + (first + 1) + " also calls; a group's calls must all be in "
                            + "one thread");
                }
                actors.add(a);
            }
            resolved.add(actors);
        }
        scenarios.add(resolved);
        return this;
    }

    /**
     * Lincheck 3.7 compiles each call into bytecode that casts its argument to the parameter's own wrapper type, so
     * an {@code Integer} does not pass for a {@code long} there, though {@link Method#invoke} would widen it.
     */
    private static final Map<Class<?>, Class<?>> BOXED = Map.of(int.class, Integer.class, long.class, Long.class,
            boolean.class, Boolean.class, short.class, Short.class, byte.class, Byte.class, char.class,
            Character.class, double.class, Double.class, float.class, Float.class);

    private Actor resolve(Call c, String where) {
        List<Method> named = operationMethods()
                .filter(m -> m.getName().equals(c.operation()) && m.getParameterCount() == c.arguments().size())
                .collect(Collectors.toList());
        if (named.isEmpty()) {
            throw new IllegalArgumentException(where + operations.getSimpleName() + " has no @Operation "
                    + c.operation() + " with " + c.arguments().size() + " arguments; its operations: "
                    + operationList());
        }
        List<Method> fitting = named.stream().filter(m -> misfit(m, c.arguments()) == null)
                .collect(Collectors.toList());
        if (fitting.size() > 1) {
            throw new IllegalArgumentException(where + "the arguments fit " + fitting.stream()
                    .map(LinearizabilitySpec::signature).sorted().collect(Collectors.joining(" and "))
                    + "; pass arguments of one of their parameter types only");
        }
        if (fitting.isEmpty()) {
            throw new IllegalArgumentException(where + named.stream().map(m -> misfit(m, c.arguments()))
                    .collect(Collectors.joining("; ")) + "; its operations: " + operationList());
        }
        Method m = fitting.get(0);
        return new Actor(m, c.arguments(), operationAnnotation(m));
    }

    /** @return what does not fit m's parameters, or null when every argument does */
    private static String misfit(Method m, List<Object> arguments) {
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            Object a = arguments.get(i);
            if (a == null ? types[i].isPrimitive() : !BOXED.getOrDefault(types[i], types[i]).isInstance(a)) {
                return "argument " + (i + 1) + " is " + (a == null ? "null" : "a " + a.getClass().getSimpleName())
                        + ", and " + signature(m) + " takes " + types[i].getSimpleName() + " there";
            }
        }
        return null;
    }

    /** The public methods Lincheck takes for operations: annotated where declared or where they override one. */
    private java.util.stream.Stream<Method> operationMethods() {
        return Arrays.stream(operations.getMethods()).filter(m -> !m.isBridge() && operationAnnotation(m) != null);
    }

    /**
     * @return the {@code @Operation} annotation of m, or of the method it overrides, as Lincheck finds it (it walks
     *     the superclasses); probed by name, so that this class never links against Lincheck
     */
    private Annotation operationAnnotation(Method m) {
        for (Class<?> c = operations; c != null; c = c.getSuperclass()) {
            Method declared;
            try {
                declared = c.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException notHere) {
                continue;
            }
            for (Annotation a : declared.getAnnotations()) {
                String type = a.annotationType().getName();
                if (type.endsWith(".Operation") && type.contains("lincheck")) {
                    return a;
                }
            }
        }
        return null;
    }

    /** @return the annotation's member, or null when this version of the annotation has none by that name */
    private static Object member(Annotation a, String name) {
        try {
            return a.annotationType().getMethod(name).invoke(a);
        } catch (ReflectiveOperationException | RuntimeException absent) {
            return null;
        }
    }

    private static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private String operationList() {
        return operationMethods().map(LinearizabilitySpec::signature).distinct().sorted()
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return threads + " threads x " + actorsPerThread + " operations, " + actorsBefore + " before and "
                + actorsAfter + " after" + (scenarios.isEmpty() ? "" : ", " + scenarios.size() + " added scenario"
                + (scenarios.size() == 1 ? "" : "s"));
    }
}
