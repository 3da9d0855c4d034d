// Test data for the precision tests: n points of y = sin(2·x₁)·cos(x₂) drawn uniformly from [−1, 1]².
package org.stepwise.core.precision;

import java.util.SplittableRandom;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.tensor.Shape;

public final class Wave {
    private Wave() {
    }

    public static Dataset of(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) (random.nextDouble() * 2 - 1);
            x[2 * i + 1] = (float) (random.nextDouble() * 2 - 1);
            y[i] = (float) (Math.sin(2 * x[2 * i]) * Math.cos(x[2 * i + 1]));
        }
        return Dataset.regression("wave", Shape.of(2), x, y, n);
    }
}
