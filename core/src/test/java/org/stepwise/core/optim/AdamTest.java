// Adam and AdamW against PyTorch's formulas replayed in doubles: bias correction, L2 versus decoupled decay.
package org.stepwise.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stepwise.core.optim.OptimizerFixture.KERNELS;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdamTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void threeStepsMatchPyTorchsAdamOrAdamW(boolean decoupled) {
        OptimizerFixture f = new OptimizerFixture();
        Adam adam = decoupled
                ? new AdamW(f.params, KERNELS, 0.9f, 0.999f, 1e-8f, 0.1f)
                : new Adam(f.params, KERNELS, 0.9f, 0.999f, 1e-8f, 0.1f);
        f.train(adam, 0.1f);
        double b1 = 0.9f;
        double b2 = 0.999f;
        for (int p = 0; p < f.params.size(); p++) {
            double[] w = OptimizerFixture.start(p);
            double[] m = new double[w.length];
            double[] v = new double[w.length];
            double wd = OptimizerFixture.decay(p, 0.1f);
            for (int t = 1; t <= 3; t++) {
                double[] g = OptimizerFixture.grad(t - 1, p);
                for (int i = 0; i < w.length; i++) {
                    double d = g[i];
                    if (decoupled) {
                        w[i] -= 0.1 * wd * w[i];
                    } else {
                        d += wd * w[i];
                    }
                    m[i] = b1 * m[i] + (1 - b1) * d;
                    v[i] = b2 * v[i] + (1 - b2) * d * d;
                    double mHat = m[i] / (1 - Math.pow(b1, t));
                    double vHat = v[i] / (1 - Math.pow(b2, t));
                    w[i] -= 0.1 * mHat / (Math.sqrt(vHat) + 1e-8);
                }
            }
            String name = f.params.get(p).name();
            OptimizerFixture.assertValues(name, w, f.params.get(p).value());
            OptimizerFixture.assertValues("m of " + name, m, adam.state().get(2 * p));
            OptimizerFixture.assertValues("v of " + name, v, adam.state().get(2 * p + 1));
        }
    }

    @Test
    void theFirstStepMovesEveryWeightByTheLearningRateWhateverItsGradient() {
        // m̂ = g and v̂ = g² after one step, so Adam moves each weight by lr·g/|g|: a fact worth a lesson.
        OptimizerFixture f = new OptimizerFixture();
        f.setGradients(0);
        new Adam(f.params, KERNELS).update(f.params, 0.01f);
        for (int i = 0; i < 4; i++) {
            float g = OptimizerFixture.GRADS[0][0][i];
            assertEquals(OptimizerFixture.START[0][i] - 0.01f * Math.signum(g), f.weight.value()[i], 1e-6f);
        }
    }
}
