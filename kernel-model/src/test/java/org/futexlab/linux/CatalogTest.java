package org.futexlab.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.futexlab.junit.tooling.VariantCatalog;
import org.junit.jupiter.api.Test;

/**
 * The variant catalog is data the Maven plugin reads without loading model code; the Fix enum is what the model
 * itself tests. They must name the same variants, in both directions, or a variant would run without reverting
 * anything (or a fix could never be reverted).
 */
class CatalogTest {
    private final VariantCatalog catalog = VariantCatalog.load(CatalogTest.class.getClassLoader());

    @Test
    void everyFixOfTheModelIsACatalogVariantAndBack() {
        List<String> fixes = Arrays.stream(Fix.values()).map(Fix::id).collect(Collectors.toList());
        List<String> variants = catalog.variants().stream().map(VariantCatalog.Variant::id)
                .collect(Collectors.toList());
        assertThat(variants).as("catalog %s", VariantCatalog.RESOURCE).containsExactlyElementsOf(fixes);
    }

    @Test
    void everyVariantCitesItsFixAndWhereItCameFrom() {
        for (VariantCatalog.Variant v : catalog.variants()) {
            assertThat(v.id()).as("id").matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(v.title()).as("%s title", v.id()).isNotBlank();
            assertThat(v.subsystem()).as("%s subsystem", v.id()).isNotBlank();
            assertThat(v.fix()).as("%s fix", v.id()).isNotBlank();
            assertThat(v.introduced()).as("%s introduced", v.id()).isNotBlank();
            assertThat(v.source()).as("%s source", v.id()).contains("kernel-model");
        }
    }

    @Test
    void patchesNameTheirVariantsAndRejectUnknownOnes() {
        assertThat(Patches.of(List.of("futex-fault-in-gup")).reverted(Fix.FUTEX_FAULT_IN_GUP)).isTrue();
        assertThat(Patches.upstream().reverted(Fix.FUTEX_FAULT_IN_GUP)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Patches.of(List.of("futex-nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("futex-nope").hasMessageContaining("futex-fault-in-gup");
    }
}
