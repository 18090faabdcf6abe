package org.futexlab.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the tests that check the model against its own documents find them: the module's base directory (from
 * the test classes' location, target/test-classes), the repository root above it, the design document
 * docs/model.md and the variant catalog. Read as files, not through other modules' classes: the catalog class of
 * junit-extension is not this module's to rely on for its own checks.
 */
public final class ModelFiles {
    private ModelFiles() {}

    /** @return kernel-model's base directory */
    public static Path moduleDir() {
        try {
            Path classes = Path.of(ModelFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = classes.getParent().getParent(); // target/test-classes -> target -> the module
            if (!Files.isRegularFile(dir.resolve("pom.xml")) || !Files.isDirectory(dir.resolve("src"))) {
                throw new IllegalStateException(dir + " is not kernel-model's base directory (test classes at "
                        + classes + ")");
            }
            return dir;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the repository root, which holds docs/ */
    public static Path repositoryRoot() {
        return moduleDir().getParent();
    }

    /** @return docs/model.md, the model's design document */
    public static Path modelDoc() {
        return repositoryRoot().resolve("docs").resolve("model.md");
    }

    /** @return the variant catalog's source file */
    public static Path catalogFile() {
        return moduleDir().resolve("src/main/resources/META-INF/futex/variants.properties");
    }

    /** @return the variant catalog, read with java.util.Properties */
    public static Properties catalog() {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(catalogFile())) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** @return the catalog's variant ids, in its order */
    public static java.util.List<String> variantIds(Properties catalog) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (String id : catalog.getProperty("variants", "").split(",")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
        return ids;
    }
}
