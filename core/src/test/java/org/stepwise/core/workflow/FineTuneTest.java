// Fine-tuning a trained network: what is frozen stays bit for bit, what is not moves, a fresh head comes from the
// seed, the body can train at its own rate, the result saves as a project, and every mistake in a plan is a sentence.
package org.stepwise.core.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.Generators;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.ActivationNode;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.stepper.Stepper;
import org.stepwise.core.tensor.Shape;

class FineTuneTest {

    /** 2 → hidden1 (8 tanh) → hidden2 (8 tanh) → output (3): the "pretrained" network, 3 classes. */
    static GraphDef threeClasses() {
        return new GraphDef(List.of(
                new NodeDef("input", new Input.Spec(Shape.of(2))),
                new NodeDef("hidden1", new Dense.Spec(8, Activation.TANH), "input"),
                new NodeDef("hidden2", new Dense.Spec(8, Activation.TANH), "hidden1"),
                new NodeDef("output", new Dense.Spec(3, Activation.IDENTITY), "hidden2")));
    }

    /** The source, trained a little on three blobs so its weights are no longer the seed's. */
    static Network pretrained() {
        Network net = Network.build(threeClasses(), 3);
        Dataset blobs = blobs();
        StageRunner.Training t = StageRunner.training(net, blobs, "adam", 0.01f, 16, 3);
        t.stepper().runEpoch();
        return net;
    }

    static Dataset blobs() {
        Dataset points = Generators.generate("gaussians", 90, 0.5, 4);
        int[] labels = new int[points.n()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = points.x()[2 * i] > 0 ? (points.x()[2 * i + 1] > 0 ? 2 : 1) : 0;
        }
        return Dataset.classification("three", Shape.of(2), points.x(), labels, 3);
    }

    static Dataset twoClasses() {
        return Generators.generate("moons", 64, 0.1, 5);
    }

    /** Every parameter of a node, as raw float bits. */
    static List<int[]> bits(Network net, String node) {
        List<int[]> out = new ArrayList<>();
        for (Param p : net.node(node).params()) {
            int[] raw = new int[p.size()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = Float.floatToRawIntBits(p.value()[i]);
            }
            out.add(raw);
        }
        return out;
    }

