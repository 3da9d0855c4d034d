// The playground's colours as ARGB ints, for filling maps pixel by pixel: the neuron view's diverging orange
// (negative, class 0) / blue (positive, class 1) palette, plus more hues for a third class and beyond.
package org.stepwise.app.studio.playground;

import javafx.scene.paint.Color;
import org.stepwise.app.studio.neurons.WeightPaint;

final class PlanePaint {
    static final Color NEGATIVE = WeightPaint.NEGATIVE;
    static final Color POSITIVE = WeightPaint.POSITIVE;
    /** Class hues: 0 and 1 are the diverging pair, so two classes read exactly as the weights do. */
    static final Color[] CLASSES = {NEGATIVE, POSITIVE, Color.web("#2E9E5B"), Color.web("#8E5BC1"),
            Color.web("#D1477A"), Color.web("#1E9EA8"), Color.web("#A8861E"), Color.web("#6B7785")};
    /** How far a map's colour goes from the background to the full hue: maps stay lighter than the points on them. */
    static final double MAP_STRENGTH = 0.72;

    /** |w| from which an edge is drawn at full width and opacity, as in the neuron view. */
    static final double EDGE_SATURATION = 2.0;

    private PlanePaint() {
    }

    static Color classColor(int c) {
        return CLASSES[Math.floorMod(c, CLASSES.length)];
    }

    /** A value in [-1, 1] (clamped; NaN is neutral) blended from the background towards orange or blue. */
    static int diverging(double v, Color background) {
        if (Double.isNaN(v)) {
            return argb(background);
        }
        double t = Math.min(1, Math.abs(v));
        return blend(background, v < 0 ? NEGATIVE : POSITIVE, MAP_STRENGTH * t);
    }

    /** A class's hue at {@code strength} in [0, 1] over the background. */
    static int categorical(int c, double strength, Color background) {
        return blend(background, classColor(c), MAP_STRENGTH * Math.max(0, Math.min(1, strength)));
    }

    static int blend(Color from, Color to, double t) {
        int r = (int) Math.round(255 * (from.getRed() + t * (to.getRed() - from.getRed())));
        int g = (int) Math.round(255 * (from.getGreen() + t * (to.getGreen() - from.getGreen())));
        int b = (int) Math.round(255 * (from.getBlue() + t * (to.getBlue() - from.getBlue())));
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    static int argb(Color c) {
        return blend(c, c, 0);
    }

    static double edgeMagnitude(double w) {
        return Double.isFinite(w) ? Math.min(Math.abs(w) / EDGE_SATURATION, 1.0) : 1.0;
    }

    /** Thinner than the neuron view's lines at the top: here every unit is a map and 64 curves share a gap. */
    static double edgeWidth(double w) {
        return 0.5 + 4.0 * edgeMagnitude(w);
    }

    static Color edge(double w) {
        return (w < 0 ? NEGATIVE : POSITIVE).deriveColor(0, 1, 1, 0.45 + 0.55 * edgeMagnitude(w));
    }
}
