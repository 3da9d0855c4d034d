// "Show the math" for one query of a causal self-attention node: for position i and head h, the scores
// q_i·k_j/√d against every position j ≤ i, their softmax, and the head's output as the weighted sum of the values.
// Structured data, like NeuronMath: the GUI renders it, this never formats.
package org.stepwise.core.stepper;

import java.util.List;

/**
 * @param node     the attention node
 * @param head     the head (0-based)
 * @param position the query position i (0-based)
 * @param sample   the row of the batch
 * @param headSize d, the width of one head
 * @param query    q_i, the head's d values for position i (before the 1/√d)
 * @param keys     one entry per position j = 0..i, in order
 * @param context  the head's output at position i: Σ_j weight_j · v_j, d values; the node's output mixes the
 *                 heads' contexts through its output projection
 */
public record AttentionMath(String node, int head, int position, int sample, int headSize, double[] query,
                            List<Key> keys, double[] context) {

    /** The 1/√d that scales every score. */
    public double scale() {
        return 1 / Math.sqrt(headSize);
    }

    /**
     * One earlier (or the same) position j as the query sees it.
     *
     * @param dot    q_i·k_j
     * @param score  q_i·k_j / √d
     * @param weight the softmax of the scores at j: how much of v_j position i takes
     */
    public record Key(int position, double[] key, double[] value, double dot, double score, double weight) {
    }
}
