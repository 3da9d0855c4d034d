// How the detail view writes numbers: exact values for the hovered cell (the float as Java prints it, so it reads
// back to the same bits), and short ones for legends and statistics.
package org.stepwise.app.studio.detail;

import java.util.Locale;

final class Numbers {
    private Numbers() {
    }

    /** The float exactly: the shortest decimal that reads back to the same value. */
    static String exact(float v) {
        return Float.toString(v);
    }

    /** Three significant digits, in scientific notation when very small or large: "0.0123", "-1.5e-05". */
    static String brief(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String s;
        if (a >= 1e-3 && a < 1e5) {
            s = String.format(Locale.ROOT, "%.3g", v);
            if (s.contains(".")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
        } else {
            s = String.format(Locale.ROOT, "%.2e", v).replaceAll("\\.?0+e", "e").replace("e-0", "e-")
                    .replace("e+0", "e+");
        }
        return s.replace('-', '−');
    }
}
