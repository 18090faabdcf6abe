package org.futexlab.lincheck;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a main class of these tests in a fresh JVM on this test's class path (less what the caller drops), and
 * returns the lines it prints that start with {@code STEP }. Only a fresh JVM shows what depends on which agent
 * came first, or on what is missing from the class path.
 */
final class Forks {
    private Forks() {}

    /** The test class path as Surefire has it (its booter jar hides it from java.class.path). */
    static List<String> classPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(cp.split(File.pathSeparator));
    }

    static List<String> steps(Path workDir, Predicate<String> keep, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> cp = new ArrayList<>();
        classPath().stream().filter(keep).forEach(cp::add);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+IgnoreUnrecognizedVMOptions", "-XX:+EnableDynamicAgentLoading", "-cp",
                String.join(File.pathSeparator, cp), main.getName()));
        cmd.addAll(List.of(args));
        File log = workDir.resolve("fork.log").toFile();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                throw new AssertionError("the fork ran for 300 s:\n" + tail(log));
            }
        } finally {
            p.destroyForcibly();
        }
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(log.toPath(), StandardCharsets.UTF_8)) {
            if (line.startsWith("STEP ")) {
                out.add(line);
            }
        }
        if (out.size() != Math.max(1, args.length)) {
            throw new AssertionError("expected a STEP line per step, got " + out + ":\n" + tail(log));
        }
        return out;
    }

    private static String tail(File log) throws IOException {
        List<String> lines = Files.readAllLines(log.toPath(), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
