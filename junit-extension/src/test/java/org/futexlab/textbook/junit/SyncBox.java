package org.futexlab.textbook.junit;

/** Synchronized methods, unfolded by the agent when the class loads, plus one unsynchronized slip. */
final class SyncBox {
    private int value;

    synchronized void add(int d) {
        value = value + d;
    }

    /** The slip: reads under the monitor, writes without it. */
    void addSloppily(int d) {
        int v;
        synchronized (this) {
            v = value;
        }
        synchronized (this) {
            value = v + d;
        }
    }

    static synchronized int twice(int x) {
        return 2 * x;
    }

    synchronized int get() {
        return value;
    }
}
