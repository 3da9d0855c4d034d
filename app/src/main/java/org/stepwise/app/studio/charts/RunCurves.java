// What a training run has measured so far, as an immutable copy the FX side reads at frame time: the loss of every
// batch, and per epoch the training and validation loss and accuracy (History.Epoch, as core's Trainer records it).
package org.stepwise.app.studio.charts;

import java.util.List;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.History;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.project.TrainingSettings;

/**
 * @param stepLoss        the loss of batch i at index i, from the run's first step
 * @param batchesPerEpoch batches in one epoch, which turns a step into an epoch
 * @param epochs          each finished epoch, oldest first
 * @param stoppedEpoch    the epoch after which early stopping ended training, or −1
 * @param settings        the settings the run trains with (for the A/B legend); null before any run
 * @param graph           the graph the run trains; null before any run
 * @param version         grows with every change, so a view redraws only when something is new
 */
public record RunCurves(float[] stepLoss, int batchesPerEpoch, List<History.Epoch> epochs, int stoppedEpoch,
                        TrainingSettings settings, GraphDef graph, long version) {

    public static final RunCurves EMPTY = new RunCurves(new float[0], 1, List.of(), -1, null, null, 0);

    public RunCurves {
        epochs = List.copyOf(epochs);
    }

    public boolean isEmpty() {
        return stepLoss.length == 0 && epochs.isEmpty();
    }

    public boolean hasValidation() {
        return !epochs.isEmpty() && epochs.get(0).validation() != null;
    }

    /** The epoch with the lowest validation loss (the first of equals), or −1 without validation. */
    public int bestEpoch() {
        int best = -1;
        double lowest = Double.POSITIVE_INFINITY;
        for (History.Epoch e : epochs) {
            if (e.validation() != null && e.validation().loss() < lowest) {
                lowest = e.validation().loss();
                best = e.epoch();
            }
        }
        return best;
    }

    /** Accuracy of classification metrics, NaN for regression or none. */
    public static double accuracy(Metrics m) {
        return m instanceof ClassificationMetrics c ? c.accuracy() : Double.NaN;
    }

    public static double loss(Metrics m) {
        return m == null ? Double.NaN : m.loss();
    }
}
