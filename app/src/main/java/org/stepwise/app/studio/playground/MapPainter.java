// Turns a column's values over the grid into pixels: hidden units and inputs on the diverging palette, the output
// as the class it predicts (lighter where the network is unsure) or as the predicted value for regression.
//
// Colours come from a lookup table over [-1, 1], rebuilt only when the theme's background changes.
package org.stepwise.app.studio.playground;

import javafx.scene.paint.Color;
import org.stepwise.app.studio.playground.PlaneNetwork.Column;
import org.stepwise.core.layers.Activation;

final class MapPainter {
    private static final int STEPS = 512;

    private Color background;
    private final int[] table = new int[STEPS + 1];
    private final int[][] classTables = new int[PlanePaint.CLASSES.length][STEPS + 1];

    MapPainter(Color background) {
        setBackground(background);
    }

    void setBackground(Color bg) {
        if (bg.equals(background)) {
            return;
        }
        background = bg;
        for (int k = 0; k <= STEPS; k++) {
            table[k] = PlanePaint.diverging(2.0 * k / STEPS - 1, bg);
            for (int c = 0; c < classTables.length; c++) {
                classTables[c][k] = PlanePaint.categorical(c, (double) k / STEPS, bg);
            }
        }
    }

    Color background() {
        return background;
    }

    /** The colour of v in [-1, 1] (clamped); what every diverging pixel is painted with. */
    int diverging(double v) {
        if (Double.isNaN(v)) {
            return table[STEPS / 2];
        }
        double t = Math.max(-1, Math.min(1, v));
        return table[(int) ((t + 1) * (0.5 * STEPS) + 0.5)];
    }

    /**
     * One unit's map at {@code res / step} pixels a side, each pixel the mean of a step × step block of the grid.
     *
     * @param values the column's grid values, (res², units)
     * @param scale  what a value is divided by before colouring (the inputs' largest magnitude; 1 otherwise)
     */
    void paintUnit(Column column, float[] values, int unit, int res, int step, double scale, int[] argb) {
        int units = column.units();
        int side = res / step;
        double norm = 1.0 / (step * step);
        for (int j = 0; j < side; j++) {
            for (int i = 0; i < side; i++) {
                double sum = 0;
                for (int dj = 0; dj < step; dj++) {
                    int row = (j * step + dj) * res + i * step;
                    for (int di = 0; di < step; di++) {
                        sum += values[(row + di) * units + unit];
                    }
                }
                argb[j * side + i] = diverging(shade(column.activation(), sum * norm) / scale);
            }
        }
    }

    /**
     * Every unit's map of a column in one pass over the grid, which reads the (res², units) values in order: the
     * same pixels as {@link #paintUnit} for each unit, at a fraction of the cache misses.
     *
     * @param argb one array of (res / step)² pixels per unit
     */
    void paintColumn(Column column, float[] values, int res, int step, double scale, int[][] argb) {
        int units = column.units();
        int side = res / step;
        double norm = 1.0 / (step * step);
        double[] sums = new double[units];
        Activation activation = column.activation();
        for (int j = 0; j < side; j++) {
            for (int i = 0; i < side; i++) {
                java.util.Arrays.fill(sums, 0);
                for (int dj = 0; dj < step; dj++) {
                    int row = (j * step + dj) * res + i * step;
                    for (int di = 0; di < step; di++) {
                        int base = (row + di) * units;
                        for (int u = 0; u < units; u++) {
                            sums[u] += values[base + u];
                        }
                    }
                }
                int pixel = j * side + i;
                for (int u = 0; u < units; u++) {
                    argb[u][pixel] = diverging(shade(activation, sums[u] * norm) / scale);
                }
            }
        }
    }

    /** How an activation's output maps onto [-1, 1]: sigmoid's 0..1 is centred; the others are shown as they are. */
    static double shade(Activation activation, double a) {
        return activation == Activation.SIGMOID ? 2 * a - 1 : a;
    }

    /**
     * The output map at {@code res / step} pixels a side. Two classes shade from orange (class 0) through the
     * background to blue (class 1) by the probability of class 1; more classes take the predicted class's hue,
     * stronger as its probability rises from chance to 1; regression shades the value over {@code [low, high]}.
     */
    void paintOutput(PlaneNetwork network, float[] out, int res, int step, double low, double high, int[] argb) {
        int side = res / step;
        int k = network.output().units();
        for (int j = 0; j < side; j++) {
            for (int i = 0; i < side; i++) {
                int r = (j * step + step / 2) * res + i * step + step / 2;
                argb[j * side + i] = outputColor(network, out, r, k, low, high);
            }
        }
    }

    int outputColor(PlaneNetwork network, float[] out, int r, int k, double low, double high) {
        if (!network.classification()) {
            double v = out[r * k];
            return diverging(high > low ? 2 * (v - low) / (high - low) - 1 : 0);
        }
        if (network.oneLogit()) {
            // 2·sigmoid(z) − 1 = tanh(z / 2): the probability of class 1 on [-1, 1], without a per-pixel array.
            return diverging(Math.tanh(out[r] / 2.0));
        }
        float[] p = network.probabilities(out, r);
        if (p.length == 2) {
            return diverging(2.0 * p[1] - 1);
        }
        int c = network.predicted(out, r);
        double confidence = (p[c] - 1.0 / p.length) / (1 - 1.0 / p.length);
        int[] t = classTables[Math.floorMod(c, classTables.length)];
        return t[(int) Math.round(Math.max(0, Math.min(1, confidence)) * STEPS)];
    }
}
