// RMSprop against PyTorch's formula (not centered, no momentum) replayed in doubles.
package org.stepwise.core.optim;

import static org.stepwise.core.optim.OptimizerFixture.KERNELS;

import org.junit.jupiter.api.Test;

class RmsPropTest {

    @Test
    void threeStepsDivideByTheRootOfTheRunningSquareAverage() {
        OptimizerFixture f = new OptimizerFixture();
        RmsProp rmsProp = new RmsProp(f.params, KERNELS, 0.9f, 1e-8f, 0.1f);
        f.train(rmsProp, 0.01f);
        double alpha = 0.9f;
        for (int p = 0; p < f.params.size(); p++) {
            double[] w = OptimizerFixture.start(p);
            double[] sq = new double[w.length];
            for (int t = 0; t < 3; t++) {
                double[] g = OptimizerFixture.grad(t, p);
                for (int i = 0; i < w.length; i++) {
                    double d = g[i] + OptimizerFixture.decay(p, 0.1) * w[i];
                    sq[i] = alpha * sq[i] + (1 - alpha) * d * d;
                    w[i] -= 0.01 * d / (Math.sqrt(sq[i]) + 1e-8);
                }
            }
            OptimizerFixture.assertValues(f.params.get(p).name(), w, f.params.get(p).value());
            OptimizerFixture.assertValues("square average of " + f.params.get(p).name(), sq, rmsProp.state().get(p));
        }
    }
}
