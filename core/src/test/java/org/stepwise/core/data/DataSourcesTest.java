// Checks DataSources: every built-in loads with its documented size, and paths load by what they are.
package org.stepwise.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.tensor.Shape;

class DataSourcesTest {
    @TempDir
    Path dir;

    private static LoadedData load(String spec) throws IOException {
        return DataSources.load(spec, null, 28, 1, 7);
    }

    @Test
    void builtInsListBundledSetsThenTextsThenEveryGenerator() {
        List<String> names = DataSources.builtIns().stream().map(DataSources.BuiltIn::name).toList();
        assertEquals(List.of("iris", "wine", "digits", "fashion-mnist-small"), names.subList(0, 4));
        assertEquals(List.of("moby-dick", "tang-poems", "moby-dick-bpe"), names.subList(4, 7));
        assertEquals(Generators.names(), names.subList(7, names.size()));
        assertEquals("bundled", DataSources.builtIns().get(3).kind());
        assertEquals("text", DataSources.builtIns().get(4).kind());
        assertEquals("generated", DataSources.builtIns().get(7).kind());
    }

    @Test
    void irisHas150SamplesOf4FeaturesAndThreeNamedSpecies() throws IOException {
        LoadedData iris = load("iris");
        assertEquals(150, iris.dataset().n());
        assertEquals(4, iris.dataset().features());
        assertEquals(3, iris.dataset().classes());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), iris.featureNames());
        assertEquals("iris", iris.dataset().name());
        assertEquals("built-in iris (UCI via scikit-learn)", iris.source());
        assertNull(iris.test());
    }

    @Test
    void wineHas178SamplesOf13FeaturesAndThreeClasses() throws IOException {
        LoadedData wine = load("wine");
        assertEquals(178, wine.dataset().n());
        assertEquals(13, wine.dataset().features());
        assertEquals(List.of("class_0", "class_1", "class_2"), wine.classNames());
    }

    @Test
    void digitsHave1797ImagesOf64PixelsFrom0To16AndTenClasses() throws IOException {
        LoadedData digits = load("digits");
        assertEquals(1797, digits.dataset().n());
        assertEquals(64, digits.dataset().features());
        assertEquals(10, digits.dataset().classes());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), digits.classNames());
        assertEquals("px0", digits.featureNames().get(0));
        float max = 0;
        for (float v : digits.dataset().x()) {
            max = Math.max(max, v);
        }
        assertEquals(16f, max);
    }

    @Test
    void fashionMnistSmallHasItsOwnTestSplitOf28By28Images() throws IOException {
        LoadedData fashion = load("fashion-mnist-small");
        assertEquals(10_000, fashion.dataset().n());
        assertEquals(2_000, fashion.test().n());
        assertEquals(Shape.of(1, 28, 28), fashion.dataset().featureShape());
        assertEquals(Shape.of(1, 28, 28), fashion.test().featureShape());
        assertEquals(10, fashion.dataset().classes());
        assertEquals(10, fashion.test().classes());
        assertEquals("T-shirt/top", fashion.classNames().get(0));
        assertEquals("Ankle boot", fashion.classNames().get(9));
        assertEquals(784, fashion.featureNames().size());
        float max = 0;
        for (float v : fashion.dataset().x()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
    }

    @Test
    void generatedSpiralHas500TwoDimensionalSamplesDrawnFromTheSeed() throws IOException {
        LoadedData spiral = load("spiral");
        assertEquals(500, spiral.dataset().n());
        assertEquals(List.of("x1", "x2"), spiral.featureNames());
        assertEquals(List.of("0", "1"), spiral.classNames());
        Dataset expected = Generators.generate("spiral", 500, 0.1, 7);
        assertArrayEquals(expected.x(), spiral.dataset().x());
        assertArrayEquals(expected.labels(), spiral.dataset().labels());
        assertEquals("generated spiral (500 samples, noise 0.1, seed 7)", spiral.source());
    }

    @Test
    void generatedRegressionSetHasNoClassNames() throws IOException {
        LoadedData sine = load("sine");
        assertNull(sine.classNames());
        assertEquals(List.of("x1"), sine.featureNames());
    }

    @Test
    void csvPathLoadsWithTheGivenOptions() throws IOException {
        Path file = dir.resolve("houses.csv");
        Files.writeString(file, "rooms,price,area\n3,250.5,80\n4,310.0,95\n2,180.25,60\n");
        LoadedData data = DataSources.load(file.toString(), CsvImport.Options.defaults().withTarget("price"), 28, 1,
                0);
        assertEquals(3, data.dataset().n());
        assertEquals(List.of("rooms", "area"), data.featureNames());
        assertNull(data.classNames());
        assertEquals("houses", data.dataset().name());
        assertEquals("CSV " + file, data.source());
    }

    @Test
    void gzippedCsvPathIsDecompressedWhileRead() throws IOException {
        Path file = dir.resolve("colours.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a,b,colour\n1,2,red\n3,4,blue\n5,6,red\n7,8,blue\n".getBytes(StandardCharsets.UTF_8));
        }
        LoadedData data = load(file.toString());
        assertEquals(4, data.dataset().n());
        assertEquals(List.of("blue", "red"), data.classNames());
        assertEquals("colours", data.dataset().name());
    }

    private static byte[] idx(int magic, int[] sizes, byte[] data) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int s : sizes) {
            out.writeInt(s);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    @Test
    void idxFolderLoadsBothSplitsWithOneClassCount() throws IOException {
        Path mnist = Files.createDirectory(dir.resolve("mnist"));
        Files.write(mnist.resolve("train-images-idx3-ubyte"), idx(0x803, new int[]{3, 2, 2}, new byte[12]));
        Files.write(mnist.resolve("train-labels-idx1-ubyte"), idx(0x801, new int[]{3}, new byte[]{0, 2, 1}));
        Files.write(mnist.resolve("t10k-images-idx3-ubyte"), idx(0x803, new int[]{2, 2, 2}, new byte[8]));
        Files.write(mnist.resolve("t10k-labels-idx1-ubyte"), idx(0x801, new int[]{2}, new byte[]{0, 1}));
        LoadedData data = load(mnist.toString());
        assertEquals(3, data.dataset().n());
        assertEquals(2, data.test().n());
        assertEquals(Shape.of(1, 2, 2), data.dataset().featureShape());
        // The test labels stop at 1, yet the test split must share the training split's three classes.
        assertEquals(3, data.test().classes());
        assertEquals(List.of("0", "1", "2"), data.classNames());
        assertEquals("IDX folder " + mnist, data.source());
    }

    @Test
    void unknownNameListsTheBuiltIns() {
        var e = assertThrows(IllegalArgumentException.class, () -> load("irs"));
        assertTrue(e.getMessage().startsWith("No dataset 'irs': not a built-in (iris, wine, digits, "
                + "fashion-mnist-small, moby-dick, tang-poems, moby-dick-bpe, circle, "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", sine) nor an existing file or folder"), e.getMessage());
    }

    @Test
    void fileOfAnotherKindIsRefusedWithTheAcceptedEndings() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello");
        var e = assertThrows(IllegalArgumentException.class, () -> load(file.toString()));
        assertTrue(e.getMessage().contains("must end in .csv, .tsv, .csv.gz or .tsv.gz"), e.getMessage());
    }
}
