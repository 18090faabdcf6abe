package org.futexlab.junit.internal.explore;

import org.futexlab.junit.tooling.ReplayToken;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Statics;
import org.futexlab.junit.Timeouts;
import org.futexlab.junit.Strategy;
import org.futexlab.junit.internal.ops.Sites;
import org.futexlab.junit.internal.sched.LogicalThread;
import org.futexlab.junit.internal.ops.Op;
import org.futexlab.junit.internal.sched.RunFailure;
import org.futexlab.junit.internal.sched.Trace;

/** Text reports: the one-line pass summary, and the failure report with its swimlanes and replay token. */
final class ExplorationReports {
    private ExplorationReports() {}

    private static final int MAX_CELL = 40;
    private static final int MAX_WHERE = 28;
    private static final int HEAD = 40;
    private static final int TAIL = 160;

    /** Names objects in order of first appearance, so that a report reads the same on every run. */
    private static final class ObjectNames {
        private final IdentityHashMap<Object, String> names = new IdentityHashMap<>();
        private final Map<String, Integer> counters = new HashMap<>();

        String of(Object o) {
            if (o == null || o == Op.BUDGET || o == Op.CLOCK_LOC) {
                return null;
            }
            if (o instanceof LogicalThread) {
                return ((LogicalThread) o).name;
            }
            if (o instanceof Sites.StaticField) {
                return o.toString();
            }
            return names.computeIfAbsent(o, x -> {
                String simple = x instanceof Class ? ((Class<?>) x).getSimpleName() + ".class"
                        : x.getClass().getSimpleName();
                if (simple.isEmpty()) {
                    simple = x.getClass().getName().substring(x.getClass().getName().lastIndexOf('.') + 1);
                }
                int n = counters.merge(simple, 1, Integer::sum);
                return simple + "#" + n;
            });
        }
    }

    static List<Exploration.Step> steps(Trace tr, List<String> threads) {
        List<Exploration.Step> out = new ArrayList<>();
        ObjectNames names = new ObjectNames();
        for (int i = 0; i < tr.size(); i++) {
            Sites.Site site = Sites.get(tr.site(i));
            String op = describe(tr.kind(i), site.op(), names.of(tr.loc(i)), tr.loc(i)) + Op.modeSuffix(tr.mode(i));
            out.add(new Exploration.Step(i + 1, threads.get(tr.thread(i)), op, site.where(), tr.preempted(i)));
        }
        return out;
    }

    private static String describe(int kind, String op, String obj, Object loc) {
        switch (kind) {
            case Op.PARK:
                return "park";
            case Op.UNPARK:
                return "unpark " + obj;
            case Op.JOIN:
            case Op.INTERRUPT:
            case Op.IS_ALIVE:
            case Op.LOCK:
            case Op.TRY_LOCK:
            case Op.UNLOCK:
            case Op.AWAIT:
            case Op.AWAIT_RETURN:
            case Op.SIGNAL:
            case Op.SIGNAL_ALL:
            case Op.WAIT:
            case Op.WAIT_RETURN:
            case Op.NOTIFY:
            case Op.NOTIFY_ALL:
                return Op.name(kind) + " " + obj;
            case Op.INTERRUPTED:
                return "interrupted? " + obj;
            case Op.START:
            case Op.YIELD:
            case Op.SLEEP:
            case Op.SPIN:
            case Op.CLOCK:
                return op;
            default:
        }
        if (obj == null) {
            return op;
        }
        if (op.startsWith("volatile ")) {
            // "volatile Node.state read" -> "Node#2.state read (volatile)"
            String rest = op.substring("volatile ".length());
            int dot = rest.indexOf('.');
            return (loc instanceof Sites.StaticField ? rest.substring(0, dot) : obj) + rest.substring(dot)
                    + " (volatile)";
        }
        int dot = op.indexOf('.');
        if (dot > 0 && !op.contains(" ")) {
            String owner = op.substring(0, dot);
            // An atomic's own method reads "AtomicInteger#1.get"; an updater's or a VarHandle's names its target.
            return obj.startsWith(owner + "#") ? obj + op.substring(dot)
                    : loc instanceof java.lang.invoke.VarHandle ? op + " (static field)" : op + "(" + obj + ")";
        }
        return op + " " + obj;
    }

