// The activation functions, forward and backward over (rows, cols) buffers, on the kernels.
//
// Softmax is row-wise, the rest element-wise. Backward receives both the pre-activation z and the output y,
// since sigmoid and tanh are cheapest from y, the rest from z.
package org.stepwise.core.layers;

import java.util.Locale;
import org.stepwise.core.kernels.Kernels;

public enum Activation {
    IDENTITY, RELU, LEAKY_RELU, SIGMOID, TANH, GELU, SOFTMAX;

    /** LeakyReLU's slope for negative inputs, as PyTorch's default. */
    public static final float LEAKY_SLOPE = 0.01f;

    /** The name in files: "relu", "leaky_relu", … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Activation parse(String id) {
        for (Activation a : values()) {
            if (a.id().equals(id.toLowerCase(Locale.ROOT).replace("-", "_")) || (a == IDENTITY && id.equals("linear"))
                    || (a == LEAKY_RELU && id.equalsIgnoreCase("leakyrelu"))) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown activation '" + id + "'; use one of identity, relu, leaky_relu, "
                + "sigmoid, tanh, gelu, softmax");
    }

    /** y = f(z) for rows × cols values. */
    public void forward(Kernels k, float[] z, float[] y, int rows, int cols) {
        int n = rows * cols;
        switch (this) {
            case IDENTITY -> {
                if (z != y) {
                    System.arraycopy(z, 0, y, 0, n);
                }
            }
            case RELU -> k.relu(z, y, n);
            case LEAKY_RELU -> k.leakyRelu(z, y, n, LEAKY_SLOPE);
            case SIGMOID -> k.sigmoid(z, y, n);
            case TANH -> k.tanh(z, y, n);
            case GELU -> k.gelu(z, y, n);
            case SOFTMAX -> k.softmaxRows(z, y, rows, cols);
        }
    }

    /** dz = f′(z) ⊙ dy (for softmax, the Jacobian-vector product y ⊙ (dy − Σ dy·y) per row). */
    public void backward(Kernels k, float[] z, float[] y, float[] dy, float[] dz, int rows, int cols) {
        int n = rows * cols;
        switch (this) {
            case IDENTITY -> {
                if (dy != dz) {
                    System.arraycopy(dy, 0, dz, 0, n);
                }
            }
            case RELU -> k.reluBackward(z, dy, dz, n);
            case LEAKY_RELU -> k.leakyReluBackward(z, dy, dz, n, LEAKY_SLOPE);
            case SIGMOID -> k.sigmoidBackward(y, dy, dz, n);
            case TANH -> k.tanhBackward(y, dy, dz, n);
            case GELU -> k.geluBackward(z, dy, dz, n);
            case SOFTMAX -> {
                for (int r = 0; r < rows; r++) {
                    int o = r * cols;
                    float dot = 0f;
                    for (int c = 0; c < cols; c++) {
                        dot += dy[o + c] * y[o + c];
                    }
                    for (int c = 0; c < cols; c++) {
                        dz[o + c] = y[o + c] * (dy[o + c] - dot);
                    }
                }
            }
        }
    }

    /** f′(z) for one value, for the math panel; softmax has no element-wise derivative and answers NaN. */
    public double derivative(double z, double y) {
        return switch (this) {
            case IDENTITY -> 1;
            case RELU -> z > 0 ? 1 : 0;
            case LEAKY_RELU -> z > 0 ? 1 : LEAKY_SLOPE;
            case SIGMOID -> y * (1 - y);
            case TANH -> 1 - y * y;
            case GELU -> {
                double c = Math.sqrt(2 / Math.PI);
                double u = c * (z + 0.044715 * z * z * z);
                double t = Math.tanh(u);
                yield 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * c * (1 + 3 * 0.044715 * z * z);
            }
            case SOFTMAX -> Double.NaN;
        };
    }
}
