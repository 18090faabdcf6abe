package org.futexlab.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The catalog of variants: each reverts one upstream fix in a model. A model ships it as the resource
 * {@value #RESOURCE}, a properties file read without loading any model code:
 *
 * <pre>
 * variants = futex-pi-recursive-waiter, futex-pi-stale-pi-state
 * futex-pi-recursive-waiter.title = futex/pi: fix recursive rt_mutex waiter state
 * futex-pi-recursive-waiter.subsystem = futex/pi
 * futex-pi-recursive-waiter.fix = fbeb558b0dd0d6348e0872bbbbe96e30c65867b7
 * futex-pi-recursive-waiter.introduced = ...
 * </pre>
 *
 * Ids are kebab-case; {@code title}, {@code subsystem} and {@code fix} are required, {@code introduced} and
 * {@code note} optional.
 */
public final class VariantCatalog {
    /** Where a model ships its catalog. */
    public static final String RESOURCE = "META-INF/futex/variants.properties";

    /** One variant. */
    public static final class Variant {
        private final String id;
        private final String title;
        private final String subsystem;
        private final String fix;
        private final String introduced;
        private final String note;
        private final String source;

        Variant(String id, String title, String subsystem, String fix, String introduced, String note,
                String source) {
            this.id = id;
            this.title = title;
            this.subsystem = subsystem;
            this.fix = fix;
            this.introduced = introduced;
            this.note = note;
            this.source = source;
        }

        /** @return the kebab-case id */
        public String id() {
            return id;
        }

        /** @return the fix's title */
        public String title() {
            return title;
        }

        /** @return the subsystem, such as {@code futex/pi} */
        public String subsystem() {
            return subsystem;
        }

        /** @return the fix commit id(s) the variant reverts */
        public String fix() {
            return fix;
        }

        /** @return the commit that introduced the bug, or "" */
        public String introduced() {
            return introduced;
        }

        /** @return a free-form note, or "" */
        public String note() {
            return note;
        }

        /** @return the catalog resource it came from */
        public String source() {
            return source;
        }
    }

    private final Map<String, Variant> variants;

    private VariantCatalog(Map<String, Variant> variants) {
        this.variants = Collections.unmodifiableMap(variants);
    }

    /**
     * Reads every catalog on a class loader's path.
     *
     * @throws IllegalArgumentException naming the file and the entry when a catalog is malformed
     */
    public static VariantCatalog load(ClassLoader loader) {
        Map<String, Variant> all = new LinkedHashMap<>();
        try {
            Enumeration<URL> urls = loader.getResources(RESOURCE);
            List<URL> list = Collections.list(urls);
            for (URL url : list) {
                try (InputStream in = url.openStream()) {
                    read(url.toString(), new InputStreamReader(in, StandardCharsets.UTF_8), all);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the variant catalogs: " + e, e);
        }
        return new VariantCatalog(all);
    }

    /**
     * Reads one catalog.
     *
     * @param source names the catalog in error messages
     * @throws IllegalArgumentException naming the entry when it is malformed
     */
    public static VariantCatalog read(String source, Reader reader) throws IOException {
        Map<String, Variant> all = new LinkedHashMap<>();
        read(source, reader, all);
        return new VariantCatalog(all);
    }

    private static void read(String source, Reader reader, Map<String, Variant> into) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        String ids = p.getProperty("variants");
        if (ids == null) {
            throw new IllegalArgumentException(source + ": missing the key \"variants\" (comma-separated ids)");
        }
        for (String raw : ids.split(",")) {
            String id = raw.strip();
            if (id.isEmpty()) {
                continue;
            }
            if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException(source + ": variant id \"" + id + "\" is not kebab-case");
            }
            if (into.containsKey(id)) {
                throw new IllegalArgumentException(source + ": variant id \"" + id + "\" is defined twice (also in "
                        + into.get(id).source + ")");
            }
            into.put(id, new Variant(id, required(p, source, id, "title"), required(p, source, id, "subsystem"),
                    required(p, source, id, "fix"), p.getProperty(id + ".introduced", "").strip(),
                    p.getProperty(id + ".note", "").strip(), source));
        }
    }

    private static String required(Properties p, String source, String id, String key) {
        String v = p.getProperty(id + "." + key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(source + ": variant " + id + " has no " + key + " (" + id + "." + key
                    + ")");
        }
        return v.strip();
    }

    /** @return the variants in catalog order */
    public List<Variant> variants() {
        return new ArrayList<>(variants.values());
    }

    /** @param id an id @return the variant, or null */
    public Variant get(String id) {
        return variants.get(id);
    }

    /** @return true when no catalog was found */
    public boolean isEmpty() {
        return variants.isEmpty();
    }

    /**
     * Checks ids against the catalog.
     *
     * @param ids ids from the command line or an annotation
     * @param what where they came from, for the message (such as {@code futex.variants})
     * @throws IllegalArgumentException listing the unknown ids and every known one
     */
    public void requireKnown(Iterable<String> ids, String what) {
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            if (!variants.containsKey(id)) {
                unknown.add(id);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        String known = variants.isEmpty() ? "none: no " + RESOURCE + " is on the class path"
                : String.join(", ", variants.keySet());
        throw new IllegalArgumentException(what + " names unknown variant" + (unknown.size() == 1 ? " " : "s ")
                + String.join(", ", unknown) + "; known variants: " + known);
    }
}
