// The algorithmic reference: every kernel as a plain loop, obviously correct, and the fallback without the Vector API.
//
// Transcendentals go through Math in double and round once to float; VectorKernels is checked against this class.
package org.stepwise.core.kernels;

public final class ScalarKernels implements Kernels {

    /** √(2/π), the scale inside GELU's tanh approximation. */
    static final double GELU_SCALE = Math.sqrt(2.0 / Math.PI);
    static final double GELU_CUBIC = 0.044715;

    public ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public String description() {
        return "scalar reference (plain Java loops)";
    }

    @Override
    public void gemm(GemmLayout layout, int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
                     float[] c, int cOffset, float[] bias, boolean accumulate) {
        ScalarGemm.gemm(layout, m, n, k, a, aOffset, b, bOffset, c, cOffset, bias, accumulate);
    }

    // ---- element-wise activations -----------------------------------------------------------------------------

    @Override
    public void relu(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.max(0f, x[i]);
        }
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = x[i] > 0f ? dy[i] : 0f;
        }
    }

    @Override
    public void leakyRelu(float[] x, float[] y, int n, float slope) {
        for (int i = 0; i < n; i++) {
            y[i] = x[i] > 0f ? x[i] : slope * x[i];
        }
    }

    @Override
    public void leakyReluBackward(float[] x, float[] dy, float[] dx, int n, float slope) {
        for (int i = 0; i < n; i++) {
            dx[i] = x[i] > 0f ? dy[i] : slope * dy[i];
        }
    }

    @Override
    public void sigmoid(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = sigmoid(x[i]);
        }
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    @Override
    public void sigmoidBackward(float[] y, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = dy[i] * y[i] * (1f - y[i]);
        }
    }

    @Override
    public void tanh(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
    }

    @Override
    public void tanhBackward(float[] y, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = dy[i] * (1f - y[i] * y[i]);
        }
    }

    @Override
    public void gelu(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = gelu(x[i]);
        }
    }

    @Override
    public void geluBackward(float[] x, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = (float) (dy[i] * geluSlope(x[i]));
        }
    }

    static float gelu(float x) {
        double v = x;
        return (float) (0.5 * v * (1.0 + Math.tanh(GELU_SCALE * (v + GELU_CUBIC * v * v * v))));
    }

    /** d gelu / dx by the product rule: 0.5·(1 + t) + 0.5·x·(1 − t²)·du/dx, with u the argument of tanh. */
    static double geluSlope(float x) {
        double v = x;
        double t = Math.tanh(GELU_SCALE * (v + GELU_CUBIC * v * v * v));
        double du = GELU_SCALE * (1.0 + 3.0 * GELU_CUBIC * v * v);
        return 0.5 * (1.0 + t) + 0.5 * v * (1.0 - t * t) * du;
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
            for (int j = i + 1; j < n; j++) {
                probs[row + j] = 0f;
            }
        }
    }

    @Override
    public void causalSoftmaxBackward(float[] probs, float[] dProbs, float[] dScores, int offset, int n) {
        for (int i = 0; i < n; i++) {
            int row = offset + i * n;
            double dot = 0;
            for (int j = 0; j <= i; j++) {
                dot += (double) probs[row + j] * dProbs[row + j];
            }
            for (int j = 0; j <= i; j++) {
                dScores[row + j] = (float) (probs[row + j] * (dProbs[row + j] - dot));
            }
            for (int j = i + 1; j < n; j++) {
                dScores[row + j] = 0f;
            }
        }
    }

    @Override
    public float softmaxCrossEntropy(float[] logits, int[] labels, float[] probs, int rows, int cols) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int label = checkedLabel(labels, r, cols);
            float max = rowMax(logits, r * cols, cols);
            double sum = softmaxRow(logits, probs, r * cols, cols, max);
            // −log p[label] as log Σ exp(x − max) − (x[label] − max): finite even when p[label] underflows to 0.
            total += Math.log(sum) - (logits[r * cols + label] - max);
        }
        return (float) (total / rows);
    }

    @Override
    public void softmaxCrossEntropyBackward(float[] probs, int[] labels, float[] dLogits, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int label = checkedLabel(labels, r, cols);
            for (int c = 0; c < cols; c++) {
                float onehot = c == label ? 1f : 0f;
                dLogits[r * cols + c] = (probs[r * cols + c] - onehot) / rows;
            }
        }
    }

    private static float rowMax(float[] a, int row, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < cols; c++) {
            max = Math.max(max, a[row + c]);
        }
        return max;
    }

    /** Softmax of the row starting at {@code row}, shifted by its max so exp cannot overflow; returns Σ exp. */
    private static double softmaxRow(float[] logits, float[] probs, int row, int cols, float max) {
        double sum = 0;
        for (int c = 0; c < cols; c++) {
            sum += Math.exp(logits[row + c] - max);
        }
        for (int c = 0; c < cols; c++) {
            probs[row + c] = (float) (Math.exp(logits[row + c] - max) / sum);
        }
        return sum;
    }

    /** The label of row r, checked against [0, cols) so a bad dataset fails with a sentence, not an index. */
    static int checkedLabel(int[] labels, int r, int cols) {
        int label = labels[r];
        if (label < 0 || label >= cols) {
            throw new IllegalArgumentException("Row " + r + " has label " + label + ", but labels must lie in [0, "
                    + cols + ")");
        }
        return label;
    }

    // ---- reductions -------------------------------------------------------------------------------------------

    @Override
    public void rowSums(float[] a, int rows, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += a[r * cols + c];
            }
            out[r] = (float) sum;
        }
    }

    @Override
    public void colSums(float[] a, int rows, int cols, float[] out, boolean accumulate) {
        for (int c = 0; c < cols; c++) {
            double sum = accumulate ? out[c] : 0;
            for (int r = 0; r < rows; r++) {
                sum += a[r * cols + c];
            }
            out[c] = (float) sum;
        }
    }

    @Override
    public void argmaxRows(float[] a, int rows, int cols, int[] out) {
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < cols; c++) {
                if (a[r * cols + c] > a[r * cols + best]) {
                    best = c;
                }
            }
            out[r] = best;
        }
    }

    // ---- convolution and pooling ------------------------------------------------------------------------------

    @Override
    public void im2col(float[] image, int imageOffset, ConvGeometry g, float[] columns) {
        // image is (C, H, W); columns is (C·kh·kw, outH·outW) with row (c·kh + i)·kw + j.
        int outH = g.outHeight(), outW = g.outWidth(), h = g.height(), w = g.width();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelHeight(); i++) {
                for (int j = 0; j < g.kernelWidth(); j++) {
                    int row = ((c * g.kernelHeight() + i) * g.kernelWidth() + j) * outH * outW;
                    for (int oy = 0; oy < outH; oy++) {
                        int y = oy * g.stride() - g.padding() + i;
                        for (int ox = 0; ox < outW; ox++) {
                            int x = ox * g.stride() - g.padding() + j;
                            boolean inside = y >= 0 && y < h && x >= 0 && x < w;
                            columns[row + oy * outW + ox] = inside ? image[imageOffset + (c * h + y) * w + x] : 0f;
                        }
                    }
                }
            }
        }
    }

    @Override
    public void col2im(float[] columns, ConvGeometry g, float[] image, int imageOffset) {
        // The same walk as im2col with the assignment reversed; cells that fell in the padding have nowhere to go.
        int outH = g.outHeight(), outW = g.outWidth(), h = g.height(), w = g.width();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelHeight(); i++) {
                for (int j = 0; j < g.kernelWidth(); j++) {
                    int row = ((c * g.kernelHeight() + i) * g.kernelWidth() + j) * outH * outW;
                    for (int oy = 0; oy < outH; oy++) {
                        int y = oy * g.stride() - g.padding() + i;
                        for (int ox = 0; ox < outW; ox++) {
                            int x = ox * g.stride() - g.padding() + j;
                            if (y >= 0 && y < h && x >= 0 && x < w) {
                                image[imageOffset + (c * h + y) * w + x] += columns[row + oy * outW + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void maxPool(float[] input, int inputOffset, PoolGeometry g, float[] output, int outputOffset,
                        int[] argmax, int argmaxOffset) {
        // input is (C, H, W); output and argmax are (C, outH, outW).
        int outH = g.outHeight(), outW = g.outWidth(), h = g.height(), w = g.width();
        for (int c = 0; c < g.channels(); c++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int best = (c * h + oy * g.stride()) * w + ox * g.stride();
                    for (int i = 0; i < g.size(); i++) {
                        for (int j = 0; j < g.size(); j++) {
                            int at = (c * h + oy * g.stride() + i) * w + ox * g.stride() + j;
                            if (input[inputOffset + at] > input[inputOffset + best]) {
                                best = at;
                            }
                        }
                    }
                    int o = (c * outH + oy) * outW + ox;
                    output[outputOffset + o] = input[inputOffset + best];
                    argmax[argmaxOffset + o] = best;
                }
            }
        }
    }

    @Override
    public void maxPoolBackward(float[] dOutput, int outputOffset, int[] argmax, int argmaxOffset, PoolGeometry g,
                                float[] dInput, int inputOffset) {
        for (int o = 0; o < g.outputSize(); o++) {
            dInput[inputOffset + argmax[argmaxOffset + o]] += dOutput[outputOffset + o];
        }
    }

    // ---- optimizer updates ------------------------------------------------------------------------------------

    @Override
    public void sgdUpdate(float[] w, float[] g, int n, float learningRate, float weightDecay) {
        for (int i = 0; i < n; i++) {
            w[i] -= learningRate * (g[i] + weightDecay * w[i]);
        }
    }

    @Override
    public void momentumUpdate(float[] w, float[] g, float[] velocity, int n, float learningRate, float momentum,
                               float weightDecay, boolean nesterov) {
        for (int i = 0; i < n; i++) {
            float d = g[i] + weightDecay * w[i];
            velocity[i] = momentum * velocity[i] + d;
            w[i] -= learningRate * (nesterov ? d + momentum * velocity[i] : velocity[i]);
        }
    }

    @Override
    public void rmspropUpdate(float[] w, float[] g, float[] squareAvg, int n, float learningRate, float alpha,
                              float epsilon, float weightDecay) {
        for (int i = 0; i < n; i++) {
            float d = g[i] + weightDecay * w[i];
            squareAvg[i] = alpha * squareAvg[i] + (1f - alpha) * d * d;
            w[i] -= learningRate * d / ((float) Math.sqrt(squareAvg[i]) + epsilon);
        }
    }

    @Override
    public void adamUpdate(float[] w, float[] g, float[] m, float[] v, int n, AdamStep step) {
        float lr = step.learningRate(), b1 = step.beta1(), b2 = step.beta2(), wd = step.weightDecay();
        float c1 = step.firstMomentCorrection(), c2 = step.secondMomentCorrection();
        for (int i = 0; i < n; i++) {
            float grad = g[i];
            if (step.decoupledWeightDecay()) {
                w[i] -= lr * wd * w[i];
            } else {
                grad += wd * w[i];
            }
            m[i] = b1 * m[i] + (1f - b1) * grad;
            v[i] = b2 * v[i] + (1f - b2) * grad * grad;
            float mHat = m[i] * c1;
            float vHat = v[i] * c2;
            w[i] -= lr * mHat / ((float) Math.sqrt(vHat) + step.epsilon());
        }
    }
}