    static void assertSameBits(List<int[]> expected, List<int[]> actual, String node) {
        assertEquals(expected.size(), actual.size(), node);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), node + " parameter " + i);
        }
    }

    static boolean sameBits(List<int[]> a, List<int[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static Stepper train(FineTune.Prepared prepared, int epochs) {
        StageRunner.Training t = StageRunner.training(prepared.network(), twoClasses(), "adam", 0.05f, 16, 9);
        for (int e = 0; e < epochs; e++) {
            assertTrue(t.stepper().runEpoch(), "training halted");
        }
        return t.stepper();
    }

    @Test
    void fineTuningTheHeadLeavesEveryFrozenWeightBitIdenticalAndMovesTheHead() {
        Network source = pretrained();
        List<int[]> hidden1 = bits(source, "hidden1");
        List<int[]> hidden2 = bits(source, "hidden2");
        FineTune.Prepared prepared = FineTune.prepare(source, FineTune.Plan.linearProbe(2, 21));
        assertEquals(List.of("hidden1", "hidden2"), prepared.frozen());
        assertEquals(List.of(), prepared.trainedBody());
        assertEquals("output", prepared.head());
        assertEquals(2, prepared.network().output().size());
        List<int[]> freshHead = bits(prepared.network(), "output");

        train(prepared, 5);

        assertSameBits(hidden1, bits(prepared.network(), "hidden1"), "hidden1");
        assertSameBits(hidden2, bits(prepared.network(), "hidden2"), "hidden2");
        assertFalse(sameBits(freshHead, bits(prepared.network(), "output")), "the head trained");
        assertSameBits(hidden1, bits(source, "hidden1"), "the source is left untouched");
    }

    @Test
    void partialUnfreezingTrainsTheUnfrozenBodyAtItsOwnRate() {
        Network source = pretrained();
        List<int[]> hidden1 = bits(source, "hidden1");
        List<int[]> hidden2 = bits(source, "hidden2");
        FineTune.Prepared prepared = FineTune.prepare(source,
                new FineTune.Plan(List.of("hidden1"), false, new FineTune.Replace(2), 21));
        assertEquals(List.of("hidden1"), prepared.frozen());
        assertEquals(List.of("hidden2"), prepared.trainedBody());
        StageRunner.Training t = StageRunner.training(prepared.network(), twoClasses(), "adam", 0.05f, 16, 9);
        prepared.applyBodyRate(t.stepper(), 0.05f, 0.005f);
        assertEquals(0.1f, t.stepper().learningRateScale("hidden2"), 1e-7f);
        assertEquals(1f, t.stepper().learningRateScale("output"));
        t.stepper().runEpoch();

        assertSameBits(hidden1, bits(prepared.network(), "hidden1"), "hidden1");
        assertFalse(sameBits(hidden2, bits(prepared.network(), "hidden2")), "the unfrozen hidden2 trained");
    }

    @Test
    void keepingTheHeadCopiesItsTrainedWeights() {
        Network source = pretrained();
        FineTune.Prepared prepared = FineTune.prepare(source,
                new FineTune.Plan(List.of(), true, new FineTune.Keep(), 21));
        assertFalse(prepared.freshHead());
        for (String node : List.of("hidden1", "hidden2", "output")) {
            assertSameBits(bits(source, node), bits(prepared.network(), node), node);
        }
    }

    @Test
    void anAddedHeadReadsTheOldOutputWhichBecomesBody() {
        Network source = pretrained();
        FineTune.Prepared prepared = FineTune.prepare(source, new FineTune.Plan(List.of(), true,
                new FineTune.Add(2), 21));
        assertEquals(FineTune.ADDED_HEAD, prepared.head());
        assertEquals(List.of("hidden1", "hidden2", "output"), prepared.frozen());
        assertEquals(List.of("output"), prepared.network().def().node("head").inputs());
        List<int[]> oldOutput = bits(source, "output");
        train(prepared, 3);
        assertSameBits(oldOutput, bits(prepared.network(), "output"), "output");
    }

    @Test
    void theFreshHeadIsDrawnFromTheSeed() {
        Network source = pretrained();
        List<int[]> a = bits(FineTune.prepare(source, FineTune.Plan.linearProbe(2, 21)).network(), "output");
        List<int[]> b = bits(FineTune.prepare(source, FineTune.Plan.linearProbe(2, 21)).network(), "output");
        List<int[]> c = bits(FineTune.prepare(source, FineTune.Plan.linearProbe(2, 22)).network(), "output");
        assertSameBits(a, b, "same seed");
        assertFalse(sameBits(a, c), "another seed draws another head");
    }

    @Test
    void aFineTunedProjectSavesItsFrozenNodesAndReopensWithTheSameWeights(@TempDir Path dir) throws Exception {
        Network source = pretrained();
        Project base = Project.create("blobs", threeClasses(), DataRef.builtIn("gaussians"),
                TrainingSettings.defaults());
        Project original = new Project("blobs", source.def(), source, base.data(), base.settings(), null, null,
                List.of("x1", "x2"), List.of("a", "b", "c"), List.of(), Map.of());
        FineTune.Prepared prepared = FineTune.prepare(source, FineTune.Plan.linearProbe(2, 21));
        Project tuned = FineTune.project(original, prepared, "moons", DataRef.builtIn("moons"),
                TrainingSettings.defaults(), List.of("0", "1"));
        Path file = dir.resolve("moons.stepwise");
        ProjectFile.save(file, tuned);

        Network reopened = ProjectFile.load(file).project().network();
        assertEquals(List.of("hidden1", "hidden2"), reopened.nodes().stream().filter(n -> n.frozen())
                .map(n -> n.name()).toList());
        for (String node : List.of("hidden1", "hidden2", "output")) {
            assertSameBits(bits(prepared.network(), node), bits(reopened, node), node);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            hidden3 |  2 | There is no node 'hidden3' to freeze; the network has input, hidden1, hidden2, output
            ''      |  0 | A new head needs at least 1 class, not 0
            output  |  2 | The head 'output' is new: freezing it would leave its random weights as they are
            """)
    void aPlanThatCannotWorkIsRefusedWithTheReason(String freeze, int classes, String message) {
        Network source = pretrained();
        FineTune.Plan plan = new FineTune.Plan(freeze == null || freeze.isEmpty() ? List.of() : List.of(freeze),
                false, new FineTune.Replace(classes), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FineTune.prepare(source, plan));
        assertEquals(message, e.getMessage());
    }

    @Test
    void freezingEveryWeightLeavesNothingToTrain() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FineTune.prepare(
                pretrained(), new FineTune.Plan(List.of("output"), true, new FineTune.Keep(), 1)));
        assertEquals("Every node with weights is frozen (hidden1, hidden2, output): nothing is left to train",
                e.getMessage());
    }

    @Test
    void anOutputThatIsNotDenseCannotBeReplacedButCanGetAHead() {
        List<NodeDef> nodes = new ArrayList<>(threeClasses().nodes());
        nodes.add(new NodeDef("act", new ActivationNode.Spec(Activation.TANH), "output"));
        Network source = Network.build(new GraphDef(nodes), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FineTune.prepare(source, FineTune.Plan.linearProbe(2, 1)));
        assertEquals("The output Tanh 'act' is not a dense layer, so it cannot be replaced by one; add a head "
                + "on top of it instead", e.getMessage());
        assertEquals("head", FineTune.prepare(source, new FineTune.Plan(List.of(), true, new FineTune.Add(2), 1))
                .head());
    }
}
