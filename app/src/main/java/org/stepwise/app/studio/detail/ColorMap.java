// The colour maps the detail heatmaps paint values with: viridis (its 16-colour palette) as the sequential map for
// activations and weights, and an orange–white–blue diverging map centred on 0 for gradients and updates: orange
// negative, blue positive, as the neuron view and the playground paint weights. Both stay
// readable with the common colour-vision deficiencies (blue against orange, lightness carrying the value), and
// neither follows the theme: a colour means the same value in light, dark and high contrast.
//
// ColorMapTest holds them to it in CIE L*: the sequential map never gets darker and rises steadily; the diverging
// map's two arms are mirror images in lightness (each orange anchor matched to its blue one), lightest at 0.
package org.stepwise.app.studio.detail;

import javafx.scene.paint.Color;

public enum ColorMap {
    SEQUENTIAL(0xFF440154, 0xFF481A6C, 0xFF472F7D, 0xFF414487, 0xFF39568C, 0xFF31688E, 0xFF2A788E, 0xFF23888E,
            0xFF1F988B, 0xFF22A884, 0xFF35B779, 0xFF54C568, 0xFF7AD151, 0xFFA5DB36, 0xFFD2E21B, 0xFFFDE725),
    // L* 33.3, 54.7, 79.4 | 97.2 | 79.4, 54.9, 33.4
    DIVERGING(0xFF823906, 0xFFBA7230, 0xFFEFBB86, 0xFFF7F7F7, 0xFFA9C8EA, 0xFF4F86C6, 0xFF1B4F8C);

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
    public int argb(double t) {
        if (Double.isNaN(t)) {
            return NOT_FINITE;
        }
        int i = (int) Math.round(Math.max(0, Math.min(1, t)) * (STEPS - 1));
        return table[i];
    }

    public Color color(double t) {
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
