// The distribution of one buffer: counts in equal bins between its finite min and max, with the mean, standard
// deviation and a few percentiles, so a short history of them can be drawn without keeping any values.
// Two passes and no sorting: the percentiles come from 512 fine bins, close enough for a chart and cheap enough
// to take every frame on a conv layer's 150 000 activations.
package org.stepwise.app.studio.detail;

import java.util.Arrays;

/**
 * @param counts    values per bin; they add up to the finite values
 * @param nonFinite NaN and ±∞ values, which no bin holds
 * @param quantiles the 5th, 25th, 50th, 75th and 95th percentiles, to within 1/512 of the range
 */
record Histogram(double min, double max, int[] counts, int nonFinite, double mean, double std, float[] quantiles) {
    static final double[] LEVELS = {0.05, 0.25, 0.5, 0.75, 0.95};
    private static final int FINE = 512;

    static Histogram of(float[] data, int from, int to, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            float v = data[i];
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                sum += v;
                n++;
            }
        }
        int[] counts = new int[bins];
        float[] q = new float[LEVELS.length];
        if (n == 0) {
            return new Histogram(0, 0, counts, to - from, Double.NaN, Double.NaN, q);
        }
        double mean = sum / n;
        double squares = 0;
        int[] fine = new int[FINE];
        double span = hi - lo;
        for (int i = from; i < to; i++) {
            float v = data[i];
            if (Float.isFinite(v)) {
                squares += (v - mean) * (v - mean);
                double t = span == 0 ? 0.5 : (v - lo) / span;
                counts[Math.min(bins - 1, (int) (t * bins))]++;
                fine[Math.min(FINE - 1, (int) (t * FINE))]++;
            }
        }
        int seen = 0;
        int level = 0;
        for (int b = 0; b < FINE && level < LEVELS.length; b++) {
            seen += fine[b];
            while (level < LEVELS.length && seen >= LEVELS[level] * n) {
                q[level++] = (float) (span == 0 ? lo : lo + (b + 0.5) / FINE * span);
            }
        }
        return new Histogram(lo, hi, counts, to - from - n, mean, Math.sqrt(squares / n), q);
    }

    /** Every value counted: the bins and the non-finite ones. */
    int total() {
        return Arrays.stream(counts).sum() + nonFinite;
    }

    int largest() {
        return Arrays.stream(counts).max().orElse(0);
    }
}
