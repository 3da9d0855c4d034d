// What an evaluation of a network on a dataset measured: classification or regression metrics, with one score to rank by.
package org.stepwise.core.eval;

public sealed interface Metrics permits ClassificationMetrics, RegressionMetrics {

    /** Samples measured. */
    int samples();

    /** The mean loss per sample, or NaN when no loss was given. */
    double loss();

    /**
     * Higher is better: accuracy for classification, −loss for regression (−MSE when no loss was given), so that
     * sweeps and early stopping can compare runs of either kind the same way.
     */
    double score();
}
