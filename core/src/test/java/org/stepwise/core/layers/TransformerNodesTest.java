// The Transformer's nodes: token and positional embeddings, causal self-attention, the feed-forward block and the LM
// head. Values by hand, gradient checks with weights drawn large enough to matter, causality, and the JSON forms.
package org.stepwise.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stepwise.core.layers.GradientChecks.assertGradcheck;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;
import org.stepwise.core.io.ModelReader;
import org.stepwise.core.io.ModelWriter;
import org.stepwise.core.kernels.Kernels;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.Batch;
import org.stepwise.core.train.GradientCheck;
import org.stepwise.core.train.MeanSquaredError;
import org.stepwise.core.train.SoftmaxCrossEntropy;

class TransformerNodesTest {

    /** Redraws every parameter in ±0.5 (LayerNorm scales around 1), so that every path carries a real gradient. */
    static void scramble(Network net, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Node n : net.nodes()) {
            for (Param p : n.params()) {
                float base = n instanceof LayerNorm && p.name().equals("weight") ? 1f : 0f;
                float[] v = p.value();
                for (int i = 0; i < v.length; i++) {
                    v[i] = base + (float) (random.nextDouble() - 0.5);
                }
            }
        }
    }

    private static Network sequenceNet(int positions, int dim, NodeDef... body) {
        List<NodeDef> nodes = new java.util.ArrayList<>();
        nodes.add(new NodeDef("in", new Input.Spec(Shape.of(positions, dim))));
        nodes.addAll(List.of(body));
        Network net = Network.build(new GraphDef(nodes), 5, Kernels.active());
        scramble(net, 11);
        return net;
    }

    private static Batch randomRegression(Network net, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * net.input().size()];
        float[] y = new float[rows * net.output().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return Batch.regression(x, y, rows);
    }

    /** Token ids as floats, and the next-token labels, for a GPT's batch. */
    private static Batch tokens(int rows, int positions, int vocabulary, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * positions];
        int[] labels = new int[rows * positions];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(vocabulary);
            labels[i] = random.nextInt(vocabulary);
        }
        return new Batch(x, labels, null, rows, positions);
    }

    // ---- attention -------------------------------------------------------------------------------------------

    @Test
    void oneHeadWithIdentityProjectionsMixesTheValuesItAttendsTo() {
        // Width 2, one head, W_q = W_k = W_v = W_o = I and no biases: position 1 scores itself x1·x1 and position 0
        // x1·x0, each divided by √2, and outputs the softmax mixture of x0 and x1.
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2, 2))),
                new NodeDef("attn", new CausalSelfAttention.Spec(1), "in"))), 1, Kernels.active());
        CausalSelfAttention attn = (CausalSelfAttention) net.node("attn");
        float[] in = attn.inProjectionWeight().value();
        Arrays.fill(in, 0f);
        for (int block = 0; block < 3; block++) {
            in[(block * 2) * 2] = 1;
            in[(block * 2 + 1) * 2 + 1] = 1;
        }
        float[] out = attn.outProjectionWeight().value();
        Arrays.fill(out, 0f);
        out[0] = 1;
        out[3] = 1;
        Arrays.fill(attn.inProjectionBias().value(), 0f);
        Arrays.fill(attn.outProjectionBias().value(), 0f);
        net.load(new float[] {1, 0, 1, 2}, 1);
        net.forward(false);
        // Position 1: scores (1·1 + 2·0)/√2 and (1·1 + 2·2)/√2.
        double s0 = 1 / Math.sqrt(2);
        double s1 = 5 / Math.sqrt(2);
        double a0 = Math.exp(s0) / (Math.exp(s0) + Math.exp(s1));
        assertArrayEquals(new float[] {1, 0, (float) a0, (float) (1 - a0)},
                Arrays.copyOf(attn.attentionWeights(), 4), 1e-6f);
        // Position 0 sees only itself; position 1 mixes (1, 0) and (1, 2).
        assertArrayEquals(new float[] {1, 0, 1, (float) (2 * (1 - a0))}, Arrays.copyOf(net.output().output(), 4),
                1e-5f);
    }

    @Test
    void attentionWeightsAreCausalRowsThatSumToOne() {
        Network net = sequenceNet(7, 6, new NodeDef("attn", new CausalSelfAttention.Spec(3), "in"));
        Batch b = randomRegression(net, 2, 3);
        net.load(b.x(), 2);
        net.forward(true);
        float[] a = ((CausalSelfAttention) net.node("attn")).attentionWeights();
        for (int block = 0; block < 2 * 3; block++) {
            for (int i = 0; i < 7; i++) {
                double sum = 0;
                for (int j = 0; j < 7; j++) {
                    float w = a[block * 49 + i * 7 + j];
                    if (j > i) {
                        assertEquals(0f, w, "block " + block + " row " + i + " sees the future at " + j);
                    } else {
                        assertTrue(w > 0f);
                    }
                    sum += w;
                }
                assertEquals(1.0, sum, 1e-5);
            }
        }
    }

    @Test
    void attentionPassesTheGradientCheck() {
        Network net = sequenceNet(5, 6, new NodeDef("attn", new CausalSelfAttention.Spec(2), "in"));
        assertGradcheck(net, new MeanSquaredError(), randomRegression(net, 3, 17));
    }

    @Test
    void attentionWithOneHeadPerFeaturePassesTheGradientCheck() {
        Network net = sequenceNet(4, 3, new NodeDef("attn", new CausalSelfAttention.Spec(3), "in"));
        assertGradcheck(net, new MeanSquaredError(), randomRegression(net, 2, 19));
    }

    @Test
    void attentionRefusesAWidthThatDoesNotSplitIntoItsHeads() {
        GraphDef def = new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(4, 6))),
                new NodeDef("attn", new CausalSelfAttention.Spec(4), "in")));
        assertEquals("Attention 'attn' splits its width 6 into 4 heads, which needs a width divisible by 4",
                def.infer().problems().get(0).message());
        GraphDef flat = new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(6))),
                new NodeDef("attn", new CausalSelfAttention.Spec(2), "in")));
        assertEquals("Attention 'attn' expects a sequence of vectors (positions, width) but receives (6) from 'in'",
                flat.infer().problems().get(0).message());
    }

    // ---- feed-forward, positional embedding, head -----------------------------------------------------------

    @Test
    void feedForwardIsGeluBetweenTwoLinearMapsAtEachPosition() {
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2, 1))),
                new NodeDef("ff", new FeedForward.Spec(1), "in"))), 1, Kernels.active());
        FeedForward ff = (FeedForward) net.node("ff");
        List<Param> p = ff.params();
        p.get(0).value()[0] = 2f;   // fc1 weight
        p.get(1).value()[0] = 0.5f; // fc1 bias
        p.get(2).value()[0] = 3f;   // fc2 weight
        p.get(3).value()[0] = -1f;  // fc2 bias
        net.load(new float[] {1, -1}, 1);
        net.forward(false);
        assertArrayEquals(new float[] {3 * gelu(2.5) - 1, 3 * gelu(-1.5) - 1}, Arrays.copyOf(net.output().output(), 2),
                1e-5f);
    }

    private static float gelu(double x) {
        return (float) (0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
    }

    @Test
    void feedForwardPassesTheGradientCheck() {
        Network net = sequenceNet(3, 4, new NodeDef("ff", new FeedForward.Spec(8), "in"));
        assertGradcheck(net, new MeanSquaredError(), randomRegression(net, 3, 23));
    }

    @Test
    void learnedPositionsAddARowPerPositionAndPassTheGradientCheck() {
        Network net = sequenceNet(3, 2, new NodeDef("pos", new PositionalEmbedding.Spec(5), "in"));
        PositionalEmbedding pos = (PositionalEmbedding) net.node("pos");
        assertEquals(Shape.of(5, 2), pos.params().get(0).shape());
        float[] table = pos.table();
        net.load(new float[] {1, 2, 3, 4, 5, 6}, 1);
        net.forward(false);
        assertArrayEquals(new float[] {1 + table[0], 2 + table[1], 3 + table[2], 4 + table[3], 5 + table[4],
            6 + table[5]}, Arrays.copyOf(net.output().output(), 6), 1e-6f);
        assertGradcheck(net, new MeanSquaredError(), randomRegression(net, 2, 29));
    }

    @Test
    void sinusoidalPositionsAreTheTransformerPaperTableAndHaveNoParameters() {
        float[] pe = PositionalEmbedding.sinusoids(3, 4);
        // t = 2, pair 1 (columns 2 and 3): ω = 10000^(−2/4) = 0.01.
        assertEquals((float) Math.sin(0.02), pe[2 * 4 + 2], 1e-7f);
        assertEquals((float) Math.cos(0.02), pe[2 * 4 + 3], 1e-7f);
        assertEquals((float) Math.sin(2), pe[2 * 4], 1e-7f);
        assertEquals(1f, pe[1], 0f);
        Network net = sequenceNet(3, 4, new NodeDef("pos", new PositionalEmbedding.Spec(3, true), "in"),
                new NodeDef("d", new FeedForward.Spec(2), "pos"));
        assertEquals(List.of(), net.node("pos").params());
        assertGradcheck(net, new MeanSquaredError(), randomRegression(net, 2, 31));
    }

    @Test
    void aSequenceLongerThanThePositionTableIsRefused() {
        GraphDef def = new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(9, 2))),
                new NodeDef("pos", new PositionalEmbedding.Spec(8), "in")));
        assertEquals("Positional embedding 'pos' covers 8 positions but receives 9 from 'in'",
                def.infer().problems().get(0).message());
    }

    @Test
    void theHeadScoresEveryVocabularyTokenAtEachPositionAndPassesTheGradientCheck() {
        Network net = sequenceNet(3, 4, new NodeDef("head", new LanguageModelHead.Spec(5), "in"));
        assertEquals(Shape.of(3, 5), net.output().shape());
        assertGradcheck(net, new MeanSquaredError(), randomRegression(net, 2, 37));
    }

    // ---- token embedding and the whole model ----------------------------------------------------------------

    @Test
    void tokenEmbeddingLooksUpRowsAndCollectsGradientsPerToken() {
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(3))),
                new NodeDef("emb", new TokenEmbedding.Spec(4, 2), "in"))), 1, Kernels.active());
        TokenEmbedding emb = (TokenEmbedding) net.node("emb");
        float[] table = {0, 1, 10, 11, 20, 21, 30, 31};
        System.arraycopy(table, 0, emb.weight().value(), 0, 8);
        net.load(new float[] {2, 0, 2}, 1);
        net.forward(true);
        assertArrayEquals(new float[] {20, 21, 0, 1, 20, 21}, Arrays.copyOf(net.output().output(), 6));
        net.zeroGradients();
        System.arraycopy(new float[] {1, 2, 3, 4, 5, 6}, 0, net.output().gradOutput(), 0, 6);
        net.backward();
        // Token 2 appears at positions 0 and 2: its row collects (1, 2) + (5, 6).
        assertArrayEquals(new float[] {3, 4, 0, 0, 6, 8, 0, 0}, emb.weight().grad());
    }

    @Test
    void aTokenIdOutsideTheVocabularyIsNamedWithItsPosition() {
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(3))),
                new NodeDef("emb", new TokenEmbedding.Spec(4, 2), "in"))), 1, Kernels.active());
        net.load(new float[] {1, 2, 3, 0, 4, 1}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(false));
        assertEquals("Token embedding 'emb' received 4.0 at position 1 of sample 1, but token ids are whole numbers "
                + "in [0, 4)", e.getMessage());
    }

    @Test
    void aTinyGptPassesTheGradientCheckUnderCrossEntropyAtEveryPosition() {
        GptConfig config = new GptConfig(7, 5, 4, 2, 2, 8);
        Network net = Network.build(config.graph(), 3, Kernels.active());
        scramble(net, 13);
        GradientCheck.Report report = new GradientCheck(1e-2, 24, 3)
                .run(net, new SoftmaxCrossEntropy(), tokens(3, 5, 7, 41), false);
        assertTrue(report.passed(), () -> "gradient check failed: " + report.tensors());
        // every parameter tensor of every node was compared
        assertEquals(net.params().size(), report.tensors().size());
    }

    @Test
    void changingALaterTokenLeavesEveryEarlierPositionsLogitsExactlyAsTheyWere() {
        GptConfig config = new GptConfig(9, 6, 8, 2, 2, 16);
        Network net = Network.build(config.graph(), 3, Kernels.active());
        scramble(net, 17);
        float[] x = {1, 4, 1, 5, 2, 6};
        float[] before = net.predict(x, 1).clone();
        for (int changed = 5; changed >= 1; changed--) {
            float[] y = x.clone();
            y[changed] = (y[changed] + 3) % 9;
            float[] after = net.predict(y, 1);
            int kept = changed * 9;
            assertArrayEquals(Arrays.copyOf(before, kept), Arrays.copyOf(after, kept),
                    "positions before " + changed + " changed");
            assertNotEquals(Arrays.toString(Arrays.copyOfRange(before, kept, kept + 9)),
                    Arrays.toString(Arrays.copyOfRange(after, kept, kept + 9)), "position " + changed + " did not");
        }
    }

    @Test
    void theGptGraphRoundTripsThroughBothJsonForms() {
        GraphDef def = new GptConfig(11, 6, 8, 2, 2, 16).graph();
        assertEquals(def, ModelReader.read(ModelWriter.write(def), "gpt.json"));
        GraphDef sinus = new GraphDef(List.of(
                new NodeDef("t", new Input.Spec(Shape.of(4))),
                new NodeDef("e", new TokenEmbedding.Spec(5, 2), "t"),
                new NodeDef("p", new PositionalEmbedding.Spec(4, true), "e"),
                new NodeDef("h", new LanguageModelHead.Spec(5), "p")));
        assertEquals(sinus, ModelReader.read(ModelWriter.write(sinus), "sinus.json"));
        GraphDef list = ModelReader.read("""
                {"input": [4], "layers": [{"token_embedding": 3, "vocabulary": 5}, {"positional_embedding": 4},
                  {"attention": 3}, {"feedforward": 12}, {"lm_head": 5}]}""", "list.json");
        assertEquals(List.of(new TokenEmbedding.Spec(5, 3), new PositionalEmbedding.Spec(4),
                new CausalSelfAttention.Spec(3), new FeedForward.Spec(12), new LanguageModelHead.Spec(5)),
                list.nodes().stream().skip(1).map(NodeDef::spec).toList());
    }

    @Test
    void theSmallGptHasTheParameterCountOfItsPyTorchTwin() {
        // 65·64 + 64·64 + 2·(4·64² + 4·64 + 2·(2·64) + 2·64·256 + 256 + 64) + 2·64 + 64·65 + 65
        Network net = Network.build(GptConfig.small(65).graph(), 1, Kernels.active());
        long count = net.params().stream().mapToLong(Param::size).sum();
        assertEquals(65 * 64 + 64 * 64 + 2L * (4 * 64 * 64 + 4 * 64 + 4 * 64 + 2 * 64 * 256 + 256 + 64) + 2 * 64
                + 64 * 65 + 65, count);
    }

    @Test
    void aShapeErrorInTheStackNamesTheNode() {
        GraphException e = assertThrows(GraphException.class, () -> new GraphDef(List.of(
                new NodeDef("t", new Input.Spec(Shape.of(4, 2))),
                new NodeDef("e", new TokenEmbedding.Spec(5, 2), "t"))).validate());
        assertTrue(e.getMessage().contains("Token embedding 'e' expects a sequence of token ids but receives (4, 2)"),
                e.getMessage());
    }
}
