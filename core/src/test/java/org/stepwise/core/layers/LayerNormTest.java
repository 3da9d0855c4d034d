// LayerNorm: values by hand, PyTorch's forward and backward on a fixed input, gradients against central
// differences, and the JSON and project-file round trips.
package org.stepwise.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.stepwise.core.layers.GradientChecks.assertGradcheck;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.io.ModelReader;
import org.stepwise.core.io.ModelWriter;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.tensor.Shape;

class LayerNormTest {

    private static final float EPS = 1e-5f;

    @TempDir
    Path dir;

    private static Network layerNorm(Shape shape) {
        return Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(shape)),
                new NodeDef("ln", new LayerNorm.Spec(), "in"))), 1);
    }

    private static float norm(double x, double mean, double var) {
        return (float) ((x - mean) / Math.sqrt(var + EPS));
    }

    @Test
    void eachSampleIsNormalisedOverItsOwnFeatures() {
        Network net = layerNorm(Shape.of(4));
        LayerNorm ln = (LayerNorm) net.node("ln");
        System.arraycopy(new float[] {1, 2, 1, 1}, 0, ln.gamma().value(), 0, 4);
        System.arraycopy(new float[] {0, 0, 0.5f, 0}, 0, ln.beta().value(), 0, 4);
        // Sample 0 is 1, 2, 3, 4: mean 2.5, variance 1.25. Sample 1 is 10, 10, 10, 14: mean 11, variance 3.
        float[] x = {1, 2, 3, 4, 10, 10, 10, 14};
        net.load(x, 2);
        net.forward(true);
        float[] y = Arrays.copyOf(net.output().output(), 8);
        assertArrayEquals(new float[] {
            norm(1, 2.5, 1.25), 2 * norm(2, 2.5, 1.25), norm(3, 2.5, 1.25) + 0.5f, norm(4, 2.5, 1.25),
            norm(10, 11, 3), 2 * norm(10, 11, 3), norm(10, 11, 3) + 0.5f, norm(14, 11, 3),
        }, y, 1e-6f);
        // No running statistics: inference gives the same numbers.
        net.load(x, 2);
        net.forward(false);
        assertArrayEquals(y, Arrays.copyOf(net.output().output(), 8));
    }

    @Test
    void anImageIsNormalisedOverItsLastDimensionWithParametersOfThatSize() {
        Network net = layerNorm(Shape.of(1, 2, 2));
        LayerNorm ln = (LayerNorm) net.node("ln");
        assertEquals(Shape.of(2), ln.gamma().shape());
        assertEquals(Shape.of(2), ln.beta().shape());
        assertEquals(List.of("weight", "bias"), ln.params().stream().map(p -> p.name()).toList());
        assertFalse(ln.gamma().isWeight() || ln.beta().isWeight());
        assertArrayEquals(new float[] {1, 1}, ln.gamma().value());
        assertArrayEquals(new float[] {0, 0}, ln.beta().value());
        assertEquals(List.of(), ln.state());
        // Rows 1, 3 and 5, 5: the first becomes −1, 1 (variance 1), the second 0, 0.
        net.load(new float[] {1, 3, 5, 5}, 1);
        net.forward(true);
        assertArrayEquals(new float[] {norm(1, 2, 1), norm(3, 2, 1), 0, 0},
                Arrays.copyOf(net.output().output(), 4), 1e-6f);
    }

    // Golden numbers from PyTorch 2 (float32):
    //   ln = torch.nn.LayerNorm(4)
    //   ln.weight = [1.5, -0.5, 2.0, 1.0]; ln.bias = [0.1, 0.2, -0.3, 0.0]
    //   x = [[1, 2, 4, -1], [0.5, 0.5, 3, -2]] (requires_grad)
    //   y = ln(x); y.backward([[0.3, -1, 0.5, 2], [1, 0.25, -0.75, 0.5]])
    //   print(y, x.grad, ln.weight.grad, ln.bias.grad)
    @Test
    void forwardAndBackwardMatchPyTorch() {
        Network net = layerNorm(Shape.of(4));
        LayerNorm ln = (LayerNorm) net.node("ln");
        System.arraycopy(new float[] {1.5f, -0.5f, 2.0f, 1.0f}, 0, ln.gamma().value(), 0, 4);
        System.arraycopy(new float[] {0.1f, 0.2f, -0.3f, 0.0f}, 0, ln.beta().value(), 0, 4);
        net.setInputGradient(true);
        net.load(new float[] {1, 2, 4, -1, 0.5f, 0.5f, 3, -2}, 2);
        net.forward(true);
        assertArrayEquals(new float[] {
            -0.31602448f, 0.06132515f, 2.47349691f, -1.38674831f,
            0.10000005f, 0.19999999f, 2.52842259f, -1.41421127f,
        }, Arrays.copyOf(net.output().output(), 8), 1e-5f);
        net.zeroGradients();
        System.arraycopy(new float[] {0.3f, -1, 0.5f, 2, 1, 0.25f, -0.75f, 0.5f}, 0, net.output().gradOutput(), 0, 8);
        net.backward();
        assertArrayEquals(new float[] {
            -0.35095385f, -0.21761298f, 0.27094853f, 0.29761827f,
            0.79549384f, -0.12374347f, -0.33587697f, -0.33587331f,
        }, Arrays.copyOf(net.input().gradOutput(), 8), 1e-5f);
        assertArrayEquals(new float[] {-0.08320487f, -0.27734971f, -0.36728424f, -3.48060226f},
                ln.gamma().grad(), 1e-5f);
        assertArrayEquals(new float[] {1.3f, -0.75f, -0.25f, 2.5f}, ln.beta().grad(), 1e-6f);
    }

    @Test
    void layerNormBetweenDenseLayersPassesTheGradientCheck() {
        assertGradcheck(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(5))),
                new NodeDef("d1", new Dense.Spec(6, Activation.TANH), "in"),
                new NodeDef("ln", new LayerNorm.Spec(), "d1"),
                new NodeDef("d2", new Dense.Spec(3, Activation.TANH), "ln"))), 4, 37);
    }

    @Test
    void layerNormOnTheInputPassesTheGradientCheck() {
        assertGradcheck(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(4))),
                new NodeDef("ln", new LayerNorm.Spec(1e-3f), "in"),
                new NodeDef("d", new Dense.Spec(2, Activation.IDENTITY), "ln"))), 5, 41);
    }

    @Test
    void layerNormOverTheLastDimensionOfAnImagePassesTheGradientCheck() {
        assertGradcheck(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2, 4, 4))),
                new NodeDef("c", new Conv2D.Spec(3, 3, 1, 1, Activation.TANH), "in"),
                new NodeDef("ln", new LayerNorm.Spec(), "c"),
                new NodeDef("c2", new Conv2D.Spec(2, 3, 2, 0, Activation.IDENTITY), "ln"))), 3, 43);
    }

    @Test
    void theGraphFormAndTheLayerListFormRoundTrip() {
        GraphDef graph = new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(3))),
                new NodeDef("norm", new LayerNorm.Spec(1e-3f), "in"),
                new NodeDef("plain", new LayerNorm.Spec(), "norm")));
        graph.validate();
        assertEquals(graph, ModelReader.read(ModelWriter.write(graph), "saved.json"));
        GraphDef read = ModelReader.read("""
                {"nodes": [{"name": "in", "type": "input", "shape": [3]},
                           {"name": "ln", "type": "layernorm", "inputs": ["in"]}]}""", "model.json");
        assertEquals(new LayerNorm.Spec(), read.nodes().get(1).spec());
        GraphDef list = ModelReader.read("""
                {"input": [3], "layers": [{"layernorm": true, "epsilon": 0.001}, {"dense": 2}]}""", "list.json");
        assertEquals(new LayerNorm.Spec(1e-3f), list.nodes().get(1).spec());
    }

    @Test
    void gammaAndBetaSurviveTheProjectFile() throws IOException {
        GraphDef graph = ModelReader.read("""
                {"input": [4], "layers": [{"dense": 6, "act": "relu"}, {"layernorm": true}, {"dense": 3}]}""",
                "n.json");
        Project p = Project.create("ln", graph, null, TrainingSettings.defaults());
        LayerNorm ln = (LayerNorm) p.network().nodes().stream().filter(n -> n instanceof LayerNorm)
                .findFirst().orElseThrow();
        float[] gamma = {0.5f, 1.5f, -2f, 1f, 3f, 0.25f};
        float[] beta = {0.1f, -0.2f, 0.3f, 0f, 0.4f, -0.5f};
        System.arraycopy(gamma, 0, ln.gamma().value(), 0, 6);
        System.arraycopy(beta, 0, ln.beta().value(), 0, 6);
        Path file = dir.resolve("ln.stepwise");
        ProjectFile.save(file, p);
        Project back = ProjectFile.load(file).project();
        assertEquals(p.graph(), back.graph());
        LayerNorm loaded = (LayerNorm) back.network().node(ln.name());
        assertArrayEquals(gamma, loaded.gamma().value());
        assertArrayEquals(beta, loaded.beta().value());
    }
}
