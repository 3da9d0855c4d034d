// exp, tanh and a lane sum for the vector kernels, built from +, ×, FMA and bit moves only.
//
// Why not VectorOperators.EXP/TANH and reduceLanes(ADD): their results depend on whether the JIT has compiled the
// caller (intrinsic library vs. Java fallback, tree vs. sequential sum), so the same step gave different bits
// before and after warm-up, and a replayed step could differ from the original. IEEE +, × and FMA round the same
// everywhere, so these give the same bits interpreted or compiled.
package org.stepwise.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

final class VectorMath {
    private static final VectorSpecies<Float> SPECIES = VectorKernels.SPECIES;
    private static final float LOG2E = 1.44269504088896341f;
    // ln 2 split so that n·LN2_HI is exact for the n that occur (Cody–Waite reduction).
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding and subtracting it rounds a float to the nearest integer. */
    private static final float ROUNDER = 12582912f;
    /** exp is clamped to [e^MIN, e^MAX] so that 2ⁿ stays a normal float. */
    private static final float MIN = -87.0f;
    private static final float MAX = 88.0f;
    /** Below this |x|, tanh uses its Taylor series: 1 − 2/(e^{2x}+1) would cancel away the low bits. */
    private static final float TANH_SERIES_LIMIT = 0.3f;

    private VectorMath() {
    }

    /** e^x, within about 2 ulp, for x clamped to [−87, 88]. */
    static FloatVector exp(FloatVector x) {
        FloatVector v = x.max(MIN).min(MAX);
        // x = n·ln2 + r with |r| ≤ ln2/2; e^x = 2ⁿ·e^r.
        FloatVector n = v.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
        FloatVector r = n.neg().fma(FloatVector.broadcast(SPECIES, LN2_HI), v);
        r = n.neg().fma(FloatVector.broadcast(SPECIES, LN2_LO), r);
        // e^r by its Taylor series to r⁷/7!, in Horner form: error below 1e-8 relative on |r| ≤ 0.347.
        FloatVector p = r.mul(1f / 5040f).add(1f / 720f);
        p = p.fma(r, FloatVector.broadcast(SPECIES, 1f / 120f));
        p = p.fma(r, FloatVector.broadcast(SPECIES, 1f / 24f));
        p = p.fma(r, FloatVector.broadcast(SPECIES, 1f / 6f));
        p = p.fma(r, FloatVector.broadcast(SPECIES, 0.5f));
        p = p.fma(r, FloatVector.broadcast(SPECIES, 1f));
        p = p.fma(r, FloatVector.broadcast(SPECIES, 1f));
        // 2ⁿ built from its exponent bits.
        FloatVector twoToN = n.convert(VectorOperators.F2I, 0).reinterpretAsInts().add(127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(twoToN);
    }

    /** tanh(x): the odd Taylor series near 0, else sign(x)·(1 − 2/(e^{2|x|} + 1)). */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector e = exp(a.mul(2f));
        FloatVector far = FloatVector.broadcast(SPECIES, 1f).sub(FloatVector.broadcast(SPECIES, 2f).div(e.add(1f)));
        far = far.lanewise(VectorOperators.NEG, x.lt(0f));
        // x − x³/3 + 2x⁵/15 − 17x⁷/315 + 62x⁹/2835: below 2e-8 absolute error for |x| < 0.3.
        FloatVector x2 = x.mul(x);
        FloatVector s = x2.mul(62f / 2835f).sub(17f / 315f);
        s = s.fma(x2, FloatVector.broadcast(SPECIES, 2f / 15f));
        s = s.fma(x2, FloatVector.broadcast(SPECIES, -1f / 3f));
        FloatVector near = s.mul(x2).fma(x, x);
        VectorMask<Float> small = a.lt(TANH_SERIES_LIMIT);
        return far.blend(near, small);
    }

    /** The lanes' sum, added from lane 0 upwards: the same order whether the JIT has compiled this or not. */
    static float sum(FloatVector v) {
        float total = 0f;
        for (int i = 0; i < SPECIES.length(); i++) {
            total += v.lane(i);
        }
        return total;
    }
}
