package org.futexlab.maven;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;

/** The plugin's own parameter parsing: one message per bad value, naming the property and what is accepted. */
final class Params {
    private Params() {}

    /** @return value as a whole number >= 1 */
    static int positiveInt(String key, String value) throws MojoFailureException {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MojoFailureException(key + " = " + value + " is invalid: expected a whole number >= 1");
    }

    /** A positive duration, in the forms scenario settings take (500ms, 90s, 30m, 2h, PT1H). */
    static Duration duration(String key, String value) throws MojoFailureException {
        Duration d;
        try {
            d = org.futexlab.junit.Settings.parseDuration(value, key);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
        if (d.isNegative() || d.isZero()) {
            throw new MojoFailureException(key + " = " + value + " is invalid: expected a positive duration");
        }
        return d;
    }

    /** @return the comma-separated items, trimmed, without empties */
    static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String s : value.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }
}
