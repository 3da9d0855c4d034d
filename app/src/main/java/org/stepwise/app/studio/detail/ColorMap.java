// The colour maps the detail heatmaps paint values with: a viridis-like sequential map for activations and weights,
// and a blue–white–orange diverging map centred on 0 for gradients and updates. Both stay readable with the common
// colour-vision deficiencies, and neither follows the theme: a colour means the same value in light and dark.
package org.stepwise.app.studio.detail;

import javafx.scene.paint.Color;

enum ColorMap {
    SEQUENTIAL(0xFF440154, 0xFF482878, 0xFF3E4989, 0xFF31688E, 0xFF26828E, 0xFF1F9E89, 0xFF35B779, 0xFF6ECE58,
            0xFFFDE725),
    DIVERGING(0xFF1B4F8C, 0xFF4F86C6, 0xFFA9C8EA, 0xFFF7F7F7, 0xFFF6C08A, 0xFFE08A3C, 0xFFA34A0A);

    /** Non-finite values (NaN, ±∞) stand out in a colour neither map uses. */
    static final int NOT_FINITE = 0xFFE0308C;
    private static final int STEPS = 257; // odd, so 0.5 (zero on a diverging map) has an entry of its own

    private final int[] table = new int[STEPS];

    ColorMap(int... anchors) {
        for (int i = 0; i < STEPS; i++) {
            double t = i / (double) (STEPS - 1) * (anchors.length - 1);
            int a = Math.min((int) t, anchors.length - 2);
            double f = t - a;
            table[i] = mix(anchors[a], anchors[a + 1], f);
        }
    }

    /** The ARGB colour of {@code t} in [0, 1]; values outside are clamped. */
    int argb(double t) {
        if (Double.isNaN(t)) {
            return NOT_FINITE;
        }
        int i = (int) Math.round(Math.max(0, Math.min(1, t)) * (STEPS - 1));
        return table[i];
    }

    Color color(double t) {
        int c = argb(t);
        return Color.rgb((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF);
    }

    private static int mix(int from, int to, double f) {
        int r = (int) Math.round(((from >> 16) & 0xFF) * (1 - f) + ((to >> 16) & 0xFF) * f);
        int g = (int) Math.round(((from >> 8) & 0xFF) * (1 - f) + ((to >> 8) & 0xFF) * f);
        int b = (int) Math.round((from & 0xFF) * (1 - f) + (to & 0xFF) * f);
        return 0xFF000000 | (r << 16) | (g << 8) | b;
    }
}
