// How the neuron view paints a weight or a bias: a diverging blue (positive) / orange (negative) palette, as
// TensorFlow Playground uses, safe for the common colour-blindnesses; width and opacity grow with the magnitude.
//
// The scale is absolute, not per layer, so a weight that doubles is drawn twice as thick wherever it sits.
package org.stepwise.app.studio.neurons;

import javafx.scene.paint.Color;

public final class WeightPaint {
    /** Positive: a mid blue, legible on light and dark backgrounds. */
    public static final Color POSITIVE = Color.web("#2F7FC1");
    /** Negative: a mid orange, the blue's colour-blind-safe opposite. */
    public static final Color NEGATIVE = Color.web("#E8731C");
    /** A weight the view cannot show yet (the network has not caught up with the graph). */
    static final Color NEUTRAL = Color.web("#8C8C8C", 0.45);

    /** |w| from which an edge is drawn at full width and opacity. */
    static final double SATURATION = 2.0;
    static final double MIN_WIDTH = 0.5;
    static final double MAX_WIDTH = 6.0;
    static final double NEUTRAL_WIDTH = 1.0;

    private WeightPaint() {
    }

    /** 0 for 0, 1 from {@link #SATURATION} on; non-finite values count as saturated. */
    static double magnitude(double w) {
        return Double.isFinite(w) ? Math.min(Math.abs(w) / SATURATION, 1.0) : 1.0;
    }

    static double width(double w) {
        return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * magnitude(w);
    }

    static Color edge(double w) {
        return hue(w).deriveColor(0, 1, 1, 0.45 + 0.55 * magnitude(w));
    }

    /** A unit's fill for its bias: clear for 0, the full hue from {@link #SATURATION} on. */
    static Color bias(double b) {
        return hue(b).deriveColor(0, 1, 1, 0.85 * magnitude(b));
    }

    private static Color hue(double w) {
        return w < 0 ? NEGATIVE : POSITIVE;
    }
}
