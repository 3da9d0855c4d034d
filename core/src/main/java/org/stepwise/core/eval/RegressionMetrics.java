// Regression metrics of predictions against targets: mean squared error, mean absolute error and R².
//
// With several outputs per sample, MSE and MAE average over every value (as the mse loss does) and R² is the mean
// of each output's R² (scikit-learn's multioutput="uniform_average"). A constant target has no variance to explain:
// its R² is 1 when predicted exactly and 0 otherwise (scikit-learn's force_finite=True), never NaN or −∞.
package org.stepwise.core.eval;

public record RegressionMetrics(int samples, double loss, double mse, double mae, double r2) implements Metrics {

    @Override
    public double score() {
        return Double.isNaN(loss) ? -mse : -loss;
    }

    /**
     * @param predicted (rows, outputs)
     * @param targets   (rows, outputs)
     * @param loss      the mean loss, or NaN when not measured
     */
    public static RegressionMetrics of(float[] predicted, float[] targets, int rows, int outputs, double loss) {
        double[] squared = new double[outputs];
        double absolute = 0;
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outputs; o++) {
                double d = (double) predicted[r * outputs + o] - targets[r * outputs + o];
                squared[o] += d * d;
                absolute += Math.abs(d);
            }
        }
        return fromSums(squared, absolute, targets, rows, outputs, loss);
    }

    /**
     * Metrics from error sums already accumulated (e.g. over batches) and the targets themselves, whose variance
     * R² needs.
     *
     * @param squaredErrors Σ (prediction − target)² per output
     * @param absoluteError Σ |prediction − target| over every value
     */
    public static RegressionMetrics fromSums(double[] squaredErrors, double absoluteError, float[] targets, int rows,
                                             int outputs, double loss) {
        if (rows == 0) {
            return new RegressionMetrics(0, loss, 0, 0, 0);
        }
        double sse = 0;
        double r2 = 0;
        for (int o = 0; o < outputs; o++) {
            sse += squaredErrors[o];
            double mean = 0;
            for (int r = 0; r < rows; r++) {
                mean += targets[r * outputs + o];
            }
            mean /= rows;
            double total = 0;
            for (int r = 0; r < rows; r++) {
                double d = targets[r * outputs + o] - mean;
                total += d * d;
            }
            r2 += total == 0 ? (squaredErrors[o] == 0 ? 1 : 0) : 1 - squaredErrors[o] / total;
        }
        long values = (long) rows * outputs;
        return new RegressionMetrics(rows, loss, sse / values, absoluteError / values, r2 / outputs);
    }
}
