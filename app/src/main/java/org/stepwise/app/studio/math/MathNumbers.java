// How the math panel writes numbers: 4 significant digits, scientific for tiny and huge values, or the full float
// precision the engine computes in. One place, so the formulas, the table and the tests agree digit for digit.
package org.stepwise.app.studio.math;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

final class MathNumbers {
    /** Significant digits when not at full precision: enough to follow the arithmetic, few enough to read. */
    static final int SHORT_DIGITS = 4;
    /** A float32 round-trips in 9 significant digits. */
    static final int FULL_DIGITS = 9;
    private static final double TINY = 1e-3;
    private static final double HUGE = 1e5;

    private MathNumbers() {
    }

    /** The number as LaTeX: "-0.1235", "1.235\times10^{-5}". */
    static String latex(double v, boolean full) {
        return latex(v, full ? FULL_DIGITS : SHORT_DIGITS, full);
    }

    /** The number as plain text, for tables and tooltips: "-0.1235", "1.235e-5". */
    static String text(double v, boolean full) {
        Parts p = parts(v, full ? FULL_DIGITS : SHORT_DIGITS, full);
        return p.special != null ? p.special : p.exponent == 0 ? p.mantissa : p.mantissa + "e" + p.exponent;
    }

    /**
     * Before and after an update, with just enough digits that they differ when the values do: a step of 1e-6 on a
     * weight of 0.5 would otherwise read "0.5 → 0.5".
     */
    static String[] distinct(double before, double after, boolean full) {
        int digits = full ? FULL_DIGITS : SHORT_DIGITS;
        while (digits < FULL_DIGITS && before != after
                && latex(before, digits, full).equals(latex(after, digits, full))) {
            digits++;
        }
        return new String[] {latex(before, digits, full), latex(after, digits, full)};
    }

    /** A factor of a product: negative numbers in parentheses, so "0.5\cdot(-0.25)" reads unambiguously. */
    static String factor(double v, boolean full) {
        String s = latex(v, full);
        return s.startsWith("-") ? "(" + s + ")" : s;
    }

    static String latex(double v, int digits, boolean full) {
        Parts p = parts(v, digits, full);
        if (p.special != null) {
            return switch (p.special) {
                case "NaN" -> "\\mathrm{NaN}";
                case "-Infinity" -> "-\\infty";
                default -> "\\infty";
            };
        }
        return p.exponent == 0 ? p.mantissa : p.mantissa + "\\times10^{" + p.exponent + "}";
    }

    private record Parts(String mantissa, int exponent, String special) {
    }

    private static Parts parts(double v, int digits, boolean full) {
        if (Double.isNaN(v)) {
            return new Parts(null, 0, "NaN");
        }
        if (Double.isInfinite(v)) {
            return new Parts(null, 0, v > 0 ? "Infinity" : "-Infinity");
        }
        if (v == 0) {
            return new Parts("0", 0, null);
        }
        BigDecimal d;
        if (full && digits == FULL_DIGITS && (double) (float) v == v) {
            // A float's shortest decimal form: what the engine actually holds, without invented digits.
            d = new BigDecimal(Float.toString((float) v));
        } else {
            d = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        }
        d = d.stripTrailingZeros();
        double magnitude = Math.abs(d.doubleValue());
        if (magnitude >= TINY && magnitude < HUGE) {
            return new Parts(d.toPlainString(), 0, null);
        }
        int exponent = d.precision() - d.scale() - 1;
        BigDecimal mantissa = d.movePointLeft(exponent).stripTrailingZeros();
        return new Parts(mantissa.toPlainString(), exponent, null);
    }
}
