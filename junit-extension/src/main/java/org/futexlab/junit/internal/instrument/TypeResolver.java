package org.futexlab.junit.internal.instrument;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Answers the questions the rewrite asks about other classes (is this field volatile, is this owner a
 * {@code Thread}) from class files, through Byte Buddy's {@link TypePool}: nothing is loaded, so the
 * transformer never triggers class loading from inside a class load.
 */
final class TypeResolver {
    private final Map<ClassLoader, TypePool> pools = new WeakHashMap<>();
    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

    private synchronized TypePool pool(ClassLoader loader) {
        return pools.computeIfAbsent(loader, l -> TypePool.Default.of(ClassFileLocator.ForClassLoader.of(l)));
    }

    private final Map<String, Integer> modifiers = new ConcurrentHashMap<>();

    /** @return whether owner.name (declared in owner or a superclass) is volatile; false when unresolvable */
    boolean isVolatile(ClassLoader loader, String ownerInternal, String name) {
        int m = fieldModifiers(loader, ownerInternal, name);
        return m >= 0 && (m & java.lang.reflect.Modifier.VOLATILE) != 0;
    }

    /** @return whether owner.name is final; false when unresolvable */
    boolean isFinal(ClassLoader loader, String ownerInternal, String name) {
        int m = fieldModifiers(loader, ownerInternal, name);
        return m >= 0 && (m & java.lang.reflect.Modifier.FINAL) != 0;
    }

    /** @return the modifiers of owner.name (declared in owner or a superclass), or -1 when unresolvable */
    private int fieldModifiers(ClassLoader loader, String ownerInternal, String name) {
        String key = System.identityHashCode(loader) + ":" + ownerInternal + "." + name;
        return modifiers.computeIfAbsent(key, k -> {
            try {
                TypePool.Resolution r = pool(loader).describe(ownerInternal.replace('/', '.'));
                if (!r.isResolved()) {
                    return -1;
                }
                for (TypeDefinition t = r.resolve(); t != null; t = t.getSuperClass()) {
                    for (FieldDescription.InDefinedShape f : t.asErasure().getDeclaredFields()) {
                        if (f.getName().equals(name)) {
                            return f.getModifiers();
                        }
                    }
                }
                return -1;
            } catch (RuntimeException e) {
                return -1;
            }
        });
    }

    /** @return whether the class named by ownerInternal is assignable to type; false when unresolvable */
    boolean isAssignableTo(ClassLoader loader, String ownerInternal, Class<?> type) {
        String key = System.identityHashCode(loader) + ":" + ownerInternal + "<:" + type.getName();
        return answers.computeIfAbsent(key, k -> {
            try {
                TypePool.Resolution r = pool(loader).describe(ownerInternal.replace('/', '.'));
                if (!r.isResolved()) {
                    return false;
                }
                TypeDescription d = r.resolve();
                return d.isAssignableTo(type);
            } catch (RuntimeException e) {
                return false;
            }
        });
    }
}
