// The tiny GPT against PyTorch (gpt.json, written by make_gpt_golden.py): logits, loss, every parameter's gradient,
// each head's attention weights and the residual stream's norm, for a 2-block, 2-head model; and one attention node
// alone, with its input gradient, against nn.MultiheadAttention.
package org.stepwise.core.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stepwise.core.golden.GoldenFixture.Tensor;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.layers.Input;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.Batch;
import org.stepwise.core.train.SoftmaxCrossEntropy;

class GptGoldenTest {

    private static JsonNode root;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = GptGoldenTest.class.getResourceAsStream("/golden/gpt.json")) {
            root = new ObjectMapper().readTree(in);
        }
    }

    private static int[] flat(JsonNode rows) {
        return java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                .flatMap(r -> java.util.stream.StreamSupport.stream(r.spliterator(), false))
                .mapToInt(JsonNode::asInt).toArray();
    }

    /** Copies every fixture parameter into the network; each of the network's parameters must have exactly one. */
    private static void load(Network net, Map<String, Tensor> params) {
        Set<String> unused = new LinkedHashSet<>(params.keySet());
        for (Node node : net.nodes()) {
            for (Param p : node.params()) {
                String key = node.name() + "." + p.name();
                Tensor t = params.get(key);
                assertTrue(t != null, () -> "no fixture value for " + key);
                assertArrayEquals(t.shape(), p.shape().dims(), () -> key + ": layout differs");
                System.arraycopy(t.data(), 0, p.value(), 0, p.size());
                unused.remove(key);
            }
        }
        assertTrue(unused.isEmpty(), () -> "fixture weights the graph does not use: " + unused);
    }

    @Test
    void aTwoBlockGptMatchesPyTorchInLogitsLossGradientsAndAttention() {
        JsonNode c = root.get("config");
        GptConfig config = new GptConfig(c.get("vocab").asInt(), c.get("context").asInt(), c.get("dim").asInt(),
                c.get("heads").asInt(), c.get("layers").asInt(), c.get("hidden").asInt());
        int rows = c.get("batch").asInt();
        Network net = Network.build(config.graph(), 0);
        load(net, GoldenFixture.tensors(root.get("params")));
        int[] tokens = flat(root.get("tokens"));
        float[] x = new float[tokens.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = tokens[i];
        }
        Batch batch = new Batch(x, flat(root.get("targets")), null, rows, config.context());
        JsonNode expected = root.get("expected");

        net.load(batch.x(), rows);
        net.forward(true);
        GoldenTest.assertClose("logits", GoldenFixture.tensor(expected.get("logits")), net.output().output());
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        float value = loss.value(net.kernels(), net.output().output(), batch, net.output().size());
        assertEquals(expected.get("loss").floatValue(), value, 1e-5f);
        net.zeroGradients();
        loss.gradient(net.kernels(), net.output().output(), batch, net.output().size(), net.output().gradOutput());
        net.backward();

        Map<String, Tensor> grads = GoldenFixture.tensors(expected.get("grads"));
        for (Node node : net.nodes()) {
            for (Param p : node.params()) {
                String key = node.name() + "." + p.name();
                GoldenTest.assertClose("∂L/∂" + key, grads.get(key), p.grad());
            }
        }
        for (int block = 0; block < config.layers(); block++) {
            String name = GptConfig.blockNode(block, "attn");
            GoldenTest.assertClose(name + " attention",
                    GoldenFixture.tensor(expected.get("attention").get(name)),
                    ((CausalSelfAttention) net.node(name)).attentionWeights());
            String stream = GptConfig.blockNode(block, "add2");
            assertEquals(expected.get("residual_norm").get(stream).asDouble(),
                    meanRowNorm(net.node(stream).output(), rows * config.context(), config.dim()), 1e-4);
        }
    }

    private static double meanRowNorm(float[] values, int rows, int width) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double squares = 0;
            for (int j = 0; j < width; j++) {
                squares += (double) values[r * width + j] * values[r * width + j];
            }
            total += Math.sqrt(squares);
        }
        return total / rows;
    }

    @Test
    void oneAttentionNodeMatchesMultiheadAttentionWithACausalMask() {
        JsonNode a = root.get("attention_only");
        JsonNode c = a.get("config");
        int rows = c.get("batch").asInt();
        int t = c.get("context").asInt();
        int dim = c.get("dim").asInt();
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("x", new Input.Spec(Shape.of(t, dim))),
                new NodeDef("attn", new CausalSelfAttention.Spec(c.get("heads").asInt()), "x"))), 0);
        load(net, GoldenFixture.tensors(a.get("params")));
        net.setInputGradient(true);
        net.load(GoldenFixture.tensor(a.get("x")).data(), rows);
        net.forward(true);
        JsonNode expected = a.get("expected");
        GoldenTest.assertClose("output", GoldenFixture.tensor(expected.get("output")), net.output().output());
        GoldenTest.assertClose("attention", GoldenFixture.tensor(expected.get("attention")),
                ((CausalSelfAttention) net.node("attn")).attentionWeights());
        // loss = Σ output · upstream, so ∂loss/∂output = upstream
        net.zeroGradients();
        float[] upstream = GoldenFixture.tensor(a.get("upstream")).data();
        System.arraycopy(upstream, 0, net.output().gradOutput(), 0, upstream.length);
        net.backward();
        GoldenTest.assertClose("∂L/∂x", GoldenFixture.tensor(expected.get("input_grad")), net.input().gradOutput());
        Map<String, Tensor> grads = GoldenFixture.tensors(expected.get("grads"));
        for (Param p : net.node("attn").params()) {
            GoldenTest.assertClose("∂L/∂" + p.name(), grads.get("attn." + p.name()), p.grad());
        }
    }
}
