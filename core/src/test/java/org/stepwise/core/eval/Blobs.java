// Seeded toy data for the evaluation tests: three Gaussian blobs in the plane, and a small MLP that fits them.
package org.stepwise.core.eval;

import java.util.List;
import java.util.SplittableRandom;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.tensor.Shape;

final class Blobs {
    private static final double[][] CENTRES = {{-2, 0}, {2, 0}, {0, 2.5}};

    private Blobs() {
    }

    /** {@code n} points, class i % 3, normal around its centre with standard deviation {@code spread}. */
    static Dataset of(String name, int n, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            x[2 * i] = (float) (CENTRES[labels[i]][0] + spread * random.nextGaussian());
            x[2 * i + 1] = (float) (CENTRES[labels[i]][1] + spread * random.nextGaussian());
        }
        return Dataset.classification(name, Shape.of(2), x, labels, 3);
    }

    /** 2 → width tanh → 3 logits. */
    static GraphDef mlp(int width) {
        return new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2))),
                new NodeDef("hidden", new Dense.Spec(width, Activation.TANH), "in"),
                new NodeDef("logits", new Dense.Spec(3, Activation.IDENTITY), "hidden")));
    }
}
