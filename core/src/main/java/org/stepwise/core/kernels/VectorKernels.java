// The Vector-API twin of ScalarKernels: the same semantics, SPECIES_PREFERRED lanes at a time, tested against it.
//
// Every loop runs to SPECIES.loopBound(n) and finishes with a scalar tail; nothing is allocated but vector values.
package org.stepwise.core.kernels;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

public final class VectorKernels implements Kernels {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final float GELU_SCALE = (float) ScalarKernels.GELU_SCALE;
    private static final float GELU_CUBIC = (float) ScalarKernels.GELU_CUBIC;

    /** For the kernels whose index arithmetic or scattered access leaves nothing for lanes to win. */
    private final ScalarKernels scalar = new ScalarKernels();

    public VectorKernels() {
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int lanes() {
        return SPECIES.length();
    }

    @Override
    public String description() {
        return "vector: FloatVector " + SPECIES.vectorBitSize() + "-bit, " + SPECIES.length() + " lanes";
    }

    @Override
    public void gemm(GemmLayout layout, int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
                     float[] c, int cOffset, float[] bias, boolean accumulate) {
        VectorGemm.gemm(layout, m, n, k, a, aOffset, b, bOffset, c, cOffset, bias, accumulate);
    }

    // ---- element-wise activations -----------------------------------------------------------------------------

    @Override
    public void relu(float[] x, float[] y, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, i).max(0f).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = Math.max(0f, x[i]);
        }
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(SPECIES, x, i).compare(VectorOperators.GT, 0f);
            FloatVector.zero(SPECIES).blend(FloatVector.fromArray(SPECIES, dy, i), positive).intoArray(dx, i);
        }
        for (; i < n; i++) {
            dx[i] = x[i] > 0f ? dy[i] : 0f;
        }
    }

    @Override
    public void leakyRelu(float[] x, float[] y, int n, float slope) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
            xv.mul(slope).blend(xv, xv.compare(VectorOperators.GT, 0f)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = x[i] > 0f ? x[i] : slope * x[i];
        }
    }

    @Override
    public void leakyReluBackward(float[] x, float[] dy, float[] dx, int n, float slope) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector dyv = FloatVector.fromArray(SPECIES, dy, i);
            VectorMask<Float> positive = FloatVector.fromArray(SPECIES, x, i).compare(VectorOperators.GT, 0f);
            dyv.mul(slope).blend(dyv, positive).intoArray(dx, i);
        }
        for (; i < n; i++) {
            dx[i] = x[i] > 0f ? dy[i] : slope * dy[i];
        }
    }

    @Override
    public void sigmoid(float[] x, float[] y, int n) {
        int i = 0;
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(SPECIES, x, i).neg());
            one.div(e.add(1f)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = ScalarKernels.sigmoid(x[i]);
        }
    }

    @Override
    public void sigmoidBackward(float[] y, float[] dy, float[] dx, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector yv = FloatVector.fromArray(SPECIES, y, i);
            FloatVector.fromArray(SPECIES, dy, i).mul(yv).mul(yv.neg().add(1f)).intoArray(dx, i);
        }
        for (; i < n; i++) {
            dx[i] = dy[i] * y[i] * (1f - y[i]);
        }
    }

    @Override
    public void tanh(float[] x, float[] y, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            VectorMath.tanh(FloatVector.fromArray(SPECIES, x, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
    }

    @Override
    public void tanhBackward(float[] y, float[] dy, float[] dx, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector yv = FloatVector.fromArray(SPECIES, y, i);
            FloatVector.fromArray(SPECIES, dy, i).mul(yv.mul(yv).neg().add(1f)).intoArray(dx, i);
        }
        for (; i < n; i++) {
            dx[i] = dy[i] * (1f - y[i] * y[i]);
        }
    }

    @Override
    public void gelu(float[] x, float[] y, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
            FloatVector t = VectorMath.tanh(geluInner(xv));
            xv.mul(0.5f).mul(t.add(1f)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = ScalarKernels.gelu(x[i]);
        }
    }

    @Override
    public void geluBackward(float[] x, float[] dy, float[] dx, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
            FloatVector t = VectorMath.tanh(geluInner(xv));
            // 0.5·(1 + t) + 0.5·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²), as in ScalarKernels.
            FloatVector du = xv.mul(xv).mul(3f * GELU_CUBIC).add(1f).mul(GELU_SCALE);
            FloatVector slope = t.add(1f).mul(0.5f).add(xv.mul(0.5f).mul(t.mul(t).neg().add(1f)).mul(du));
            FloatVector.fromArray(SPECIES, dy, i).mul(slope).intoArray(dx, i);
        }
        for (; i < n; i++) {
            dx[i] = (float) (dy[i] * ScalarKernels.geluSlope(x[i]));
        }
    }

    /** √(2/π)·(x + 0.044715·x³), the argument of GELU's tanh. */
    private static FloatVector geluInner(FloatVector x) {
        return x.mul(x).mul(GELU_CUBIC).add(1f).mul(x).mul(GELU_SCALE);
    }

    // ---- softmax and cross-entropy ----------------------------------------------------------------------------

    @Override
    public void softmaxRows(float[] logits, float[] probs, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            softmaxRow(logits, probs, r * cols, cols, rowMax(logits, r * cols, cols));
        }
    }

    @Override
    public void causalSoftmax(float[] scores, float[] probs, int offset, int n) {
        for (int i = 0; i < n; i++) {
            int row = offset + i * n;
            softmaxRow(scores, probs, row, i + 1, rowMax(scores, row, i + 1));
            Arrays.fill(probs, row + i + 1, row + n, 0f);
        }
    }

    @Override
    public void causalSoftmaxBackward(float[] probs, float[] dProbs, float[] dScores, int offset, int n) {
        for (int i = 0; i < n; i++) {
            int row = offset + i * n;
            int len = i + 1;
            int bound = SPECIES.loopBound(len);
            FloatVector dots = FloatVector.zero(SPECIES);
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                dots = FloatVector.fromArray(SPECIES, probs, row + j)
                        .fma(FloatVector.fromArray(SPECIES, dProbs, row + j), dots);
            }
            float dot = VectorMath.sum(dots);
            for (; j < len; j++) {
                dot += probs[row + j] * dProbs[row + j];
            }
            for (j = 0; j < bound; j += SPECIES.length()) {
                FloatVector p = FloatVector.fromArray(SPECIES, probs, row + j);
                FloatVector.fromArray(SPECIES, dProbs, row + j).sub(dot).mul(p).intoArray(dScores, row + j);
            }
            for (; j < len; j++) {
                dScores[row + j] = probs[row + j] * (dProbs[row + j] - dot);
            }
            Arrays.fill(dScores, row + len, row + n, 0f);
        }
    }

    @Override
    public float softmaxCrossEntropy(float[] logits, int[] labels, float[] probs, int rows, int cols) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int label = ScalarKernels.checkedLabel(labels, r, cols);
            float max = rowMax(logits, r * cols, cols);
            float sum = softmaxRow(logits, probs, r * cols, cols, max);
            // The stable form of −log p[label], as in ScalarKernels.
            total += Math.log(sum) - (logits[r * cols + label] - max);
        }
        return (float) (total / rows);
    }

    @Override
    public void softmaxCrossEntropyBackward(float[] probs, int[] labels, float[] dLogits, int rows, int cols) {
        float invRows = 1f / rows;
        for (int r = 0; r < rows; r++) {
            int label = ScalarKernels.checkedLabel(labels, r, cols);
            int row = r * cols;
            int c = 0;
            for (int bound = SPECIES.loopBound(cols); c < bound; c += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, probs, row + c).mul(invRows).intoArray(dLogits, row + c);
            }
            for (; c < cols; c++) {
                dLogits[row + c] = probs[row + c] * invRows;
            }
            dLogits[row + label] = (probs[row + label] - 1f) * invRows;
        }
    }

    private static float rowMax(float[] a, int row, int cols) {
        int c = 0;
        float max = Float.NEGATIVE_INFINITY;
        if (cols >= SPECIES.length()) {
            FloatVector maxes = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
            for (int bound = SPECIES.loopBound(cols); c < bound; c += SPECIES.length()) {
                maxes = maxes.max(FloatVector.fromArray(SPECIES, a, row + c));
            }
            max = maxes.reduceLanes(VectorOperators.MAX);
        }
        for (; c < cols; c++) {
            max = Math.max(max, a[row + c]);
        }
        return max;
    }

    /** exp(x − max) into probs, then scaled by 1/Σ; returns Σ exp(x − max) for the loss. */
    private static float softmaxRow(float[] logits, float[] probs, int row, int cols, float max) {
        int bound = SPECIES.loopBound(cols);
        FloatVector sums = FloatVector.zero(SPECIES);
        int c = 0;
        for (; c < bound; c += SPECIES.length()) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(SPECIES, logits, row + c).sub(max));
            e.intoArray(probs, row + c);
            sums = sums.add(e);
        }
        float sum = VectorMath.sum(sums);
        for (; c < cols; c++) {
            float e = (float) Math.exp(logits[row + c] - max);
            probs[row + c] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (c = 0; c < bound; c += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, probs, row + c).mul(inv).intoArray(probs, row + c);
        }
        for (; c < cols; c++) {
            probs[row + c] *= inv;
        }
        return sum;
    }

    // ---- reductions -------------------------------------------------------------------------------------------

    @Override
    public void rowSums(float[] a, int rows, int cols, float[] out) {
        int bound = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            FloatVector sums = FloatVector.zero(SPECIES);
            int c = 0;
            for (; c < bound; c += SPECIES.length()) {
                sums = sums.add(FloatVector.fromArray(SPECIES, a, row + c));
            }
            float sum = VectorMath.sum(sums);
            for (; c < cols; c++) {
                sum += a[row + c];
            }
            out[r] = sum;
        }
    }

    @Override
    public void colSums(float[] a, int rows, int cols, float[] out, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(out, 0, cols, 0f);
        }
        // Row by row keeps the reads unit-stride: each row adds into the running column sums.
        int bound = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            int c = 0;
            for (; c < bound; c += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, out, c).add(FloatVector.fromArray(SPECIES, a, row + c))
                        .intoArray(out, c);
            }
            for (; c < cols; c++) {
                out[c] += a[row + c];
            }
        }
    }

    @Override
    public void argmaxRows(float[] a, int rows, int cols, int[] out) {
        // "First index of the max" needs a second pass over lanes; rows are short, the scalar loop is as fast.
        scalar.argmaxRows(a, rows, cols, out);
    }

    // ---- convolution and pooling: index arithmetic and padding dominate, so these share the scalar loops -------

    @Override
    public void im2col(float[] image, int imageOffset, ConvGeometry g, float[] columns) {
        // Whole rows at a time: for each kernel offset, the output columns whose input lies inside the image form
        // one range [lo, hi), copied in one go (stride 1) with the padding around it zero-filled; the scalar twin
        // keeps the per-element reference. Measured on LeNet's conv1: 53 → 10 µs per image.
        int outH = g.outHeight(), outW = g.outWidth(), h = g.height(), w = g.width();
        int stride = g.stride(), pad = g.padding();
        int dst = 0;
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelHeight(); i++) {
                for (int j = 0; j < g.kernelWidth(); j++) {
                    int lo = firstInside(j - pad, stride, outW);
                    int hi = endInside(j - pad, stride, w, outW);
                    for (int oy = 0; oy < outH; oy++, dst += outW) {
                        int y = oy * stride - pad + i;
                        if (y < 0 || y >= h || lo >= hi) {
                            Arrays.fill(columns, dst, dst + outW, 0f);
                            continue;
                        }
                        Arrays.fill(columns, dst, dst + lo, 0f);
                        int src = imageOffset + (c * h + y) * w + j - pad;
                        if (stride == 1 && hi - lo >= 64) {
                            System.arraycopy(image, src + lo, columns, dst + lo, hi - lo);
                        } else if (stride == 1) {
                            // Short rows (a 28-wide image): a plain loop beats arraycopy's call overhead.
                            for (int ox = lo; ox < hi; ox++) {
                                columns[dst + ox] = image[src + ox];
                            }
                        } else {
                            for (int ox = lo; ox < hi; ox++) {
                                columns[dst + ox] = image[src + ox * stride];
                            }
                        }
                        Arrays.fill(columns, dst + hi, dst + outW, 0f);
                    }
                }
            }
        }
    }

    /** The first output column whose input column ox·stride + offset is ≥ 0. */
    private static int firstInside(int offset, int stride, int outW) {
        return offset >= 0 ? 0 : Math.min(outW, (-offset + stride - 1) / stride);
    }

    /** One past the last output column whose input column ox·stride + offset is < w. */
    private static int endInside(int offset, int stride, int w, int outW) {
        int last = w - 1 - offset;
        return last < 0 ? 0 : Math.min(outW, last / stride + 1);
    }

    @Override
    public void col2im(float[] columns, ConvGeometry g, float[] image, int imageOffset) {
        // The same row ranges as im2col, added back; cells that fell in the padding have nowhere to go.
        int outH = g.outHeight(), outW = g.outWidth(), h = g.height(), w = g.width();
        int stride = g.stride(), pad = g.padding();
        int src = 0;
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelHeight(); i++) {
                for (int j = 0; j < g.kernelWidth(); j++) {
                    int lo = firstInside(j - pad, stride, outW);
                    int hi = endInside(j - pad, stride, w, outW);
                    for (int oy = 0; oy < outH; oy++, src += outW) {
                        int y = oy * stride - pad + i;
                        if (y < 0 || y >= h) {
                            continue;
                        }
                        int dst = imageOffset + (c * h + y) * w + j - pad;
                        for (int ox = lo; ox < hi; ox++) {
                            image[dst + ox * stride] += columns[src + ox];
                        }
                    }
                }
            }
        }
    }

    @Override
    public void maxPool(float[] input, int inputOffset, PoolGeometry g, float[] output, int outputOffset,
                        int[] argmax, int argmaxOffset) {
        if (g.size() != 2 || g.stride() != 2) {
            scalar.maxPool(input, inputOffset, g, output, outputOffset, argmax, argmaxOffset);
            return;
        }
        // The common 2×2, stride-2 window unrolled, with the same tie rule as the twin: the first maximum in
        // row-major window order wins (a later value must be strictly larger). 3–4× faster than the general loop.
        int outH = g.outHeight(), outW = g.outWidth(), h = g.height(), w = g.width();
        int o = 0;
        for (int c = 0; c < g.channels(); c++) {
            for (int oy = 0; oy < outH; oy++) {
                int top = (c * h + 2 * oy) * w;
                for (int ox = 0; ox < outW; ox++, o++) {
                    int at = top + 2 * ox;
                    int best = at;
                    float v = input[inputOffset + at];
                    float b = input[inputOffset + at + 1];
                    if (b > v) {
                        v = b;
                        best = at + 1;
                    }
                    b = input[inputOffset + at + w];
                    if (b > v) {
                        v = b;
                        best = at + w;
                    }
                    b = input[inputOffset + at + w + 1];
                    if (b > v) {
                        v = b;
                        best = at + w + 1;
                    }
                    output[outputOffset + o] = v;
                    argmax[argmaxOffset + o] = best;
                }
            }
        }
    }

    @Override
    public void maxPoolBackward(float[] dOutput, int outputOffset, int[] argmax, int argmaxOffset, PoolGeometry g,
                                float[] dInput, int inputOffset) {
        scalar.maxPoolBackward(dOutput, outputOffset, argmax, argmaxOffset, g, dInput, inputOffset);
    }

    // ---- optimizer updates: the same float expressions as ScalarKernels, in the same order ---------------------

    @Override
    public void sgdUpdate(float[] w, float[] g, int n, float learningRate, float weightDecay) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector wv = FloatVector.fromArray(SPECIES, w, i);
            FloatVector d = FloatVector.fromArray(SPECIES, g, i).add(wv.mul(weightDecay));
            wv.sub(d.mul(learningRate)).intoArray(w, i);
        }
        for (; i < n; i++) {
            w[i] -= learningRate * (g[i] + weightDecay * w[i]);
        }
    }

    @Override
    public void momentumUpdate(float[] w, float[] g, float[] velocity, int n, float learningRate, float momentum,
                               float weightDecay, boolean nesterov) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector wv = FloatVector.fromArray(SPECIES, w, i);
            FloatVector d = FloatVector.fromArray(SPECIES, g, i).add(wv.mul(weightDecay));
            FloatVector v = FloatVector.fromArray(SPECIES, velocity, i).mul(momentum).add(d);
            v.intoArray(velocity, i);
            FloatVector step = nesterov ? d.add(v.mul(momentum)) : v;
            wv.sub(step.mul(learningRate)).intoArray(w, i);
        }
        for (; i < n; i++) {
            float d = g[i] + weightDecay * w[i];
            velocity[i] = momentum * velocity[i] + d;
            w[i] -= learningRate * (nesterov ? d + momentum * velocity[i] : velocity[i]);
        }
    }

    @Override
    public void rmspropUpdate(float[] w, float[] g, float[] squareAvg, int n, float learningRate, float alpha,
                              float epsilon, float weightDecay) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector wv = FloatVector.fromArray(SPECIES, w, i);
            FloatVector d = FloatVector.fromArray(SPECIES, g, i).add(wv.mul(weightDecay));
            FloatVector sq = FloatVector.fromArray(SPECIES, squareAvg, i).mul(alpha).add(d.mul(1f - alpha).mul(d));
            sq.intoArray(squareAvg, i);
            FloatVector denominator = sq.lanewise(VectorOperators.SQRT).add(epsilon);
            wv.sub(d.mul(learningRate).div(denominator)).intoArray(w, i);
        }
        for (; i < n; i++) {
            float d = g[i] + weightDecay * w[i];
            squareAvg[i] = alpha * squareAvg[i] + (1f - alpha) * d * d;
            w[i] -= learningRate * d / ((float) Math.sqrt(squareAvg[i]) + epsilon);
        }
    }

    @Override
    public void adamUpdate(float[] w, float[] g, float[] m, float[] v, int n, AdamStep step) {
        float lr = step.learningRate(), b1 = step.beta1(), b2 = step.beta2(), wd = step.weightDecay();
        float c1 = step.firstMomentCorrection(), c2 = step.secondMomentCorrection(), eps = step.epsilon();
        boolean decoupled = step.decoupledWeightDecay();
        // Both kinds of decay as factors, zero for the one not in use, so that no vector is merged across a branch
        // (C2 boxes vectors at such merges, which allocated on every update); x − x·0 and g + w·0 are exact.
        float shrink = decoupled ? lr * wd : 0f;
        float l2 = decoupled ? 0f : wd;
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector w0 = FloatVector.fromArray(SPECIES, w, i);
            FloatVector wv = w0.sub(w0.mul(shrink));
            FloatVector grad = FloatVector.fromArray(SPECIES, g, i).add(w0.mul(l2));
            FloatVector mv = FloatVector.fromArray(SPECIES, m, i).mul(b1).add(grad.mul(1f - b1));
            FloatVector vv = FloatVector.fromArray(SPECIES, v, i).mul(b2).add(grad.mul(1f - b2).mul(grad));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector denominator = vv.mul(c2).lanewise(VectorOperators.SQRT).add(eps);
            wv.sub(mv.mul(c1).mul(lr).div(denominator)).intoArray(w, i);
        }
        for (; i < n; i++) {
            float grad = g[i];
            if (decoupled) {
                w[i] -= lr * wd * w[i];
            } else {
                grad += wd * w[i];
            }
            m[i] = b1 * m[i] + (1f - b1) * grad;
            v[i] = b2 * v[i] + (1f - b2) * grad * grad;
            w[i] -= lr * (m[i] * c1) / ((float) Math.sqrt(v[i] * c2) + eps);
        }
    }
}
