package org.futexlab.junit.internal.ops;

import java.util.Arrays;

/**
 * Registry of instrumented call sites. The transformer registers each rewritten instruction once and embeds
 * its id as a constant; the hot path only reads {@link #kind(int)}. Reports turn ids back into source
 * positions.
 */
public final class Sites {
    private Sites() {}

    /**
     * One instrumented instruction.
     *
     * @param className the class it is in
     * @param methodName the method it is in
     * @param fileName the source file, or null
     * @param line the source line, or 0
     * @param kind its operation kind ({@link Op})
     * @param op what the instruction does, such as {@code AtomicInteger.compareAndSet} or {@code volatile Foo.state}
     * @param staticLoc for static fields: the location object standing for the field, or null
     * @param field for field accesses: the field, as {@code pkg.Class.name}, or null
     * @param fieldIndex for field accesses: the field's index among all fields met (the key of its shadow), or -1
     */
    public record Site(String className, String methodName, String fileName, int line, int kind, String op,
            Object staticLoc, String field, int fieldIndex) {
        /** @return {@code File.java:42}, or the class and method when there is no line table */
        public String where() {
            if (fileName != null && line > 0) {
                return fileName + ":" + line;
            }
            String simple = className.substring(className.lastIndexOf('.') + 1);
            return simple + "." + methodName;
        }

        /** @return a stack-trace-like element for reports */
        public StackTraceElement toStackTraceElement() {
            return new StackTraceElement(className, methodName, fileName, line);
        }

        @Override
        public String toString() {
            return op + " at " + where();
        }
    }

    /** A static field as a location; identity is the field. */
    public static final class StaticField {
        private final String name;

        StaticField(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static volatile Site[] sites = new Site[1024];
    private static volatile int[] kinds = new int[1024];
    private static int count;
    private static final java.util.Map<String, StaticField> STATIC_FIELDS = new java.util.HashMap<>();
    private static final java.util.Map<String, Integer> FIELDS = new java.util.HashMap<>();

    /** Site 0: operations reached without a call site (engine-internal). */
    public static final int UNKNOWN;

    static {
        UNKNOWN = register("?", "?", null, 0, 0, "?", null);
    }

    /**
     * Registers a site.
     *
     * @return its id
     */
    public static int register(String className, String methodName, String fileName, int line, int kind, String op,
            Object staticLoc) {
        return add(new Site(className, methodName, fileName, line, kind, op, staticLoc, null, -1));
    }

    /**
     * Registers a field access: a plain one (checked for races) or a volatile one.
     *
     * @param owner the field's owner, in internal form
     * @param isStatic whether the field is static; its location is then {@link #staticField}
     * @return the site's id
     */
    public static synchronized int registerField(String className, String methodName, String fileName, int line,
            int kind, String op, String owner, String name, boolean isStatic) {
        String field = owner.replace('/', '.') + "." + name;
        int index = FIELDS.computeIfAbsent(field, f -> FIELDS.size());
        return add(new Site(className, methodName, fileName, line, kind, op, isStatic ? staticField(owner, name)
                : null, field, index));
    }

    private static synchronized int add(Site site) {
        if (count == sites.length) {
            Site[] s = Arrays.copyOf(sites, count * 2);
            int[] k = Arrays.copyOf(kinds, count * 2);
            sites = s;
            kinds = k;
        }
        sites[count] = site;
        kinds[count] = site.kind();
        return count++;
    }

    /**
     * @param owner the field's owner, in internal form
     * @return the location object of a static field, the same for every site that names it
     */
    public static synchronized StaticField staticField(String owner, String name) {
        return STATIC_FIELDS.computeIfAbsent(owner.replace('/', '.') + "." + name, StaticField::new);
    }

    /**
     * @param id a site id
     * @return the site
     */
    public static Site get(int id) {
        Site[] s = sites;
        return id >= 0 && id < s.length && s[id] != null ? s[id] : s[UNKNOWN];
    }

    /**
     * @param id a site id
     * @return its operation kind
     */
    public static int kind(int id) {
        return kinds[id];
    }

    /** @return number of registered sites */
    public static synchronized int count() {
        return count;
    }
}
