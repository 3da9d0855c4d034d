// Round tick values for an axis (1, 2 or 5 times a power of ten, about five of them) and their short labels.
package org.stepwise.app.studio.playground;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

final class Ticks {
    private Ticks() {
    }

    static List<Double> of(double min, double max) {
        double raw = (max - min) / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power
                : 10 * power;
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(min / step) * step; t <= max + 1e-9 * step; t += step) {
            ticks.add(Math.abs(t) < 1e-9 * step ? 0.0 : t);
        }
        return ticks;
    }

    /** "−2.5", "0", "10": as few digits as the value needs, with a true minus sign. */
    static String format(double t) {
        String s = new BigDecimal(t).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        return s.replace('-', '−');
    }
}
