// Golden tests: small networks against PyTorch: output, loss, ∂L/∂x and every parameter gradient, one line each.
//
// The fixtures come from src/test/resources/golden/make_golden.py (which this test never runs); the graphs are
// built here under the fixtures' node names. The criterion, in assertClose, is also what the script checks float32
// PyTorch against, so Stepwise is held to what PyTorch itself achieves.
package org.stepwise.core.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;
import org.stepwise.core.golden.GoldenFixture.Tensor;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.ActivationNode;
import org.stepwise.core.layers.Add;
import org.stepwise.core.layers.BatchNorm;
import org.stepwise.core.layers.Concat;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Flatten;
import org.stepwise.core.layers.Input;
import org.stepwise.core.layers.MaxPool2D;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.Loss;
import org.stepwise.core.train.Losses;

class GoldenTest {

    /** Allowed error relative to the expected value… */
    static final double RTOL = 1e-4;
    /**
     * …but never relative to less than this fraction of the tensor's largest magnitude: an element that is a float32
     * sum cancelling down to almost nothing carries the rounding of its large terms, not of its small result.
     */
    static final double FLOOR = 1e-2;
    /**
     * Differences below this always pass: about float32's epsilon, the rounding that sums of the order-one terms
     * of these fixtures carry. A bias gradient that batch norm makes exactly zero in theory comes out near 1e-8.
     */
    static final double ATOL = 1e-7;

    @Test
    void mlpWithTanhAndReluUnderCrossEntropyMatchesPyTorch() {
        assertMatchesGolden("mlp");
    }

    @Test
    void convNetWithPaddingStrideAndAnOverhangingPoolMatchesPyTorch() {
        assertMatchesGolden("conv");
    }

    @Test
    void residualAddUnderMeanSquaredErrorMatchesPyTorch() {
        assertMatchesGolden("residual");
    }

    @Test
    void geluSigmoidAndLeakyReluUnderBinaryCrossEntropyMatchPyTorch() {
        assertMatchesGolden("activations");
    }

    @Test
    void batchNormInTrainingAndInferenceBesideAConcatAndAnOverlappingPoolMatchesPyTorch() {
        assertMatchesGolden("batchnorm");
    }

    // Without dropout or batch norm the training flag must change nothing, bit for bit.
    @ParameterizedTest
    @ValueSource(strings = {"mlp", "conv", "residual", "activations"})
    void inferenceForwardEqualsTrainingForward(String name) {
        GoldenFixture f = GoldenFixture.load(name);
        Network net = loaded(f);
        int n = f.batch().rows() * net.output().size();
        float[] inference = Arrays.copyOf(net.predict(f.batch().x(), f.batch().rows()), n);
        net.forward(true);
        assertArrayEquals(inference, Arrays.copyOf(net.output().output(), n));
    }

    @Test
    void theCriterionAcceptsOnePartInTwentyThousandAndRejectsOnePartInFiveThousand() {
        Tensor grad = GoldenFixture.load("mlp").grads().get("hidden1.weight");
        int largest = IntStream.range(0, grad.data().length)
                .reduce((a, b) -> Math.abs(grad.data()[a]) >= Math.abs(grad.data()[b]) ? a : b).orElseThrow();
        float[] near = grad.data().clone();
        near[largest] *= 1 + 5e-5f;
        assertClose("near", grad, near);
        float[] off = grad.data().clone();
        off[largest] *= 1 + 2e-4f;
        assertThrows(AssertionFailedError.class, () -> assertClose("off", grad, off));
    }

    // ---- the helper -----------------------------------------------------------------------------------------

