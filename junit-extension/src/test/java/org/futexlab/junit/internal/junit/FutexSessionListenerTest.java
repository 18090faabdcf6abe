package org.futexlab.junit.internal.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under Surefire a setting arrives as a -D system property or from junit-platform.properties; a misspelt one is
 * warned about once per session, with the closest key, and a correct one is not.
 */
class FutexSessionListenerTest {
    @Test
    void aMisspeltSystemPropertyOrPlatformPropertyIsNamedWithTheClosestKey(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("junit-platform.properties"), "futex.parallelsm=2\nfutex.seed=4\n");
        String key = "futex.schedule";
        System.setProperty(key, "5");
        System.setProperty("futex.schedules", "5");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(FutexSessionListener.unknownKeys(loader)).containsExactly(
                    "futex.parallelsm is not a Futex Lab setting and is ignored; did you mean futex.parallelism?",
                    "futex.schedule is not a Futex Lab setting and is ignored; did you mean futex.schedules?");
        } finally {
            System.clearProperty(key);
            System.clearProperty("futex.schedules");
        }
        assertThat(FutexSessionListener.unknownKeys(null)).isEmpty();
    }
}
