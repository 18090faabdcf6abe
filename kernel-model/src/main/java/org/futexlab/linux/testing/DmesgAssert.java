package org.futexlab.linux.testing;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.futexlab.linux.kernel.printk.Dmesg;
import org.futexlab.linux.kernel.printk.Symptom;

/** Assertions on the model's kernel log: which splats, tagged with their symptoms, were logged. */
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

    /** Verifies that a splat of each given symptom (such as {@code Symptom.A_S1}) was logged. */
    public DmesgAssert hasSymptoms(Symptom... symptoms) {
        isNotNull();
        for (Symptom s : symptoms) {
            if (!actual.has(s)) {
                failWithMessage("Expecting dmesg to show %s but it shows %s:%n%s", s, actual.symptoms(),
                        actual.render());
            }
        }
        return this;
    }

    /**
     * The same by textual id (such as {@code "A-S1"}), as reports print them.
     *
     * @throws IllegalArgumentException for an id that names no symptom
     */
    public DmesgAssert hasSymptoms(String... ids) {
        return hasSymptoms(byIds(ids));
    }

    /** Verifies that the symptoms logged are exactly these, in any order. */
    public DmesgAssert hasOnlySymptoms(Symptom... symptoms) {
        isNotNull();
        List<Symptom> got = actual.symptoms();
        if (got.size() != symptoms.length || !got.containsAll(List.of(symptoms))) {
            failWithMessage("Expecting dmesg to show exactly %s but it shows %s:%n%s", List.of(symptoms), got,
                    actual.render());
        }
        return this;
    }

    /**
     * The same by textual id.
     *
     * @throws IllegalArgumentException for an id that names no symptom
     */
    public DmesgAssert hasOnlySymptoms(String... ids) {
        return hasOnlySymptoms(byIds(ids));
    }

    private static Symptom[] byIds(String... ids) {
        List<Symptom> out = new ArrayList<>();
        for (String id : ids) {
            out.add(Symptom.byId(id));
        }
        return out.toArray(new Symptom[0]);
    }
}
