package org.futexlab.maven;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the scenarios of a module: the methods annotated {@code @KernelScenario} in its compiled test classes,
 * with the variants each declares in {@code detects}. Classes are loaded without being initialized, from the
 * module's test class path, and the annotation is read by name, so the plugin does not tie itself to the
 * extension version the user's project has.
 */
final class ScenarioScan {
    static final String ANNOTATION = "org.futexlab.junit.KernelScenario";

    private ScenarioScan() {}

    /**
     * @param testClasses the module's test-classes directory
     * @param loader a loader over the module's test class path
     * @return every scenario, sorted by class and method name
     */
    static List<ScannedScenario> scan(Path testClasses, ClassLoader loader) throws IOException {
        List<ScannedScenario> out = new ArrayList<>();
        if (!Files.isDirectory(testClasses)) {
            return out;
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(testClasses)) {
            files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class"))
                    .forEach(f -> {
                        String rel = testClasses.relativize(f).toString().replace('\\', '/');
                        names.add(rel.substring(0, rel.length() - ".class".length()).replace('/', '.'));
                    });
        }
        names.sort(Comparator.naturalOrder());
        for (String name : names) {
            Class<?> c;
            try {
                c = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            Method[] methods;
            try {
                methods = c.getDeclaredMethods();
            } catch (LinkageError e) {
                continue;
            }
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method m : methods) {
                for (Annotation a : m.getAnnotations()) {
                    if (a.annotationType().getName().equals(ANNOTATION)) {
                        List<String> types = new ArrayList<>();
                        for (Class<?> t : m.getParameterTypes()) {
                            types.add(t.getName());
                        }
                        out.add(new ScannedScenario(name, m.getName(), String.join(",", types), detects(a)));
                    }
                }
            }
        }
        return out;
    }

    private static List<String> detects(Annotation a) {
        try {
            Method d = a.annotationType().getMethod("detects");
            return List.of((String[]) d.invoke(a));
        } catch (ReflectiveOperationException e) {
            return List.of();
        }
    }

    /**
     * @param only class-name patterns (see {@link #matches}), or empty for all
     * @return the scenarios of the classes that match
     */
    static List<ScannedScenario> select(List<ScannedScenario> all, List<String> only) {
        return all.stream().filter(s -> only.isEmpty() || only.stream().anyMatch(p -> matches(p, s.className())))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    /** A class-name pattern: exact, a simple name, or with {@code *} wildcards. */
    static boolean matches(String pattern, String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        String regex = ("\\Q" + pattern.strip() + "\\E").replace("*", "\\E.*\\Q");
        return className.matches(regex) || simple.matches(regex);
    }
}
