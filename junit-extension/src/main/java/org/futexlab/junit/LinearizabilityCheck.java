package org.futexlab.junit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A linearizability check a scenario asked for with {@link Scenario#linearizable(Class, Class)}: Lincheck's model
 * checking calls the object's operations from several threads and checks every history it explores against the
 * sequential specification. These settings shape the concurrent scenarios Lincheck generates; the budget is the
 * scenario's {@code schedules}, counted in Lincheck invocations.
 */
public interface LinearizabilityCheck {
    /**
     * @param n threads running operations in parallel (default 2)
     * @return this
     */
    LinearizabilityCheck threads(int n);

    /**
     * @param n operations per parallel thread (default 3)
     * @return this
     */
    LinearizabilityCheck actorsPerThread(int n);

    /**
     * @param n operations run before the parallel part, in one thread (default 1)
     * @return this
     */
    LinearizabilityCheck actorsBefore(int n);

    /**
     * @param n operations run after the parallel part, in one thread (default 1)
     * @return this
     */
    LinearizabilityCheck actorsAfter(int n);

    /**
     * Adds a concurrent scenario for Lincheck to explore before its random ones: the operations that must meet for
     * a bug to show, which random generation rarely puts side by side (a wait and its waker, with the right
     * arguments). Lincheck still chooses the interleavings. An added scenario has only its parallel part, no
     * operations before or after it. Half the budget goes to the added scenarios, shared equally (at least one
     * invocation each); the random scenarios get the rest, in whole iterations. The scenario's timeout is checked
     * before each added scenario as before each random iteration.
     *
     * <pre>{@code
     * .scenario(List.of(
     *         List.of(call("waitStart", 1, 0), call("waitFinish", 1)),
     *         List.of(call("store", 2, 1), call("wake", 2, 1))))
     * }</pre>
     *
     * @param threads at least two; per parallel thread, the operations it runs in order: each names a public
     *     {@code @Operation} method of the operations class and passes one argument per parameter, of the
     *     parameter's own type (an {@code Integer} for an {@code int}). A {@code ThreadIdGen} parameter takes the
     *     id Lincheck would give the thread: 1 for the first, 2 for the second, and so on
     * @return this
     * @throws IllegalArgumentException naming the call when there are fewer than two threads, a thread is empty, no
     *     operation has that name and arity, the arguments fit none or several of them, or the call breaks its
     *     {@code @Operation}'s {@code runOnce} or {@code nonParallelGroup}; with the operations the class has
     */
    LinearizabilityCheck scenario(List<List<Call>> threads);

    /**
     * @param operation the name of an {@code @Operation} method of the operations class
     * @param arguments its arguments
     * @return one operation of a {@link #scenario}
     */
    static Call call(String operation, Object... arguments) {
        return new Call(operation, Arrays.asList(arguments));
    }

    /**
     * One operation of a {@link #scenario}, made with {@link #call}.
     *
     * @param operation the name of an {@code @Operation} method of the operations class
     * @param arguments its arguments, in order
     */
    record Call(String operation, List<Object> arguments) {
        /**
         * Copies the arguments (nulls included), so that a list changed later changes no checked call.
         *
         * @throws NullPointerException for a null name or list
         */
        public Call {
            Objects.requireNonNull(operation, "operation");
            arguments = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(arguments, "arguments")));
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(operation).append('(');
            for (int i = 0; i < arguments.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(arguments.get(i));
            }
            return b.append(')').toString();
        }
    }
}
