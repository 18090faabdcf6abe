package org.futexlab.maven;

import java.util.List;

/**
 * One planned run: the variants it activates, and its name, which names its directory under the raw results.
 *
 * @param variants the active variant ids: none for the baseline, one for a variant's run, any for a replay
 * @param name "baseline", the variant id, or "replay"
 */
record Run(List<String> variants, String name) {
    static Run baseline() {
        return new Run(List.of(), "baseline");
    }

    static Run of(String variant) {
        return new Run(List.of(variant), variant);
    }

    static Run replay(List<String> variants) {
        return new Run(List.copyOf(variants), "replay");
    }

    boolean isBaseline() {
        return variants.isEmpty() && !name.equals("replay");
    }

    /** @return the one variant of a variant's run */
    String variant() {
        return variants.get(0);
    }
}
