package org.futexlab.maven;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;

/** The plugin's own parameter parsing: one message per bad value, naming the property and what is accepted. */
final class Settings {
    private Settings() {}

    static int positiveInt(String key, String value) throws MojoFailureException {
        return intAtLeast(key, value, 1);
    }

    static int intAtLeast(String key, String value, int min) throws MojoFailureException {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MojoFailureException(key + " = " + value + " is invalid: expected a whole number >= " + min);
    }

    /** 500ms, 90s, 30m, 2h, or ISO-8601 (PT1H). */
    static Duration duration(String key, String value) throws MojoFailureException {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.startsWith("pt")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            } else {
                d = null;
            }
            if (d != null && !d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new MojoFailureException(key + " = " + value + " is invalid: expected a positive duration such as "
                + "500ms, 90s, 30m, 2h or PT1H");
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
