package org.futexlab.maven;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The plugin is a tool like any other: it uses the extension's public API and its tooling contract
 * ({@code org.futexlab.junit.tooling}), never its internals, so that a later Gradle plugin can do what it does.
 */
class ArchitectureTest {
    private static final JavaClasses PLUGIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.futexlab.maven");

    @Test
    void thePluginImportsNothingFromAnInternalPackage() {
        ArchRuleDefinition.noClasses().should().dependOnClassesThat().resideInAPackage("org.futexlab.junit.internal..")
                .check(PLUGIN);
    }
}
