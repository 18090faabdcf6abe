package org.futexlab.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Virtual threads by reflection (the benchmarks compile for Java 17 and run on 25 too). */
final class Carrier {
    private Carrier() {}

    static Thread virtual(Runnable body) {
        try {
            Object builder = MethodHandles.publicLookup().findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual"))).invoke();
            return (Thread) MethodHandles.publicLookup().findVirtual(Class.forName("java.lang.Thread$Builder"),
                    "unstarted", MethodType.methodType(Thread.class, Runnable.class)).invoke(builder, body);
        } catch (Throwable e) {
            throw new IllegalStateException("virtual threads need JDK 21+: " + e, e);
        }
    }
}
