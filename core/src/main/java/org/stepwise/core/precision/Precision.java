// The number formats training can be emulated in: fp32 as it is, and bf16 and fp16 by rounding every stored value
// through the format's bit pattern (round to nearest, ties to even), so a value carries exactly the error the real
// format would give it. Overflow becomes ±Inf and values below the smallest subnormal become ±0, as in hardware.
//
// bf16 keeps fp32's 8-bit exponent and cuts the mantissa to 7 bits; fp16 has a 5-bit exponent and a 10-bit mantissa
// (largest finite 65504, smallest subnormal 2⁻²⁴).
package org.stepwise.core.precision;

import java.util.Locale;

public enum Precision {
    FP32(32, Float.MAX_VALUE, Float.MIN_NORMAL, Float.MIN_VALUE),
    BF16(16, Float.intBitsToFloat(0x7F7F0000), Float.MIN_NORMAL, Float.intBitsToFloat(0x00010000)),
    FP16(16, 65504f, 0x1p-14f, 0x1p-24f);

    private final int bits;
    private final float maxFinite;
    private final float minNormal;
    private final float minSubnormal;

    Precision(int bits, float maxFinite, float minNormal, float minSubnormal) {
        this.bits = bits;
        this.maxFinite = maxFinite;
        this.minNormal = minNormal;
        this.minSubnormal = minSubnormal;
    }

    /** "fp32", "bf16" or "fp16", as the command line spells it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code id} ("fp32", "bf16", "fp16"), or an explanation listing those. */
    public static Precision parse(String id) {
        for (Precision p : values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("No precision \"" + id + "\": use fp32, bf16 or fp16");
    }

    public int bits() {
        return bits;
    }

    /** Bytes a value takes in this format. */
    public int bytes() {
        return bits / 8;
    }

    public float maxFinite() {
        return maxFinite;
    }

    public float minNormal() {
        return minNormal;
    }

    public float minSubnormal() {
        return minSubnormal;
    }

    /** {@code x} as this format stores it, back in a float; NaN stays NaN. */
    public float round(float x) {
        return switch (this) {
            case FP32 -> x;
            case BF16 -> roundBf16(x);
            case FP16 -> Float.float16ToFloat(Float.floatToFloat16(x));
        };
    }

    /**
     * Rounds {@code a[from, to)} in place, counting into {@code counts} the finite values that became infinite and
     * the non-zero values that became zero.
     */
    public void round(float[] a, int from, int to, RoundingCounts counts) {
        if (this == FP32) {
            counts.add(to - from, 0, 0);
            return;
        }
        long overflows = 0;
        long underflows = 0;
        for (int i = from; i < to; i++) {
            float x = a[i];
            float r = round(x);
            if (Float.isInfinite(r) && Float.isFinite(x)) {
                overflows++;
            } else if (r == 0 && x != 0) {
                underflows++;
            }
            a[i] = r;
        }
        counts.add(to - from, overflows, underflows);
    }

    /** The upper 16 bits of the float, rounded to nearest with ties to even; a NaN keeps a quiet NaN's bits. */
    private static float roundBf16(float x) {
        if (Float.isNaN(x)) {
            return x;
        }
        int b = Float.floatToRawIntBits(x);
        int lsb = (b >>> 16) & 1;
        b += 0x7FFF + lsb; // carries into the exponent when the mantissa rounds up, to Inf past the largest finite
        return Float.intBitsToFloat(b & 0xFFFF0000);
    }
}
