// What the Transformer tab shows of one sample, copied on the training thread between phases: each attention head's
// pattern, each head's previous-token score and the residual stream's norms. The FX thread only ever sees these copies.
package org.stepwise.app.studio.transformer;

import java.util.ArrayList;
import java.util.List;
import org.stepwise.core.graph.Network;
import org.stepwise.core.gpt.TransformerTrace;
import org.stepwise.core.layers.CausalSelfAttention;

/**
 * @param sample   the sample of the batch the patterns and norms are of
 * @param tokens   that sample's token ids (one per position), or null when the batch has none yet
 * @param symbols  the tokenizer's symbols in id order (the data's class names), or null when the data names none
 * @param layers   one entry per attention node, in the order they run
 * @param residual the residual stream's norms after the embeddings and after each block
 */
public record TransformerSnapshot(int sample, int[] tokens, List<String> symbols, List<Layer> layers,
                                  List<TransformerTrace.ResidualNorm> residual) {

    /**
     * One attention node.
     *
     * @param patterns       per head, T × T weights row by row: row = query position, column = key position
     * @param previousScores per head, {@link TransformerTrace#previousTokenScore} over the whole batch
     */
    public record Layer(String node, int positions, float[][] patterns, double[] previousScores) {
        public int heads() {
            return patterns.length;
        }

        /** The weight query {@code row} gives key {@code col} in head {@code head}. */
        public float weight(int head, int row, int col) {
            return patterns[head][row * positions + col];
        }

        /** The head with the highest previous-token score. */
        public int bestPreviousHead() {
            int best = 0;
            for (int h = 1; h < previousScores.length; h++) {
                if (previousScores[h] > previousScores[best]) {
                    best = h;
                }
            }
            return best;
        }
    }

    /**
     * Copies what the tab shows of {@code sample} from the network's buffers; null when the network has no attention
     * or has not run a forward pass with that many samples. Call it on the thread that owns the network.
     */
    public static TransformerSnapshot capture(Network net, int sample, float[] batchX, List<String> symbols) {
        List<CausalSelfAttention> attention = TransformerTrace.attentionNodes(net);
        if (attention.isEmpty() || sample < 0 || sample >= attention.get(0).batch()) {
            return null;
        }
        List<Layer> layers = new ArrayList<>();
        for (CausalSelfAttention a : attention) {
            int t = a.positions();
            float[][] patterns = new float[a.heads()][];
            double[] scores = new double[a.heads()];
            for (int h = 0; h < a.heads(); h++) {
                float[][] rows = TransformerTrace.pattern(a, sample, h);
                patterns[h] = new float[t * t];
                for (int i = 0; i < t; i++) {
                    System.arraycopy(rows[i], 0, patterns[h], i * t, t);
                }
                scores[h] = TransformerTrace.previousTokenScore(a, h);
            }
            layers.add(new Layer(a.name(), t, patterns, scores));
        }
        int context = net.input().size();
        int[] tokens = null;
        if (batchX != null && batchX.length >= (sample + 1) * context) {
            tokens = new int[context];
            for (int i = 0; i < context; i++) {
                tokens[i] = Math.round(batchX[sample * context + i]);
            }
        }
        return new TransformerSnapshot(sample, tokens, symbols, List.copyOf(layers),
                TransformerTrace.residualNorms(net, sample));
    }

    /** The character at {@code position} as the axes show it: a newline as ↵, a space as ·; "?" when unknown. */
    public String symbol(int position) {
        if (tokens == null || position < 0 || position >= tokens.length) {
            return "?";
        }
        return visible(symbols == null || tokens[position] >= symbols.size() ? "#" + tokens[position]
                : symbols.get(tokens[position]));
    }

    /** A character made visible: newline ↵, tab →, space ·. */
    public static String visible(String s) {
        return s.replace("\r", "␍").replace("\n", "↵").replace("\t", "→").replace(" ", "·");
    }
}
