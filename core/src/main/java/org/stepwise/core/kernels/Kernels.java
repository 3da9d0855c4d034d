// Every numeric loop of Stepwise, behind one interface with a scalar reference and a Vector-API twin.
//
// Arrays are flat float32 buffers, row-major, owned by the caller; kernels never allocate per call beyond
// reusable per-thread scratch. Shape comments use (rows, cols).
package org.stepwise.core.kernels;

public interface Kernels {

    /** "scalar" or "vector". */
    String name();

    /** Float lanes processed per instruction: 1 for the scalar reference. */
    int lanes();

    /** One line for `stepwise info`, e.g. "vector: FloatVector 512-bit, 16 lanes". */
    String description();

    /** The kernels chosen for this JVM: see {@link KernelSelection}. */
    static Kernels active() {
        return KernelSelection.active().kernels();
    }

    // ---- matrix products -------------------------------------------------------------------------------------

    /**
     * C(m×n) = op(A)·op(B) [+ C if accumulate] [+ bias broadcast over rows].
     * A is (m×k) for AB and ABT, (k×m) for ATB; B is (k×n) for AB and ATB, (n×k) for ABT; C is (m×n).
     * Operands start at the given offsets and are dense; bias, when not null, has n values.
     */
    void gemm(GemmLayout layout, int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
              float[] c, int cOffset, float[] bias, boolean accumulate);

    default void gemm(GemmLayout layout, int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate) {
        gemm(layout, m, n, k, a, 0, b, 0, c, 0, null, accumulate);
    }

    /**
     * {@code count} independent products C_i = op(A_i)·op(B_i), as {@link #gemm} does each, where operand i starts
     * at offset + i · stride of its array: the per-head products of attention.
     */
    default void gemmBatched(GemmLayout layout, int count, int m, int n, int k, float[] a, int aOffset, int aStride,
                             float[] b, int bOffset, int bStride, float[] c, int cOffset, int cStride) {
        for (int i = 0; i < count; i++) {
            gemm(layout, m, n, k, a, aOffset + i * aStride, b, bOffset + i * bStride, c, cOffset + i * cStride,
                    null, false);
        }
    }

    // ---- element-wise activations: forward writes y from x; backward writes dx from dy ------------------------

    void relu(float[] x, float[] y, int n);

    void reluBackward(float[] x, float[] dy, float[] dx, int n);

    void leakyRelu(float[] x, float[] y, int n, float slope);

    void leakyReluBackward(float[] x, float[] dy, float[] dx, int n, float slope);

    void sigmoid(float[] x, float[] y, int n);

    /** Uses the forward output y: dx = dy · y · (1 − y). */
    void sigmoidBackward(float[] y, float[] dy, float[] dx, int n);

    void tanh(float[] x, float[] y, int n);

    /** Uses the forward output y: dx = dy · (1 − y²). */
    void tanhBackward(float[] y, float[] dy, float[] dx, int n);

    /** GELU, tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), as PyTorch's approximate="tanh". */
    void gelu(float[] x, float[] y, int n);

    void geluBackward(float[] x, float[] dy, float[] dx, int n);

    // ---- softmax and cross-entropy ----------------------------------------------------------------------------

    /** Row-wise softmax of logits (rows×cols) into probs, stable against overflow. */
    void softmaxRows(float[] logits, float[] probs, int rows, int cols);

    /**
     * Fused softmax + cross-entropy: fills probs (rows×cols) and returns the mean over rows of −log p[label].
     * Labels must lie in [0, cols).
     */
    float softmaxCrossEntropy(float[] logits, int[] labels, float[] probs, int rows, int cols);

    /** The gradient of the mean cross-entropy with respect to the logits: (probs − onehot(labels)) / rows. */
    void softmaxCrossEntropyBackward(float[] probs, int[] labels, float[] dLogits, int rows, int cols);

    /**
     * Causal softmax of one n×n block of attention scores starting at offset: row i becomes the softmax of its
     * first i + 1 scores (position i sees positions 0 … i), and the rest of the row becomes exactly 0.
     */
    void causalSoftmax(float[] scores, float[] probs, int offset, int n);

    /**
     * The backward of {@link #causalSoftmax} for the same block: dScores = P ⊙ (dP − Σ_j P·dP) per row, over the
     * row's first i + 1 entries; the masked entries get 0.
     */
    void causalSoftmaxBackward(float[] probs, float[] dProbs, float[] dScores, int offset, int n);

    // ---- reductions -------------------------------------------------------------------------------------------

    /** out[r] = Σ_c a[r, c] for a (rows×cols). */
    void rowSums(float[] a, int rows, int cols, float[] out);

    /** out[c] (+)= Σ_r a[r, c] for a (rows×cols): the bias gradient of a dense layer. */
    void colSums(float[] a, int rows, int cols, float[] out, boolean accumulate);

    /** out[r] = the first index of the largest value of row r. */
    void argmaxRows(float[] a, int rows, int cols, int[] out);

    // ---- convolution and pooling, one image at a time ---------------------------------------------------------

    /** Unfolds one image (C, H, W) at imageOffset into columns (C·kh·kw, outH·outW); padding reads as zero. */
    void im2col(float[] image, int imageOffset, ConvGeometry g, float[] columns);

    /** The adjoint of im2col: adds columns (C·kh·kw, outH·outW) back into the image (C, H, W) at imageOffset. */
    void col2im(float[] columns, ConvGeometry g, float[] image, int imageOffset);

    /** Max-pool of one image; argmax records, per output, the input index (within the image) that won. */
    void maxPool(float[] input, int inputOffset, PoolGeometry g, float[] output, int outputOffset,
                 int[] argmax, int argmaxOffset);

    /** Routes each output gradient to the input that won; adds into dInput, which the caller zeroes. */
    void maxPoolBackward(float[] dOutput, int outputOffset, int[] argmax, int argmaxOffset, PoolGeometry g,
                         float[] dInput, int inputOffset);

    // ---- optimizer updates over flat parameter buffers, in order of increasing complexity ---------------------

    /** w −= lr · (g + weightDecay · w). */
    void sgdUpdate(float[] w, float[] g, int n, float learningRate, float weightDecay);

    /**
     * PyTorch's SGD with momentum: d = g + wd·w; v = μ·v + d; w −= lr · (nesterov ? d + μ·v : v).
     */
    void momentumUpdate(float[] w, float[] g, float[] velocity, int n, float learningRate, float momentum,
                        float weightDecay, boolean nesterov);

    /**
     * PyTorch's RMSprop (not centered, no momentum): d = g + wd·w; sq = α·sq + (1 − α)·d²; w −= lr · d / (√sq + ε).
     */
    void rmspropUpdate(float[] w, float[] g, float[] squareAvg, int n, float learningRate, float alpha, float epsilon,
                       float weightDecay);

    /**
     * Adam (weight decay added to the gradient) or AdamW (decoupled: w −= lr·wd·w first), with bias correction,
     * as PyTorch computes them: w −= lr · m̂ / (√v̂ + ε).
     */
    void adamUpdate(float[] w, float[] g, float[] m, float[] v, int n, AdamStep step);
}
