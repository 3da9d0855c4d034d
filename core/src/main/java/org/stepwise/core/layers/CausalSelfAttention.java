// Multi-head causal self-attention over a sequence of vectors (T, dim), in nn.MultiheadAttention's parameter layout.
//
//   q, k, v = x·W_qᵀ + b_q, x·W_kᵀ + b_k, x·W_vᵀ + b_v      (W_q, W_k, W_v are the three row blocks of in_proj_weight)
//   per head h (columns h·d … (h+1)·d of q, k and v, d = dim / heads):
//     A_h = softmax(q_h·k_hᵀ / √d) with position i seeing positions 0 … i only
//     c_h = A_h·v_h
//   y = [c_0 … c_{H−1}]·W_oᵀ + b_o
//
// The heads are batched matrix products on the GEMM kernels: per (sample, head), T×d by d×T for the scores and T×T by
// T×d for the mixture. Q, K and V are copied into head-major blocks so that every product reads dense operands. A_h
// is kept after forward: the trace shows it as the attention pattern of each head.
package org.stepwise.core.layers;

import java.util.List;
import java.util.SplittableRandom;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.kernels.GemmLayout;
import org.stepwise.core.tensor.Shape;

public final class CausalSelfAttention extends Node {

    public record Spec(int heads) implements LayerSpec {
        public Spec {
            if (heads < 1) {
                throw new IllegalArgumentException("Attention needs at least 1 head, not " + heads);
            }
        }

        @Override
        public String type() {
            return "attention";
        }

        @Override
        public Shape outputShape(String node, List<Shape> in, List<String> inputNames) {
            Shape s = in.get(0);
            String self = GraphDef.describe(type(), node);
            if (s.rank() != 2) {
                throw new GraphException(node, self + " expects a sequence of vectors (positions, width) but "
                        + "receives " + s + " from '" + inputNames.get(0) + "'");
            }
            if (s.dim(1) % heads != 0) {
                throw new GraphException(node, self + " splits its width " + s.dim(1) + " into " + heads
                        + " heads, which needs a width divisible by " + heads);
            }
            return s;
        }

        @Override
        public long parameterCount(List<Shape> in) {
            long dim = in.get(0).dim(1);
            return 4 * dim * dim + 4 * dim;
        }

        @Override
        public Node create(String name) {
            return new CausalSelfAttention(name, this);
        }
    }

    private final Spec spec;
    private Param inWeight;
    private Param inBias;
    private Param outWeight;
    private Param outBias;
    private int positions;
    private int dim;
    private int headSize;
    private float scale;

    // Forward buffers, kept for backward and the trace. Head-major blocks are (batch, heads, T, d).
    private float[] qkv;
    private float[] q;
    private float[] k;
    private float[] v;
    private float[] attention;
    private float[] headContext;
    private float[] context;
    // Backward scratch.
    private float[] dContext;
    private float[] dHeadContext;
    private float[] dAttention;
    private float[] dq;
    private float[] dk;
    private float[] dv;
    private float[] dQkv;

