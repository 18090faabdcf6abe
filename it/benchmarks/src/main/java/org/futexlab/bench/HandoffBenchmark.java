package org.futexlab.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * The floor under a controlled switch: the same carriers (platform or virtual threads) passing a turn round
 * robin with nothing else, each unparking the next and parking until its turn comes back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class HandoffBenchmark {
    static final int HANDOFFS = 20_000;

    @Param({"2", "3"})
    public int threads;

    @Param({"platform", "virtual"})
    public String carrier;

    private Thread[] ring;
    private volatile int turn = -1;
    private volatile int remaining;
    private volatile boolean stop;
    private Thread driver;

    @Setup(Level.Trial)
    public void start() throws Exception {
        ring = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int me = i;
            Runnable body = () -> {
                while (!stop) {
                    while (turn != me && !stop) {
                        LockSupport.park(this);
                    }
                    if (stop) {
                        return;
                    }
                    if (--remaining <= 0) {
                        turn = -1;
                        LockSupport.unpark(driver);
                    } else {
                        int next = (me + 1) % threads;
                        turn = next;
                        LockSupport.unpark(ring[next]);
                    }
                }
            };
            ring[i] = carrier.equals("virtual") ? Carrier.virtual(body) : new Thread(body);
            if (!carrier.equals("virtual")) {
                ring[i].setDaemon(true);
            }
        }
        for (Thread t : ring) {
            t.start();
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        stop = true;
        for (Thread t : ring) {
            LockSupport.unpark(t);
            t.join(5_000);
        }
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public void handoff() {
        driver = Thread.currentThread();
        remaining = HANDOFFS;
        turn = 0;
        LockSupport.unpark(ring[0]);
        while (turn != -1) {
            LockSupport.park(this);
        }
    }
}
