package org.futexlab.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.futexlab.bench.toys.Toys;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.ScenarioBody;
import org.futexlab.junit.Settings;
import org.futexlab.junit.Strategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The engine under load. {@code switchCost}: one schedule of threads that only yield, so that every step is a
 * context switch decided by the scheduler (ns per step). {@code schedules}: many small schedules of the counter
 * toy (time per schedule; its inverse is schedules per second).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Djdk.attach.allowAttachSelf=true", "-XX:+IgnoreUnrecognizedVMOptions",
    "-XX:+EnableDynamicAgentLoading"})
public class ControlledBenchmark {
    /** Steps per schedule of the yielders, split evenly among 2 or 3 threads. */
    static final int STEPS = 12_000;
    static final int SCHEDULES = 1_000;

    @Param({"2", "3"})
    public int threads;

    @Param({"auto"})
    public String carrier;

    private Settings settings;
    private ScenarioBody yielders;
    private ScenarioBody counters;

    @Setup(Level.Trial)
    public void setUp() {
        settings = Settings.defaults().strategy(Strategy.RANDOM).spuriousWakeups(0).maxSteps(10_000_000)
                .instrument(List.of("org.futexlab.bench.toys"))
                .carrier(Settings.Carrier.valueOf(carrier.toUpperCase(java.util.Locale.ROOT)));
        yielders = Toys.yielders(threads, STEPS / threads);
        counters = Toys.counters(threads);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Exploration switchCost() {
        return check(FutexLab.explore("switch", settings.schedules(1), yielders));
    }

    @Benchmark
    @OperationsPerInvocation(SCHEDULES)
    public Exploration schedules() {
        return check(FutexLab.explore("schedules", settings.schedules(SCHEDULES), counters));
    }

    private static Exploration check(Exploration e) {
        if (!e.passed()) {
            throw new IllegalStateException(e.report());
        }
        return e;
    }
}
