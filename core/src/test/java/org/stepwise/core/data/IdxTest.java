// Checks IDX reading: image/label pairs as datasets, MNIST folders, and readable errors for damaged files.
package org.stepwise.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.tensor.Shape;

class IdxTest {
    private static final byte[] PIXELS = {0, (byte) 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8};

    @TempDir
    Path dir;

    private static byte[] images(int n, int rows, int cols, byte[] pixels) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.writeInt(0x803);
        out.writeInt(n);
        out.writeInt(rows);
        out.writeInt(cols);
        out.write(pixels);
        return bytes.toByteArray();
    }

    private static byte[] labels(int... labels) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.writeInt(0x801);
        out.writeInt(labels.length);
        for (int label : labels) {
            out.write(label);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(content);
            }
        } else {
            Files.write(file, content);
        }
        return file;
    }

    private static String error(ThrowingRead read) {
        return assertThrows(DataFormatException.class, read::run).getMessage();
    }

    private interface ThrowingRead {
        void run() throws IOException;
    }

    @Test
    void pairBecomesClassificationDatasetOfOneChannelImages() throws IOException {
        Path im = write("images-idx3-ubyte", images(3, 2, 2, PIXELS));
        Path lb = write("labels-idx1-ubyte", labels(0, 4, 1));
        Dataset d = Idx.readIdxPair(im, lb, 0);
        assertEquals(Shape.of(1, 2, 2), d.featureShape());
        assertEquals(3, d.n());
        assertEquals(5, d.classes());
        assertArrayEquals(new int[] {0, 4, 1}, d.labels());
        assertArrayEquals(new float[] {0, 1, 0.2f, 0.4f}, Arrays.copyOf(d.x(), 4), 1e-6f);
    }

    @Test
    void gzipFilesAndLimitsAreHonoured() throws IOException {
        Path im = write("images-idx3-ubyte.gz", images(3, 2, 2, PIXELS));
        Path lb = write("labels-idx1-ubyte.gz", labels(0, 4, 1));
        Dataset d = Idx.readIdxPair(im, lb, 2);
        assertEquals(2, d.n());
        assertArrayEquals(new int[] {0, 4}, d.labels());
        assertEquals(8, d.x().length);
    }

    @Test
    void directoryLoaderFindsTrainAndTestFilesPlainOrGzip() throws IOException {
        write("train-images-idx3-ubyte.gz", images(3, 2, 2, PIXELS));
        write("train-labels-idx1-ubyte.gz", labels(0, 1, 2));
        write("t10k-images-idx3-ubyte", images(1, 2, 2, Arrays.copyOf(PIXELS, 4)));
        write("t10k-labels-idx1-ubyte", labels(1));
        Idx.Split split = Idx.readDirectory(dir, 0);
        assertEquals(3, split.train().n());
        assertEquals(3, split.train().classes());
        assertEquals(1, split.test().n());
        assertArrayEquals(new int[] {1}, split.test().labels());
    }

    @Test
    void directoryWithoutTestLabelsNamesTheMissingFile() throws IOException {
        write("train-images-idx3-ubyte", images(3, 2, 2, PIXELS));
        write("train-labels-idx1-ubyte", labels(0, 1, 2));
        write("t10k-images-idx3-ubyte", images(1, 2, 2, Arrays.copyOf(PIXELS, 4)));
        assertEquals(dir + ": there is no t10k-labels file; expected t10k-labels-idx1-ubyte or"
                + " t10k-labels-idx1-ubyte.gz as in the MNIST download", error(() -> Idx.readDirectory(dir, 0)));
    }

    @Test
    void wrongMagicNumberSaysWhatTheFileLooksLike() throws IOException {
        Path lb = write("labels-idx1-ubyte", labels(0, 1));
        assertEquals(lb + ": the magic number is 0x00000801 (an IDX label file); expected 0x00000803 for an IDX"
                + " image file", error(() -> Idx.readImages(lb, 0)));
        Path text = write("notes.txt", "hello, world".getBytes());
        assertEquals(text + ": the magic number is 0x68656C6C; expected 0x00000801 for an IDX label file",
                error(() -> Idx.readLabels(text, 0)));
    }

    @Test
    void truncatedPlainFileIsReportedBeforeReading() throws IOException {
        Path im = write("images-idx3-ubyte", Arrays.copyOf(images(3, 2, 2, PIXELS), 20));
        assertEquals(im + ": the file is truncated: it holds 20 bytes but its header announces 3 images of 2×2"
                + " pixels; expected 28 bytes (was the download cut short?)", error(() -> Idx.readImages(im, 0)));
    }

    @Test
    void truncatedGzipFileIsReportedWhileReading() throws IOException {
        Path im = write("images-idx3-ubyte.gz", Arrays.copyOf(images(3, 2, 2, PIXELS), 20));
        assertEquals(im + ": the file ends before the 12 data bytes its header announces; expected the complete"
                + " file (was the download cut short?)", error(() -> Idx.readImages(im, 0)));
    }

    @Test
    void fileShorterThanItsHeaderIsReported() throws IOException {
        Path im = write("images-idx3-ubyte", new byte[] {0, 0, 8, 3, 0, 0});
        assertEquals(im + ": the file ends inside its header; expected an IDX image file with a 16-byte header",
                error(() -> Idx.readImages(im, 0)));
    }

    @Test
    void imageAndLabelCountsMustMatch() throws IOException {
        Path im = write("images-idx3-ubyte", images(3, 2, 2, PIXELS));
        Path lb = write("labels-idx1-ubyte", labels(0, 1));
        assertEquals(lb + ": it holds 2 labels but images-idx3-ubyte holds 3 images; expected one label per image",
                error(() -> Idx.readIdxPair(im, lb, 0)));
    }
}
