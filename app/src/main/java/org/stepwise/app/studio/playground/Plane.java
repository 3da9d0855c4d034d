// The rectangle of the input plane the playground draws, in the data's raw units, and the grid of points over it
// at which the network is evaluated (one per pixel centre, top row first, as images are laid out).
package org.stepwise.app.studio.playground;

import org.stepwise.core.data.Dataset;

record Plane(double x1Min, double x1Max, double x2Min, double x2Max) {

    /** A rectangle around every sample with a margin, widened to a square when the two spreads are close. */
    static Plane around(Dataset data, Dataset extra) {
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        include(b, data);
        include(b, extra);
        double w = b[1] - b[0];
        double h = b[3] - b[2];
        if (!(w > 0)) {
            w = 1;
        }
        if (!(h > 0)) {
            h = 1;
        }
        // Playground's square plane keeps circles round; do the same unless the features have unlike scales.
        if (Math.max(w, h) / Math.min(w, h) < 1.6) {
            w = h = Math.max(w, h);
        }
        double c1 = (b[0] + b[1]) / 2;
        double c2 = (b[2] + b[3]) / 2;
        double m = 0.56;
        return new Plane(c1 - m * w, c1 + m * w, c2 - m * h, c2 + m * h);
    }

    private static void include(double[] b, Dataset d) {
        if (d == null) {
            return;
        }
        float[] x = d.x();
        for (int i = 0; i < d.n(); i++) {
            b[0] = Math.min(b[0], x[2 * i]);
            b[1] = Math.max(b[1], x[2 * i]);
            b[2] = Math.min(b[2], x[2 * i + 1]);
            b[3] = Math.max(b[3], x[2 * i + 1]);
        }
    }

    /** x1 at the centre of pixel column {@code i} of a {@code res}-wide grid. */
    double x1At(int i, int res) {
        return x1Min + (i + 0.5) / res * (x1Max - x1Min);
    }

    /** x2 at the centre of pixel row {@code j} (row 0 is the top, the largest x2). */
    double x2At(int j, int res) {
        return x2Max - (j + 0.5) / res * (x2Max - x2Min);
    }

    /** The raw grid points (res², 2), row by row from the top. */
    float[] grid(int res) {
        float[] xy = new float[2 * res * res];
        for (int j = 0; j < res; j++) {
            for (int i = 0; i < res; i++) {
                xy[2 * (j * res + i)] = (float) x1At(i, res);
                xy[2 * (j * res + i) + 1] = (float) x2At(j, res);
            }
        }
        return xy;
    }

    /** The fraction across (0 at x1Min, 1 at x1Max). */
    double u(double x1) {
        return (x1 - x1Min) / (x1Max - x1Min);
    }

    /** The fraction down (0 at x2Max, 1 at x2Min). */
    double v(double x2) {
        return (x2Max - x2) / (x2Max - x2Min);
    }
}
