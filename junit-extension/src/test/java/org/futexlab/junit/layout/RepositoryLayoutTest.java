package org.futexlab.junit.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository checks out on every file system: no two paths differ only in letter case (a case-insensitive file
 * system, macOS's and Windows' by default, keeps one of them).
 */
class RepositoryLayoutTest {
    /** @return the repository's root: this module's parent, whose pom.xml is the parent of every module */
    static Path root() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml")).as("the repository root").exists();
        assertThat(root.resolve("junit-extension")).exists();
        return root;
    }

    /** @return each pair of paths under root (build output and VCS data aside) that differ only in case */
    static List<String> caseClashes(Path root) throws IOException {
        Map<String, String> seen = new TreeMap<>();
        List<String> clashes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.isEmpty() || ignored(rel)) {
                    continue;
                }
                String other = seen.putIfAbsent(rel.toLowerCase(Locale.ROOT), rel);
                if (other != null) {
                    clashes.add(other + " and " + rel);
                }
            }
        }
        return clashes;
    }

    private static boolean ignored(String rel) {
        for (String part : rel.split("/")) {
            if (part.equals(".git") || part.equals("target")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void noTwoPathsDifferOnlyInCase() throws IOException {
        assertThat(caseClashes(root())).as("paths that a case-insensitive file system cannot keep apart").isEmpty();
    }

    @Test
    void aClashIsFound(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("locking"));
        Files.createFile(dir.resolve("locking/Rtmutex.java"));
        try {
            Files.createFile(dir.resolve("locking/RtMutex.java"));
        } catch (FileAlreadyExistsException insensitive) {
            assumeTrue(false, "this file system ignores case: it cannot hold the pair the check looks for");
        }
        Files.createFile(dir.resolve("locking/RtMutexBase.java"));
        assertThat(caseClashes(dir)).containsExactly("locking/RtMutex.java and locking/Rtmutex.java");
    }
}
