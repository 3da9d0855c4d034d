// bf16 and fp16 rounding against values worked out by hand from the formats' bit layouts: exact values, ties to
// even, the largest finite values and overflow to Inf, subnormals and underflow to zero, NaN.
package org.stepwise.core.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrecisionTest {

    private static float bits(int b) {
        return Float.intBitsToFloat(b);
    }

    @Test
    void bf16KeepsSevenMantissaBitsAndRoundsTiesToEven() {
        Precision p = Precision.BF16;
        assertEquals(1.0f, p.round(1.0f));
        assertEquals(-2.5f, p.round(-2.5f));
        // 1 + 2⁻⁸ lies halfway between 1 and 1 + 2⁻⁷: the even neighbour, 1, wins.
        assertEquals(1.0f, p.round(1 + 0x1p-8f));
        // 1 + 3·2⁻⁸ lies halfway between 1 + 2⁻⁷ (odd) and 1 + 2⁻⁶ (even).
        assertEquals(1 + 0x1p-6f, p.round(1 + 3 * 0x1p-8f));
        // Just above the halfway point rounds up; just below rounds down.
        assertEquals(1 + 0x1p-7f, p.round(bits(0x3F808001)));
        assertEquals(1.0f, p.round(bits(0x3F807FFF)));
        // π is 0x40490FDB; the dropped bits, 0x0FDB, are under half: 0x40490000 = 3.140625.
        assertEquals(3.140625f, p.round((float) Math.PI));
    }

    @Test
    void bf16OverflowsToInfinityAndFlushesTheSmallestSubnormals() {
        Precision p = Precision.BF16;
        assertEquals(bits(0x7F7F0000), p.maxFinite());
        assertEquals(p.maxFinite(), p.round(p.maxFinite()));
        assertEquals(Float.POSITIVE_INFINITY, p.round(Float.MAX_VALUE));
        assertEquals(Float.NEGATIVE_INFINITY, p.round(-Float.MAX_VALUE));
        assertEquals(0f, p.round(Float.MIN_VALUE));
        assertEquals(0f, p.round(bits(0x00008000)), "halfway to the smallest bf16 subnormal: ties to even, 0");
        assertEquals(bits(0x00020000), p.round(bits(0x00018000)), "halfway between subnormals 1 and 2: to 2");
        assertEquals(bits(0x00010000), p.round(bits(0x00010001)));
        assertTrue(Float.isNaN(p.round(Float.NaN)));
        assertEquals(Float.POSITIVE_INFINITY, p.round(Float.POSITIVE_INFINITY));
    }

    @Test
    void fp16HasTenMantissaBitsFiveExponentBitsAndSubnormalsDownToTwoToTheMinus24() {
        Precision p = Precision.FP16;
        assertEquals(1.0f, p.round(1 + 0x1p-11f), "tie between 1 and 1 + 2⁻¹⁰: even wins");
        assertEquals(1 + 0x1p-9f, p.round(1 + 3 * 0x1p-11f), "tie between 1 + 2⁻¹⁰ and 1 + 2⁻⁹");
        assertEquals(65504f, p.round(65504f));
        assertEquals(65504f, p.round(65519.99f));
        assertEquals(Float.POSITIVE_INFINITY, p.round(65520f), "halfway to 65536, which is Inf: ties to even");
        assertEquals(Float.NEGATIVE_INFINITY, p.round(-1e5f));
        assertEquals(0x1p-24f, p.round(0x1p-24f), "the smallest subnormal");
        assertEquals(0f, p.round(0x1p-25f), "halfway to it: ties to even, 0");
        assertEquals(0x1p-24f, p.round(0x1.8p-25f), "past halfway rounds up to it");
        assertEquals(2 * 0x1p-24f, p.round(3 * 0x1p-25f), "halfway between subnormals 1 and 2: to 2");
        assertEquals(0x1p-14f, p.round(0x1p-14f), "the smallest normal");
        assertEquals(0.0999755859375f, p.round(0.1f));
        assertTrue(Float.isNaN(p.round(Float.NaN)));
    }

    @Test
    void roundingAnArrayCountsOverflowsAndUnderflows() {
        float[] a = {1f, 70000f, -1e-9f, 0f, 0x1p-24f, Float.POSITIVE_INFINITY, 3f};
        RoundingCounts counts = new RoundingCounts();
        Precision.FP16.round(a, 0, 6, counts);
        assertEquals(6, counts.values());
        assertEquals(1, counts.overflows(), "70000 → Inf; the Inf already there is not counted");
        assertEquals(1, counts.underflows(), "−1e−9 → −0; the 0 already there is not counted");
        assertEquals(Float.POSITIVE_INFINITY, a[1]);
        assertEquals(-0f, a[2]);
        assertEquals(3f, a[6], "outside the range: untouched");
    }

    @Test
    void fp32IsLeftAsItIsAndNamesParse() {
        assertEquals(0.1f, Precision.FP32.round(0.1f));
        assertEquals(Precision.BF16, Precision.parse("bf16"));
        assertEquals(2, Precision.FP16.bytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp8"));
        assertEquals("No precision \"fp8\": use fp32, bf16 or fp16", e.getMessage());
    }
}
