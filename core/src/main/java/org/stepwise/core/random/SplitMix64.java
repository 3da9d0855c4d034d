// SplitMix64 as pure functions of a long state: the allocation-free randomness of dropout masks, step seeds and
// batch shuffles, where a generator object per step or epoch would be the only allocation in training.
package org.stepwise.core.random;

public final class SplitMix64 {
    /** The golden-ratio increment between successive states. */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {
    }

    /** SplitMix64's output function: neighbouring states give unrelated results. */
    public static long mix(long state) {
        long z = (state ^ (state >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform float in [0, 1) from the top 24 bits of mix(state). */
    public static float uniform(long state) {
        return (mix(state) >>> 40) * 0x1.0p-24f;
    }
}
