// Reads the IDX format of MNIST and Fashion-MNIST (plain or gzip): big-endian int32 magic and sizes, then bytes.
//
// Files are untrusted: sizes are checked against limits and against what the file actually holds. Format problems
// are DataFormatExceptions naming the file; IOException is left for the disk itself.
package org.stepwise.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.stepwise.core.tensor.Shape;

public final class Idx {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    private static final int IMAGES_HEADER_BYTES = 16;
    private static final int LABELS_HEADER_BYTES = 8;
    private static final long MAX_VALUES = 1L << 30;

    /** Images as (n, rows·cols) floats scaled to [0, 1], with their dimensions. */
    public record Images(float[] pixels, int n, int rows, int cols) {
    }

    /** The training and test sets of an MNIST-layout folder. */
    public record Split(Dataset train, Dataset test) {
    }

    private Idx() {
    }

    /** The first {@code limit} images (all when {@code limit <= 0}). */
    public static Images readImages(Path file, int limit) throws IOException {
        try (DataInputStream in = open(file)) {
            int[] header = readHeader(in, file, IMAGES_MAGIC, 3);
            int n = header[0];
            int rows = header[1];
            int cols = header[2];
            // rows·cols is bounded first, so the product with n cannot overflow a long.
            if (n < 0 || rows <= 0 || cols <= 0 || (long) rows * cols > MAX_VALUES
                    || (long) n * rows * cols > MAX_VALUES) {
                throw new DataFormatException(file, "the header announces " + n + " images of " + rows + "×" + cols
                        + " pixels", "expected positive sizes with at most " + MAX_VALUES + " pixels in all");
            }
            requireLength(file, IMAGES_HEADER_BYTES + (long) n * rows * cols,
                    n + " images of " + rows + "×" + cols + " pixels");
            int take = limit > 0 ? Math.min(limit, n) : n;
            byte[] bytes = readFully(in, take * rows * cols, file);
            float[] pixels = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                pixels[i] = (bytes[i] & 0xFF) / 255f;
            }
            return new Images(pixels, take, rows, cols);
        } catch (ZipException e) {
            throw corruptGzip(file, e);
        }
    }

    /** The first {@code limit} labels (all when {@code limit <= 0}). */
    public static int[] readLabels(Path file, int limit) throws IOException {
        try (DataInputStream in = open(file)) {
            int n = readHeader(in, file, LABELS_MAGIC, 1)[0];
            if (n < 0 || n > MAX_VALUES) {
                throw new DataFormatException(file, "the header announces " + n + " labels",
                        "expected a count from 0 to " + MAX_VALUES);
            }
            requireLength(file, LABELS_HEADER_BYTES + (long) n, n + " labels");
            int take = limit > 0 ? Math.min(limit, n) : n;
            byte[] bytes = readFully(in, take, file);
            int[] labels = new int[take];
            for (int i = 0; i < take; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        } catch (ZipException e) {
            throw corruptGzip(file, e);
        }
    }

    /** Images with their labels as a classification dataset of shape (1, rows, cols); classes = max label + 1. */
    public static Dataset readIdxPair(Path images, Path labels, int limit) throws IOException {
        int imageCount = count(images, IMAGES_MAGIC, 3);
        int labelCount = count(labels, LABELS_MAGIC, 1);
        if (imageCount != labelCount) {
            throw new DataFormatException(labels, "it holds " + labelCount + " labels but " + images.getFileName()
                    + " holds " + imageCount + " images", "expected one label per image");
        }
        if (imageCount == 0) {
            throw new DataFormatException(images, "it holds no images", "expected at least one image");
        }
        Images im = readImages(images, limit);
        int[] l = readLabels(labels, limit);
        int max = 0;
        for (int label : l) {
            max = Math.max(max, label);
        }
        String name = images.getFileName().toString().replaceFirst("\\.gz$", "");
        return Dataset.classification(name, Shape.of(1, im.rows(), im.cols()), im.pixels(), l, max + 1);
    }

    /** The train- and t10k- image and label files of {@code dir}, plain preferred over .gz. */
    public static Split readDirectory(Path dir, int limit) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, "it is not a folder", "expected a folder holding MNIST-style IDX files");
        }
        Dataset train = readIdxPair(find(dir, "train-images", 3), find(dir, "train-labels", 1), limit);
        Dataset test = readIdxPair(find(dir, "t10k-images", 3), find(dir, "t10k-labels", 1), limit);
        return new Split(train, test);
    }

    private static Path find(Path dir, String prefix, int dims) throws IOException {
        List<Path> matches;
        try (Stream<Path> files = Files.list(dir)) {
            matches = files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith(prefix) && (n.endsWith("ubyte") || n.endsWith("ubyte.gz"));
                    })
                    .sorted(Comparator.comparingInt((Path p) -> p.getFileName().toString().length())
                            .thenComparing(Path::getFileName))
                    .toList();
        }
        if (matches.isEmpty()) {
            String expected = prefix + "-idx" + dims + "-ubyte";
            throw new DataFormatException(dir, "there is no " + prefix + " file",
                    "expected " + expected + " or " + expected + ".gz as in the MNIST download");
        }
        return matches.get(0);
    }

    private static int count(Path file, int magic, int dims) throws IOException {
        try (DataInputStream in = open(file)) {
            return readHeader(in, file, magic, dims)[0];
        } catch (ZipException e) {
            throw corruptGzip(file, e);
        }
    }

    /** Checks the magic number and returns the {@code dims} sizes that follow it. */
    private static int[] readHeader(DataInputStream in, Path file, int magic, int dims) throws IOException {
        String kind = magic == IMAGES_MAGIC ? "IDX image file" : "IDX label file";
        try {
            int found = in.readInt();
            if (found != magic) {
                throw new DataFormatException(file, "the magic number is " + hex(found) + describe(found),
                        "expected " + hex(magic) + " for an " + kind);
            }
            int[] sizes = new int[dims];
            for (int i = 0; i < dims; i++) {
                sizes[i] = in.readInt();
            }
            return sizes;
        } catch (EOFException e) {
            throw new DataFormatException(file, "the file ends inside its header",
                    "expected an " + kind + " with a " + (4 + 4 * dims) + "-byte header");
        }
    }

    /** For a plain file, compares the announced size with the real one before anything large is allocated. */
    private static void requireLength(Path file, long needed, String what) throws IOException {
        long actual = Files.size(file);
        if (!isGzip(file) && actual < needed) {
            throw new DataFormatException(file, "the file is truncated: it holds " + actual + " bytes but its header"
                    + " announces " + what, "expected " + needed + " bytes (was the download cut short?)");
        }
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }

    private static String describe(int magic) {
        if (magic == IMAGES_MAGIC) {
            return " (an IDX image file)";
        }
        if (magic == LABELS_MAGIC) {
            return " (an IDX label file)";
        }
        return "";
    }

    private static DataFormatException corruptGzip(Path file, ZipException e) {
        return new DataFormatException(file, "the gzip data is corrupt (" + e.getMessage() + ")",
                "expected a valid .gz file or the plain IDX file");
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (!isGzip(file)) {
            return new DataInputStream(raw);
        }
        try {
            return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)));
        } catch (IOException e) {
            raw.close();
            throw e instanceof ZipException zip ? corruptGzip(file, zip) : new DataFormatException(file,
                    "the gzip header is cut short", "expected a valid .gz file or the plain IDX file");
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /**
     * The {@code length} data bytes after the header. They are read in chunks rather than into one array of the
     * announced size: a gzip file is not size-checked up front, and a few bytes of it can announce a gigabyte.
     */
    private static byte[] readFully(DataInputStream in, int length, Path file) throws IOException {
        try {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length == length) {
                return bytes;
            }
        } catch (EOFException e) {
            // A gzip stream cut inside its compressed data ends this way instead of with a short read.
        }
        throw new DataFormatException(file, "the file ends before the " + length + " data bytes its header"
                + " announces", "expected the complete file (was the download cut short?)");
    }
}
