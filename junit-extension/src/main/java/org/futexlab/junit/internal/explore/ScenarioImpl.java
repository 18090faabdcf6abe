package org.futexlab.junit.internal.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.futexlab.junit.LinearizabilityCheck;
import org.futexlab.junit.Scenario;
import org.futexlab.junit.ThrowingRunnable;
import org.futexlab.junit.Variants;

/** The {@link Scenario} handed to one schedule's build. */
final class ScenarioImpl implements Scenario {
    private final String id;
    private final Variants variants;
    final List<String> threadNames = new ArrayList<>();
    final List<ThrowingRunnable> threadBodies = new ArrayList<>();
    final List<String> checkNames = new ArrayList<>();
    final List<ThrowingRunnable> checks = new ArrayList<>();
    LinearizabilitySpec linearizability;
    private boolean sealed;

    ScenarioImpl(String id, Variants variants) {
        this.id = id;
        this.variants = variants;
    }

    void seal() {
        sealed = true;
    }

    private void open(String what) {
        if (sealed) {
            throw new IllegalStateException("Scenario." + what + " called after the scenario started running; "
                    + "declare threads and checks in the scenario method's body");
        }
    }

    @Override
    public void thread(String name, ThrowingRunnable body) {
        open("thread");
        Objects.requireNonNull(body, "body");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a logical thread needs a non-blank name");
        }
        if (threadNames.contains(name)) {
            throw new IllegalArgumentException("a logical thread named \"" + name + "\" is already declared; "
                    + "thread names must be unique within a scenario");
        }
        threadNames.add(name);
        threadBodies.add(body);
    }

    @Override
    public void check(String name, ThrowingRunnable check) {
        open("check");
        Objects.requireNonNull(check, "check");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a check needs a non-blank name");
        }
        checkNames.add(name);
        checks.add(check);
    }

    @Override
    public LinearizabilityCheck linearizable(Class<?> operations, Class<?> sequentialSpecification) {
        open("linearizable");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(sequentialSpecification, "sequentialSpecification");
        if (linearizability != null) {
            throw new IllegalStateException("the scenario already asked for a linearizability check of "
                    + linearizability.operations.getName() + "; one check per scenario");
        }
        linearizability = new LinearizabilitySpec(operations, sequentialSpecification);
        return linearizability;
    }

    @Override
    public Variants variants() {
        return variants;
    }

    @Override
    public String id() {
        return id;
    }
}
