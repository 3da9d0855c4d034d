// Generating text from a GPT and reading its Transformer trace: the next token is the likeliest one at temperature 0,
// padding after a short prompt changes nothing, long prompts keep their last `context` tokens; a uniform head's
// previous-token score and the residual stream's norms by hand.
package org.stepwise.core.gpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;
import org.stepwise.core.kernels.Kernels;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.layers.Input;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.text.CharTokenizer;

class GenerationAndTraceTest {

    private static final CharTokenizer ABC = CharTokenizer.of("abcdefgh ");

    /** A GPT over ABC's 9 characters with weights large enough to make sharp, varied predictions. */
    private static Network gpt(int context) {
        Network net = Network.build(new GptConfig(ABC.vocabularySize(), context, 8, 2, 1, 16).graph(), 4,
                Kernels.active());
        SplittableRandom random = new SplittableRandom(9);
        for (Node n : net.nodes()) {
            for (Param p : n.params()) {
                if (!p.name().equals("weight") || !n.type().equals("layernorm")) {
                    float[] v = p.value();
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (random.nextGaussian() * 0.7);
                    }
                }
            }
        }
        return net;
    }

    private static int argmax(float[] a, int from, int count) {
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (a[from + i] > a[from + best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void atTemperatureZeroTheNextTokenIsTheLikeliestAfterTheLastRealPosition() {
        Network net = gpt(6);
        Generation g = new Generation(net, ABC, 1);
        int[] prompt = ABC.encode("cab");
        // the same prompt padded with other tokens: causal attention keeps them from mattering
        float[] padded = {prompt[0], prompt[1], prompt[2], 7, 7, 7};
        float[] logits = net.predict(padded, 1).clone();
        Generation.Step step = g.next("cab", 0, 0);
        assertEquals(argmax(logits, 2 * 9, 9), step.token());
        assertEquals(ABC.token(step.token()), step.text());
        assertEquals(1, step.candidates().size());
        assertEquals(1.0, step.candidates().get(0).probability(), 0);
    }

    @Test
    void candidatesAreSortedProbabilitiesOverTheKeptTokens() {
        Generation.Step step = new Generation(gpt(6), ABC, 1).next("ab", 1.0, 4);
        List<Generation.Candidate> c = step.candidates();
        assertEquals(4, c.size(), "top-4 keeps four candidates");
        double sum = 0;
        for (int i = 0; i < c.size(); i++) {
            sum += c.get(i).probability();
            if (i > 0) {
                assertTrue(c.get(i).probability() <= c.get(i - 1).probability());
            }
        }
        assertEquals(1.0, sum, 1e-9);
        assertTrue(c.stream().anyMatch(x -> x.token() == step.token()));
    }

    @Test
    void aLongTextKeepsItsLastContextTokensAndGenerationIsRepeatable() {
        Network net = gpt(4);
        Generation.Step longer = new Generation(net, ABC, 2).next("hhhhhabcd", 0, 0);
        Generation.Step last4 = new Generation(net, ABC, 2).next("abcd", 0, 0);
        assertEquals(last4, longer);
        List<Generation.Step> a = new Generation(net, ABC, 7).generate("ab", 12, 0.9, 0);
        List<Generation.Step> b = new Generation(net, ABC, 7).generate("ab", 12, 0.9, 0);
        assertEquals(12, a.size());
        assertEquals(a, b);
    }

    @Test
    void promptsOutsideTheVocabularyAndNetworksOfTheWrongShapeAreRefusedClearly() {
        Generation g = new Generation(gpt(4), ABC, 1);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> g.next("abz", 0, 0));
        assertTrue(unknown.getMessage().startsWith("The text has 'z' (U+007A) at position 2"), unknown.getMessage());
        assertEquals("Give at least one character to continue from",
                assertThrows(IllegalArgumentException.class, () -> g.next("", 0, 0)).getMessage());
        Network other = Network.build(new GptConfig(5, 4, 8, 2, 1, 16).graph(), 1, Kernels.active());
        assertEquals("The network's output gives 20 values per sample, but generating needs a score for each of the "
                + "9 tokens at each of 4 positions",
                assertThrows(IllegalArgumentException.class, () -> new Generation(other, ABC, 1)).getMessage());
    }

    @Test
    void aHeadWithNoQueriesOrKeysSpreadsEvenlyAndScoresItsPreviousTokenByHand() {
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("x", new Input.Spec(Shape.of(3, 2))),
                new NodeDef("attn", new CausalSelfAttention.Spec(1), "x"))), 1, Kernels.active());
        CausalSelfAttention attn = (CausalSelfAttention) net.node("attn");
        // W_q = W_k = 0 and no biases: every score is 0, so row i gives 1/(i + 1) to each position it sees.
        Arrays.fill(attn.inProjectionWeight().value(), 0, 8, 0f);
        Arrays.fill(attn.inProjectionBias().value(), 0f);
        net.predict(new float[] {1, 2, 3, 4, 5, 6, 6, 5, 4, 3, 2, 1}, 2);
        float third = 1 / 3f;
        float[][] expected = {{1, 0, 0}, {0.5f, 0.5f, 0}, {third, third, third}};
        for (int s = 0; s < 2; s++) {
            float[][] pattern = TransformerTrace.pattern(attn, s, 0);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i], pattern[i], 1e-6f);
            }
        }
        assertEquals((0.5 + 1 / 3.0) / 2, TransformerTrace.previousTokenScore(attn, 0), 1e-6);
        assertEquals("Head 1 does not exist: 'attn' has 1", assertThrows(IllegalArgumentException.class,
                () -> TransformerTrace.pattern(attn, 0, 1)).getMessage());
    }

    @Test
    void theResidualStreamIsMeasuredAfterTheEmbeddingsAndAfterEachBlock() {
        Network net = Network.build(new GptConfig(9, 4, 8, 2, 2, 16).graph(), 4, Kernels.active());
        net.predict(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2);
        List<TransformerTrace.ResidualNorm> norms = TransformerTrace.residualNorms(net, 1);
        assertEquals(List.of("pos_emb", "b0_add2", "b1_add2"),
                norms.stream().map(TransformerTrace.ResidualNorm::node).toList());
        float[] v = net.node("b1_add2").output();
        double position2 = 0;
        for (int j = 0; j < 8; j++) {
            position2 += v[32 + 16 + j] * v[32 + 16 + j];
        }
        assertEquals(Math.sqrt(position2), norms.get(2).perPosition()[2], 1e-6);
        assertEquals(Arrays.stream(norms.get(2).perPosition()).average().orElseThrow(), norms.get(2).mean(), 1e-12);
    }
}
