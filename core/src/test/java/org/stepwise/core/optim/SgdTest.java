// SGD against PyTorch's formula, replayed in doubles: w −= lr · (g + wd·w), with the bias undecayed.
package org.stepwise.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stepwise.core.optim.OptimizerFixture.KERNELS;

import org.junit.jupiter.api.Test;

class SgdTest {

    @Test
    void threeStepsFollowTheGradientPlusWeightDecayOnWeightsOnly() {
        OptimizerFixture f = new OptimizerFixture();
        f.train(new Sgd(f.params, KERNELS, 0.1f), 0.5f);
        for (int p = 0; p < f.params.size(); p++) {
            double[] w = OptimizerFixture.start(p);
            for (int t = 0; t < 3; t++) {
                double[] g = OptimizerFixture.grad(t, p);
                for (int i = 0; i < w.length; i++) {
                    w[i] -= 0.5 * (g[i] + OptimizerFixture.decay(p, 0.1) * w[i]);
                }
            }
            OptimizerFixture.assertValues(f.params.get(p).name(), w, f.params.get(p).value());
        }
    }

    @Test
    void hasNoStateButCountsItsSteps() {
        OptimizerFixture f = new OptimizerFixture();
        Sgd sgd = new Sgd(f.params, KERNELS);
        f.train(sgd, 0.1f);
        assertTrue(sgd.state().isEmpty());
        assertEquals(3, sgd.steps());
        assertEquals("sgd", sgd.id());
    }
}
