package org.futexlab.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.futexlab.linux.kernel.printk.Symptom;
import org.junit.jupiter.api.Test;

/**
 * The symptom ids are one list, the Symptom enum, and everything that names them must agree with it, as
 * CatalogTest holds the catalog to Fix: the symptom table of docs/model.md S.1 has a row for each constant and
 * none for anything else, and each variant's catalog entry names the symptoms its scenarios show, each of them a
 * constant.
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

    /** A row of the table: its id and constant columns, in backquotes. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*`([^`]+)`\\s*\\|");

    /** @return id to constant name, from the rows of the table under the heading of docs/model.md S.1 */
    static Map<String, String> documentedSymptoms() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(ModelFiles.modelDoc(), StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                inTable = line.startsWith("### S.1 ");
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (inTable && m.find()) {
                assertThat(rows.put(m.group(1), m.group(2))).as("a second row for %s", m.group(1)).isNull();
            }
        }
        return rows;
    }

    @Test
    void theDocumentsSymptomTableIsTheEnum() throws IOException {
        Map<String, String> documented = documentedSymptoms();
        Map<String, String> constants = new LinkedHashMap<>();
        for (Symptom s : Symptom.values()) {
            constants.put(s.id(), s.name());
        }
        assertThat(documented).as("the symptom table of %s S.1 (id -> constant) against %s",
                ModelFiles.modelDoc(), Symptom.class.getName()).containsExactlyInAnyOrderEntriesOf(constants);
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
