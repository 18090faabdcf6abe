package org.futexlab.linux.kernel.printk;

import java.util.List;
import java.util.stream.Collectors;
import org.futexlab.linux.KernelBug;
import org.futexlab.linux.kernel.sched.Task;

/** Writes a splat for the current task: the message, the CPU/PID line, and the model's call trace. */
public final class Splat {
    private Splat() {}

    private static final StackWalker WALKER = StackWalker.getInstance();

    /**
     * Logs a splat.
     *
     * @param symptom what the splat shows
     * @param text the first lines, worded like the kernel's
     * @param bug whether it is a BUG() that ends the task (a KernelBug is thrown after logging)
     */
    public static void report(Symptom symptom, String text, boolean bug) {
        Task cur = Task.currentOrNull();
        StringBuilder sb = new StringBuilder(text);
        if (cur != null) {
            // Concatenated, not String.format: printk's output does not depend on the user's locale, and the first
            // Formatter call loads the JDK's locale providers, thousands of loop iterations that Lincheck's model
            // checker, meeting them inside a checked operation on JDK 25, reports as a hang.
            sb.append("\nCPU: 0 PID: ").append(cur.pid()).append(" Comm: ").append(cur.comm())
                    .append(" Tainted: G        W          6.18.0-model");
        }
        sb.append("\nCall Trace:");
        for (String f : callTrace()) {
            sb.append("\n ").append(f);
        }
        if (cur != null) {
            cur.kernel().dmesg().log(symptom, sb.toString());
        }
        if (bug) {
            throw new KernelBug(text.lines().findFirst().orElse(text), cur == null ? null : cur.kernel().dmesg());
        }
    }

    /** @return model functions on the stack, innermost first (the splat's Call Trace) */
    static List<String> callTrace() {
        return WALKER.walk(s -> s.filter(f -> f.getClassName().startsWith("org.futexlab.linux.")
                && !f.getClassName().endsWith(".Splat") && !f.getClassName().endsWith(".Preempt"))
                .limit(16).map(f -> f.getMethodName() + " (" + f.getFileName() + ":" + f.getLineNumber() + ")")
                .collect(Collectors.toList()));
    }

}
