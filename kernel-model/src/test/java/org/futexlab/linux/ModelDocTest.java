package org.futexlab.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every section the model's sources cite is a section of its design document, docs/model.md, and every citation
 * has the one form that names the document: {@code docs/model.md A.2.1}, possibly followed by more ids
 * ({@code docs/model.md G.2, A.7 and D.7}). An id is defined by a heading ({@code ### A.2.1 ...}) or a labelled
 * list item ({@code - **A.5.1** ...}). The old forms ("section A.2.1", a bare "(A.5.1)") are refused, since
 * without the document's name nobody can tell which document they mean.
 */
class ModelDocTest {
    /** A section id: 0 or a capital letter, then dot-separated numbers, then an optional letter (A.3a). */
    private static final String ID = "(?:0|[A-Z])(?:\\.[0-9]+)*[a-z]?";
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(" + ID + ")\\.?\\s");
    private static final Pattern LABELLED_ITEM = Pattern.compile("^\\s*[-*]\\s+\\*\\*(" + ID + ")\\*\\*");
    /** A citation: the document's path, then one id, then more joined by ", ", " and " or " or ". */
    private static final Pattern CITATION = Pattern.compile("docs/model\\.md (" + ID + "(?![A-Za-z0-9])"
            + "(?:(?:, | and | or )" + ID + "(?![A-Za-z0-9]))*)");
    private static final Pattern ONE_ID = Pattern.compile(ID + "(?![A-Za-z0-9])");
    private static final Pattern OLD_SECTION = Pattern.compile("\\b[Ss]ections? (" + ID + ")(?![A-Za-z0-9])");
    /**
     * An id with at least one dot, not part of a longer word or number (v6.7, 6.18.0 are not ids); a full stop may
     * follow it.
     */
    private static final Pattern BARE_ID = Pattern.compile(
            "(?<![\\w.\\-/])((?:0|[A-Z])\\.[0-9]+(?:\\.[0-9]+)*[a-z]?)(?!\\w|\\.[0-9])");

    /** @return the ids docs/model.md defines */
    static Set<String> definedIds(List<String> doc) {
        Set<String> ids = new LinkedHashSet<>();
        for (String line : doc) {
            for (Pattern p : new Pattern[] {HEADING, LABELLED_ITEM}) {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    ids.add(m.group(1));
                }
            }
        }
        return ids;
    }

    /**
     * @return the problems of one line of a source file: unknown ids and citations of the old form. In Java code,
     *     what string literals hold is data, not a citation (a heading the test looks for, say): only their
     *     {@code docs/model.md} citations are checked.
     */
    static List<String> problems(String where, String line, Set<String> defined) {
        List<String> out = new ArrayList<>();
        boolean[] cited = stringLiterals(where, line);
        Matcher c = CITATION.matcher(line);
        while (c.find()) {
            for (int i = c.start(); i < c.end(); i++) {
                cited[i] = true;
            }
            Matcher id = ONE_ID.matcher(c.group(1));
            while (id.find()) {
                if (!defined.contains(id.group())) {
                    out.add(where + ": cites docs/model.md " + id.group() + ", which the document does not define");
                }
            }
        }
        Matcher old = OLD_SECTION.matcher(line);
        while (old.find()) {
            for (int i = old.start(); i < old.end(); i++) {
                cited[i] = true; // reported once, as the old form
            }
            out.add(where + ": \"" + old.group() + "\" is the old citation form: write docs/model.md " + old.group(1));
        }
        Matcher bare = BARE_ID.matcher(line);
        while (bare.find()) {
            if (!cited[bare.start()]) {
                out.add(where + ": \"" + bare.group(1) + "\" cites a section without naming the document: write "
                        + "docs/model.md " + bare.group(1));
            }
        }
        return out;
    }

    /** @return which characters of a Java line lie inside a string literal (none for other files) */
    private static boolean[] stringLiterals(String where, String line) {
        boolean[] in = new boolean[line.length()];
        if (!where.contains(".java:") || line.stripLeading().startsWith("*") || line.stripLeading().startsWith("/")) {
            return in;
        }
        boolean inside = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\\' && inside) {
                in[i] = true;
                if (i + 1 < line.length()) {
                    in[++i] = true;
                }
                continue;
            }
            if (ch == '"' && (i == 0 || line.charAt(i - 1) != '\'')) {
                inside = !inside;
            }
            in[i] = inside;
        }
        return in;
    }

    /**
     * @return kernel-model's source and resource files: what can cite the document (but this test, whose examples
     *     of bad citations are there on purpose)
     */
    static List<Path> sources() {
        Path src = ModelFiles.moduleDir().resolve("src");
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(ModelDocTest.class.getSimpleName() + ".java"))
                    .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".properties")
                            || f.getFileName().toString().equals("instrument"))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyCitationInTheModelNamesASectionOfTheDocument() {
        Path doc = ModelFiles.modelDoc();
        assertThat(doc).as("the model's design document").isRegularFile();
        Set<String> defined = definedIds(lines(doc));
        Path module = ModelFiles.moduleDir();
        List<String> problems = new ArrayList<>();
        int citations = 0;
        for (Path f : sources()) {
            List<String> text = lines(f);
            for (int i = 0; i < text.size(); i++) {
                String where = module.getParent().relativize(f) + ":" + (i + 1);
                problems.addAll(problems(where, text.get(i), defined));
                Matcher c = CITATION.matcher(text.get(i));
                while (c.find()) {
                    citations++;
                }
            }
        }
        assertThat(citations).as("citations of docs/model.md in kernel-model's sources").isGreaterThan(50);
        assertThat(problems).as("citations in kernel-model against %s", doc).isEmpty();
    }

    @Test
    void theDocumentDefinesItsIdsOnce() {
        List<String> all = new ArrayList<>();
        for (String line : lines(ModelFiles.modelDoc())) {
            for (Pattern p : new Pattern[] {HEADING, LABELLED_ITEM}) {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    all.add(m.group(1));
                }
            }
        }
        assertThat(all).as("section ids of docs/model.md").doesNotHaveDuplicates()
                .contains("0.2", "0.5", "A.2.1", "A.5.1", "D.5.1", "B.5.3", "S.1", "V.1");
    }

    /** The checker itself: what it accepts, and that it refuses each bad form (so the test above can fail). */
    @Test
    void theCheckerRefusesUnknownIdsAndTheOldForms() {
        Set<String> defined = Set.of("A", "A.2.1", "A.5.1", "G.2", "A.7", "D.7");
        assertThat(problems("f:1", "see docs/model.md A.2.1 and v6.7, 6.18.0-model", defined)).isEmpty();
        assertThat(problems("f:1", "(docs/model.md G.2, A.7 and D.7)", defined)).isEmpty();
        assertThat(problems("f:1", "docs/model.md A: PI futexes", defined)).isEmpty();
        assertThat(problems("f:2", "see docs/model.md A.9", defined)).singleElement().asString()
                .contains("f:2").contains("A.9").contains("does not define");
        assertThat(problems("f:3", "labelled as in section A.2.1", defined)).singleElement().asString()
                .contains("f:3").contains("old citation form");
        assertThat(problems("f:4", "invariant (A.5.1)", defined)).singleElement().asString()
                .contains("without naming the document");
        assertThat(problems("f:5", "(docs/model.md A.2.1 buggy, A.5.1)", defined)).singleElement().asString()
                .contains("\"A.5.1\"");
        assertThat(problems("f:6", "by invariant A.5.1.", defined)).as("at the end of a sentence").hasSize(1);
        assertThat(problems("X.java:7", "        x(\"### S.1 \", y); // the table of section S.1", defined))
                .as("a string literal is data; the comment after it is not").singleElement().asString()
                .contains("old citation form");
    }
}
