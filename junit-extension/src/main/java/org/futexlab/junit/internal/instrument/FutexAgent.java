package org.futexlab.junit.internal.instrument;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Installs the synchronisation transformer: at JVM start with {@code -javaagent:futex-junit-extension.jar}
 * (optionally {@code =com.example,org.acme} to name packages to instrument), or by self-attaching through
 * Byte Buddy's agent the first time it is needed (normally from the launcher session listener, before
 * test discovery loads any test class).
 */
public final class FutexAgent {
    private FutexAgent() {}

    private static volatile Instrumentation instrumentation;
    private static SyncTransformer transformer;
    private static String installedBy;
    private static final Scope SCOPE = new Scope();

    /** Entry point of {@code -javaagent}. */
    public static void premain(String args, Instrumentation inst) {
        install(inst, "-javaagent");
        addPackages(split(args));
    }

    /** Entry point of a dynamic attach. */
    public static void agentmain(String args, Instrumentation inst) {
        install(inst, "dynamic attach");
        addPackages(split(args));
    }

    private static List<String> split(String args) {
        List<String> out = new ArrayList<>();
        if (args != null) {
            for (String s : args.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    /**
     * Installs the transformer if it is not installed yet, self-attaching when needed.
     *
     * @throws IllegalStateException with what to do when attaching is impossible
     */
    public static synchronized void ensureInstalled() {
        if (transformer != null) {
            return;
        }
        Instrumentation inst;
        try {
            inst = ByteBuddyAgent.install();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("Futex Lab could not attach its instrumentation agent to this JVM ("
                    + e + "). Run the JVM with a JDK (not a JRE) that allows attaching, or start it with "
                    + "-javaagent:<path to futex-junit-extension.jar>.", e);
        }
        install(inst, "self-attach");
    }

    private static synchronized void install(Instrumentation inst, String how) {
        if (transformer != null) {
            return;
        }
        instrumentation = inst;
        installedBy = how;
        transformer = new SyncTransformer(SCOPE);
        inst.addTransformer(transformer, true);
        addDeclaredPackages(Thread.currentThread().getContextClassLoader());
    }

    /** The resource by which a library of modelled code asks for its packages to be instrumented. */
    public static final String DECLARED_PACKAGES = "META-INF/futex/instrument";

    /** The packages each class loader's libraries declare; weak, so that a loader can still be collected. */
    private static final java.util.Map<ClassLoader, List<String>> DECLARED = java.util.Collections.synchronizedMap(
            new java.util.WeakHashMap<>());

    /**
     * Adds the packages that libraries on a class path declare in {@value #DECLARED_PACKAGES} (one package per
     * line, {@code #} starts a comment): a model such as the kernel model is instrumented wherever its
     * scenarios run, without each user naming its packages.
     *
     * @param loader the class loader to search; null means this class's loader
     * @return the packages declared there
     */
    public static List<String> addDeclaredPackages(ClassLoader loader) {
        ClassLoader cl = loader != null ? loader : FutexAgent.class.getClassLoader();
        List<String> known = DECLARED.get(cl);
        if (known != null) {
            return known; // every scenario asks; a loader's resources do not change
        }
        List<String> packages = new ArrayList<>();
        try {
            Enumeration<URL> urls = cl.getResources(DECLARED_PACKAGES);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        int hash = line.indexOf('#');
                        String p = (hash >= 0 ? line.substring(0, hash) : line).strip();
                        if (!p.isEmpty()) {
                            packages.add(p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Futex Lab could not read " + DECLARED_PACKAGES + ": " + e, e);
        }
        addPackages(packages);
        // Only once read: a loader whose resources failed to read is tried again, not skipped.
        DECLARED.put(cl, List.copyOf(packages));
        return List.copyOf(packages);
    }

    /** @return how the agent was installed, or null */
    public static String installedBy() {
        return installedBy;
    }

    /** @return the scope */
    public static Scope scope() {
        return SCOPE;
    }

    /**
     * Adds packages to the scope and rewrites classes of those packages that are already loaded.
     *
     * @param packages dotted package names
     */
    public static void addPackages(Collection<String> packages) {
        List<String> added = SCOPE.add(packages);
        if (!added.isEmpty() && instrumentation != null) {
            retransformLoaded(added);
        }
    }

    /** Called by the transformer when a class reveals new packages (its @KernelScenario) while it loads. */
    static void packagesFoundWhileLoading(List<String> internalPrefixes) {
        // Classes of these packages that loaded earlier are rewritten before the scenario runs: the extension
        // calls retransformPending() at the start of each scenario. Doing it here, inside a class load, could
        // deadlock on class-loading locks.
        synchronized (PENDING) {
            PENDING.addAll(internalPrefixes);
        }
    }

    private static final List<String> PENDING = new ArrayList<>();

    /** Rewrites already-loaded classes of packages that joined the scope during class loading. */
    public static void retransformPending() {
        List<String> todo;
        synchronized (PENDING) {
            todo = new ArrayList<>(PENDING);
            PENDING.clear();
        }
        if (!todo.isEmpty() && instrumentation != null) {
            retransformLoaded(todo);
        }
    }

    private static void retransformLoaded(List<String> internalPrefixes) {
        Instrumentation inst = instrumentation;
        List<Class<?>> targets = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.isArray() || c.isPrimitive() || c.getClassLoader() == null || !inst.isModifiableClass(c)) {
                continue;
            }
            String internal = c.getName().replace('.', '/');
            if (internal.contains("$$Lambda") || transformer.wasTransformedAtLoad(c)) {
                continue;
            }
            for (String p : internalPrefixes) {
                if (internal.startsWith(p) && SCOPE.covers(internal)) {
                    targets.add(c);
                    break;
                }
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        try {
            inst.retransformClasses(targets.toArray(new Class<?>[0]));
        } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
            throw new IllegalStateException("Futex Lab could not rewrite already-loaded classes " + targets + ": "
                    + e, e);
        }
    }

    /** @return whether the agent rewrote a class (its synchronisation operations are scheduling points) */
    public static boolean isRewritten(Class<?> c) {
        return transformer != null && transformer.isRewritten(c);
    }

    /** @return problems the transformer met (classes it could not rewrite), for diagnostics */
    public static List<String> problems() {
        return transformer == null ? List.of() : transformer.problems();
    }
}
