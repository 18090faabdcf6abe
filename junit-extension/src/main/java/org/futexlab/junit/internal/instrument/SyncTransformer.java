package org.futexlab.junit.internal.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Rewrites classes in the {@link Scope} so that every synchronisation operation goes through
 * {@link org.futexlab.junit.internal.runtime.Hooks}. It also watches classes as they load for methods annotated
 * {@code @KernelScenario}: their package and the annotation's {@code instrument} packages join the scope before
 * the code under test is loaded.
 */
final class SyncTransformer implements ClassFileTransformer {
    static final String SCENARIO_DESC = "Lorg/futexlab/junit/KernelScenario;";
    private static final byte[] MARKER = SCENARIO_DESC.getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] LAMBDA_FACTORY = "java/lang/invoke/LambdaMetafactory"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] API = "org/futexlab/junit/".getBytes(StandardCharsets.ISO_8859_1);

    private final Scope scope;
    private final TypeResolver types = new TypeResolver();
    /** Classes rewritten as they loaded (with synchronized methods unfolded); keyed by loader and name. */
    private final Set<String> loadTransformed = ConcurrentHashMap.newKeySet();
    /** Classes outside the scope that got method-reference bridges as they loaded. */
    private final Set<String> bridgedAtLoad = ConcurrentHashMap.newKeySet();
    /** Every class rewritten, at load or later. */
    private final Set<String> rewritten = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    SyncTransformer(Scope scope) {
        this.scope = scope;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd,
            byte[] bytes) {
        if (loader == null || className == null || Scope.never(className) || className.contains("$$Lambda")) {
            return null;
        }
        try {
            if (contains(bytes, MARKER)) {
                List<String> added = scope.add(scenarioPackages(bytes, className));
                if (!added.isEmpty()) {
                    FutexAgent.packagesFoundWhileLoading(added);
                }
            }
            String key = key(loader, className);
            if (!scope.covers(className)) {
                // A class that writes scenarios (it names the extension's API) may hold method references to JDK
                // synchronisation methods and join the scope only when its first exploration starts, too late to
                // add methods: it gets the references' bridges now, and keeps them in every later shape.
                if ((redefined == null && contains(bytes, LAMBDA_FACTORY) && contains(bytes, API))
                        || bridgedAtLoad.contains(key)) {
                    byte[] out = MethodReferenceBridges.addTo(bytes);
                    if (out != null) {
                        bridgedAtLoad.add(key);
                    }
                    return out;
                }
                return null;
            }
            // A class first rewritten while loading had its synchronized methods unfolded; any later
            // retransformation (ours, or another agent's such as Lincheck's) must reproduce that shape.
            boolean unfold = redefined == null || loadTransformed.contains(key);
            byte[] out = rewrite(loader, bytes, unfold, unfold || bridgedAtLoad.contains(key));
            if (redefined == null) {
                loadTransformed.add(key);
            }
            rewritten.add(key);
            dump(className, out, redefined != null);
            return out;
        } catch (Throwable e) {
            problems.add(className.replace('/', '.') + ": " + e);
            return null;
        }
    }

    /** With -Dfutex.dump=DIR, rewritten classes are written there for inspection with javap. */
    private static void dump(String className, byte[] bytes, boolean retransformed) {
        String dir = System.getProperty("futex.dump");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            java.nio.file.Path p = java.nio.file.Path.of(dir, className + (retransformed ? ".retransformed" : "")
                    + ".class");
            java.nio.file.Files.createDirectories(p.getParent());
            java.nio.file.Files.write(p, bytes);
        } catch (java.io.IOException | RuntimeException e) {
            // diagnostics only
        }
    }

    boolean isRewritten(Class<?> c) {
        return rewritten.contains(key(c.getClassLoader(), c.getName().replace('.', '/')));
    }

    boolean wasTransformedAtLoad(Class<?> c) {
        return loadTransformed.contains(key(c.getClassLoader(), c.getName().replace('.', '/')));
    }

    List<String> problems() {
        return new ArrayList<>(problems);
    }

    private static String key(ClassLoader loader, String internalName) {
        return System.identityHashCode(loader) + "/" + internalName;
    }

    private byte[] rewrite(ClassLoader loader, byte[] bytes, boolean unfoldSynchronized, boolean bridges) {
        ClassReader cr = new ClassReader(bytes);
        Map<String, Integer> maxLocals = new HashMap<>();
        cr.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int locals) {
                        maxLocals.put(name + desc, locals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        SyncClassVisitor cv = new SyncClassVisitor(cw, loader, types, maxLocals, unfoldSynchronized, bridges);
        cr.accept(cv, ClassReader.EXPAND_FRAMES);
        return cw.toByteArray();
    }

    /** @return the class's own package plus the instrument packages of its @KernelScenario annotations */
    private static List<String> scenarioPackages(byte[] bytes, String className) {
        List<String> out = new ArrayList<>();
        int slash = className.lastIndexOf('/');
        out.add(slash < 0 ? "" : className.substring(0, slash).replace('/', '.'));
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                        if (!SCENARIO_DESC.equals(d)) {
                            return null;
                        }
                        return new AnnotationVisitor(Opcodes.ASM9) {
                            @Override
                            public AnnotationVisitor visitArray(String attribute) {
                                if (!"instrument".equals(attribute)) {
                                    return null;
                                }
                                return new AnnotationVisitor(Opcodes.ASM9) {
                                    @Override
                                    public void visit(String n, Object value) {
                                        out.add(String.valueOf(value));
                                    }
                                };
                            }
                        };
                    }
                };
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        out.removeIf(p -> p.isEmpty() || !p.matches("[\\w$.]+"));
        return out;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            if (haystack[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
