package org.futexlab.maven;

/**
 * One planned run: the baseline (the fixed model, no variant) or one variant.
 *
 * @param variant the variant id, or null for the baseline
 */
record Run(String variant) {
    static final String BASELINE = "baseline";

    boolean baseline() {
        return variant == null;
    }

    /** @return the run's name: "baseline" or the variant id */
    String name() {
        return variant == null ? BASELINE : variant;
    }
}