    public CausalSelfAttention(String name, Spec spec) {
        super(name);
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public String type() {
        return "attention";
    }

    public int heads() {
        return spec.heads();
    }

    /** The width of one head: dim / heads. */
    public int headSize() {
        ensureParams();
        return headSize;
    }

    /** The sequence length T. */
    public int positions() {
        ensureParams();
        return positions;
    }

    /**
     * The attention weights of the last forward pass, (batch, heads, T, T), live: row i of a head's block is how
     * much position i takes from each position j ≤ i; each row sums to 1 and is 0 above the diagonal.
     */
    public float[] attentionWeights() {
        return attention;
    }

    /** The heads' outputs concatenated, (batch, T, dim), before the output projection; live. */
    public float[] context() {
        return context;
    }

    @Override
    public List<Param> params() {
        ensureParams();
        return List.of(inWeight, inBias, outWeight, outBias);
    }

    /** (3·dim, dim): W_q, W_k and W_v stacked, as nn.MultiheadAttention's in_proj_weight. */
    public Param inProjectionWeight() {
        ensureParams();
        return inWeight;
    }

    public Param inProjectionBias() {
        ensureParams();
        return inBias;
    }

    public Param outProjectionWeight() {
        ensureParams();
        return outWeight;
    }

    public Param outProjectionBias() {
        ensureParams();
        return outBias;
    }

    private void ensureParams() {
        if (inWeight == null) {
            positions = inputs[0].shape().dim(0);
            dim = inputs[0].shape().dim(1);
            headSize = dim / spec.heads();
            scale = (float) (1 / Math.sqrt(headSize));
            inWeight = new Param("in_proj_weight", Shape.of(3 * dim, dim), true);
            inBias = new Param("in_proj_bias", Shape.of(3 * dim), false);
            outWeight = new Param("out_proj_weight", Shape.of(dim, dim), true);
            outBias = new Param("out_proj_bias", Shape.of(dim), false);
        }
    }

    @Override
    public void initialize(SplittableRandom random) {
        ensureParams();
        for (Param p : List.of(inWeight, outWeight)) {
            Init.normal(p.value(), Init.GPT_STD, random);
        }
    }

    @Override
    protected void allocateScratch(int capacity) {
        ensureParams();
        int rows = capacity * positions;
        int heads = capacity * spec.heads();
        qkv = new float[rows * 3 * dim];
        q = new float[rows * dim];
        k = new float[rows * dim];
        v = new float[rows * dim];
        attention = new float[heads * positions * positions];
        headContext = new float[rows * dim];
        context = new float[rows * dim];
        dContext = new float[rows * dim];
        dHeadContext = new float[rows * dim];
        dAttention = new float[heads * positions * positions];
        dq = new float[rows * dim];
        dk = new float[rows * dim];
        dv = new float[rows * dim];
        dQkv = new float[rows * 3 * dim];
    }

    @Override
    public void forward(boolean training) {
        int rows = batch * positions;
        int t = positions;
        int d = headSize;
        // (rows, dim)·(3·dim, dim)ᵀ + b -> (rows, 3·dim)
        Linear.forward(kernels, inputs[0].output(), inWeight, inBias, qkv, rows);
        // q carries the 1/√d of the scores, so the products below need no extra pass.
        splitHeads(qkv, 3 * dim, 0, q, scale);
        splitHeads(qkv, 3 * dim, dim, k, 1f);
        splitHeads(qkv, 3 * dim, 2 * dim, v, 1f);
        int blocks = batch * spec.heads();
        int vectors = t * d;
        int square = t * t;
        // per head: scores (T, T) = q_h (T, d)·k_h (T, d)ᵀ, the causal softmax in place, then c_h (T, d) = A_h·v_h
        kernels.gemmBatched(GemmLayout.ABT, blocks, t, t, d, q, 0, vectors, k, 0, vectors, attention, 0, square);
        for (int b = 0; b < blocks; b++) {
            kernels.causalSoftmax(attention, attention, b * square, t);
        }
        kernels.gemmBatched(GemmLayout.AB, blocks, t, d, t, attention, 0, square, v, 0, vectors, headContext, 0,
                vectors);
        mergeHeads(headContext, context);
        Linear.forward(kernels, context, outWeight, outBias, output, rows);
    }

    @Override
    public void backward() {
        int rows = batch * positions;
        int t = positions;
        int d = headSize;
        Linear.backward(kernels, context, outWeight, outBias, gradOutput, rows, frozen(), dContext, false);
        splitHeads(dContext, dim, 0, dHeadContext, 1f);
        int blocks = batch * spec.heads();
        int vectors = t * d;
        int square = t * t;
        // per head: dA (T, T) = dc (T, d)·v (T, d)ᵀ and dv (T, d) = Aᵀ·dc
        kernels.gemmBatched(GemmLayout.ABT, blocks, t, t, d, dHeadContext, 0, vectors, v, 0, vectors, dAttention, 0,
                square);
        kernels.gemmBatched(GemmLayout.ATB, blocks, t, d, t, attention, 0, square, dHeadContext, 0, vectors, dv, 0,
                vectors);
        // through the softmax, in place: dS = A ⊙ (dA − rowsum(A ⊙ dA))
        for (int b = 0; b < blocks; b++) {
            kernels.causalSoftmaxBackward(attention, dAttention, dAttention, b * square, t);
        }
        // S = q'·kᵀ with q' = q/√d: dq' = dS·k and dk = dSᵀ·q'
        kernels.gemmBatched(GemmLayout.AB, blocks, t, d, t, dAttention, 0, square, k, 0, vectors, dq, 0, vectors);
        kernels.gemmBatched(GemmLayout.ATB, blocks, t, d, t, dAttention, 0, square, q, 0, vectors, dk, 0, vectors);
        mergeHeads(dq, scale, dQkv, 3 * dim, 0);
        mergeHeads(dk, 1f, dQkv, 3 * dim, dim);
        mergeHeads(dv, 1f, dQkv, 3 * dim, 2 * dim);
        Linear.backward(kernels, inputs[0].output(), inWeight, inBias, dQkv, rows, frozen(),
                inputs[0].gradientWanted() ? inputs[0].gradOutput() : null, true);
    }

    // Columns [column, column + dim) of each row of a (rows, width) matrix, times factor, into head-major blocks
    // (batch, heads, T, d).
    private void splitHeads(float[] from, int width, int column, float[] to, float factor) {
        int t = positions;
        int d = headSize;
        int heads = spec.heads();
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < t; p++) {
                int src = (b * t + p) * width + column;
                for (int h = 0; h < heads; h++) {
                    int dst = ((b * heads + h) * t + p) * d;
                    int s = src + h * d;
                    for (int e = 0; e < d; e++) {
                        to[dst + e] = from[s + e] * factor;
                    }
                }
            }
        }
    }

    private void mergeHeads(float[] from, float[] to) {
        mergeHeads(from, 1f, to, dim, 0);
    }

    // The inverse of splitHeads: head-major blocks, times factor, into columns [column, column + dim) of (rows, width).
    private void mergeHeads(float[] from, float factor, float[] to, int width, int column) {
        int t = positions;
        int d = headSize;
        int heads = spec.heads();
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < t; p++) {
                int dst = (b * t + p) * width + column;
                for (int h = 0; h < heads; h++) {
                    int src = ((b * heads + h) * t + p) * d;
                    int o = dst + h * d;
                    for (int e = 0; e < d; e++) {
                        to[o + e] = from[src + e] * factor;
                    }
                }
            }
        }
    }
}
