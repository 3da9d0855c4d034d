// End-to-end convergence: small, seeded training runs through the stepper must reach known accuracies on real data.
//
// The unit tests check each node against a reference; these check that the pieces add up to something that learns.
// Every run is fixed by its seeds, but the numbers are not the same everywhere: vector and scalar kernels round
// differently, and the vector kernels' exp/tanh and lane sums round differently before and after the JIT compiles
// them, so a result can depend on which tests ran first. Each threshold keeps a margin below what either reaches.
package org.stepwise.core.convergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.History;
import org.stepwise.core.eval.TrainingResult;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.io.Templates;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Flatten;
import org.stepwise.core.layers.Input;
import org.stepwise.core.layers.MaxPool2D;
import org.stepwise.core.optim.Adam;
import org.stepwise.core.optim.ConstantSchedule;
import org.stepwise.core.optim.CosineSchedule;
import org.stepwise.core.optim.Schedule;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.Session;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.stepper.Stepper;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.BinaryCrossEntropyWithLogits;
import org.stepwise.core.train.Loss;
import org.stepwise.core.train.SoftmaxCrossEntropy;

class ConvergenceTest {
    /** Prediction in slices of this many rows, so evaluating never grows the buffers far past a training batch. */
    private static final int EVAL_ROWS = 256;

