// Seeded mutations of seed files in the manner of libFuzzer's, so every CI run feeds the loaders fresh damage.
//
// Byte-level: bit flips, interesting bytes and integers (0, 0xFF, 0x7F, 2^31…, both byte orders), truncation,
// chunk deletion, duplication and insertion, dictionary tokens, splices of two seeds. ZIP-level: entry payloads
// mutated and recompressed, entries dropped, duplicated or renamed, and local-header fields overwritten.
package org.stepwise.core.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.stepwise.core.random.SplitMix64;

final class Mutator {
    private static final byte[] INTERESTING_BYTES = {0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF, '0', '9', '-', '"'};
    private static final long[] INTERESTING_INTS = {0, 1, -1, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 1L << 30, 0x7FFFFFFFL,
        0x80000000L, 0xFFFFFFFFL, Long.MAX_VALUE, Long.MIN_VALUE};
    // Tokens of the text formats (CSV, JSON) that random bytes would rarely spell.
    private static final List<byte[]> TOKENS = List.of("\"", ",", ";", "\t", "\n", "\r", "\r\n", "{", "}", "[", "]",
            ":", "null", "true", "-1", "0", "1e309", "-0.0", "2147483648", "9223372036854775808", "NaN", "NA", "?",
            "\uFEFF", "\u0000", "é", "\"nodes\"", "\"layers\"", "\"input\"", "\"inputs\"", "\"type\"", "\"name\"",
            "\"shape\"", "\"units\"", "\"template\"", "\"dtype\"", "\"data_offsets\"", "\"__metadata__\"", "\"size\"",
            "\"weights\"", "\"state\"").stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    private static final int ZIP_LOCAL_HEADER = 0x04034b50;
    // Local file header fields: version, flags, method, time, date, crc, sizes, name and extra lengths.
    private static final int[][] ZIP_FIELDS = {{4, 2}, {6, 2}, {8, 2}, {10, 2}, {12, 2}, {14, 4}, {18, 4}, {22, 4},
        {26, 2}, {28, 2}};

    private final List<byte[]> seeds;
    private long state;

    Mutator(List<byte[]> seeds, long seed) {
        this.seeds = seeds;
        this.state = seed;
    }

    /** A mutant of a random seed: one to four stacked byte mutations, or for a ZIP often a change inside it. */
    byte[] next(boolean zip) {
        byte[] seed = seeds.get(below(seeds.size()));
        if (zip && below(2) == 0) {
            byte[] mutant = mutateZip(seed);
            if (mutant != null) {
                return mutant;
            }
        }
        return mutateBytes(seed);
    }

    private byte[] mutateBytes(byte[] seed) {
        byte[] b = seed;
        for (int n = 1 + below(4); n > 0; n--) {
            b = mutateOnce(b);
        }
        return b;
    }

    private byte[] mutateOnce(byte[] b) {
        if (b.length == 0) {
            return insert(b, 0, randomBytes(1 + below(8)));
        }
        int at = below(b.length);
        return switch (below(11)) {
            case 0 -> with(b, at, (byte) (b[at] ^ (1 << below(8))));
            case 1 -> with(b, at, INTERESTING_BYTES[below(INTERESTING_BYTES.length)]);
            case 2 -> with(b, at, (byte) next());
            case 3 -> Arrays.copyOf(b, at);
            case 4 -> delete(b, at, 1 + below(Math.min(64, b.length - at)));
            case 5 -> insert(b, below(b.length + 1), Arrays.copyOfRange(b, at, at + 1 + below(Math.min(64,
                    b.length - at))));
            case 6 -> insert(b, at, randomBytes(1 + below(16)));
            case 7 -> insert(b, at, TOKENS.get(below(TOKENS.size())));
            case 8 -> overwriteInt(b, at, 1 << below(4), INTERESTING_INTS[below(INTERESTING_INTS.length)]);
            case 9 -> splice(b, seeds.get(below(seeds.size())));
            default -> with(b, at, (byte) (b[at] + (below(2) == 0 ? 1 : -1)));
        };
    }

    /** Mutates inside the archive; null when the seed is not a readable ZIP (an invalid seed). */
    private byte[] mutateZip(byte[] seed) {
        if (below(3) == 0) {
            return overwriteHeaderField(seed);
        }
        List<String> names = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(seed))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                payloads.add(in.readAllBytes());
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        if (names.isEmpty()) {
            return null;
        }
        int i = below(names.size());
        switch (below(5)) {
            case 0 -> {
                names.remove(i);
                payloads.remove(i);
            }
            case 1 -> {
                names.add(names.get(i));
                payloads.add(payloads.get(i));
            }
            case 2 -> names.set(i, new String(mutateBytes(names.get(i).getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8));
            default -> payloads.set(i, mutateBytes(payloads.get(i)));
        }
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            for (int k = 0; k < names.size(); k++) {
                ZipEntry entry = new ZipEntry(names.get(k));
                zip.putNextEntry(entry);
                zip.write(payloads.get(k));
                zip.closeEntry();
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return out.toByteArray();
    }

    private byte[] overwriteHeaderField(byte[] seed) {
        List<Integer> headers = new ArrayList<>();
        ByteBuffer le = ByteBuffer.wrap(seed).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 30 <= seed.length; i++) {
            if (le.getInt(i) == ZIP_LOCAL_HEADER) {
                headers.add(i);
            }
        }
        if (headers.isEmpty()) {
            return null;
        }
        int[] field = ZIP_FIELDS[below(ZIP_FIELDS.length)];
        byte[] b = seed.clone();
        long value = below(2) == 0 ? INTERESTING_INTS[below(INTERESTING_INTS.length)] : next();
        for (int k = 0; k < field[1]; k++) {
            b[headers.get(below(headers.size())) + field[0] + k] = (byte) (value >>> (8 * k));
        }
        return b;
    }

    private byte[] overwriteInt(byte[] b, int at, int width, long value) {
        byte[] out = b.clone();
        boolean bigEndian = below(2) == 0;
        for (int k = 0; k < width && at + k < out.length; k++) {
            int shift = 8 * (bigEndian ? width - 1 - k : k);
            out[at + k] = (byte) (value >>> shift);
        }
        return out;
    }

    private byte[] splice(byte[] a, byte[] b) {
        int cutA = below(a.length + 1);
        int cutB = below(b.length + 1);
        return insert(Arrays.copyOf(a, cutA), cutA, Arrays.copyOfRange(b, cutB, b.length));
    }

    private static byte[] with(byte[] b, int at, byte value) {
        byte[] out = b.clone();
        out[at] = value;
        return out;
    }

    private static byte[] delete(byte[] b, int at, int length) {
        byte[] out = new byte[b.length - length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + length, out, at, b.length - at - length);
        return out;
    }

    private static byte[] insert(byte[] b, int at, byte[] chunk) {
        byte[] out = new byte[b.length + chunk.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(chunk, 0, out, at, chunk.length);
        System.arraycopy(b, at, out, at + chunk.length, b.length - at);
        return out;
    }

    private byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) next();
        }
        return out;
    }

    private int below(int n) {
        return (int) ((next() >>> 1) % n);
    }

    private long next() {
        state += SplitMix64.GAMMA;
        return SplitMix64.mix(state);
    }
}
