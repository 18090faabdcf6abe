package org.futexlab.maven;

import java.util.List;

/**
 * One planned run: the variants it activates, and its name, which names its directory under the raw results.
 *
 * @param variants the active variant ids: none for the baseline, one for a variant's run, any for a replay
 * @param name "baseline", the variant id, or "replay"
 */
record PlannedRun(List<String> variants, String name) {
    static PlannedRun baseline() {
        return new PlannedRun(List.of(), "baseline");
    }

    static PlannedRun of(String variant) {
        return new PlannedRun(List.of(variant), variant);
    }

    static PlannedRun replay(List<String> variants) {
        return new PlannedRun(List.copyOf(variants), "replay");
    }

    boolean isBaseline() {
        return variants.isEmpty() && !name.equals("replay");
    }

    /** @return the one variant of a variant's run */
    String variant() {
        return variants.get(0);
    }
}
