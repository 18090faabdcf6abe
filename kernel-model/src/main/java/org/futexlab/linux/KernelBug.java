package org.futexlab.linux;

import java.util.List;
import org.futexlab.linux.kernel.printk.Dmesg;
import org.futexlab.linux.kernel.printk.Symptom;

/**
 * BUG(): the model reached a state the kernel would oops on (a soft lockup, spinlock recursion, ...). The splat
 * is in dmesg already; the exception ends the task, as an oops kills it. Its message starts with the symptoms
 * logged so far and carries the whole log, since the task's death usually ends the scenario before any check
 * reads dmesg.
 */
public final class KernelBug extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<Symptom> symptoms;

    public KernelBug(String headline, Dmesg dmesg) {
        super(message(headline, dmesg));
        this.symptoms = dmesg == null ? List.of() : dmesg.symptoms();
    }

    private static String message(String headline, Dmesg dmesg) {
        return dmesg == null ? headline : dmesg.annotate(headline);
    }

    /** @return the symptoms in dmesg when the bug hit, in order */
    public List<Symptom> symptoms() {
        return symptoms;
    }
}