    /**
     * Builds the case's graph, loads PyTorch's weights, runs one training-mode forward and backward on the
     * fixture's batch and compares output, loss, ∂L/∂x and every parameter gradient; then the running statistics
     * that step left and the inference-mode output that follows it.
     */
    static void assertMatchesGolden(String name) {
        GoldenFixture f = GoldenFixture.load(name);
        Network net = loaded(f);
        Loss loss = Losses.parse(f.loss());
        int rows = f.batch().rows();
        Node out = net.output();
        net.setInputGradient(true);
        net.load(f.batch().x(), rows);
        net.forward(true);
        float value = loss.value(net.kernels(), out.output(), f.batch(), out.size());
        net.zeroGradients();
        loss.gradient(net.kernels(), out.output(), f.batch(), out.size(), out.gradOutput());
        net.backward();

        assertClose(name + " output", f.output(), withBatch(rows, out.shape()), out.output());
        assertClose(name + " loss", new Tensor(new int[] {1}, new float[] {f.lossValue()}), new float[] {value});
        assertClose(name + " ∂L/∂x", f.inputGrad(), withBatch(rows, net.input().shape()), net.input().gradOutput());
        for (Node node : net.nodes()) {
            for (Param p : node.params()) {
                String key = node.name() + "." + p.name();
                Tensor expected = f.grads().get(key);
                assertTrue(expected != null, () -> name + " has no gradient for " + key);
                assertClose(name + " ∂L/∂" + key, expected, p.shape().dims(), p.grad());
            }
        }
        f.state().forEach((key, expected) -> assertClose(name + " " + key, expected, runningStatistic(net, key)));
        assertClose(name + " inference output", f.inferenceOutput(), withBatch(rows, out.shape()),
                net.predict(f.batch().x(), rows));
    }

    /** "bn1.running_mean" or "bn1.running_var", live. */
    private static float[] runningStatistic(Network net, String key) {
        int dot = key.lastIndexOf('.');
        BatchNorm bn = (BatchNorm) net.node(key.substring(0, dot));
        return switch (key.substring(dot + 1)) {
            case "running_mean" -> bn.runningMean();
            case "running_var" -> bn.runningVar();
            default -> throw new IllegalArgumentException("No running statistic " + key);
        };
    }

    /** The case's network with PyTorch's weights in place; every parameter must have exactly one fixture entry. */
    private static Network loaded(GoldenFixture f) {
        Network net = Network.build(graph(f.name()), 0);
        Set<String> unused = new LinkedHashSet<>(f.params().keySet());
        for (Node node : net.nodes()) {
            for (Param p : node.params()) {
                String key = node.name() + "." + p.name();
                Tensor t = f.params().get(key);
                assertTrue(t != null, () -> f.name() + " has no value for " + key + "; it has " + f.params().keySet());
                assertArrayEquals(t.shape(), p.shape().dims(), () -> f.name() + " " + key + ": layout differs");
                System.arraycopy(t.data(), 0, p.value(), 0, p.size());
                unused.remove(key);
            }
        }
        assertTrue(unused.isEmpty(), () -> f.name() + " has weights the graph does not use: " + unused);
        return net;
    }

    private static int[] withBatch(int rows, Shape shape) {
        int[] dims = new int[shape.rank() + 1];
        dims[0] = rows;
        System.arraycopy(shape.dims(), 0, dims, 1, shape.rank());
        return dims;
    }

    private static void assertClose(String what, Tensor expected, int[] shape, float[] actual) {
        assertArrayEquals(expected.shape(), shape, () -> what + ": shape differs");
        assertClose(what, expected, actual);
    }

