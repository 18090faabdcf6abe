package org.futexlab.junit.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The extension's layout shows its architecture: the API package above the engine, which it reaches only through
 * its service interface; the tools' package below both; every package importing only packages below it (no cycle,
 * however long); and no source file so long that a newcomer cannot find their way in it.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.futexlab.junit");

    /** One slice per package, the root package included. */
    private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            return c.getPackageName().startsWith("org.futexlab.junit") ? SliceIdentifier.of(c.getPackageName())
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "packages of futex-junit-extension";
        }
    };

    @Test
    void thePackageImportGraphHasNoCycle() {
        SlicesRuleDefinition.slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theApiReachesNoInternalPackageAndTheToolsPackageReachesNothingOfOurs() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAPackage("org.futexlab.junit")
                .should().dependOnClassesThat().resideInAPackage("org.futexlab.junit.internal..").check(MAIN);
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that()
                .resideInAPackage("org.futexlab.junit.tooling").should().dependOnClassesThat(
                        DescribedPredicate.describe("another package of the extension", (JavaClass c) ->
                                c.getPackageName().startsWith("org.futexlab.junit")
                                        && !c.getPackageName().equals("org.futexlab.junit.tooling")))
                .check(MAIN);
    }

    @Test
    void noMainSourceFileIsOverFiveHundredLines() throws IOException {
        List<String> long_ = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                long lines = Files.readAllLines(f).size();
                if (lines > 500) {
                    long_.add(f + " (" + lines + " lines)");
                }
            }
        }
        assertThat(long_).as("split by concern: one concept per file").isEmpty();
    }
}