    /** One column per thread with what it did; the source position of each step in a column of its own. */
    static String swimlanes(List<Exploration.Step> steps, List<String> threads) {
        int n = threads.size();
        int[] width = new int[n];
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < n; i++) {
            col.put(threads.get(i), i);
            width[i] = Math.max(6, Math.min(MAX_CELL, threads.get(i).length()));
        }
        int whereWidth = 5;
        for (Exploration.Step s : steps) {
            int c = col.get(s.thread());
            width[c] = Math.max(width[c], Math.min(MAX_CELL, s.operation().length()));
            whereWidth = Math.max(whereWidth, Math.min(MAX_WHERE, s.where().length()));
        }
        int stepWidth = Math.max(4, String.valueOf(steps.size()).length() + 1);
        StringBuilder sb = new StringBuilder();
        sb.append("  ").append(pad("step", stepWidth)).append("  ").append(pad("where", whereWidth));
        for (int i = 0; i < n; i++) {
            sb.append(" | ").append(pad(fit(threads.get(i), width[i]), width[i]));
        }
        sb.setLength(trimEnd(sb));
        sb.append('\n').append("  ").append("-".repeat(stepWidth)).append("  ").append("-".repeat(whereWidth));
        for (int i = 0; i < n; i++) {
            sb.append("-+-").append("-".repeat(width[i]));
        }
        sb.append('\n');
        boolean elide = steps.size() > HEAD + TAIL + 10;
        for (int k = 0; k < steps.size(); k++) {
            if (elide && k == HEAD) {
                sb.append("  ").append(pad("...", stepWidth)).append("  (").append(steps.size() - HEAD - TAIL)
                        .append(" steps not shown)\n");
                k = steps.size() - TAIL;
            }
            Exploration.Step s = steps.get(k);
            String num = s.index() + (s.preemption() ? "*" : "");
            sb.append("  ").append(padLeft(num, stepWidth)).append("  ").append(pad(fit(s.where(), whereWidth),
                    whereWidth));
            int c = col.get(s.thread());
            for (int i = 0; i < n; i++) {
                sb.append(" | ").append(pad(i == c ? fit(s.operation(), width[i]) : "", width[i]));
            }
            sb.setLength(trimEnd(sb));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static int trimEnd(StringBuilder sb) {
        int len = sb.length();
        while (len > 0 && sb.charAt(len - 1) == ' ') {
            len--;
        }
        return len;
    }

    private static String fit(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 3) + "...";
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static String padLeft(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }

    static String duration(long nanos) {
        if (nanos < 1_000_000_000L) {
            return nanos / 1_000_000 + " ms";
        }
        if (nanos < 120_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
        }
        return String.format(Locale.ROOT, "%.1f min", nanos / 60e9);
    }

    static String strategyLine(Settings st) {
        switch (st.strategy()) {
            case EXHAUSTIVE:
                return "EXHAUSTIVE (maxPreemptions=" + (st.maxPreemptions() < 0 ? "unbounded" : st.maxPreemptions())
                        + ", spuriousWakeups=" + st.spuriousWakeups() + ")";
            case PCT:
                return "PCT (seed=" + st.seed() + ", pctDepth=" + st.pctDepth() + ", spuriousWakeups="
                        + st.spuriousWakeups() + ")";
            default:
                return "RANDOM (seed=" + st.seed() + ", spuriousWakeups=" + st.spuriousWakeups() + ")";
        }
    }

    /**
     * What a pass assumed and what it covered, after its line: a pass is evidence only within these assumptions,
     * and a search that met few scheduling points or no conflicting pair interleaved little.
     */
    private static String passTail(ExplorationResult r) {
        Settings st = r.settings;
        StringBuilder sb = new StringBuilder("\n  assumed   ");
        if (st.strategy() == Strategy.EXHAUSTIVE) {
            sb.append(st.maxPreemptions() < 0 ? "any number of preemptions" : "at most " + st.maxPreemptions()
                    + (st.maxPreemptions() == 1 ? " preemption" : " preemptions")).append(", ");
        } else if (st.strategy() == Strategy.PCT) {
            sb.append("bugs of depth ").append(st.pctDepth()).append(" or less are found with PCT's probability, "
                    + "not surely; ");
        } else {
            sb.append("random sampling, no bound is proven; ");
        }
        sb.append(st.spuriousWakeups() == 0 ? "no spurious wake-up" : "at most " + st.spuriousWakeups()
                + " spurious wake-ups").append("; ").append(st.get(Settings.RACES)
                ? "plain accesses checked for data races (not interleaved)" : "data races not checked (races = off)")
                .append("; timeouts ").append(st.get(Settings.TIMEOUTS) == Timeouts.WHEN_STUCK
                ? "only when stuck" : "whenever earliest").append("; only instrumented code is interleaved");
        sb.append("\n  covered   ").append(r.schedulingPoints).append(r.schedulingPoints == 1 ? " scheduling point, "
                : " scheduling points, ").append(r.conflictingPairs).append(r.conflictingPairs == 1
                ? " conflicting pair of accesses" : " conflicting pairs of accesses");
        statics(sb, r);
        return sb.toString();
    }

    /** The static fields schedules wrote: state one schedule can leave to the next. */
    private static void statics(StringBuilder sb, ExplorationResult r) {
        if (r.staticWrites.isEmpty()) {
            return;
        }
        boolean reset = r.settings.get(Settings.STATICS) == Statics.RESET;
        sb.append("\n  warning   static fields written during schedules: ").append(String.join(", ", r.staticWrites));
        if (!reset) {
            sb.append("; a schedule may see what the one before it left there, and a token may not replay in a fresh "
                    + "JVM (statics = RESET sets them back before each schedule)");
        } else if (r.staticsNotReset.isEmpty()) {
            sb.append("; each was set back before every schedule (statics = RESET)");
        } else {
            sb.append("; statics = RESET could not set back ").append(String.join(", ", r.staticsNotReset))
                    .append(" (not open to reflection)");
        }
    }

    static String passReport(ExplorationResult r) {
        return passLine(r) + passTail(r);
    }

    private static String passLine(ExplorationResult r) {
        Settings st = r.settings;
        String time = duration(r.elapsedNanos);
        String variants = st.variants().isEmpty() ? "" : " [variants " + String.join(",", st.variants()) + "]";
        if (st.strategy() == Strategy.EXHAUSTIVE) {
            String bound = st.maxPreemptions() < 0 ? "in any schedule" : "up to " + st.maxPreemptions()
                    + (st.maxPreemptions() == 1 ? " preemption" : " preemptions");
            if (r.exhausted) {
                return r.scenario + variants + ": exhausted: " + r.schedules + " schedules" + prunedNote(r)
                        + ", no failure " + bound + " (" + time + ")";
            }
            return r.scenario + variants + ": no failure in " + r.schedules + " schedules" + prunedNote(r)
                    + ", but the search " + bound + " was not exhausted; raise schedules for a proof (" + time + ")";
        }
        int atOnce = st.schedulesAtOnce();
        return r.scenario + variants + ": no failure in " + r.schedules + " " + st.strategy() + " schedules (seed "
                + st.seed() + (st.strategy() == Strategy.PCT ? ", depth " + st.pctDepth() : "") + ") (" + time
                + (atOnce > 1 ? ", " + atOnce + " at a time" : "") + ")";
    }

    private static String prunedNote(ExplorationResult r) {
        return r.pruned == 0 ? "" : " (+" + r.pruned + " pruned by sleep sets)";
    }

    static String failureReport(ExplorationResult r) {
        RunFailure f = r.failure;
        Settings st = r.settings;
        StringBuilder sb = new StringBuilder();
        sb.append(r.scenario).append(r.outcome == Exploration.Outcome.ERROR ? ": could not be explored: " : ": ")
                .append(f.headline()).append('\n');
        details(sb, f);
        if (r.failingSchedule > 0) {
            sb.append("  found by  ").append(strategyLine(st)).append(", schedule ").append(r.failingSchedule)
                    .append(st.strategy() == Strategy.EXHAUSTIVE ? "" : " of " + st.schedules()).append(", after ")
                    .append(duration(r.elapsedNanos)).append(" on ").append(r.carriers).append('\n');
        }
        variants(sb, st);
        if (!r.steps.isEmpty()) {
            sb.append("  shrunk    to ").append(r.preemptionsShrunk).append(r.preemptionsShrunk == 1 ? " preemption"
                    : " preemptions");
            if (r.preemptionsFound != r.preemptionsShrunk) {
                sb.append(" (the schedule as found had ").append(r.preemptionsFound).append(')');
            }
            sb.append("; ").append(r.steps.size()).append(" steps\n");
            lanes(sb, r);
        }
        StringBuilder st0 = new StringBuilder();
        statics(st0, r);
        if (st0.length() > 0) {
            sb.append(st0.substring(1)).append('\n');
        }
        if (r.unreproducible) {
            sb.append("\n  warning   this failure did not happen again when its schedule was replayed: the scenario (or "
                    + "code it calls) is not deterministic, so the token may not reproduce it. Look for wall-clock time, "
                    + "identity hash codes, HashMap iteration order, or threads the engine does not control.\n");
        }
        if (r.token != null) {
            sb.append("\n  replay    ").append(r.token).append('\n');
            sb.append("            as @KernelScenario(replay = \"...\") or -Dfutex.replay=...\n");
        }
        return sb.toString();
    }

    static String replayReport(ExplorationResult r, ReplayToken tok) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.scenario).append(": replay of one schedule (").append(tok.strategy())
                .append(tok.scheduleIndex() >= 0 ? ", schedule " + (tok.scheduleIndex() + 1) : ", shrunk").append("): ")
                .append(r.failure == null ? "passed" : r.failure.headline()).append('\n');
        if (r.failure != null) {
            details(sb, r.failure);
        }
        if (tok.failureSignature() != null
                && (r.failure == null || !r.failure.signature().equals(tok.failureSignature()))) {
            sb.append("  warning   the failure the token recorded (").append(tok.failureHeadline())
                    .append(") did not happen again when replayed: either it is fixed, or the scenario (or code it "
                            + "calls) is not deterministic (static state, wall-clock time, identity hash codes, "
                            + "threads the engine does not control)\n");
        }
        variants(sb, r.settings);
        if (!r.steps.isEmpty()) {
            lanes(sb, r);
        }
        return sb.toString();
    }

    private static void details(StringBuilder sb, RunFailure f) {
        if (!f.details.isEmpty()) {
            for (String line : f.details.split("\n")) {
                sb.append("    ").append(line).append('\n');
            }
        }
    }

    private static void variants(StringBuilder sb, Settings st) {
        if (!st.variants().isEmpty()) {
            sb.append("  variants  ").append(String.join(", ", st.variants())).append('\n');
        }
    }

    private static void lanes(StringBuilder sb, ExplorationResult r) {
        sb.append('\n').append(r.swimlanes);
        sb.append("  (* marks a preemption: the scheduler switched away from a thread that could have gone on)\n");
    }
}
