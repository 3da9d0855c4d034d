// Checks the project file: saving and reopening gives bit-identical predictions and continues training bit for bit;
// versions are migrated or refused by name; damaged, hostile and diverged files fail clearly.
package org.stepwise.core.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.Model;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.History;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Param;
import org.stepwise.core.io.ModelFormatException;
import org.stepwise.core.io.ModelReader;
import org.stepwise.core.io.RunFile;
import org.stepwise.core.stepper.Stepper;

class ProjectFileTest {
    /** Dropout and batch norm make continuing depend on the step count, the seed and the running statistics. */
    static final String IRIS_NET = """
            {"input": [4], "layers": [{"dense": 16, "act": "relu"}, {"batchnorm": true}, {"dropout": 0.25},
             {"dense": 3}]}""";

    @TempDir
    Path dir;

    static Project irisProject(String optimizer) {
        GraphDef graph = ModelReader.read(IRIS_NET, "iris-net.json");
        TrainingSettings settings = TrainingSettings.defaults().withOptimizer(optimizer, Map.of())
                .withBatchSize(16).withSeeds(7, 11).withRegularization(0f, 1e-4f, 5f).withLearningRate(0.02f);
        return Project.create("iris", graph, DataRef.builtIn("iris"), settings)
                .withLayout(Map.of("input", new Project.Point(40, 120), "dense1", new Project.Point(220.5, 80)));
    }

