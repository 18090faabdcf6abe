package org.futexlab.junit.internal.sched;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.LockSupport;
import org.futexlab.junit.Settings;

/**
 * Creates the JVM threads that carry logical threads. Virtual threads are looked up by reflection because the
 * extension compiles for Java 17. AUTO picks them from JDK 24 on, where a monitor no longer pins its carrier
 * (JEP 491); earlier, a virtual thread that parked inside JDK-internal synchronized code could starve the
 * carrier pool. Platform carriers are pooled for the length of one exploration, since creating a platform
 * thread costs more than a whole small schedule; {@link #close()} ends them.
 */
public abstract class Carriers implements AutoCloseable {
    /** @return the kind of carrier, for reports */
    public abstract String describe();

    /**
     * Prepares a carrier thread named name to run body; {@link Carrier#start()} starts it. Two phases, so that
     * the run knows the carrier's Thread (the logical thread's identity) before any of the body can run.
     */
    abstract Carrier prepare(String name, Runnable body);

    /** Ends idle pooled carriers; a carrier still running a task ends when its task does. */
    @Override
    public void close() {}

    /** One task on a carrier: its thread, and whether the task has returned. */
    static final class Carrier {
        final Thread thread;
        private final Runnable starter;
        private final Runnable canceller;
        volatile boolean finished;
        /** A thread waiting for this task to finish (the driver), woken by {@link #finish()}. */
        volatile Thread waiter;

        Carrier(Thread thread, Runnable starter, Runnable canceller) {
            this.thread = thread;
            this.starter = starter;
            this.canceller = canceller;
        }

        void start() {
            starter.run();
        }

        /** For a carrier never started (its run aborted first): it is done, and a pooled thread goes back. */
        void cancel() {
            canceller.run();
            finished = true;
        }

        void finish() {
            finished = true;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /** @return fresh carriers for one exploration under a setting on this JDK */
    public static Carriers of(Settings.Carrier setting) {
        int feature = Runtime.version().feature();
        switch (setting) {
            case PLATFORM:
                return new PlatformPool();
            case VIRTUAL:
                if (VirtualCarriers.INSTANCE == null) {
                    throw new IllegalArgumentException("carrier = VIRTUAL needs JDK 21 or later; this is JDK "
                            + Runtime.version());
                }
                return VirtualCarriers.INSTANCE;
            default:
                return feature >= 24 && VirtualCarriers.INSTANCE != null ? VirtualCarriers.INSTANCE
                        : new PlatformPool();
        }
    }

    /** Platform threads, reused from one schedule to the next. */
    private static final class PlatformPool extends Carriers {
        private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
        private volatile boolean closed;

        private final class Worker extends Thread {
            private volatile Runnable task;
            private volatile Carrier handle;

            Worker() {
                super("futex carrier");
                setDaemon(true);
            }

            @Override
            public void run() {
                for (;;) {
                    Runnable t;
                    long idleSince = System.nanoTime();
                    while ((t = task) == null) {
                        // An idle carrier ends when its exploration closes the pool, or after a second unused,
                        // so that a pool nobody closed cannot leave threads behind.
                        if (closed || System.nanoTime() - idleSince > 1_000_000_000L && idle.remove(this)) {
                            return;
                        }
                        LockSupport.parkNanos(this, 50_000_000L);
                    }
                    Carrier h = handle;
                    try {
                        t.run();
                    } catch (Throwable ignored) {
                        // carrierMain reports everything; nothing may kill a pooled carrier
                    } finally {
                        Thread.interrupted(); // a watchdog interrupt must not leak into the next task
                        task = null;
                        handle = null;
                        h.finish();
                        if (!closed) {
                            idle.push(this);
                        }
                    }
                }
            }
        }

        @Override
        Carrier prepare(String name, Runnable body) {
            Worker polled = idle.poll();
            Worker w = polled != null ? polled : new Worker();
            w.setName(name);
            Carrier[] h = new Carrier[1];
            h[0] = new Carrier(w, () -> {
                w.handle = h[0];
                w.task = body;
                if (polled == null) {
                    w.start();
                } else {
                    LockSupport.unpark(w);
                }
            }, () -> {
                if (polled != null && !closed) {
                    idle.push(w);
                }
            });
            return h[0];
        }

        @Override
        public void close() {
            closed = true;
            for (Worker w; (w = idle.poll()) != null; ) {
                LockSupport.unpark(w);
            }
        }

        @Override
        public String describe() {
            return "platform threads";
        }
    }

    private static final class VirtualCarriers extends Carriers {
        static final VirtualCarriers INSTANCE = create();
        private final MethodHandle ofVirtual;
        private final MethodHandle name;
        private final MethodHandle unstarted;

        private VirtualCarriers(MethodHandle ofVirtual, MethodHandle name, MethodHandle unstarted) {
            this.ofVirtual = ofVirtual;
            this.name = name;
            this.unstarted = unstarted;
        }

        private static VirtualCarriers create() {
            try {
                Class<?> builder = Class.forName("java.lang.Thread$Builder");
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                MethodHandle of = lookup.findStatic(Thread.class, "ofVirtual",
                        MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
                MethodHandle nm = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class));
                MethodHandle un = lookup.findVirtual(builder, "unstarted",
                        MethodType.methodType(Thread.class, Runnable.class));
                return new VirtualCarriers(of, nm, un);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        @Override
        Carrier prepare(String threadName, Runnable body) {
            try {
                Object b = ofVirtual.invoke();
                b = name.invoke(b, threadName);
                Carrier[] h = new Carrier[1];
                Thread t = (Thread) unstarted.invoke(b, (Runnable) () -> {
                    try {
                        body.run();
                    } finally {
                        h[0].finish();
                    }
                });
                h[0] = new Carrier(t, t::start, () -> { });
                return h[0];
            } catch (Throwable e) {
                throw new IllegalStateException("cannot create a virtual thread", e);
            }
        }

        @Override
        public String describe() {
            return "virtual threads";
        }
    }
}
