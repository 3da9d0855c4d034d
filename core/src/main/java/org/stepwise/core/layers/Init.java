// Parameter initialisation schemes, always from a seeded generator.
package org.stepwise.core.layers;

import java.util.Locale;
import java.util.SplittableRandom;

public enum Init {
    /** Uniform ±√(6 / (fanIn + fanOut)): keeps activations' variance for tanh and sigmoid. */
    GLOROT,
    /** Normal with σ = √(2 / fanIn): keeps activations' variance for ReLU. */
    HE,
    ZEROS,
    /** Every value the same constant (the spec carries it). */
    CONSTANT;

    public static Init parse(String id) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case "glorot", "xavier" -> GLOROT;
            case "he", "kaiming" -> HE;
            case "zeros", "zero" -> ZEROS;
            case "constant" -> CONSTANT;
            default -> throw new IllegalArgumentException("Unknown initialisation '" + id
                    + "'; use glorot, he, zeros or constant");
        };
    }

    public void fill(float[] w, int fanIn, int fanOut, float constant, SplittableRandom random) {
        switch (this) {
            case GLOROT -> {
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
                }
            }
            case HE -> {
                double sigma = Math.sqrt(2.0 / fanIn);
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (gaussian(random) * sigma);
                }
            }
            case ZEROS -> java.util.Arrays.fill(w, 0f);
            case CONSTANT -> java.util.Arrays.fill(w, constant);
        }
    }

    /** The default for a layer followed by this activation: He for the ReLU family, Glorot otherwise. */
    public static Init defaultFor(Activation act) {
        return act == Activation.RELU || act == Activation.LEAKY_RELU || act == Activation.GELU ? HE : GLOROT;
    }

    /** The deviation GPT-2 and nanoGPT draw embeddings and projections with. */
    public static final double GPT_STD = 0.02;

    /**
     * Fills {@code w} from a normal distribution of mean 0 and deviation {@code std}: how GPT-2 draws its embeddings
     * and projections ({@link #GPT_STD}), which the Transformer's nodes follow.
     */
    public static void normal(float[] w, double std, SplittableRandom random) {
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (gaussian(random) * std);
        }
    }

    // Box–Muller; SplittableRandom has no nextGaussian before Java 17's RandomGenerator default, which we avoid
    // so that the sequence is defined here and not by a JDK version.
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
