package org.futexlab.junit.internal.explore;

import org.futexlab.junit.LinearizabilityCheck;

/** What a scenario asked for with {@code Scenario.linearizable}: the classes and the shape of the scenarios. */
final class LinearizabilitySpec implements LinearizabilityCheck {
    final Class<?> operations;
    final Class<?> sequential;
    int threads = 2;
    int actorsPerThread = 3;
    int actorsBefore = 1;
    int actorsAfter = 1;

    private static final String OPTIONS = "org.jetbrains.lincheck.datastructures.ModelCheckingOptions";

    /**
     * @return whether Lincheck can be loaded both where the operations class lives and where the extension (and
     *     so {@code LincheckBridge}) lives; probed by name, so that this class never links against Lincheck
     */
    boolean lincheckVisible() {
        for (ClassLoader cl : new ClassLoader[] {operations.getClassLoader(), getClass().getClassLoader()}) {
            try {
                Class.forName(OPTIONS, false, cl);
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
        return true;
    }

    LinearizabilitySpec(Class<?> operations, Class<?> sequential) {
        this.operations = operations;
        this.sequential = sequential;
    }

    private static int positive(int n, String what, int min) {
        if (n < min) {
            throw new IllegalArgumentException(what + " = " + n + " is invalid: expected at least " + min);
        }
        return n;
    }

    @Override
    public LinearizabilityCheck threads(int n) {
        threads = positive(n, "threads", 2);
        return this;
    }

    @Override
    public LinearizabilityCheck actorsPerThread(int n) {
        actorsPerThread = positive(n, "actorsPerThread", 1);
        return this;
    }

    @Override
    public LinearizabilityCheck actorsBefore(int n) {
        actorsBefore = positive(n, "actorsBefore", 0);
        return this;
    }

    @Override
    public LinearizabilityCheck actorsAfter(int n) {
        actorsAfter = positive(n, "actorsAfter", 0);
        return this;
    }

    @Override
    public String toString() {
        return threads + " threads x " + actorsPerThread + " operations, " + actorsBefore + " before and "
                + actorsAfter + " after";
    }
}
