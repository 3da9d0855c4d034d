// How the math panel writes numbers: 4 significant digits, scientific outside [1e-3, 1e5), every float digit on
// request, and before/after pairs that never read the same when they differ.
package org.stepwise.app.studio.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MathNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.123456     | 0.1235",
        "-0.5         | -0.5",
        "0            | 0",
        "-0.0         | 0",
        "12.3456      | 12.35",
        "99999        | 1\\times10^{5}",
        "0.00123456   | 0.001235",
        "0.000123456  | 1.235\\times10^{-4}",
        "-1.23456e-7  | -1.235\\times10^{-7}",
        "123456789    | 1.235\\times10^{8}",
        "NaN          | \\mathrm{NaN}",
    })
    void shortFormHasFourSignificantDigits(double value, String latex) {
        assertEquals(latex, MathNumbers.latex(value, false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.1          | 0.1",
        "0.123456789  | 0.12345679",
        "-2.5e-6      | -2.5\\times10^{-6}",
    })
    void fullFormIsTheFloatsShortestDecimal(float value, String latex) {
        assertEquals(latex, MathNumbers.latex(value, true));
    }

    @Test
    void plainTextUsesEForTheExponentAndFactorsWrapNegatives() {
        assertEquals("1.235e-5", MathNumbers.text(1.23456e-5, false));
        assertEquals("(-0.25)", MathNumbers.factor(-0.25, false));
        assertEquals("0.25", MathNumbers.factor(0.25, false));
    }

    @Test
    void beforeAndAfterGetJustEnoughDigitsToDiffer() {
        assertArrayEquals(new String[] {"0.5", "0.500001"}, MathNumbers.distinct(0.5, 0.500001, false));
        assertArrayEquals(new String[] {"0.5", "0.6"}, MathNumbers.distinct(0.5, 0.6, false));
        assertArrayEquals(new String[] {"0.5", "0.5"}, MathNumbers.distinct(0.5, 0.5, false));
    }
}
