// Reading and writing the decimal numbers of the inspector's fields the same way in every language: a dot for the
// decimal point, "1e-5" for tiny values, no trailing zeros.
package org.stepwise.app.studio.inspector;

import java.math.BigDecimal;
import java.util.Locale;

final class Numbers {
    private Numbers() {
    }

    /** The finite number typed, or null; a decimal comma is taken as a point. */
    static Float parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().replace(',', '.');
        if (t.isEmpty() || !t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        float v = Float.parseFloat(t);
        return Float.isFinite(v) ? v : null;
    }

    /** "0.25", "0.9", "20", "1e-5", "1e-8". */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value != 0 && Math.abs(value) < 1e-3) {
            String s = String.format(Locale.ROOT, "%.3e", value);
            String mantissa = s.substring(0, s.indexOf('e')).replaceAll("0+$", "").replaceAll("\\.$", "");
            int exponent = Integer.parseInt(s.substring(s.indexOf('e') + 1));
            return mantissa + "e" + exponent;
        }
        // Through the float's own shortest decimal, so 0.1f shows as 0.1 and not 0.100000001.
        BigDecimal d = new BigDecimal(Float.toString((float) value)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
