package org.futexlab.linux.kernel.printk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The model's kernel log. Debug checks write splats worded like the kernel's, each tagged with the {@link Symptom}
 * it shows (A-S1, D-S1, ...) so that scenarios can tell which check fired.
 */
public final class Dmesg {
    /**
     * One log record: when, the symptom a splat shows (null for a plain message), and its text.
     *
     * @param nanos CLOCK_MONOTONIC when it was logged
     * @param symptom the symptom this splat shows, or null for plain messages
     * @param text the message, several lines for a splat
     */
    public record Entry(long nanos, Symptom symptom, String text) {
        /** @return the entry as dmesg prints it */
        public String render() {
            String stamp = String.format(Locale.ROOT, "[%5d.%06d] ", nanos / 1_000_000_000L,
                    (nanos / 1000) % 1_000_000);
            StringBuilder sb = new StringBuilder();
            for (String line : text.split("\n")) {
                sb.append(stamp).append(line).append('\n');
            }
            return sb.toString();
        }
    }

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();
    private final LongSupplier clock;

    /** @param clock the kernel's CLOCK_MONOTONIC, which stamps every record */
    public Dmesg(LongSupplier clock) {
        this.clock = clock;
    }

    /** Appends a record; splats carry their symptom, plain messages null. */
    public void log(Symptom symptom, String text) {
        entries.add(new Entry(clock.getAsLong(), symptom, text));
    }

    /** @return every record, in order */
    public List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /** @return whether no splat was logged */
    public boolean isClean() {
        for (Entry e : entries) {
            if (e.symptom != null) {
                return false;
            }
        }
        return true;
    }

    /** @return whether a splat of this symptom was logged */
    public boolean has(Symptom symptom) {
        for (Entry e : entries) {
            if (symptom == e.symptom) {
                return true;
            }
        }
        return false;
    }

    /** @return the log as dmesg prints it */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(e.render());
        }
        return sb.toString();
    }

    /** @return the symptoms of the splats logged, in order, without repeats */
    public List<Symptom> symptoms() {
        List<Symptom> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.symptom != null && !out.contains(e.symptom)) {
                out.add(e.symptom);
            }
        }
        return out;
    }

    /**
     * @return headline, followed, when a splat was logged, by the symptoms and the whole log: the message of a
     *     task's death (an oops, a fatal signal) that ends the scenario before any check reads the log
     */
    public String annotate(String headline) {
        if (isClean()) {
            return headline;
        }
        return headline + " (dmesg: " + ids() + ")\n" + render();
    }

    /** @throws AssertionError naming the symptoms, with the whole log, when a splat was logged */
    public void assertClean() {
        if (!isClean()) {
            throw new AssertionError("dmesg is not clean (" + ids() + "):\n" + render());
        }
    }

    /** @return the textual ids of the symptoms logged, comma-separated, as reports print them */
    private String ids() {
        StringBuilder sb = new StringBuilder();
        for (Symptom s : symptoms()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(s.id());
        }
        return sb.toString();
    }
}
