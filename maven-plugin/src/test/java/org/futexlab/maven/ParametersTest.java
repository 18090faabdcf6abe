package org.futexlab.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.futexlab.junit.Settings;
import org.futexlab.junit.tooling.Setting;
import org.futexlab.junit.tooling.ToolSettings;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * futex:verify's parameters are the tool settings of the extension's table: the plugin descriptor (what
 * {@code futex:help -Ddetail} prints) has one parameter per tool setting, read from its {@code futex.} property and
 * documented with its line, the {@code settings} map names every scenario setting it passes on, and the README's
 * table of parameters is the table.
 */
class ParametersTest {
    /** @return futex:verify's parameters from the generated plugin descriptor: name to (property, description) */
    private static Map<String, String[]> verifyParameters() throws Exception {
        Document d;
        try (InputStream in = ParametersTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in).as("the generated plugin descriptor").isNotNull();
            d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        NodeList mojos = d.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            if (!text(mojo, "goal").equals("verify")) {
                continue;
            }
            Map<String, String[]> out = new LinkedHashMap<>();
            NodeList params = ((Element) mojo.getElementsByTagName("parameters").item(0))
                    .getElementsByTagName("parameter");
            for (int k = 0; k < params.getLength(); k++) {
                Element p = (Element) params.item(k);
                out.put(text(p, "name"), new String[] {"", text(p, "description")});
            }
            Element config = (Element) mojo.getElementsByTagName("configuration").item(0);
            NodeList values = config.getChildNodes();
            for (int k = 0; k < values.getLength(); k++) {
                if (values.item(k) instanceof Element) {
                    Element v = (Element) values.item(k);
                    String[] entry = out.get(v.getTagName());
                    if (entry != null) {
                        entry[0] = v.getTextContent().replaceAll("^\\$\\{|}$", "");
                    }
                }
            }
            return out;
        }
        throw new AssertionError("no verify goal in the plugin descriptor");
    }

    private static String text(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().strip();
    }

    private static String normalized(String doc) {
        String t = doc.replace("`", "").strip();
        t = t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
        return t.isEmpty() ? t : t.substring(0, 1).toLowerCase(Locale.ROOT) + t.substring(1);
    }

    @Test
    void everyToolSettingIsAParameterReadFromItsPropertyAndDocumentedWithItsLine() throws Exception {
        Map<String, String[]> params = verifyParameters();
        for (Setting<?> s : ToolSettings.table()) {
            if (s.scope() != Setting.Scope.TOOL) {
                continue;
            }
            assertThat(params).as("futex:verify parameter for %s", s.key()).containsKey(s.name());
            assertThat(params.get(s.name())[0]).as("property of %s", s.name()).isEqualTo(s.key());
            assertThat(normalized(params.get(s.name())[1])).as("help text of %s", s.name())
                    .startsWith(normalized(s.doc()));
        }
        assertThat(params.get("variants")[0]).isEqualTo(Settings.VARIANTS.key());
        assertThat(params.get("replay")[0]).isEqualTo(Settings.REPLAY.key());
    }

    @Test
    void theSettingsMapNamesEveryScenarioSettingItPassesOn() throws Exception {
        String help = verifyParameters().get("settings")[1];
        for (Setting<?> s : VerifyMojo.passedOn()) {
            assertThat(help).as("futex:help's text of <settings>").containsPattern("\\b" + s.name() + "\\b");
        }
    }

    @Test
    void theReadmeTableOfParametersIsTheTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        StringBuilder table = new StringBuilder("| parameter (`-D` property) | default | meaning |\n|---|---|---|\n");
        List<Setting<?>> tools = ToolSettings.table();
        for (Setting<?> s : tools) {
            if (s.scope() == Setting.Scope.TOOL) {
                table.append("| `").append(s.name()).append("` (`").append(s.key()).append("`) | ")
                        .append(s.defaultText().isEmpty() ? "" : "`" + s.defaultText() + "`").append(" | ")
                        .append(s.doc()).append(" |\n");
            }
        }
        assertThat(readme).as("README.md's futex:verify parameters; the generated rows should read:%n%s", table)
                .contains(table);
    }
}
