// Builds NeuronMath from the live buffers of a dense node after the current phase, and AttentionMath for one query of
// an attention node, recomputed from its input and the parameters its forward used.
package org.stepwise.core.stepper;

import java.util.ArrayList;
import java.util.List;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.CausalSelfAttention;
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

    /**
     * Query {@code position} of head {@code head} of attention node {@code nodeName}, for batch row {@code sample},
     * after a forward of that node: q, k and v come from the node's input and its in-projection as the step began
     * (the weights its forward used, also after the update), the softmax weights from the forward itself.
     */
    public static AttentionMath attention(Stepper stepper, String nodeName, int head, int position, int sample) {
        Node node = stepper.network().node(nodeName);
        if (!(node instanceof CausalSelfAttention attn)) {
            throw new GraphException(nodeName, "'" + nodeName + "' is a " + node.type() + " node, not attention");
        }
        int t = attn.positions();
        int d = attn.headSize();
        int heads = attn.heads();
        if (head < 0 || head >= heads || position < 0 || position >= t) {
            throw new IllegalArgumentException("Attention '" + nodeName + "' has heads 0.." + (heads - 1)
                    + " and positions 0.." + (t - 1) + ", not head " + head + " at " + position);
        }
        if (sample < 0 || sample >= Math.max(1, attn.batch())) {
            throw new IllegalArgumentException("The batch has samples 0.." + (attn.batch() - 1) + ", not " + sample);
        }
        int dim = d * heads;
        float[] x = attn.inputs()[0].output(); // (batch, T, dim)
        float[] w = startValues(stepper, attn.inProjectionWeight()); // (3·dim, dim): W_q, W_k, W_v stacked
        float[] b = startValues(stepper, attn.inProjectionBias()); // (3·dim)
        double[] query = project(x, (sample * t + position) * dim, w, b, head * d, d, dim);
        float[] weights = attn.attentionWeights(); // (batch, heads, T, T)
        int row = ((sample * heads + head) * t + position) * t;
        double[] context = new double[d];
        List<AttentionMath.Key> keys = new ArrayList<>();
        for (int j = 0; j <= position; j++) {
            int at = (sample * t + j) * dim;
            double[] key = project(x, at, w, b, dim + head * d, d, dim);
            double[] value = project(x, at, w, b, 2 * dim + head * d, d, dim);
            double dot = 0;
            for (int c = 0; c < d; c++) {
                dot += query[c] * key[c];
            }
            double weight = weights[row + j];
            for (int c = 0; c < d; c++) {
                context[c] += weight * value[c];
            }
            keys.add(new AttentionMath.Key(j, key, value, dot, dot / Math.sqrt(d), weight));
        }
        return new AttentionMath(nodeName, head, position, sample, d, query, keys, context);
    }

    private static float[] startValues(Stepper stepper, Param p) {
        float[] start = stepper.paramsAtStepStart();
        if (start == null) {
            return p.value();
        }
        int offset = stepper.paramOffset(p);
        return java.util.Arrays.copyOfRange(start, offset, offset + p.value().length);
    }

    // Rows [first, first + count) of W·x + b for the dim values of x starting at xAt.
    private static double[] project(float[] x, int xAt, float[] w, float[] b, int first, int count, int dim) {
        double[] out = new double[count];
        for (int r = 0; r < count; r++) {
            double sum = b[first + r];
            for (int m = 0; m < dim; m++) {
                sum += (double) w[(first + r) * dim + m] * x[xAt + m];
            }
            out[r] = sum;
        }
        return out;
    }
}
