package org.futexlab.junit.tooling;

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
 * Ids are kebab-case; {@code title}, {@code subsystem} and {@code fix} are required, {@code introduced},
 * {@code note} and {@code symptoms} (comma-separated ids) optional.
 */
public final class VariantCatalog {
    /** Where a model ships its catalog. */
    public static final String RESOURCE = "META-INF/futex/variants.properties";

    /**
     * One variant.
     *
     * @param id the kebab-case id
     * @param title the fix's title
     * @param subsystem the subsystem, such as {@code futex/pi}
     * @param fix the fix commit id(s) the variant reverts
     * @param introduced the commit that introduced the bug, or ""
     * @param note a free-form note, or ""
     * @param symptoms the ids of the symptoms the model shows with the fix reverted (the model's own vocabulary,
     *     such as {@code A-S1}); may be empty
     * @param source the catalog resource it came from
     */
    public record Variant(String id, String title, String subsystem, String fix, String introduced, String note,
            List<String> symptoms, String source) {
        /** Copies the symptoms. */
        public Variant {
            symptoms = List.copyOf(symptoms);
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
                    p.getProperty(id + ".note", "").strip(), Setting.split(p.getProperty(id + ".symptoms", "")),
                    source));
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

    /**
     * @param id an id
     * @return the variant, or null
     */
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
