// Stops training when a validation metric has not improved for a number of epochs, and keeps the best weights.
//
// The copy covers every parameter and every node's state (such as batch-norm running statistics), since inference
// depends on both; optimizer state is not copied, so restoring is for using the model, not for resuming training.
package org.stepwise.core.eval;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;

public final class EarlyStopping {
    private final String metricName;
    private final ToDoubleFunction<Metrics> metric;
    private final boolean higherIsBetter;
    private final int patience;
    private final double minDelta;
    private float[] bestWeights;
    private int bestEpoch = -1;
    private double bestValue = Double.NaN;
    private int epochsWithoutImprovement;

    /**
     * @param metricName how messages name the metric, e.g. "validation loss"
     * @param patience   epochs without improvement that are tolerated; the next one stops
     * @param minDelta   the least change that counts as an improvement
     */
    public EarlyStopping(String metricName, ToDoubleFunction<Metrics> metric, boolean higherIsBetter, int patience,
                         double minDelta) {
        if (patience < 0 || minDelta < 0) {
            throw new IllegalArgumentException("Early stopping needs a patience and a minimum change of at least 0, "
                    + "not " + patience + " and " + minDelta);
        }
        this.metricName = metricName;
        this.metric = metric;
        this.higherIsBetter = higherIsBetter;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** Lower validation loss is better. */
    public static EarlyStopping onLoss(int patience) {
        return new EarlyStopping("validation loss", Metrics::loss, false, patience, 0);
    }

    /** Higher validation score is better: accuracy for classification, −loss for regression. */
    public static EarlyStopping onScore(int patience) {
        return new EarlyStopping("validation score", Metrics::score, true, patience, 0);
    }

    /**
     * Takes an epoch's validation metrics; copies the weights when they are the best so far.
     *
     * @return true when training should stop: patience has run out
     */
    public boolean observe(int epoch, Metrics validation, Network net) {
        double value = metric.applyAsDouble(validation);
        // The first epoch is the best so far whatever it measured; after that a non-finite value (a diverged loss)
        // never counts as an improvement, while any finite value beats a non-finite best.
        boolean improved = bestEpoch < 0 || (Double.isFinite(value) && (!Double.isFinite(bestValue)
                || (higherIsBetter ? value > bestValue + minDelta : value < bestValue - minDelta)));
        if (improved) {
            bestEpoch = epoch;
            bestValue = value;
            epochsWithoutImprovement = 0;
            copy(net, true);
        } else {
            epochsWithoutImprovement++;
        }
        return shouldStop();
    }

    public boolean shouldStop() {
        return epochsWithoutImprovement > patience;
    }

    /** Writes the best epoch's weights and node state back into the network; false when nothing was observed. */
    public boolean restoreBest(Network net) {
        if (bestWeights == null) {
            return false;
        }
        copy(net, false);
        return true;
    }

    /** The epoch of the best value, or −1 before any. */
    public int bestEpoch() {
        return bestEpoch;
    }

    public double bestValue() {
        return bestValue;
    }

    public String metricName() {
        return metricName;
    }

    // One flat buffer in a fixed order (parameters, then node state), allocated once and reused for every new best.
    private void copy(Network net, boolean save) {
        if (bestWeights == null) {
            bestWeights = new float[floats(net)];
        }
        int offset = 0;
        for (Param p : net.params()) {
            offset = transfer(p.value(), offset, save);
        }
        for (Node n : net.nodes()) {
            List<float[]> state = n.state();
            for (float[] s : state) {
                offset = transfer(s, offset, save);
            }
        }
    }

    private int transfer(float[] values, int offset, boolean save) {
        if (save) {
            System.arraycopy(values, 0, bestWeights, offset, values.length);
        } else {
            System.arraycopy(bestWeights, offset, values, 0, values.length);
        }
        return offset + values.length;
    }

    private static int floats(Network net) {
        long total = net.parameterCount();
        for (Node n : net.nodes()) {
            for (float[] s : n.state()) {
                total += s.length;
            }
        }
        return Math.toIntExact(total);
    }
}
