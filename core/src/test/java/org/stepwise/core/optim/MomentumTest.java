// Momentum, classical and Nesterov, against PyTorch's SGD formulas replayed in doubles.
package org.stepwise.core.optim;

import static org.stepwise.core.optim.OptimizerFixture.KERNELS;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MomentumTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void threeStepsAccumulateVelocityAndNesterovLooksAhead(boolean nesterov) {
        OptimizerFixture f = new OptimizerFixture();
        Momentum momentum = new Momentum(f.params, KERNELS, 0.9f, 0.1f, nesterov);
        f.train(momentum, 0.05f);
        for (int p = 0; p < f.params.size(); p++) {
            double[] w = OptimizerFixture.start(p);
            double[] v = new double[w.length];
            for (int t = 0; t < 3; t++) {
                double[] g = OptimizerFixture.grad(t, p);
                for (int i = 0; i < w.length; i++) {
                    double d = g[i] + OptimizerFixture.decay(p, 0.1) * w[i];
                    v[i] = 0.9 * v[i] + d;
                    w[i] -= 0.05 * (nesterov ? d + 0.9 * v[i] : v[i]);
                }
            }
            OptimizerFixture.assertValues(f.params.get(p).name(), w, f.params.get(p).value());
            OptimizerFixture.assertValues("velocity of " + f.params.get(p).name(), v, momentum.state().get(p));
        }
    }
}
