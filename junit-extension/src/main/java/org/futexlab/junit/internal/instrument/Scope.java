package org.futexlab.junit.internal.instrument;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The packages whose synchronisation operations become scheduling points: each entry covers the package and
 * its subpackages. The engine's own runtime and the libraries it stands on are never instrumented.
 */
public final class Scope {
    private static final String[] NEVER = {
        "java/", "javax/", "jdk/", "sun/", "com/sun/", "net/bytebuddy/", "org/junit/", "org/opentest4j/",
        "org/apiguardian/", "org/futexlab/junit/", "org/jetbrains/", "kotlin/", "kotlinx/",
        "org/assertj/", "org/apache/maven/", "org/gradle/", "org/objectweb/asm/", "org/slf4j/", "ch/qos/",
        "org/hamcrest/", "org/mockito/", "com/intellij/"
    };

    /** Internal-form prefixes ("com/example/") of instrumented packages. */
    private final List<String> prefixes = new CopyOnWriteArrayList<>();

    /**
     * Adds packages.
     *
     * @param packages dotted package names
     * @return the ones that were not yet covered, in internal form
     */
    public synchronized List<String> add(Collection<String> packages) {
        List<String> added = new ArrayList<>();
        for (String p : packages) {
            if (p == null || p.isBlank()) {
                continue;
            }
            String internal = p.strip().replace('.', '/') + "/";
            if (!covers(internal + "X")) {
                prefixes.add(internal);
                added.add(internal);
            }
        }
        return added;
    }

    /**
     * @param internalName a class name in internal form
     * @return whether the class is instrumented
     */
    public boolean covers(String internalName) {
        if (never(internalName)) {
            return false;
        }
        for (String p : prefixes) {
            if (internalName.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether a class may never be instrumented */
    public static boolean never(String internalName) {
        for (String n : NEVER) {
            if (internalName.startsWith(n)) {
                return true;
            }
        }
        return false;
    }

    /** @return the covered packages, dotted, for diagnostics */
    public List<String> packages() {
        List<String> out = new ArrayList<>();
        for (String p : prefixes) {
            out.add(p.substring(0, p.length() - 1).replace('/', '.'));
        }
        return out;
    }
}
