// The colour maps measured in CIE L*a*b* (D65) at all 257 entries: the sequential map never gets visibly darker, rises
// over every two steps and spans most of the lightness range; the diverging map is symmetric in lightness about 0, lightest
// at 0, orange on the negative side and blue on the positive one, as the neuron view paints weights.
package org.stepwise.app.studio.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColorMapTest {
    private static final int STEPS = 257;

    /** L*, a*, b* of an sRGB colour. */
    static double[] lab(int argb) {
        double r = linear((argb >> 16) & 0xFF);
        double g = linear((argb >> 8) & 0xFF);
        double b = linear(argb & 0xFF);
        double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static double[] lightness(ColorMap map) {
        double[] l = new double[STEPS];
        for (int i = 0; i < STEPS; i++) {
            l[i] = lab(map.argb(i / (double) (STEPS - 1)))[0];
        }
        return l;
    }

    @Test
    void theLabConversionMatchesKnownValues() {
        assertEquals(100, lab(0xFFFFFFFF)[0], 0.01);
        assertEquals(0, lab(0xFF000000)[0], 0.01);
        assertEquals(53.24, lab(0xFFFF0000)[0], 0.05);
        assertEquals(80.09, lab(0xFFFF0000)[1], 0.1);
    }

    @Test
    void theSequentialMapIsMonotonicInLightness() {
        double[] l = lightness(ColorMap.SEQUENTIAL);
        // One 8-bit step of a channel moves L* by about 0.3, as much as one of the 257 steps does: neighbours may
        // round to the same colour, or dip by a few hundredths, never visibly. Two steps apart L* always rises.
        for (int i = 0; i + 1 < STEPS; i++) {
            assertTrue(l[i + 1] > l[i] - 0.05, "L* never falls: step " + i + " " + l[i] + " → " + l[i + 1]);
        }
        for (int i = 0; i + 2 < STEPS; i++) {
            assertTrue(l[i + 2] > l[i] + 0.1, "L* rises over every two steps: " + i);
        }
        assertTrue(l[0] < 20 && l[STEPS - 1] > 85, "dark to light: " + l[0] + " → " + l[STEPS - 1]);
    }

    @Test
    void theDivergingMapIsSymmetricAboutZeroOrangeBelowAndBlueAbove() {
        double[] l = lightness(ColorMap.DIVERGING);
        int centre = STEPS / 2;
        for (int i = 0; i < STEPS; i++) {
            assertEquals(l[i], l[STEPS - 1 - i], 1.0, "L*(t) ≈ L*(1 − t) at step " + i);
        }
        for (int i = 0; i < centre; i++) {
            assertTrue(l[i + 1] > l[i], "lighter towards 0 from below: " + i);
            assertTrue(l[STEPS - 2 - i] > l[STEPS - 1 - i], "lighter towards 0 from above: " + i);
        }
        assertTrue(l[centre] > 95, "0 is near white: " + l[centre]);
        for (int i = 0; i < centre - 4; i++) {
            double[] below = lab(ColorMap.DIVERGING.argb(i / (double) (STEPS - 1)));
            double[] above = lab(ColorMap.DIVERGING.argb(1 - i / (double) (STEPS - 1)));
            assertTrue(below[2] > 1 && below[1] > 0, "negative values are orange (a*, b* > 0): " + i);
            assertTrue(above[2] < -1, "positive values are blue (b* < 0): " + i + " " + above[2]);
            if (i < centre / 2) {
                assertTrue(below[2] > 15 && above[2] < -15, "clearly orange and blue away from 0: " + i);
            }
        }
    }

    @Test
    void notFiniteValuesHaveAColourNeitherMapUses() {
        assertEquals(ColorMap.NOT_FINITE, ColorMap.SEQUENTIAL.argb(Double.NaN));
        for (ColorMap map : ColorMap.values()) {
            for (int i = 0; i < STEPS; i++) {
                assertTrue(map.argb(i / (double) (STEPS - 1)) != ColorMap.NOT_FINITE);
            }
        }
    }
}
