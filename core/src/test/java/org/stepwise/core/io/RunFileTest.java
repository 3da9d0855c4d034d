// Checks run files: a save and load gives the same predictions and settings, and damaged files fail clearly.
package org.stepwise.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;

class RunFileTest {
    private static final String MLP = """
            {"input": [4], "layers": [{"dense": 8, "act": "tanh"}, {"dense": 3}]}""";
    private static final String WITH_BATCH_NORM = """
            {"input": [4], "layers": [{"dense": 6, "act": "relu"}, {"batchnorm": true}, {"dense": 3}]}""";

    @TempDir
    Path dir;

    private static float[] inputs(int rows) {
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[rows * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    private static RunFile.Contents contents(String model) {
        GraphDef graph = ModelReader.read(model, "model.json");
        Network network = Network.build(graph, 42);
        // Training-mode passes move batch norm's running statistics away from their initial 0 and 1.
        network.load(inputs(16), 16);
        network.forward(true);
        network.forward(true);
        Normalization norm = Normalization.of(Normalization.Kind.STANDARDIZE,
                new float[]{5.843333f, 3.0573332f, 3.758f, 1.1993333f}, new float[]{0.8253013f, 0.4344f, 1.7594f,
                        0.7596926f});
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_accuracy", 0.9666666666666667);
        metrics.put("test_loss", 0.0812);
        metrics.put("diverged_loss", Double.NaN);
        return new RunFile.Contents(graph, network, norm, List.of("setosa", "versicolor", "virginica"),
                List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), "iris", 42, 0.15, 0.15,
                "softmax_cross_entropy", metrics);
    }

    private Path saved(String model) throws IOException {
        Path file = dir.resolve("run.stepwise-run");
        RunFile.save(file, contents(model));
        return file;
    }

    private static float[] predictions(Network network) {
        // The output buffer is sized for the largest batch seen; the first 5 rows of 3 classes are this batch's.
        return Arrays.copyOf(network.predict(inputs(5), 5), 5 * 3);
    }

    @Test
    void mlpPredictsBitIdenticallyAfterSaveAndLoad() throws IOException {
        RunFile.Contents original = contents(MLP);
        Path file = dir.resolve("mlp.zip");
        RunFile.save(file, original);
        RunFile.Contents loaded = RunFile.load(file);
        assertArrayEquals(predictions(original.network()), predictions(loaded.network()));
        assertEquals(original.graph(), loaded.graph());
    }

    @Test
    void batchNormRunningStatisticsSurviveSoPredictionsAreBitIdentical() throws IOException {
        RunFile.Contents original = contents(WITH_BATCH_NORM);
        Path file = dir.resolve("bn.zip");
        RunFile.save(file, original);
        RunFile.Contents loaded = RunFile.load(file);
        List<float[]> before = original.network().node("batchnorm1").state();
        List<float[]> after = loaded.network().node("batchnorm1").state();
        assertArrayEquals(before.get(0), after.get(0));
        assertArrayEquals(before.get(1), after.get(1));
        assertTrue(before.get(1)[0] != 1f, "training passes should have moved the running variance");
        assertArrayEquals(predictions(original.network()), predictions(loaded.network()));
    }

    @Test
    void settingsNamesNormalizationAndMetricsRoundTrip() throws IOException {
        RunFile.Contents original = contents(MLP);
        RunFile.Contents loaded = RunFile.load(saved(MLP));
        assertEquals(original.normalization(), loaded.normalization());
        assertEquals(List.of("setosa", "versicolor", "virginica"), loaded.classNames());
        assertEquals(original.featureNames(), loaded.featureNames());
        assertEquals("iris", loaded.dataSpec());
        assertEquals(42, loaded.seed());
        assertEquals(0.15, loaded.validationFraction());
        assertEquals(0.15, loaded.testFraction());
        assertEquals("softmax_cross_entropy", loaded.lossId());
        assertEquals(List.of("test_accuracy", "test_loss", "diverged_loss"), List.copyOf(loaded.metrics().keySet()));
        assertEquals(0.9666666666666667, loaded.metrics().get("test_accuracy"));
        assertTrue(Double.isNaN(loaded.metrics().get("diverged_loss")));
    }

    @Test
    void regressionRunWithoutNormalizationKeepsNulls() throws IOException {
        RunFile.Contents c = contents(MLP);
        Path file = dir.resolve("reg.zip");
        RunFile.save(file, new RunFile.Contents(c.graph(), c.network(), null, null, c.featureNames(), "plane", 1,
                0.2, 0, "mse", Map.of()));
        RunFile.Contents loaded = RunFile.load(file);
        assertNull(loaded.normalization());
        assertNull(loaded.classNames());
        assertEquals(Map.of(), loaded.metrics());
    }

    // ---- damaged files ---------------------------------------------------------------------------------------

    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    private static String loadError(Path file) {
        return assertThrows(ModelFormatException.class, () -> RunFile.load(file)).getMessage();
    }

    @Test
    void truncatedArchiveIsRefusedAsIncomplete() throws IOException {
        Path file = saved(MLP);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.zip");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        String message = loadError(cut);
        assertTrue(message.startsWith(cut + ":"), message);
        assertTrue(message.contains("truncated") || message.contains("missing"), message);
    }

    @Test
    void traversalEntryIsRefusedByName() throws IOException {
        Map<String, byte[]> entries = entries(saved(MLP));
        entries.put("../evil", new byte[]{1});
        Path file = zip("evil.zip", entries);
        assertEquals(file + ": entry ../evil: the entry name points outside the archive; refusing the file",
                loadError(file));
    }

    @Test
    void unknownEntryIsRefused() throws IOException {
        Map<String, byte[]> entries = entries(saved(MLP));
        entries.put("notes.txt", new byte[]{1});
        assertTrue(loadError(zip("extra.zip", entries)).contains("entry notes.txt: unknown entry"));
    }

    @Test
    void newerVersionNamesBothVersions() throws IOException {
        Map<String, byte[]> entries = entries(saved(MLP));
        String run = new String(entries.get("run.json"), StandardCharsets.UTF_8);
        entries.put("run.json", run.replace("\"version\" : 1", "\"version\" : 7").getBytes(StandardCharsets.UTF_8));
        Path file = zip("newer.zip", entries);
        assertEquals(file + ": entry run.json: the file has run format version 7, newer than version 1 that this "
                + "Stepwise reads; update Stepwise to open it", loadError(file));
    }

    @Test
    void weightsOfTheWrongSizeAreRefused() throws IOException {
        Map<String, byte[]> entries = entries(saved(MLP));
        entries.put("weights.bin", Arrays.copyOf(entries.get("weights.bin"), 12));
        Path file = zip("short.zip", entries);
        // 4·8 + 8 + 8·3 + 3 = 67 floats.
        assertEquals(file + ": entry weights.bin: the entry holds 12 bytes but the graph's tensors need at least 268",
                loadError(file));
    }

    @Test
    void missingEntryIsNamed() throws IOException {
        Map<String, byte[]> entries = entries(saved(MLP));
        entries.remove("state.bin");
        Path file = zip("missing.zip", entries);
        assertEquals(file + ": entry state.bin: the entry is missing; a run file holds run.json, graph.json, "
                + "weights.bin, state.bin", loadError(file));
    }

    @Test
    void oversizedJsonEntryIsRefusedBeforeItIsRead() throws IOException {
        Map<String, byte[]> entries = entries(saved(MLP));
        entries.put("run.json", new byte[(1 << 20) + 10]);
        assertTrue(loadError(zip("bomb.zip", entries)).contains("entry run.json: the entry is larger than the 1 MiB"));
    }

    @Test
    void failedSaveLeavesNoTemporaryFileBehind() throws IOException {
        // A non-empty folder where the file should go makes the final rename fail after everything was written.
        Path target = dir.resolve("taken");
        Files.createDirectories(target.resolve("inside"));
        assertThrows(IOException.class, () -> RunFile.save(target, contents(MLP)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
        assertTrue(Files.isDirectory(target.resolve("inside")));
    }
}
