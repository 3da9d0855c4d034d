// "Show the math" and the diagnostics: every reported number is checked against the buffers it explains.
package org.stepwise.core.stepper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.kernels.Kernels;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.optim.ConstantSchedule;
import org.stepwise.core.optim.Sgd;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.MeanSquaredError;

class MathAndDiagnosticsTest {
    private static final float LR = 0.1f;

    /** 3 → hidden (4, tanh) → output (2): small enough to check every term. */
    private static Stepper stepper(Activation hidden) {
        GraphDef g = new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(3))),
                new NodeDef("hidden", new Dense.Spec(4, hidden), "in"),
                new NodeDef("output", new Dense.Spec(2, Activation.IDENTITY), "hidden")));
        Network net = Network.build(g, 21, Kernels.active());
        float[] x = {0.5f, -1f, 2f, 1f, 0.25f, -0.5f, -2f, 1.5f, 0.75f};
        float[] y = {1f, 0f, 0f, 1f, 0.5f, 0.5f};
        Dataset d = Dataset.regression("three", Shape.of(3), x, y, 3);
        return new Stepper(net, new Batcher(d, 3, 1, false), new MeanSquaredError(), new Sgd(net.params(),
                net.kernels()), new ConstantSchedule(), Stepper.Settings.of(LR));
    }

    @Test
    void forwardTermsSumToZAndTheActivationGivesTheOutput() {
        Stepper s = stepper(Activation.TANH);
        s.next();
        s.next();
        NeuronMath m = MathExplainer.explain(s, "hidden", 2, 1);
        double sum = m.forward().terms().stream().mapToDouble(NeuronMath.Term::product).sum() + m.forward().bias();
        assertEquals(m.forward().z(), sum, 1e-5);
        assertEquals(Math.tanh(m.forward().z()), m.forward().a(), 1e-6);
        assertEquals(s.view("hidden").output().get(1, 2), m.forward().a(), 0);
        // x of sample 1 is (1, 0.25, −0.5): the terms carry those activations.
        assertEquals(List.of(1.0, 0.25, -0.5), m.forward().terms().stream().map(NeuronMath.Term::value).toList());
    }

    @Test
    void backwardDeltaIsTheDerivativeTimesTheSumOfDownstreamTerms() {
        Stepper s = stepper(Activation.TANH);
        s.finishStep();
        s.rewindTo(0, s.phases().size() - 1);
        NeuronMath m = MathExplainer.explain(s, "hidden", 1, 2);
        double downstream = m.backward().downstream().stream().mapToDouble(NeuronMath.Term::product).sum();
        assertFalse(m.backward().fromLoss());
        assertEquals(2, m.backward().downstream().size(), "one term per output unit");
        assertEquals(m.backward().dLda(), downstream, 1e-6);
        assertEquals(1 - m.forward().a() * m.forward().a(), m.backward().fPrime(), 1e-6);
        assertEquals(m.backward().fPrime() * m.backward().dLda(), m.backward().delta(), 1e-6);
        assertTrue(MathExplainer.explain(s, "output", 0, 0).backward().fromLoss());
    }

    @Test
    void weightGradientIsTheBatchSumOfDeltaTimesActivationAndTheUpdateIsMinusRateTimesIt() {
        Stepper s = stepper(Activation.RELU);
        s.finishStep();
        double batchSum = 0;
        for (int sample = 0; sample < 3; sample++) {
            batchSum += MathExplainer.explain(s, "output", 1, sample).weights().get(3).sampleTerm();
        }
        NeuronMath m = MathExplainer.explain(s, "output", 1, 0);
        NeuronMath.WeightStep w3 = m.weights().get(3);
        assertEquals(w3.gradient(), batchSum, 1e-6);
        assertEquals(-LR * w3.gradient(), w3.delta(), 1e-6);
        assertEquals(-LR * m.bias().gradient(), m.bias().delta(), 1e-6);
    }

    @Test
    void onlyDenseNeuronsAreExplainedAndBadIndicesAreNamed() {
        Stepper s = stepper(Activation.TANH);
        s.finishStep();
        assertThrows(GraphException.class, () -> MathExplainer.explain(s, "in", 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MathExplainer.explain(s, "hidden", 4, 0));
        assertEquals("Dense 'hidden' has units 0..3, not 4", e.getMessage());
    }

    @Test
    void viewsShowParametersBeforeAndAfterTheUpdate() {
        Stepper s = stepper(Activation.TANH);
        s.finishStep();
        NodeView.ParamView weight = s.view("output").params().get(0);
        for (int i = 0; i < weight.shape().size(); i++) {
            assertEquals(-LR * weight.grad().get(0, i), weight.delta(i), 1e-6);
        }
    }

    @Test
    void deadReluUnitsAreCountedFromTheBatch() {
        Stepper s = stepper(Activation.RELU);
        Dense hidden = (Dense) s.network().node("hidden");
        // Units 0 and 1 get a bias of −100: dead for every sample; units 2 and 3 a bias of +100: alive.
        float[] b = hidden.bias().value();
        b[0] = -100;
        b[1] = -100;
        b[2] = 100;
        b[3] = 100;
        s.finishStep();
        Diagnostics.NodeHealth health = Diagnostics.of(s).nodes().get(0);
        assertEquals("hidden", health.node());
        assertEquals(0.5, health.deadFraction());
        assertTrue(Double.isNaN(health.saturatedFraction()));
    }

    @Test
    void saturatedTanhUnitsAndUpdateRatioAreReported() {
        Stepper s = stepper(Activation.TANH);
        Dense hidden = (Dense) s.network().node("hidden");
        Arrays.fill(hidden.weight().value(), 50f);
        s.finishStep();
        Diagnostics d = Diagnostics.of(s);
        Diagnostics.NodeHealth h = d.nodes().get(0);
        // x·50 for these inputs is far from 0 except where the weighted sum cancels; count exactly.
        float[] out = s.network().node("hidden").output();
        long flat = 0;
        for (int i = 0; i < 12; i++) {
            flat += Math.abs(out[i]) > 0.99 ? 1 : 0;
        }
        assertEquals(flat / 12.0, h.saturatedFraction());
        assertTrue(h.saturatedFraction() > 0.5);
        double ratio = d.nodes().get(1).updateRatio();
        assertTrue(ratio > 0 && ratio < 1, "update/weight ratio " + ratio);
        assertTrue(d.nodes().get(0).gradientNorm() >= 0);
    }
}
