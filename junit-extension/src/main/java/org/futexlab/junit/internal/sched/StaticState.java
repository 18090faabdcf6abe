package org.futexlab.junit.internal.sched;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The static fields of instrumented classes as their initializers left them, so that {@code futex.statics=reset}
 * can set the ones a schedule wrote back before the next schedule: a run is then a function of its schedule, and a
 * token replays in a fresh JVM as it did in the exploration.
 *
 * <p>Only the fields themselves are restored (a reference, not the object it points to), and only non-final ones;
 * a field whose class does not let reflection in (a named module that does not open its package) is left alone and
 * named by {@link #reset}.
 */
public final class StaticState {
    /** Field ({@code pkg.Class.field}) to its value after its class's initializer. */
    private static final Map<String, Snapshot> INITIAL = new ConcurrentHashMap<>();
    private static final Object NULL = new Object();

    private record Snapshot(Field field, Object value) {}

    private StaticState() {}

    /** Called at the normal end of an instrumented class's initializer. */
    public static void initialized(Class<?> c) {
        Field[] fields;
        try {
            fields = c.getDeclaredFields();
        } catch (Throwable e) {
            return; // a class whose field types cannot be resolved: nothing to snapshot
        }
        for (Field f : fields) {
            int m = f.getModifiers();
            if (!Modifier.isStatic(m) || Modifier.isFinal(m)) {
                continue;
            }
            try {
                f.setAccessible(true);
                Object v = f.get(null);
                INITIAL.put(c.getName() + "." + f.getName(), new Snapshot(f, v == null ? NULL : v));
            } catch (RuntimeException | IllegalAccessException e) {
                // not open to reflection: reset() names it
            }
        }
    }

    /**
     * Before a static field is written in a run: a class with no initializer of its own (or one loaded before the
     * agent) has no snapshot yet, and the value the field holds before its first write is then its initial one.
     *
     * @param field as {@code pkg.Class.field}
     */
    static void beforeWrite(String field) {
        if (INITIAL.containsKey(field)) {
            return;
        }
        int dot = field.lastIndexOf('.');
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> c = Class.forName(field.substring(0, dot), false, loader);
            Field f = c.getDeclaredField(field.substring(dot + 1));
            f.setAccessible(true);
            Object v = f.get(null);
            INITIAL.putIfAbsent(field, new Snapshot(f, v == null ? NULL : v));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // not reachable by reflection: reset() names it
        }
    }

    /**
     * Sets the given static fields back to their values after class initialisation.
     *
     * @param fields as {@code pkg.Class.field}
     * @return the fields that could not be reset (no snapshot: their class's initializer was not instrumented, or
     *     reflection was refused)
     */
    public static List<String> reset(Collection<String> fields) {
        List<String> missed = new ArrayList<>();
        for (String name : fields) {
            Snapshot s = INITIAL.get(name);
            if (s == null) {
                missed.add(name);
                continue;
            }
            try {
                s.field().set(null, s.value() == NULL ? null : s.value());
            } catch (IllegalAccessException | RuntimeException e) {
                missed.add(name);
            }
        }
        return missed;
    }
}
