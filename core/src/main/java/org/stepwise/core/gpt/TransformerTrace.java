// What the Transformer views show, computed from a GPT's live buffers after a forward pass: each head's attention
// pattern for one sample, how strongly a head looks at the previous position, and the size of the residual stream
// after the embeddings and after each block. Every result is a copy. The best previous-token head is measured on
// a copy of the network, so the caller's buffers (a stepper's, mid-step) are left as they were.
package org.stepwise.core.gpt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.layers.Add;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.layers.FeedForward;
import org.stepwise.core.layers.PositionalEmbedding;
import org.stepwise.core.project.Project;

public final class TransformerTrace {

    /** The mean length of the residual stream's vectors at one point of the stack, and per position. */
    public record ResidualNorm(String node, double mean, double[] perPosition) {
    }

    /** A head and how much it looks at the position just before ({@link #previousTokenScore}). */
    public record HeadScore(String node, int head, double score) {
    }

    private TransformerTrace() {
    }

    /** The attention nodes in the order they run. */
    public static List<CausalSelfAttention> attentionNodes(Network net) {
        List<CausalSelfAttention> out = new ArrayList<>();
        for (Node n : net.nodes()) {
            if (n instanceof CausalSelfAttention a) {
                out.add(a);
            }
        }
        return out;
    }

    /** Head {@code head}'s weights for sample {@code sample} of the last forward pass: T rows of T, row i over j ≤ i. */
    public static float[][] pattern(CausalSelfAttention attention, int sample, int head) {
        int t = attention.positions();
        checkSample(attention, sample);
        if (head < 0 || head >= attention.heads()) {
            throw new IllegalArgumentException("Head " + head + " does not exist: '" + attention.name() + "' has "
                    + attention.heads());
        }
        float[] a = attention.attentionWeights();
        int base = (sample * attention.heads() + head) * t * t;
        float[][] rows = new float[t][t];
        for (int i = 0; i < t; i++) {
            System.arraycopy(a, base + i * t, rows[i], 0, t);
        }
        return rows;
    }

    /**
     * How much head {@code head} looks at the position just before: the mean of A[i][i−1] over positions i ≥ 1 and
     * every sample of the last forward pass. 1 is a perfect previous-token head; a head spreading its attention evenly
     * scores about 2/T on average.
     */
    public static double previousTokenScore(CausalSelfAttention attention, int head) {
        int t = attention.positions();
        int samples = attention.batch();
        if (t < 2 || samples == 0) {
            return 0;
        }
        float[] a = attention.attentionWeights();
        double sum = 0;
        for (int s = 0; s < samples; s++) {
            int base = (s * attention.heads() + head) * t * t;
            for (int i = 1; i < t; i++) {
                sum += a[base + i * t + i - 1];
            }
        }
        return sum / (samples * (t - 1.0));
    }

    /**
     * The head, over every block, that looks most at the previous position, measured on the first {@code samples}
     * windows of {@code data} (fewer when it has fewer) run through a copy of {@code net}. The same windows every
     * time, so the number moves only when the weights do. Null when the network has no attention or the data no
     * samples.
     */
    public static HeadScore bestPreviousTokenHead(Network net, Dataset data, int samples) {
        int n = Math.min(samples, data.n());
        if (n < 1 || attentionNodes(net).isEmpty()) {
            return null;
        }
        Network copy = Project.copyOf(net);
        copy.predict(Arrays.copyOf(data.x(), n * data.features()), n);
        HeadScore best = null;
        for (CausalSelfAttention attention : attentionNodes(copy)) {
            for (int h = 0; h < attention.heads(); h++) {
                double score = previousTokenScore(attention, h);
                if (best == null || score > best.score()) {
                    best = new HeadScore(attention.name(), h, score);
                }
            }
        }
        return best;
    }

    /**
     * The residual stream's vector lengths for one sample: after the positional embedding, then after each block
     * (the residual add that takes a feed-forward block's output, "b{i}_add2" in {@link GptConfig}'s graph).
     */
    public static List<ResidualNorm> residualNorms(Network net, int sample) {
        List<ResidualNorm> out = new ArrayList<>();
        for (Node n : net.nodes()) {
            boolean stream = n instanceof PositionalEmbedding
                    || n instanceof Add && Arrays.stream(n.inputs()).anyMatch(in -> in instanceof FeedForward);
            if (stream) {
                out.add(norms(n, sample));
            }
        }
        return out;
    }

    private static ResidualNorm norms(Node n, int sample) {
        int t = n.shape().dim(0);
        int width = n.shape().dim(1);
        float[] v = n.output();
        double[] per = new double[t];
        double total = 0;
        for (int i = 0; i < t; i++) {
            double squares = 0;
            int base = sample * n.size() + i * width;
            for (int j = 0; j < width; j++) {
                squares += (double) v[base + j] * v[base + j];
            }
            per[i] = Math.sqrt(squares);
            total += per[i];
        }
        return new ResidualNorm(n.name(), total / t, per);
    }

    private static void checkSample(CausalSelfAttention attention, int sample) {
        if (sample < 0 || sample >= attention.batch()) {
            throw new IllegalArgumentException("Sample " + sample + " is not in the last batch of "
                    + attention.batch());
        }
    }
}
