// Dynamic loss scaling for low-precision training. The loss is multiplied by a large scale before the backward pass,
// so small gradients stay above the format's smallest subnormal instead of flushing to zero; the gradients are
// divided by it again before the update. If any scaled gradient overflowed, the step is skipped and the scale is
// halved; after a run of clean steps it doubles, so it stays near the largest scale that does not overflow.
// Scales are powers of two, so scaling and unscaling are exact in binary floating point.
package org.stepwise.core.precision;

import java.util.List;

public final class LossScaler {
    private final float growthFactor;
    private final float backoffFactor;
    private final int growthInterval;
    private float scale;
    private int cleanSteps;
    private long steps;
    private long skipped;

    /**
     * @param initialScale   the first scale, a power of two
     * @param growthFactor   what the scale is multiplied by after {@code growthInterval} clean steps
     * @param backoffFactor  what it is multiplied by after an overflow
     * @param growthInterval clean steps before the scale grows
     */
    public LossScaler(float initialScale, float growthFactor, float backoffFactor, int growthInterval) {
        if (!(initialScale > 0) || !(growthFactor >= 1) || !(backoffFactor > 0 && backoffFactor < 1)
                || growthInterval < 1) {
            throw new IllegalArgumentException("Loss scaling needs a positive scale, growth ≥ 1, backoff in (0, 1) "
                    + "and an interval of at least one step");
        }
        this.scale = initialScale;
        this.growthFactor = growthFactor;
        this.backoffFactor = backoffFactor;
        this.growthInterval = growthInterval;
    }

    /** 2¹⁶ at first, doubling after 2000 clean steps and halving on an overflow. */
    public static LossScaler standard() {
        return new LossScaler(65536f, 2f, 0.5f, 2000);
    }

    /** What the loss, and so every gradient, is multiplied by in the next backward pass. */
    public float scale() {
        return scale;
    }

    /**
     * After a backward pass of the scaled loss: if every gradient is finite, divides them by the scale in place and
     * returns true (take the step); otherwise leaves them, lowers the scale and returns false (skip the step).
     */
    public boolean unscale(List<float[]> gradients) {
        steps++;
        for (float[] g : gradients) {
            for (float v : g) {
                if (!Float.isFinite(v)) {
                    skipped++;
                    cleanSteps = 0;
                    scale *= backoffFactor;
                    return false;
                }
            }
        }
        float inverse = 1f / scale;
        for (float[] g : gradients) {
            for (int i = 0; i < g.length; i++) {
                g[i] *= inverse;
            }
        }
        if (++cleanSteps == growthInterval) {
            cleanSteps = 0;
            scale *= growthFactor;
        }
        return true;
    }

    /** How many longs {@link #saveState} writes. */
    public static final int STATE_LONGS = 4;

    /**
     * Writes the scale and the counters into {@code into[at, at + STATE_LONGS)}; the stepper keeps them with its
     * snapshots, so going back restores the scale as it was.
     */
    public void saveState(long[] into, int at) {
        into[at] = Float.floatToRawIntBits(scale);
        into[at + 1] = cleanSteps;
        into[at + 2] = steps;
        into[at + 3] = skipped;
    }

    /** Puts back what {@link #saveState} wrote. */
    public void restoreState(long[] from, int at) {
        scale = Float.intBitsToFloat((int) from[at]);
        cleanSteps = (int) from[at + 1];
        steps = from[at + 2];
        skipped = from[at + 3];
    }

    /** Backward passes seen. */
    public long steps() {
        return steps;
    }

    /** Steps skipped because a scaled gradient overflowed. */
    public long skippedSteps() {
        return skipped;
    }
}