    @Test
    void xorIsLearnedPerfectlyByOneTanhHiddenLayer() {
        float[] x = {0, 0, 0, 1, 1, 0, 1, 1};
        float[] y = {0, 1, 1, 0};
        Dataset xor = Dataset.regression("xor", Shape.of(2), x, y, 4);
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2))),
                new NodeDef("hidden", new Dense.Spec(8, Activation.TANH), "in"),
                new NodeDef("logit", new Dense.Spec(1, Activation.IDENTITY), "hidden"))), 1);
        train(net, xor, 4, new BinaryCrossEntropyWithLogits(), 0.05f, 300, 1);

        float[] logits = net.predict(x, 4);
        int correct = 0;
        for (int i = 0; i < 4; i++) {
            correct += (logits[i] > 0) == (y[i] > 0.5f) ? 1 : 0;
        }
        assertEquals(4, correct, "XOR train accuracy is " + correct + "/4");
    }

    @Test
    void twoArmSpiralReachesNinetyFivePercentTrainAccuracy() {
        Dataset spiral = spiral(400, 0.25, 7);
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2))),
                new NodeDef("hidden1", new Dense.Spec(32, Activation.TANH), "in"),
                new NodeDef("hidden2", new Dense.Spec(32, Activation.TANH), "hidden1"),
                new NodeDef("logits", new Dense.Spec(2, Activation.IDENTITY), "hidden2"))), 2);
        train(net, spiral, 32, new SoftmaxCrossEntropy(), 0.01f, 300, 2);

        double accuracy = accuracy(net, spiral);
        assertTrue(accuracy >= 0.95, "Spiral train accuracy is " + percent(accuracy));
    }

    /**
     * The studio's default project as TensorFlow Playground sets it up: the built-in spiral, 2 → 8 tanh → 8 tanh → 1
     * logit, Adam at 0.03 in batches of 16, through the same session the studio trains. Seeds 1 to 6 first pass 90%
     * between epochs 67 and 150 and end above 94% after 250.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void defaultSpiralProjectWithOneLogitReachesNinetyPercentTrainAccuracy(long seed) throws IOException {
        TrainingSettings settings = TrainingSettings.defaults().withLearningRate(0.03f).withBatchSize(16)
                .withSeeds(seed, seed);
        Session session = Session.open(Project.create("spiral", Templates.find("mlp-2-8-8-1").orElseThrow().graph(),
                DataRef.builtIn("spiral"), settings), 0);
        assertEquals("bce_with_logits", session.loss().id());
        TrainingResult result = session.train(250);
        assertNull(result.halt(), () -> "Training halted: " + result.halt());

        List<History.Epoch> epochs = result.history().epochs();
        double accuracy = ((ClassificationMetrics) epochs.get(epochs.size() - 1).train()).accuracy();
        assertTrue(accuracy >= 0.9, "Spiral train accuracy after 250 epochs is " + percent(accuracy));
    }

    @Test
    void irisReachesNinetyFivePercentValidationAccuracy() {
        TestData.Split split = TestData.standardized(TestData.stratified(TestData.csv("iris.csv"), 0.2, 3));
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(4))),
                new NodeDef("hidden", new Dense.Spec(16, Activation.TANH), "in"),
                new NodeDef("logits", new Dense.Spec(3, Activation.IDENTITY), "hidden"))), 3);
        train(net, split.train(), 16, new SoftmaxCrossEntropy(), 0.01f, 100, 3);

        double accuracy = accuracy(net, split.test());
        assertTrue(accuracy >= 0.95, "Iris validation accuracy is " + percent(accuracy) + " of "
                + split.test().n());
    }

    @Test
    void digitsEightByEightReachNinetyFivePercentTestAccuracy() {
        TestData.Split split = TestData.scaled(TestData.stratified(TestData.csv("digits_8x8.csv.gz"), 0.2, 4),
                1f / 16);
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(64))),
                new NodeDef("hidden", new Dense.Spec(64, Activation.RELU), "in"),
                new NodeDef("logits", new Dense.Spec(10, Activation.IDENTITY), "hidden"))), 4);
        train(net, split.train(), 32, new SoftmaxCrossEntropy(), 0.003f, 30, 4);

        double accuracy = accuracy(net, split.test());
        assertTrue(accuracy >= 0.95, "Digits test accuracy is " + percent(accuracy) + " of " + split.test().n());
    }

    @Test
    void leNetOnAFashionMnistSubsetReachesEightyPercentTestAccuracy() {
        // The first 5,000 training and 1,000 test images of the bundled subset keep the test to seconds.
        Dataset train = first(TestData.idx("fashion-mnist-small/train-images-idx3-ubyte.gz",
                "fashion-mnist-small/train-labels-idx1-ubyte.gz", 10), 5_000);
        Dataset test = first(TestData.idx("fashion-mnist-small/t10k-images-idx3-ubyte.gz",
                "fashion-mnist-small/t10k-labels-idx1-ubyte.gz", 10), 1_000);
        // LeNet-5 as in the peer benchmark: conv5×5×6 (same) → pool → conv5×5×16 → pool → 120 → 84 → 10.
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(1, 28, 28))),
                new NodeDef("conv1", new Conv2D.Spec(6, 5, 1, 2, Activation.RELU), "in"),
                new NodeDef("pool1", new MaxPool2D.Spec(2, 2), "conv1"),
                new NodeDef("conv2", new Conv2D.Spec(16, 5, 1, 0, Activation.RELU), "pool1"),
                new NodeDef("pool2", new MaxPool2D.Spec(2, 2), "conv2"),
                new NodeDef("flatten", new Flatten.Spec(), "pool2"),
                new NodeDef("fc1", new Dense.Spec(120, Activation.RELU), "flatten"),
                new NodeDef("fc2", new Dense.Spec(84, Activation.RELU), "fc1"),
                new NodeDef("logits", new Dense.Spec(10, Activation.IDENTITY), "fc2"))), 5);
        // Cosine decay settles the weights by the last batch; at a constant rate the test accuracy swings by ±2%
        // from epoch to epoch on a subset this small.
        train(net, train, 32, new SoftmaxCrossEntropy(), 0.003f, 3, 5, true);

        double accuracy = accuracy(net, test);
        assertTrue(accuracy >= 0.80, "Fashion-MNIST test accuracy is " + percent(accuracy) + " of " + test.n());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void train(Network net, Dataset data, int batchSize, Loss loss, float learningRate, int epochs,
                              long seed) {
        train(net, data, batchSize, loss, learningRate, epochs, seed, false);
    }

    /** Adam through the stepper for whole epochs; {@code cosine} decays the rate to 0 over the run. */
    private static void train(Network net, Dataset data, int batchSize, Loss loss, float learningRate, int epochs,
                              long seed, boolean cosine) {
        Batcher batcher = new Batcher(data, batchSize, seed, true);
        Schedule schedule = cosine ? new CosineSchedule((long) epochs * batcher.batchesPerEpoch(), 0f)
                : new ConstantSchedule();
        Stepper stepper = new Stepper(net, batcher, loss, new Adam(net.params(), net.kernels()), schedule,
                Stepper.Settings.of(learningRate).withoutHistory());
        for (int e = 0; e < epochs; e++) {
            assertTrue(stepper.runEpoch(), () -> "Training halted: " + stepper.halt());
        }
    }

    /** The fraction of samples whose largest logit is their label. */
    private static double accuracy(Network net, Dataset data) {
        int f = data.features();
        int classes = net.output().size();
        int correct = 0;
        int[] predicted = new int[EVAL_ROWS];
        float[] slice = new float[EVAL_ROWS * f];
        for (int start = 0; start < data.n(); start += EVAL_ROWS) {
            int rows = Math.min(EVAL_ROWS, data.n() - start);
            System.arraycopy(data.x(), start * f, slice, 0, rows * f);
            net.kernels().argmaxRows(net.predict(slice, rows), rows, classes, predicted);
            for (int r = 0; r < rows; r++) {
                correct += predicted[r] == data.labels()[start + r] ? 1 : 0;
            }
        }
        return (double) correct / data.n();
    }

    /**
     * The TensorFlow Playground spiral: two arms, each a point per step along a radius growing to 5 while the angle
     * turns 1.75 times around, the second arm rotated by π; uniform noise of ±{@code noise} on each coordinate.
     * The coordinates keep the Playground's scale on purpose: squeezed into [-1, 1], the arms turn too fast for a
     * Glorot-initialised tanh net, which then stalls near 60% (a NumPy twin of this test does the same).
     */
    static Dataset spiral(int n, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 2];
        int[] labels = new int[n];
        int perArm = n / 2;
        for (int i = 0; i < n; i++) {
            int arm = i / perArm;
            double step = (double) (i % perArm) / perArm;
            double r = 5 * step;
            double t = 1.75 * step * 2 * Math.PI + arm * Math.PI;
            x[2 * i] = (float) (r * Math.sin(t) + noise * (2 * random.nextDouble() - 1));
            x[2 * i + 1] = (float) (r * Math.cos(t) + noise * (2 * random.nextDouble() - 1));
            labels[i] = arm;
        }
        return Dataset.classification("spiral", Shape.of(2), x, labels, 2);
    }

    private static String percent(double fraction) {
        return String.format("%.1f%%", 100 * fraction);
    }

    private static Dataset first(Dataset data, int n) {
        return data.subset(data.name(), java.util.stream.IntStream.range(0, n).toArray());
    }
}
