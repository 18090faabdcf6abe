package org.futexlab.textbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.futexlab.junit.ScenarioBody;

/**
 * Small random concurrent programs over two atomics and a lock, with bounded spin waits, for checking a strategy
 * against brute force.
 * The outcome of a run is every value each thread read plus the final values: two runs with the same outcome
 * are indistinguishable to any check.
 */
public final class RandomPrograms {
    private RandomPrograms() {}

    private static final int READ = 0, WRITE = 1, CAS = 2, LOCKED_INC = 3, SPIN_WHILE_ZERO = 4;

    /** @return a program; each run reports its outcome to the sink */
    public static ScenarioBody program(long seed, Consumer<String> outcomes) {
        Random rnd = new Random(seed);
        int threads = 2 + rnd.nextInt(2);
        List<int[][]> code = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int ops = 2 + rnd.nextInt(2);
            int[][] c = new int[ops][];
            for (int i = 0; i < ops; i++) {
                c[i] = new int[] {rnd.nextInt(5), rnd.nextInt(2), rnd.nextInt(3)};
            }
            code.add(c);
        }
        return s -> {
            AtomicInteger[] vars = {new AtomicInteger(), new AtomicInteger()};
            ReentrantLock lock = new ReentrantLock();
            StringBuilder[] logs = new StringBuilder[threads];
            for (int t = 0; t < threads; t++) {
                int[][] c = code.get(t);
                StringBuilder log = logs[t] = new StringBuilder();
                int me = t;
                s.thread("t" + t, () -> {
                    for (int[] op : c) {
                        AtomicInteger v = vars[op[1]];
                        switch (op[0]) {
                            case READ:
                                log.append(v.get()).append(',');
                                break;
                            case WRITE:
                                v.set(10 * (me + 1) + op[2]);
                                break;
                            case CAS:
                                log.append(v.compareAndSet(op[2], 10 * (me + 1)) ? 'y' : 'n').append(',');
                                break;
                            case SPIN_WHILE_ZERO: {
                                int spins = 0;
                                while (v.get() == 0 && spins < 2) {
                                    Thread.onSpinWait();
                                    spins++;
                                }
                                log.append('s').append(spins).append(',');
                                break;
                            }
                            default:
                                lock.lock();
                                try {
                                    v.set(v.get() + 1);
                                } finally {
                                    lock.unlock();
                                }
                        }
                    }
                });
            }
            s.check("record outcome", () -> {
                StringBuilder sb = new StringBuilder();
                for (StringBuilder l : logs) {
                    sb.append(l).append('|');
                }
                sb.append(vars[0].get()).append('/').append(vars[1].get());
                outcomes.accept(sb.toString());
            });
        };
    }
}