    /** |a − b| ≤ max(RTOL · max(|b|, FLOOR · max|b|), ATOL) per element; actual may be longer (a live buffer). */
    static void assertClose(String what, Tensor expected, float[] actual) {
        float[] b = expected.data();
        double scale = 0;
        for (float v : b) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < b.length; i++) {
            double allowed = Math.max(RTOL * Math.max(Math.abs(b[i]), FLOOR * scale), ATOL);
            if (!(Math.abs(actual[i] - (double) b[i]) <= allowed)) {
                fail(String.format("%s differs from PyTorch at flat index %d of %s: %s instead of %s (allowed ±%.3g)",
                        what, i, Arrays.toString(expected.shape()), actual[i], b[i], allowed));
            }
        }
    }

    // ---- the cases, as make_golden.py builds them in PyTorch ------------------------------------------------

    private static GraphDef graph(String name) {
        return new GraphDef(switch (name) {
            case "mlp" -> List.of(
                    new NodeDef("in", new Input.Spec(Shape.of(6))),
                    new NodeDef("hidden1", new Dense.Spec(16, Activation.TANH), "in"),
                    new NodeDef("hidden2", new Dense.Spec(12, Activation.RELU), "hidden1"),
                    new NodeDef("out", new Dense.Spec(5, Activation.IDENTITY), "hidden2"));
            case "conv" -> List.of(
                    new NodeDef("in", new Input.Spec(Shape.of(2, 9, 9))),
                    new NodeDef("conv1", new Conv2D.Spec(3, 3, 1, 1, Activation.RELU), "in"),
                    new NodeDef("pool1", new MaxPool2D.Spec(2, 2), "conv1"),
                    new NodeDef("conv2", new Conv2D.Spec(4, 3, 2, 1, Activation.TANH), "pool1"),
                    new NodeDef("flatten", new Flatten.Spec(), "conv2"),
                    new NodeDef("out", new Dense.Spec(3, Activation.IDENTITY), "flatten"));
            case "residual" -> List.of(
                    new NodeDef("in", new Input.Spec(Shape.of(4))),
                    new NodeDef("stem", new Dense.Spec(8, Activation.RELU), "in"),
                    new NodeDef("body1", new Dense.Spec(8, Activation.RELU), "stem"),
                    new NodeDef("body2", new Dense.Spec(8, Activation.IDENTITY), "body1"),
                    new NodeDef("add", new Add.Spec(), "stem", "body2"),
                    new NodeDef("relu", new ActivationNode.Spec(Activation.RELU), "add"),
                    new NodeDef("out", new Dense.Spec(1, Activation.IDENTITY), "relu"));
            case "activations" -> List.of(
                    new NodeDef("in", new Input.Spec(Shape.of(5))),
                    new NodeDef("hidden1", new Dense.Spec(7, Activation.GELU), "in"),
                    new NodeDef("hidden2", new Dense.Spec(6, Activation.SIGMOID), "hidden1"),
                    new NodeDef("hidden3", new Dense.Spec(6, Activation.IDENTITY), "hidden2"),
                    new NodeDef("leaky", new ActivationNode.Spec(Activation.LEAKY_RELU), "hidden3"),
                    new NodeDef("out", new Dense.Spec(3, Activation.IDENTITY), "leaky"));
            case "batchnorm" -> List.of(
                    new NodeDef("in", new Input.Spec(Shape.of(2, 6, 6))),
                    new NodeDef("conv_a", new Conv2D.Spec(3, 3, 1, 1, Activation.IDENTITY), "in"),
                    new NodeDef("bn_a", new BatchNorm.Spec(0.3f, 1e-3f), "conv_a"),
                    new NodeDef("relu_a", new ActivationNode.Spec(Activation.RELU), "bn_a"),
                    new NodeDef("conv_b", new Conv2D.Spec(2, 1, 1, 0, Activation.RELU), "in"),
                    new NodeDef("cat", new Concat.Spec(), "relu_a", "conv_b"),
                    new NodeDef("pool", new MaxPool2D.Spec(3, 2), "cat"),
                    new NodeDef("flatten", new Flatten.Spec(), "pool"),
                    new NodeDef("fc", new Dense.Spec(6, Activation.IDENTITY), "flatten"),
                    new NodeDef("bn_fc", new BatchNorm.Spec(0.1f, 1e-5f), "fc"),
                    new NodeDef("tanh", new ActivationNode.Spec(Activation.TANH), "bn_fc"),
                    new NodeDef("out", new Dense.Spec(3, Activation.IDENTITY), "tanh"));
            default -> throw new IllegalArgumentException("No golden case '" + name + "'");
        });
    }
}
