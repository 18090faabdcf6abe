package org.futexlab.junit.internal.ops;

import java.util.List;

/**
 * The packages whose instrumented sites are scheduling points in one exploration: its scenario's package, the
 * packages it names in {@code instrument}, and those libraries declare. The agent rewrites every class that any
 * exploration asked for; a site outside this exploration's own scope behaves as uninstrumented code, so that an
 * {@code instrument} on one scenario does not widen what another explores. Each site's answer is cached.
 */
public final class SiteScope {
    private static final byte UNKNOWN = 0, IN = 1, OUT = 2;

    private final List<String> prefixes;
    private volatile byte[] answers = new byte[1024];

    /** @param packages dotted package names; each covers its subpackages */
    public SiteScope(List<String> packages) {
        this.prefixes = packages.stream().filter(p -> !p.isBlank()).map(p -> p.strip() + ".").toList();
    }

    /**
     * @param site a site id
     * @return whether the site's class is in this scope
     */
    public boolean covers(int site) {
        byte[] a = answers;
        if (site < a.length && a[site] != UNKNOWN) {
            return a[site] == IN;
        }
        boolean in = covers(Sites.get(site).className());
        if (site >= a.length) {
            a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, site + 1));
        }
        a[site] = in ? IN : OUT; // idempotent: a racing reader at worst computes the answer again
        answers = a;
        return in;
    }

    /** @return whether a class, by dotted name, is in this scope */
    public boolean covers(String className) {
        for (String p : prefixes) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** @return the packages, for reports */
    public List<String> packages() {
        return prefixes.stream().map(p -> p.substring(0, p.length() - 1)).toList();
    }
}
