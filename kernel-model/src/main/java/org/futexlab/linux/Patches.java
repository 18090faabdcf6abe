package org.futexlab.linux;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which upstream fixes are reverted in this boot. The default, nothing reverted, is today's upstream. Model
 * code asks {@link #reverted(Fix)} exactly where the upstream patch changed the code.
 */
public final class Patches {
    private final Set<Fix> reverted;

    private Patches(Set<Fix> reverted) {
        this.reverted = reverted;
    }

    /** @return every fix applied: today's upstream */
    public static Patches upstream() {
        return new Patches(EnumSet.noneOf(Fix.class));
    }

    /** @return the given fixes reverted */
    public static Patches reverting(Fix... fixes) {
        Set<Fix> s = EnumSet.noneOf(Fix.class);
        s.addAll(List.of(fixes));
        return new Patches(s);
    }

    /**
     * @param variantIds variant ids, such as a scenario's active variants
     * @return those fixes reverted
     * @throws IllegalArgumentException naming unknown ids and every known one
     */
    public static Patches of(Collection<String> variantIds) {
        Set<Fix> s = EnumSet.noneOf(Fix.class);
        List<String> unknown = new ArrayList<>();
        for (String id : variantIds) {
            Fix f = Fix.byId(id);
            if (f == null) {
                unknown.add(id);
            } else {
                s.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            List<String> known = new ArrayList<>();
            for (Fix f : Fix.values()) {
                known.add(f.id());
            }
            throw new IllegalArgumentException("unknown variant " + String.join(", ", unknown)
                    + " for the kernel model; known variants: " + String.join(", ", known));
        }
        return new Patches(s);
    }

    /** @return whether the fix is reverted (the historical bug is present) */
    public boolean reverted(Fix fix) {
        return reverted.contains(fix);
    }

    @Override
    public String toString() {
        return reverted.isEmpty() ? "upstream" : "reverted " + reverted;
    }
}
