// The value range one heatmap shares across all its cells and tiles, and how a value maps into [0, 1] of a colour
// map. A diverging scale is symmetric about 0, so white always means exactly zero.
package org.stepwise.app.studio.detail;

public record Scale(double min, double max, ColorMap map) {

    /** The range of the finite values in {@code data[from, to)}; non-finite values are painted apart. */
    static Scale of(float[] data, int from, int to, ColorMap map) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            float v = data[i];
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 0;
        }
        if (map == ColorMap.DIVERGING) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            return new Scale(-m, m, map);
        }
        return new Scale(lo, hi, map);
    }

    boolean diverging() {
        return map == ColorMap.DIVERGING;
    }

    /** Where {@code v} falls in [0, 1]; a flat range puts every value in the middle. */
    double position(float v) {
        if (!Float.isFinite(v)) {
            return Double.NaN;
        }
        if (max <= min) {
            return 0.5;
        }
        return (v - min) / (max - min);
    }

    public int argb(float v) {
        return map.argb(position(v));
    }
}
