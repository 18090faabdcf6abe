package org.futexlab.junit;

/**
 * A linearizability check a scenario asked for with {@link Scenario#linearizable(Class, Class)}: Lincheck's model
 * checking calls the object's operations from several threads and checks every history it explores against the
 * sequential specification. These settings shape the concurrent scenarios Lincheck generates; the budget is the
 * scenario's {@code schedules}, counted in Lincheck invocations.
 */
public interface LinearizabilityCheck {
    /** @param n threads running operations in parallel (default 2) @return this */
    LinearizabilityCheck threads(int n);

    /** @param n operations per parallel thread (default 3) @return this */
    LinearizabilityCheck actorsPerThread(int n);

    /** @param n operations run before the parallel part, in one thread (default 1) @return this */
    LinearizabilityCheck actorsBefore(int n);

    /** @param n operations run after the parallel part, in one thread (default 1) @return this */
    LinearizabilityCheck actorsAfter(int n);
}
