// The LaTeX of one neuron, without a scene: long sums keep their first terms, "⋯", the last one and the total, and
// every update form names its numbers.
package org.stepwise.app.studio.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.stepper.NeuronMath;

class MathLatexTest {

    /** A ReLU neuron of a 784-input layer, with made-up but consistent numbers. */
    private static NeuronMath wide() {
        int n = 784;
        List<NeuronMath.Term> terms = new ArrayList<>();
        List<NeuronMath.WeightStep> weights = new ArrayList<>();
        double z = 0.1;
        for (int i = 0; i < n; i++) {
            double w = 0.01 * ((i % 7) - 3);
            double a = (i % 5) / 5.0;
            terms.add(new NeuronMath.Term("flatten", i, w, a, w * a));
            weights.add(new NeuronMath.WeightStep(i, a, 0.02 * a, 0.001 * a, w, w - 0.1 * 0.001 * a));
            z += w * a;
        }
        NeuronMath.Forward f = new NeuronMath.Forward(terms, 0.1, z, "relu", Math.max(0, z));
        NeuronMath.Backward b = new NeuronMath.Backward(0.5, List.of(), false, z > 0 ? 1 : 0, z > 0 ? 0.5 : 0);
        return new NeuronMath("hidden", 9, 0, f, b, weights, new NeuronMath.WeightStep(-1, 1, 0.02, 0.001, 0.1,
                0.0999));
    }

    @Test
    void aLongSumShowsTheFirstTermsAnEllipsisTheLastAndTheTotal() {
        assertEquals(List.of(0, 1, 2, -1, 783), MathLatex.shown(784, false));
        assertEquals(List.of(0, 1, 2, -1, 783), MathLatex.shown(784, true));
        assertEquals(32, MathLatex.shown(32, true).size());
        NeuronMath m = wide();
        String f = MathLatex.forward(m, new MathLatex.Options(false, false, true, 0.1, 32));
        assertTrue(f.contains("\\sum_{i=1}^{784} w_{10,i}"), f);
        assertTrue(f.contains("\\cdots"), f);
        assertTrue(f.contains("\\max(0,\\,z_{10})"), f);
        assertTrue(f.length() < 700, "legible: " + f.length() + " characters");
    }

    @Test
    void sgdWritesRateTimesGradientAndOtherOptimizersTheAppliedChange() {
        NeuronMath m = wide();
        String sgd = MathLatex.update(m, new MathLatex.Options(false, false, true, 0.1, 32));
        assertTrue(sgd.contains("b_{10} &\\leftarrow b_{10} - \\eta\\,\\frac{\\partial L}{\\partial b_{10}} = 0.1 - "
                + "0.1\\cdot 0.001 = 0.0999"), sgd);
        String adam = MathLatex.update(m, new MathLatex.Options(false, false, false, 0.1, 32));
        assertTrue(adam.contains("b_{10} &\\leftarrow b_{10} + \\Delta b_{10} = 0.1 + (-1\\times10^{-4}) = "
                + "0.0999"), adam);
        assertFalse(adam.contains("\\eta"), adam);
    }

    @Test
    void aHiddenNeuronWhoseConsumerIsNotDenseUsesTheTotalGradient() {
        String b = MathLatex.backward(wide(), new MathLatex.Options(false, false, true, 0.1, 32));
        assertTrue(b.contains("\\frac{\\partial L}{\\partial a_{10}} &= 0.5"), b);
        assertTrue(b.contains("f'(z_{10}) &= 1 \\quad (z_{10} > 0)"), b);
    }
}
