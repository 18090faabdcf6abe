package org.futexlab.junit.tooling;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The replay token codec: a token is {@code futex1:} and the URL-safe Base64 of a deflated record holding the scenario id, the
 * variants it ran under, how the schedule was found, the run limits that shape it, and the schedule itself, with a
 * CRC-32 so that a truncated or edited token is refused rather than replayed wrongly. Record format 2 added the
 * variants, format 3 the failure the schedule ended in (so that a replay can say whether it happened again); tokens of
 * formats 1 and 2 are still read.
 */
public record ReplayToken(String scenario, Set<String> variants, String strategy, long seed, int scheduleIndex,
        int spuriousWakeups, int maxSteps, Schedule schedule, String failureSignature, String failureHeadline) {
    /** What every token starts with; the digit is the text format. */
    public static final String PREFIX = "futex1:";
    private static final int FORMAT = 3;

    /** The strategies a token can name, in the order of their codes. */
    private static final java.util.List<String> STRATEGIES = java.util.List.of("RANDOM", "PCT", "EXHAUSTIVE");

    /**
     * A token's contents.
     *
     * @param scenario the id of the scenario the schedule belongs to ({@code class#method})
     * @param variants the variant ids the schedule ran under (empty: the baseline), or null for a format 1 token
     * @param strategy the name of the strategy that found it: RANDOM, PCT or EXHAUSTIVE
     * @param seed the seed of the exploration that found it
     * @param scheduleIndex the index of the schedule in its exploration, or -1 when shrinking produced it
     * @param spuriousWakeups the spurious wake-up budget the schedule ran with: part of what shapes it
     * @param maxSteps the step budget the schedule ran with
     * @param schedule the decisions
     * @param failureSignature the kind (and exception class) of the failure the schedule ended in, as
     *     {@code DEADLOCK} or {@code EXCEPTION:java.lang.AssertionError}, or null for a token older than format 3
     * @param failureHeadline that failure's one-line headline, or null for a token older than format 3
     * @throws IllegalArgumentException for another strategy name
     */
    public ReplayToken {
        if (!STRATEGIES.contains(strategy)) {
            throw new IllegalArgumentException("a replay token names one of the strategies " + STRATEGIES + ", not "
                    + strategy);
        }
        variants = variants == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(variants));
    }

    /** @return the token text */
    public String encode() {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(raw);
            out.writeInt(FORMAT);
            out.writeUTF(scenario);
            // Sorted, so that one failure prints one token whatever order the variants were given in.
            Set<String> recorded = variants == null ? Set.of() : new java.util.TreeSet<>(variants);
            out.writeInt(recorded.size());
            for (String v : recorded) {
                out.writeUTF(v);
            }
            out.writeByte(STRATEGIES.indexOf(strategy));
            out.writeLong(seed);
            out.writeInt(scheduleIndex);
            out.writeInt(spuriousWakeups);
            out.writeInt(maxSteps);
            out.writeUTF(failureSignature == null ? "" : failureSignature);
            out.writeUTF(failureHeadline == null ? "" : failureHeadline);
            out.writeInt(schedule.size());
            int prev = 0;
            for (int i = 0; i < schedule.size(); i++) {
                writeVarint(out, schedule.step(i) - prev);
                writeVarint(out, schedule.thread(i));
                prev = schedule.step(i);
            }
            CRC32 crc = new CRC32();
            crc.update(raw.toByteArray());
            out.writeInt((int) crc.getValue());
            out.flush();
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            try (DeflaterOutputStream d = new DeflaterOutputStream(packed)) {
                d.write(raw.toByteArray());
            }
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(packed.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses a token.
     *
     * @throws IllegalArgumentException with one clear message for anything that is not a whole, intact token
     */
    public static ReplayToken decode(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.startsWith(PREFIX)) {
            throw malformed(t, "it does not start with \"" + PREFIX + "\"");
        }
        byte[] packed;
        try {
            packed = Base64.getUrlDecoder().decode(t.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw malformed(t, "it is not URL-safe Base64 after the prefix");
        }
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(packed)))) {
            byte[] raw = in.readAllBytes();
            if (raw.length < 8) {
                throw malformed(t, "it is truncated");
            }
            CRC32 crc = new CRC32();
            crc.update(raw, 0, raw.length - 4);
            DataInputStream r = new DataInputStream(new ByteArrayInputStream(raw));
            int format = r.readInt();
            if (format < 1 || format > FORMAT) {
                throw malformed(t, "it has format version " + format + "; this Futex Lab reads versions 1 to "
                        + FORMAT);
            }
            String scenario = r.readUTF();
            Set<String> variants = null;
            if (format >= 2) {
                int count = r.readInt();
                if (count < 0 || count > raw.length) {
                    throw malformed(t, "its contents are inconsistent");
                }
                variants = new LinkedHashSet<>();
                for (int i = 0; i < count; i++) {
                    variants.add(r.readUTF());
                }
            }
            int strategy = r.readByte();
            long seed = r.readLong();
            int index = r.readInt();
            int spurious = r.readInt();
            int maxSteps = r.readInt();
            String signature = format >= 3 ? r.readUTF() : null;
            String headline = format >= 3 ? r.readUTF() : null;
            int n = r.readInt();
            if (n < 0 || n > raw.length || strategy < 0 || strategy >= STRATEGIES.size()) {
                throw malformed(t, "its contents are inconsistent");
            }
            int[] steps = new int[n];
            int[] threads = new int[n];
            int prev = 0;
            for (int i = 0; i < n; i++) {
                steps[i] = prev + readVarint(r);
                threads[i] = readVarint(r);
                prev = steps[i];
            }
            int sum = r.readInt();
            if (sum != (int) crc.getValue() || r.available() != 0) {
                throw malformed(t, "its checksum does not match (was it truncated or edited?)");
            }
            return new ReplayToken(scenario, variants, STRATEGIES.get(strategy), seed, index, spurious, maxSteps,
                    new Schedule(steps, threads), signature == null || signature.isEmpty() ? null : signature,
                    headline == null || headline.isEmpty() ? null : headline);
        } catch (IOException e) {
            throw malformed(t, "it is truncated or corrupt");
        }
    }

    /**
     * The variants a replay runs under: a token's own, when the run names none; the run's, when they agree or the
     * token predates format 2.
     *
     * @param runVariants the variants the run was given ({@code futex.variants})
     * @throws IllegalArgumentException when the run names other variants than the token was recorded with
     */
    public Set<String> variantsFor(Set<String> runVariants) {
        if (variants == null || variants.equals(runVariants)) {
            return runVariants;
        }
        if (runVariants.isEmpty()) {
            return variants;
        }
        throw new IllegalArgumentException("the replay token of " + scenario + " was recorded "
                + (variants.isEmpty() ? "on the baseline (no variant)" : "with the variants " + String.join(",",
                variants)) + ", and this run has futex.variants=" + String.join(",", runVariants) + ": leave "
                + "futex.variants unset, and the replay takes the token's");
    }

    private static IllegalArgumentException malformed(String token, String why) {
        String shown = token.length() > 40 ? token.substring(0, 37) + "..." : token;
        return new IllegalArgumentException("malformed replay token \"" + shown + "\": " + why + ". A token looks "
                + "like " + PREFIX + "eJxj... and is printed whole in a failure report; pass it as "
                + "@KernelScenario(replay = \"...\") or -Dfutex.replay=...");
    }

    private static void writeVarint(DataOutputStream out, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readVarint(DataInputStream in) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("varint too long");
    }
}
