// Class probabilities from a network's outputs: softmax over one score per class, or, for two classes scored by one
// logit, σ(logit) for class 1. Ties go to the lower class, as core's argmax gives them.
package org.stepwise.app.studio.inference;

public final class Probabilities {
    private Probabilities() {
    }

    /** Probabilities of the {@code width} outputs from {@code offset}: two for one logit, else one per output. */
    public static float[] of(float[] outputs, int offset, int width) {
        if (width == 1) {
            float p = (float) (1 / (1 + Math.exp(-outputs[offset])));
            return new float[] {1 - p, p};
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < width; c++) {
            max = Math.max(max, outputs[offset + c]);
        }
        double sum = 0;
        double[] e = new double[width];
        for (int c = 0; c < width; c++) {
            e[c] = Math.exp(outputs[offset + c] - max);
            sum += e[c];
        }
        float[] p = new float[width];
        for (int c = 0; c < width; c++) {
            p[c] = (float) (e[c] / sum);
        }
        return p;
    }

    /** The first index of the largest value. */
    public static int best(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
