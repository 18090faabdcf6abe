package org.futexlab.linux.testing;

import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.futexlab.linux.kernel.printk.Dmesg;

/** Assertions on the model's kernel log: which splats, tagged with their symptom ids, were logged. */
public final class DmesgAssert extends AbstractAssert<DmesgAssert, Dmesg> {
    DmesgAssert(Dmesg actual) {
        super(actual, DmesgAssert.class);
    }

    /** Verifies that no splat was logged; the failure message carries the whole log. */
    public DmesgAssert isClean() {
        isNotNull();
        if (!actual.isClean()) {
            failWithMessage("Expecting a clean dmesg but it shows %s:%n%s", actual.symptoms(), actual.render());
        }
        return this;
    }

    /** Verifies that a splat of each given symptom (such as {@code "A-S1"}) was logged. */
    public DmesgAssert hasSymptoms(String... symptoms) {
        isNotNull();
        for (String s : symptoms) {
            if (!actual.has(s)) {
                failWithMessage("Expecting dmesg to show %s but it shows %s:%n%s", s, actual.symptoms(),
                        actual.render());
            }
        }
        return this;
    }

    /** Verifies that the symptoms logged are exactly these, in any order. */
    public DmesgAssert hasOnlySymptoms(String... symptoms) {
        isNotNull();
        List<String> got = actual.symptoms();
        if (got.size() != symptoms.length || !got.containsAll(List.of(symptoms))) {
            failWithMessage("Expecting dmesg to show exactly %s but it shows %s:%n%s", List.of(symptoms), got,
                    actual.render());
        }
        return this;
    }
}
