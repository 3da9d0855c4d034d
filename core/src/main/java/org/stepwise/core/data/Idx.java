// Reads the IDX format of MNIST and Fashion-MNIST (plain or gzip): big-endian int32 magic and sizes, then bytes.
//
// Files are untrusted: sizes are checked against limits and against what the file actually holds.
package org.stepwise.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

public final class Idx {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    private static final long MAX_VALUES = 1L << 30;

    /** Images as (n, rows·cols) floats scaled to [0, 1], with their dimensions. */
    public record Images(float[] pixels, int n, int rows, int cols) {
    }

    private Idx() {
    }

    public static Images readImages(Path file, int limit) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new IOException(file + ": not an IDX image file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x803)");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (n < 0 || rows <= 0 || cols <= 0 || (long) n * rows * cols > MAX_VALUES) {
                throw new IOException(file + ": implausible image dimensions " + n + "×" + rows + "×" + cols);
            }
            int take = limit > 0 ? Math.min(limit, n) : n;
            byte[] bytes = new byte[take * rows * cols];
            readFully(in, bytes, file);
            float[] pixels = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                pixels[i] = (bytes[i] & 0xFF) / 255f;
            }
            return new Images(pixels, take, rows, cols);
        }
    }

    public static int[] readLabels(Path file, int limit) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new IOException(file + ": not an IDX label file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x801)");
            }
            int n = in.readInt();
            if (n < 0 || n > MAX_VALUES) {
                throw new IOException(file + ": implausible label count " + n);
            }
            int take = limit > 0 ? Math.min(limit, n) : n;
            byte[] bytes = new byte[take];
            readFully(in, bytes, file);
            int[] labels = new int[take];
            for (int i = 0; i < take; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        boolean gzip = b1 == 0x1f && b2 == 0x8b;
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw);
    }

    private static void readFully(DataInputStream in, byte[] into, Path file) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new IOException(file + ": the file ends before the " + into.length + " bytes its header announces");
        }
    }
}
