// Builds NeuronMath from the live buffers of a dense node after the current phase.
package org.stepwise.core.stepper;

import java.util.ArrayList;
import java.util.List;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;

public final class MathExplainer {
    private MathExplainer() {
    }

    /** The math of neuron {@code unit} of dense node {@code nodeName}, for batch row {@code sample}. */
    public static NeuronMath explain(Stepper stepper, String nodeName, int unit, int sample) {
        Network net = stepper.network();
        Node node = net.node(nodeName);
        if (!(node instanceof Dense dense)) {
            throw new GraphException(nodeName, "The math panel explains dense neurons; '" + nodeName + "' is a "
                    + node.type() + " node");
        }
        int units = dense.size();
        int in = dense.inputFeatures();
        if (unit < 0 || unit >= units) {
            throw new IllegalArgumentException("Dense '" + nodeName + "' has units 0.." + (units - 1) + ", not " + unit);
        }
        if (sample < 0 || sample >= Math.max(1, dense.batch())) {
            throw new IllegalArgumentException("The batch has samples 0.." + (dense.batch() - 1) + ", not " + sample);
        }
        float[] a = dense.inputs()[0].output();
        float[] w = dense.weight().value();
        float[] wGrad = dense.weight().grad();
        float[] start = stepper.paramsAtStepStart();
        int wOffset = stepper.paramOffset(dense.weight());
        int bOffset = stepper.paramOffset(dense.bias());

        List<NeuronMath.Term> terms = new ArrayList<>();
        for (int i = 0; i < in; i++) {
            double wi = w[unit * in + i];
            double ai = a[sample * in + i];
            terms.add(new NeuronMath.Term(dense.inputs()[0].name(), i, wi, ai, wi * ai));
        }
        double b = dense.bias().value()[unit];
        double z = dense.preActivation()[sample * units + unit];
        double out = dense.output()[sample * units + unit];
        Activation act = dense.activation();
        NeuronMath.Forward forward = new NeuronMath.Forward(terms, b, z, act.id(), out);

        double dLda = dense.gradOutput()[sample * units + unit];
        boolean fromLoss = dense == net.output();
        List<NeuronMath.Term> downstream = new ArrayList<>();
        if (!fromLoss) {
            for (Node consumer : net.nodes()) {
                if (consumer instanceof Dense next && next.inputs()[0] == dense) {
                    int nextUnits = next.size();
                    float[] nextW = next.weight().value();
                    float[] nextDelta = next.gradPreActivation();
                    for (int k = 0; k < nextUnits; k++) {
                        double wk = start != null ? start[stepper.paramOffset(next.weight()) + k * units + unit]
                                : nextW[k * units + unit];
                        double dk = nextDelta == null ? Double.NaN : nextDelta[sample * nextUnits + k];
                        downstream.add(new NeuronMath.Term(next.name(), k, wk, dk, wk * dk));
                    }
                }
            }
        }
        double fPrime = act == Activation.SOFTMAX ? Double.NaN : act.derivative(z, out);
        float[] dz = dense.gradPreActivation();
        double delta = dz == null ? Double.NaN : dz[sample * units + unit];
        NeuronMath.Backward backward = new NeuronMath.Backward(dLda, downstream, fromLoss, fPrime, delta);

        List<NeuronMath.WeightStep> weights = new ArrayList<>();
        for (int i = 0; i < in; i++) {
            int at = unit * in + i;
            double ai = a[sample * in + i];
            double before = start != null ? start[wOffset + at] : w[at];
            weights.add(new NeuronMath.WeightStep(i, ai, delta * ai, wGrad[at], before, w[at]));
        }
        double biasBefore = start != null ? start[bOffset + unit] : b;
        NeuronMath.WeightStep bias = new NeuronMath.WeightStep(-1, 1, delta, dense.bias().grad()[unit], biasBefore, b);
        return new NeuronMath(nodeName, unit, sample, forward, backward, weights, bias);
    }
}
