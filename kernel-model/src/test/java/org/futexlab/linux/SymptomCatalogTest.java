package org.futexlab.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.futexlab.linux.kernel.printk.Symptom;
import org.junit.jupiter.api.Test;

/**
 * The symptom ids are one list, the Symptom enum, and everything that names them must agree with it, as
 * CatalogTest holds the catalog to Fix: each variant's catalog entry names the symptoms its scenarios show, and
 * each of those is a constant.
 */
class SymptomCatalogTest {
    private final Properties catalog = ModelFiles.catalog();

    /** @return the symptoms a variant's catalog entry lists, as written */
    static List<String> catalogSymptoms(Properties catalog, String variant) {
        List<String> out = new ArrayList<>();
        for (String s : catalog.getProperty(variant + ".symptoms", "").split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    @Test
    void everyVariantListsAtLeastOneSymptomAndEachIsAConstant() {
        List<String> known = Arrays.stream(Symptom.values()).map(Symptom::id).collect(Collectors.toList());
        List<String> variants = ModelFiles.variantIds(catalog);
        assertThat(variants).isNotEmpty();
        for (String v : variants) {
            List<String> listed = catalogSymptoms(catalog, v);
            assertThat(listed).as("%s.symptoms in %s", v, ModelFiles.catalogFile()).isNotEmpty()
                    .doesNotHaveDuplicates();
            assertThat(known).as("%s.symptoms names symptoms of org.futexlab.linux.kernel.printk.Symptom", v)
                    .containsAll(listed);
        }
    }

    @Test
    void noSymptomsKeyForAVariantTheCatalogDoesNotList() {
        List<String> variants = ModelFiles.variantIds(catalog);
        for (String key : catalog.stringPropertyNames()) {
            if (key.endsWith(".symptoms")) {
                assertThat(variants).as(key).contains(key.substring(0, key.length() - ".symptoms".length()));
            }
        }
    }

    @Test
    void idsAreUniqueAndLookUpBothWays() {
        for (Symptom s : Symptom.values()) {
            assertThat(Symptom.byId(s.id())).isSameAs(s);
            assertThat(s).hasToString(s.id());
            assertThat(s.meaning()).as("%s meaning", s).isNotBlank();
        }
        assertThatThrownBy(() -> Symptom.byId("A-S9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A-S9").hasMessageContaining("A-S1");
    }
}
