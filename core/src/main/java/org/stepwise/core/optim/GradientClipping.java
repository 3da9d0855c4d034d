// Clips gradients by their global L2 norm, as PyTorch's clip_grad_norm_, before the optimizer sees them.
//
// One norm over all parameters, not one per parameter, so clipping shortens the step but keeps its direction.
package org.stepwise.core.optim;

import java.util.List;
import org.stepwise.core.graph.Param;

public final class GradientClipping {

    /** PyTorch's guard against dividing by a zero norm; it also leaves the clipped norm a hair under maxNorm. */
    private static final double EPSILON = 1e-6;

    private GradientClipping() {
    }

    /** Scales every gradient by maxNorm / (norm + 1e-6) when {@code norm}, their measured global norm, exceeds it. */
    public static void clipToNorm(List<Param> params, double norm, float maxNorm) {
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + EPSILON));
            for (int p = 0; p < params.size(); p++) {
                float[] g = params.get(p).grad();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= scale;
                }
            }
        }
    }

    /** ‖all gradients‖₂, summed in double: thousands of float squares lose the small ones, and users see it. */
    public static double globalNorm(List<Param> params) {
        double sumOfSquares = 0;
        for (int p = 0; p < params.size(); p++) {
            float[] g = params.get(p).grad();
            for (int i = 0; i < g.length; i++) {
                sumOfSquares += (double) g[i] * g[i];
            }
        }
        return Math.sqrt(sumOfSquares);
    }

    /**
     * Scales every gradient by maxNorm / (norm + 1e-6) when the global norm exceeds maxNorm.
     *
     * @return the global norm before clipping, for the training chart; NaN or infinity when a gradient is
     */
    public static float clipGlobalNorm(List<Param> params, float maxNorm) {
        if (!(maxNorm > 0f) || Float.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("The gradient clipping norm must be a finite number > 0, not "
                    + maxNorm);
        }
        double norm = globalNorm(params);
        clipToNorm(params, norm, maxNorm);
        return (float) norm;
    }
}