    private static float[] probe(int rows) {
        float[] x = new float[rows * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 1.7) * 3 + 4;
        }
        return x;
    }

    private static List<float[]> weights(Network net) {
        List<float[]> all = new ArrayList<>();
        net.params().forEach(p -> all.add(p.value().clone()));
        net.nodes().forEach(n -> n.state().forEach(s -> all.add(s.clone())));
        return all;
    }

    private static void assertBitIdentical(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            float[] e = expected.get(i);
            float[] a = actual.get(i);
            assertEquals(e.length, a.length);
            for (int j = 0; j < e.length; j++) {
                assertEquals(Float.floatToRawIntBits(e[j]), Float.floatToRawIntBits(a[j]),
                        "tensor " + i + " value " + j);
            }
        }
    }

    @Test
    void reopeningGivesBitIdenticalPredictionsSettingsHistoryAndLayout() throws IOException {
        Session session = Session.open(irisProject("adam"), 0);
        session.train(3);
        Project saved = session.snapshot();
        Path file = dir.resolve("iris.stepwise");
        ProjectFile.save(file, saved);

        ProjectFile.Loaded loaded = ProjectFile.load(file);
        Project p = loaded.project();
        assertEquals(2, loaded.fileVersion());
        assertEquals(List.of(), loaded.warnings());
        assertEquals("iris", p.name());
        assertEquals(saved.graph(), p.graph());
        assertEquals(saved.settings(), p.settings());
        assertEquals(saved.data(), p.data());
        assertEquals(saved.normalization(), p.normalization());
        assertEquals(List.of("setosa", "versicolor", "virginica"), p.classNames());
        assertEquals(saved.featureNames(), p.featureNames());
        assertEquals(saved.layout(), p.layout());
        assertEquals(saved.training().step(), p.training().step());
        assertEquals(saved.training().optimizerSteps(), p.training().optimizerSteps());
        assertBitIdentical(saved.training().optimizerState(), p.training().optimizerState());
        assertBitIdentical(weights(saved.network()), weights(p.network()));

        assertEquals(3, p.history().size());
        for (int e = 0; e < 3; e++) {
            History.Epoch before = saved.history().get(e);
            History.Epoch after = p.history().get(e);
            assertEquals(before.epoch(), after.epoch());
            assertEquals(before.meanBatchLoss(), after.meanBatchLoss());
            var a = (ClassificationMetrics) before.validation();
            var b = (ClassificationMetrics) after.validation();
            assertEquals(a.loss(), b.loss());
            assertEquals(a.accuracy(), b.accuracy());
            assertEquals(a.topKAccuracy(), b.topKAccuracy());
            assertArrayEquals(a.confusion(), b.confusion());
        }

        float[] x = probe(7);
        float[] expected = Model.of(saved).predict(x, 7);
        float[] actual = Model.load(file).predict(x, 7);
        assertEquals(21, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]));
        }
    }

    @Test
    void continuedTrainingIsBitIdenticalForEveryOptimizer() throws IOException {
        for (String optimizer : List.of("sgd", "momentum", "rmsprop", "adam", "adamw")) {
            Session original = Session.open(irisProject(optimizer), 0);
            // Stop in the middle of an epoch, so the reopened run must also pick up the batch order there.
            original.stepper().runBatches(original.stepper().batchesPerEpoch() + 3);
            Path file = dir.resolve(optimizer + ".stepwise");
            ProjectFile.save(file, original.snapshot());
            original.stepper().runBatches(25);

            Session reopened = Session.open(ProjectFile.load(file).project(), 0);
            assertEquals(original.stepper().step() - 25, reopened.stepper().step());
            reopened.stepper().runBatches(25);
            assertEquals(original.stepper().loss(), reopened.stepper().loss(), optimizer);
            assertBitIdentical(weights(original.stepper().network()), weights(reopened.stepper().network()));
            assertBitIdentical(original.stepper().optimizer().state(), reopened.stepper().optimizer().state());
        }
    }

    @Test
    void aSaveBetweenPhasesKeepsTheStepStartAndReplaysTheWholeStep() throws IOException {
        Session original = Session.open(irisProject("adam"), 8L << 20);
        Stepper s = original.stepper();
        s.runBatches(5);
        for (int i = 0; i < s.phases().size() - 1; i++) {
            s.next();
        }
        assertTrue(s.phaseIndex() > 0);
        Path file = dir.resolve("mid-step.stepwise");
        ProjectFile.save(file, original.snapshot());
        s.next(); // the update of step 6
        s.runBatches(4);

        Session reopened = Session.open(ProjectFile.load(file).project(), 0);
        assertEquals(5, reopened.stepper().step());
        reopened.stepper().runBatches(5);
        assertBitIdentical(weights(s.network()), weights(reopened.stepper().network()));
    }

    @Test
    void anUntrainedProjectWithoutDataRoundTrips() throws IOException {
        Project p = Project.create("blank", ModelReader.read(IRIS_NET, "n.json"), null, TrainingSettings.defaults());
        Path file = dir.resolve("blank.stepwise");
        ProjectFile.save(file, p);
        Project back = ProjectFile.load(file).project();
        assertNull(back.data());
        assertNull(back.training());
        assertEquals(List.of(), back.history());
        assertBitIdentical(weights(p.network()), weights(back.network()));
    }

    @Test
    void aSmallDataFileTravelsInsideTheProject() throws IOException {
        Path csv = dir.resolve("points.csv");
        StringBuilder text = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++) {
            text.append(i % 7).append(',').append((i * 3) % 5).append(',').append(i % 2 == 0 ? "yes" : "no")
                    .append('\n');
        }
        Files.writeString(csv, text);
        GraphDef graph = ModelReader.read("{\"input\": [2], \"layers\": [{\"dense\": 4, \"act\": \"tanh\"}, "
                + "{\"dense\": 2}]}", "n.json");
        Project p = Project.create("points", graph, DataRef.of(csv.toString(), null, 28), TrainingSettings.defaults());
        Session first = Session.open(p, 0);
        first.stepper().runBatches(2);
        Path file = dir.resolve("points.stepwise");
        ProjectFile.save(file, first.snapshot());

        Files.delete(csv);
        Project back = ProjectFile.load(file).project();
        assertNotNull(back.data().embedded());
        Session reopened = Session.open(back, 0);
        assertTrue(reopened.dataNote().contains("is not there; using the copy saved in the project"),
                reopened.dataNote());
        assertEquals(first.train().n(), reopened.train().n());
        assertArrayEquals(first.train().x(), reopened.train().x());
    }

    // ---- versions ------------------------------------------------------------------------------------------

    @Test
    void aVersionOneRunFileIsMigrated() throws IOException {
        Path file = dir.resolve("old.stepwise");
        GraphDef graph = ModelReader.read(IRIS_NET, "n.json");
        Network net = Network.build(graph, 5);
        var norm = org.stepwise.core.data.Normalization.of(org.stepwise.core.data.Normalization.Kind.STANDARDIZE,
                new float[] {5.8f, 3f, 3.7f, 1.2f}, new float[] {0.8f, 0.4f, 1.7f, 0.7f});
        RunFile.save(file, new RunFile.Contents(graph, net, norm, List.of("a", "b", "c"),
                List.of("f1", "f2", "f3", "f4"), "iris", 9, 0.2, 0.1, "softmax_cross_entropy", Map.of()));

        ProjectFile.Loaded loaded = ProjectFile.load(file);
        assertEquals(1, loaded.fileVersion());
        assertTrue(loaded.warnings().get(0).contains("older Stepwise (run format 1)"));
        Project p = loaded.project();
        assertEquals("old", p.name());
        assertEquals("iris", p.data().spec());
        assertEquals(9, p.settings().seed());
        assertEquals(0.1, p.settings().testFraction());
        assertEquals("standardize", p.settings().normalization());
        assertEquals(norm, p.normalization());
        assertBitIdentical(weights(net), weights(p.network()));

        // Saved again, it is a version 2 project.
        Path again = dir.resolve("again.stepwise");
        ProjectFile.save(again, p);
        assertEquals(2, ProjectFile.load(again).fileVersion());
    }

    @Test
    void aNewerFileIsRefusedNamingBothVersions() throws IOException {
        Path file = dir.resolve("future.stepwise");
        ProjectFile.save(file, irisProject("sgd"));
        Path future = rewrite(file, Map.of(ProjectFile.MANIFEST,
                "{\"format\": \"stepwise-project\", \"version\": 7, \"app\": \"3.1.0\"}".getBytes(StandardCharsets.UTF_8)));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ProjectFile.load(future));
        assertTrue(e.getMessage().contains("written by Stepwise 3.1.0 in project format version 7"), e.getMessage());
        assertTrue(e.getMessage().contains("reads versions up to 2"), e.getMessage());
    }

    // ---- untrusted files -----------------------------------------------------------------------------------

    @Test
    void entriesThatEscapeTheFolderAreRefused() throws IOException {
        for (String name : List.of("../evil.json", "data/../../x", "/etc/passwd", "C:\\win.ini", "data/.hidden")) {
            Path file = dir.resolve("slip.stepwise");
            ProjectFile.save(file, irisProject("sgd"));
            Path bad = rewrite(file, Map.of(name, new byte[] {1, 2, 3}));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ProjectFile.load(bad), name);
            assertTrue(e.getMessage().contains("points outside the archive")
                    || e.getMessage().contains("plain file name"), e.getMessage());
        }
    }

    @Test
    void anEntryThatInflatesBeyondItsLimitIsRefusedWithoutReadingItWhole() throws IOException {
        Path file = dir.resolve("bomb.stepwise");
        ProjectFile.save(file, irisProject("sgd"));
        byte[] bomb = new byte[(int) ProjectFile.MAX_JSON_BYTES + 10];
        java.util.Arrays.fill(bomb, (byte) ' ');
        Path bad = rewrite(file, Map.of(ProjectFile.HISTORY, bomb));
        assertTrue(Files.size(bad) < 100_000, "the bomb compresses well");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ProjectFile.load(bad));
        assertTrue(e.getMessage().contains("history.json") && e.getMessage().contains("zip bomb"), e.getMessage());
    }

    @Test
    void absurdShapesAndCountsAreRefused() throws IOException {
        Path file = dir.resolve("absurd.stepwise");
        ProjectFile.save(file, irisProject("sgd"));
        Path huge = rewrite(file, Map.of(ProjectFile.GRAPH, ("{\"input\": [4], \"layers\": [{\"dense\": 2000000000}]}")
                .getBytes(StandardCharsets.UTF_8)));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ProjectFile.load(huge));
        assertTrue(e.getMessage().contains("graph.json"), e.getMessage());

        // A weights entry whose tensor sizes do not match the graph.
        var tensors = List.of(new org.stepwise.core.io.Safetensors.Tensor("dense1.weight", new int[] {3}, new float[3]));
        Path wrong = rewrite(file, Map.of(ProjectFile.WEIGHTS,
                org.stepwise.core.io.Safetensors.toBytes(tensors, null)));
        e = assertThrows(ModelFormatException.class, () -> ProjectFile.load(wrong));
        assertTrue(e.getMessage().contains("weights.safetensors") && e.getMessage().contains("tensors but the graph"),
                e.getMessage());

        // A class list far longer than any dataset's.
        String manyClasses = "[" + "\"c\",".repeat(ProjectFile.MAX_CLASSES) + "\"c\"]";
        String project = new String(entry(file, ProjectFile.PROJECT), StandardCharsets.UTF_8)
                .replaceFirst("\"classNames\" : null", "\"classNames\" : " + manyClasses);
        assertTrue(project.contains(manyClasses));
        Path classes = rewrite(file, Map.of(ProjectFile.PROJECT, project.getBytes(StandardCharsets.UTF_8)));
        e = assertThrows(ModelFormatException.class, () -> ProjectFile.load(classes));
        assertTrue(e.getMessage().contains("'classNames' must be a list of at most"), e.getMessage());
    }

    @Test
    void positionsOfUnknownNodesAreDroppedAndUnknownFrozenNodesRefused() throws IOException {
        Path file = dir.resolve("layout.stepwise");
        ProjectFile.save(file, irisProject("sgd"));
        Path layout = rewrite(file, Map.of(ProjectFile.LAYOUT, "{\"nodes\": {\"ghost\": [1, 2], \"input\": [3, 4]}}"
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of("input", new Project.Point(3, 4)), ProjectFile.load(layout).project().layout());

        String project = new String(entry(file, ProjectFile.PROJECT), StandardCharsets.UTF_8)
                .replaceFirst("\"frozen\" : \\[ \\]", "\"frozen\" : [ \"ghost\" ]");
        assertTrue(project.contains("\"ghost\""), project);
        Path frozen = rewrite(file, Map.of(ProjectFile.PROJECT, project.getBytes(StandardCharsets.UTF_8)));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ProjectFile.load(frozen));
        assertTrue(e.getMessage().contains("'frozen' names \"ghost\""), e.getMessage());
    }

    @Test
    void nonFiniteWeightsAreRefusedUnlessTheUserOpensThemAnyway() throws IOException {
        Project p = irisProject("sgd");
        Param first = p.network().params().get(0);
        first.value()[3] = Float.NaN;
        first.value()[4] = Float.POSITIVE_INFINITY;
        Path file = dir.resolve("diverged.stepwise");
        ProjectFile.save(file, p);

        NonFiniteWeightsException e = assertThrows(NonFiniteWeightsException.class, () -> ProjectFile.load(file));
        assertTrue(e.getMessage().contains("dense1.weight (2)") && e.getMessage().contains("Open it anyway"),
                e.getMessage());
        ProjectFile.Loaded anyway = ProjectFile.load(file, new ProjectFile.Options(true));
        assertTrue(Float.isNaN(anyway.project().network().params().get(0).value()[3]));
        assertTrue(anyway.warnings().get(0).contains("NaN or infinite"), anyway.warnings().toString());
    }

    @Test
    void truncatedAndCorruptedFilesFailWithAMessageNamingTheFile() throws IOException {
        Path file = dir.resolve("whole.stepwise");
        Session session = Session.open(irisProject("adam"), 0);
        session.train(1);
        ProjectFile.save(file, session.snapshot());
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.stepwise");
        for (int length : new int[] {0, 10, 100, bytes.length / 3, bytes.length / 2, bytes.length - 30}) {
            Files.write(cut, java.util.Arrays.copyOf(bytes, length));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ProjectFile.load(cut),
                    "cut at " + length);
            assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        }
        // Flipped bits inside compressed data fail the CRC or the inflater, not the reader's logic.
        for (int at : new int[] {bytes.length / 4, bytes.length / 2, bytes.length * 3 / 4}) {
            byte[] damaged = bytes.clone();
            damaged[at] ^= 0x5a;
            Files.write(cut, damaged);
            assertThrows(ModelFormatException.class, () -> ProjectFile.load(cut), "flipped at " + at);
        }
    }

    static byte[] entry(Path file, String name) throws IOException {
        try (var zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return zip.readAllBytes();
                }
            }
        }
        throw new AssertionError(name + " is not in " + file);
    }

    /** A copy of a project file with entries replaced or added. */
    static Path rewrite(Path file, Map<String, byte[]> replacements) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        entries.putAll(replacements);
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Path out = file.resolveSibling("rewritten-" + file.getFileName());
        Files.write(out, bytes.toByteArray());
        return out;
    }
}
