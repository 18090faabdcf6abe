package org.futexlab.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.futexlab.junit.tooling.ScenarioResult;

/**
 * The reports of a verify: the console matrix, and in the reports directory {@code index.html} (self-contained,
 * every string escaped), {@code futex-report.json} (schema in docs/futex-report.md) and surefire-style
 * {@code TEST-futex-*.xml}. Each file is written to a temporary name and renamed, so a reader never sees half
 * of one.
 */
final class VerifyReports {
    private VerifyReports() {}

    // ---------------------------------------------------------------- console

    static void console(Matrix m, Consumer<String> out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"variant", "fix", "expected by", "result", "first detection", "schedules", "time"});
        for (Matrix.Row r : m.rows.values()) {
            ScenarioResult first = r.detectedBy.isEmpty() ? null : r.detectedBy.get(0);
            rows.add(new String[] {r.variant.id(), shortFix(r.variant.fix()),
                    r.expectedBy.isEmpty() ? "-" : simpleNames(r.expectedBy), r.result(),
                    first == null ? "-" : simple(first.scenario()) + " " + foundIn(first),
                    String.format(Locale.ROOT, "%,d", r.run.schedules()), seconds(r.run.elapsedNanos)});
        }
        int[] w = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        out.accept("");
        if (m.baseline != null) {
            long failing = m.baseline.scenarios.values().stream().filter(s -> !s.passed()).count();
            out.accept(String.format(Locale.ROOT, "baseline (fixed model): %s, %s, %,d schedules, %s",
                    count(m.scenarios.size(), "scenario"), failing == 0 && m.baseline.status == RunResult.Status.COMPLETED
                            ? "all pass" : failing + " FAIL", m.baseline.schedules(),
                    seconds(m.baseline.elapsedNanos)));
        }
        for (int k = 0; k < rows.size(); k++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < w.length; i++) {
                boolean right = i >= 5;
                String cell = rows.get(k)[i];
                sb.append(right ? pad(cell, w[i], true) : pad(cell, w[i], false)).append(i + 1 < w.length ? "  " : "");
            }
            out.accept(sb.toString().stripTrailing());
            if (k == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < w.length; i++) {
                    rule.append("-".repeat(w[i])).append(i + 1 < w.length ? "  " : "");
                }
                out.accept(rule.toString());
            }
        }
        out.accept("");
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(Math.max(0, w - s.length()));
        return right ? fill + s : s + fill;
    }

    private static String shortFix(String fix) {
        String f = fix == null ? "" : fix.strip();
        return f.matches("[0-9a-f]{12,40}.*") ? f.substring(0, 12) : f.length() > 24 ? f.substring(0, 23) + "…" : f;
    }

    private static String simple(String id) {
        int hash = id.indexOf('#');
        String cls = id.substring(0, hash);
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + id.substring(hash + 1);
    }

    private static String simpleNames(List<String> ids) {
        List<String> out = new ArrayList<>();
        ids.forEach(i -> out.add(simple(i)));
        return String.join(", ", out);
    }

    /** @return such as "1 scenario" or "2 scenarios" */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    // ---------------------------------------------------------------- JSON

    static String json(Matrix m, String generatedAt) {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("{\n  \"format\": 1,\n  \"generatedAt\": ").append(str(generatedAt)).append(",\n");
        sb.append("  \"passed\": ").append(!m.failed()).append(",\n");
        sb.append("  \"problems\": ").append(strings(m.problems)).append(",\n");
        sb.append("  \"warnings\": ").append(strings(m.warnings)).append(",\n");
        sb.append("  \"scenarios\": [");
        for (int i = 0; i < m.scenarios.size(); i++) {
            ScannedScenario s = m.scenarios.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"id\": ").append(str(s.id())).append(", \"detects\": ")
                    .append(strings(s.detects())).append("}");
        }
        sb.append("\n  ],\n  \"baseline\": ").append(m.baseline == null ? "null" : run(m.baseline, "  "));
        sb.append(",\n  \"variants\": [");
        int k = 0;
        for (Matrix.Row r : m.rows.values()) {
            sb.append(k++ == 0 ? "\n" : ",\n");
            sb.append("    {\"id\": ").append(str(r.variant.id())).append(", \"title\": ").append(str(r.variant.title()))
                    .append(", \"subsystem\": ").append(str(r.variant.subsystem())).append(", \"fix\": ")
                    .append(str(r.variant.fix())).append(", \"result\": ").append(str(r.result()))
                    .append(", \"expectedBy\": ").append(strings(r.expectedBy)).append(", \"missedBy\": ")
                    .append(strings(r.missedBy)).append(", \"detectedBy\": ");
            List<String> ids = new ArrayList<>();
            r.detectedBy.forEach(s -> ids.add(s.scenario()));
            sb.append(strings(ids)).append(",\n     \"run\": ").append(run(r.run, "     ")).append("}");
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    private static String run(RunResult r, String in) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"status\": ").append(str(r.status.name())).append(", \"exitCode\": ")
                .append(r.exitCode == null ? "null" : r.exitCode.toString())
                .append(", \"elapsedNanos\": ").append(r.elapsedNanos).append(", \"schedules\": ").append(r.schedules())
                .append(", \"log\": ").append(r.log == null ? "null" : str(r.log.toString()))
                .append(", \"scenarios\": [");
        int i = 0;
        for (ScenarioResult s : r.scenarios.values()) {
            sb.append(i++ == 0 ? "\n" : ",\n").append(in).append("  {\"id\": ").append(str(s.scenario()))
                    .append(", \"outcome\": ").append(str(s.outcome().name())).append(", \"schedules\": ").append(s.schedules())
                    .append(", \"exhausted\": ").append(s.exhausted()).append(", \"elapsedNanos\": ")
                    .append(s.elapsedNanos());
            ScenarioResult.Failure f = s.failure();
            if (f != null) {
                sb.append(", \"failure\": {\"kind\": ").append(str(f.kind())).append(", \"headline\": ")
                        .append(str(f.headline())).append(", \"schedule\": ").append(f.schedule())
                        .append(", \"replay\": ").append(str(f.replay())).append(", \"threads\": ")
                        .append(strings(f.threads())).append(", \"steps\": [");
                for (int k = 0; k < f.steps().size(); k++) {
                    ScenarioResult.Step st = f.steps().get(k);
                    sb.append(k == 0 ? "" : ", ").append("{\"thread\": ").append(str(st.thread()))
                            .append(", \"operation\": ").append(str(st.operation())).append(", \"where\": ")
                            .append(str(st.where())).append(", \"preemption\": ").append(st.preemption()).append("}");
                }
                sb.append("], \"report\": ").append(str(s.report())).append("}");
            }
            sb.append("}");
        }
        sb.append(i == 0 ? "]}" : "\n" + in + "]}");
        return sb.toString();
    }

    private static String strings(List<String> list) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(str(list.get(i)));
        }
        return sb.append("]").toString();
    }

    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    // ---------------------------------------------------------------- HTML

    static String html(Matrix m, String generatedAt) {
        StringBuilder sb = new StringBuilder(16384);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Futex Lab: variant matrix</title>\n")
                .append("<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:left;vertical-align:top}th{background:#f3f3f3}.DETECTED{background:#dfd}"
                        + ".UNDETECTED,.FAIL,.CRASHED,.TIMED{background:#fdd}.pre{font:12px monospace;white-space:pre}"
                        + "pre{background:#f8f8f8;padding:8px;overflow:auto}.lane td{font:12px monospace}"
                        + ".preempt{background:#ffe9b3}</style></head><body>\n");
        sb.append("<h1>Futex Lab: variant matrix</h1>\n<p>").append(esc(generatedAt)).append(" &middot; ")
                .append(m.failed() ? "<strong>FAILED</strong>" : "passed").append("</p>\n");
        if (!m.problems.isEmpty()) {
            sb.append("<h2>Problems</h2><ul>");
            m.problems.forEach(p -> sb.append("<li class=\"pre\">").append(esc(p)).append("</li>"));
            sb.append("</ul>\n");
        }
        if (!m.warnings.isEmpty()) {
            sb.append("<h2>Warnings</h2><ul>");
            m.warnings.forEach(p -> sb.append("<li>").append(esc(p)).append("</li>"));
            sb.append("</ul>\n");
        }
        if (m.baseline != null) {
            sb.append("<h2>Baseline (fixed model)</h2>\n<table><tr><th>scenario</th><th>outcome</th><th>schedules</th>"
                    + "<th>time</th></tr>\n");
            for (ScenarioResult s : m.baseline.scenarios.values()) {
                sb.append("<tr><td>").append(esc(s.scenario())).append("</td><td class=\"").append(s.passed() ? "" : "FAIL")
                        .append("\">").append(esc(s.outcome().name())).append("</td><td>").append(s.schedules())
                        .append(s.exhausted() ? " (exhausted)" : "").append("</td><td>")
                        .append(esc(seconds(s.elapsedNanos()))).append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append("<h2>Variants</h2>\n<table><tr><th>variant</th><th>fix</th><th>expected by</th><th>result</th>"
                + "<th>detected by</th><th>schedules</th><th>time</th></tr>\n");
        for (Matrix.Row r : m.rows.values()) {
            sb.append("<tr><td><b>").append(esc(r.variant.id())).append("</b><br>").append(esc(r.variant.title()))
                    .append("</td><td>").append(esc(r.variant.fix())).append("</td><td>")
                    .append(esc(String.join(", ", r.expectedBy))).append("</td><td class=\"")
                    .append(esc(r.result().split(" ")[0])).append("\">").append(esc(r.result())).append("</td><td>");
            for (ScenarioResult s : r.detectedBy) {
                sb.append("<a href=\"#").append(anchor(r.variant.id(), s.scenario())).append("\">").append(esc(s.scenario()))
                        .append("</a> ").append(esc(foundIn(s))).append("<br>");
            }
            sb.append("</td><td>").append(r.run.schedules()).append("</td><td>").append(esc(seconds(r.run.elapsedNanos)))
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n<h2>Detections</h2>\n");
        for (Matrix.Row r : m.rows.values()) {
            for (ScenarioResult s : r.detectedBy) {
                ScenarioResult.Failure f = s.failure();
                sb.append("<h3 id=\"").append(anchor(r.variant.id(), s.scenario())).append("\">")
                        .append(esc(r.variant.id())).append(" &larr; ").append(esc(s.scenario())).append("</h3>\n<p>")
                        .append(esc(f.kind())).append(": ").append(esc(f.headline())).append("</p>\n");
                if (!f.steps().isEmpty()) {
                    swimlanes(sb, f);
                }
                sb.append("<details><summary>full report</summary><pre>").append(esc(s.report()))
                        .append("</pre></details>\n");
                if (!f.replay().isEmpty()) {
                    sb.append("<p>replay: <code>mvn futex:verify -Dfutex.variants=").append(esc(r.variant.id()))
                            .append(" -Dfutex.replay=").append(esc(f.replay())).append("</code></p>\n");
                }
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    /** The shrunk interleaving: one column per thread, one row per step, preemptions marked. */
    private static void swimlanes(StringBuilder sb, ScenarioResult.Failure f) {
        List<String> threads = new ArrayList<>(f.threads());
        for (ScenarioResult.Step st : f.steps()) {
            if (!threads.contains(st.thread())) {
                threads.add(st.thread());
            }
        }
        sb.append("<table class=\"lane\"><tr><th>step</th><th>where</th>");
        threads.forEach(t -> sb.append("<th>").append(esc(t)).append("</th>"));
        sb.append("</tr>\n");
        for (int i = 0; i < f.steps().size(); i++) {
            ScenarioResult.Step st = f.steps().get(i);
            boolean pre = st.preemption();
            sb.append("<tr").append(pre ? " class=\"preempt\" title=\"preemption\"" : "").append("><td>").append(i + 1)
                    .append(pre ? "*" : "").append("</td><td>").append(esc(st.where())).append("</td>");
            for (String t : threads) {
                sb.append("<td>").append(t.equals(st.thread()) ? esc(st.operation()) : "").append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    /** @return where a detection was found: "@3" for the third schedule, "(Lincheck)" for a linearizability check */
    static String foundIn(ScenarioResult s) {
        return "LINEARIZABILITY".equals(s.failure().kind()) ? "(Lincheck)" : "@" + s.failure().schedule();
    }

    private static String anchor(String variant, String scenario) {
        return ("d-" + variant + "-" + scenario).replaceAll("[^A-Za-z0-9_-]", "-");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&#39;"); break;
                default: sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- surefire XML

    /** A test case per variant ("is detected") and per scenario on the baseline, as CI servers read them. */
    static String xmlVariants(Matrix m) {
        StringBuilder cases = new StringBuilder();
        int failures = 0;
        for (Matrix.Row r : m.rows.values()) {
            cases.append("  <testcase classname=\"futex.variants\" name=\"").append(xml(r.variant.id()))
                    .append(" is detected\" time=\"").append(secs(r.run.elapsedNanos)).append("\">");
            String msg = !r.completed() ? "the run did not complete: " + r.result()
                    : !r.detected() ? "no scenario detects " + r.variant.id()
                    : !r.missedBy.isEmpty() ? "expected by " + String.join(", ", r.missedBy) + ", which passed"
                    : null;
            if (msg != null) {
                failures++;
                cases.append("<failure message=\"").append(xml(msg)).append("\" type=\"futex.undetected\"/>");
            }
            cases.append("</testcase>\n");
        }
        return suite("futex.variants", m.rows.size(), failures, cases);
    }

    static String xmlBaseline(Matrix m) {
        StringBuilder cases = new StringBuilder();
        int failures = 0;
        for (ScannedScenario s : m.scenarios) {
            ScenarioResult r = m.baseline == null ? null : m.baseline.scenarios.get(s.id());
            cases.append("  <testcase classname=\"").append(xml(s.className())).append("\" name=\"")
                    .append(xml(s.method())).append("\" time=\"").append(secs(r == null ? 0 : r.elapsedNanos()))
                    .append("\">");
            if (r == null || !r.passed()) {
                failures++;
                cases.append("<failure message=\"").append(xml(r == null ? "no result" : r.headline()))
                        .append("\" type=\"futex.").append(xml(r == null ? "missing" : r.failure().kind())).append("\">")
                        .append(xml(r == null ? "" : r.report())).append("</failure>");
            }
            cases.append("</testcase>\n");
        }
        return suite("futex.baseline", m.scenarios.size(), failures, cases);
    }

    private static String suite(String name, int tests, int failures, StringBuilder cases) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + name + "\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"0\">\n" + cases + "</testsuite>\n";
    }

    /**
     * Escapes for XML 1.0 as {@link #esc} does for HTML, after replacing what XML 1.0 cannot write even as a
     * reference (most control characters, lone surrogates) by U+FFFD, so that a CI server's parser never rejects
     * the file.
     */
    static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                sb.append(c).append(s.charAt(++i));
            } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || Character.isSurrogate(c)
                    || c == 0xFFFE || c == 0xFFFF) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return esc(sb.toString());
    }

    private static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    // ---------------------------------------------------------------- files

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        // getBytes replaces what UTF-8 cannot encode (a lone surrogate from a test's message) instead of throwing.
        Files.write(tmp, content.getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
