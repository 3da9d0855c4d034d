// Cuts a dataset into shuffled batches. The order of epoch e depends only on (seed, e), so any batch of any epoch
// can be rebuilt without replaying the ones before it: that is what lets the stepper travel back in time.
//
// Batches of a two-class dataset carry each label twice: as an int for softmax cross-entropy and as y = 0f or 1f,
// the target a single logit trains on with binary cross-entropy. Which of the two a loss reads is the loss's affair.
package org.stepwise.core.data;

import org.stepwise.core.random.SplitMix64;
import org.stepwise.core.train.Batch;

public final class Batcher {
    private final Dataset data;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final int[] order;
    private int orderEpoch = -1;
    // Reused batch buffers: filling a batch allocates nothing.
    private final float[] x;
    private final int[] labels;
    private final int labelsPerSample;
    private final float[] y;
    private final Batch full;
    private final Batch last;

    public Batcher(Dataset data, int batchSize, long seed, boolean shuffle) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("The batch size must be at least 1, not " + batchSize);
        }
        this.data = data;
        this.batchSize = Math.min(batchSize, data.n());
        this.seed = seed;
        this.shuffle = shuffle;
        this.order = new int[data.n()];
        this.x = new float[this.batchSize * data.features()];
        this.labelsPerSample = data.labelsPerSample();
        this.labels = data.labels() != null ? new int[this.batchSize * labelsPerSample] : null;
        this.y = data.y() != null ? new float[this.batchSize * data.outputs()]
                : data.classes() == 2 && labelsPerSample == 1 ? new float[this.batchSize] : null;
        this.full = new Batch(x, labels, y, this.batchSize, Math.max(1, labelsPerSample));
        int tail = data.n() % this.batchSize;
        this.last = tail == 0 ? full : new Batch(x, labels, y, tail, Math.max(1, labelsPerSample));
    }

    public int batchSize() {
        return batchSize;
    }

    public int batchesPerEpoch() {
        return (data.n() + batchSize - 1) / batchSize;
    }

    public Dataset data() {
        return data;
    }

    /** Batch {@code index} of epoch {@code epoch}; the last batch of an epoch may be smaller. The arrays are reused. */
    public Batch batch(int epoch, int index) {
        prepareOrder(epoch);
        int start = index * batchSize;
        int rows = Math.min(batchSize, data.n() - start);
        int f = data.features();
        for (int r = 0; r < rows; r++) {
            int s = order[start + r];
            copy(data.x(), s * f, x, r * f, f);
            if (labels != null && labelsPerSample > 1) {
                System.arraycopy(data.labels(), s * labelsPerSample, labels, r * labelsPerSample, labelsPerSample);
            } else if (labels != null) {
                labels[r] = data.labels()[s];
                if (y != null) {
                    y[r] = labels[r];
                }
            } else {
                int o = data.outputs();
                copy(data.y(), s * o, y, r * o, o);
            }
        }
        return rows == batchSize ? full : last;
    }

    // A sample of a few values (a 2-D point, one target) copies faster in a loop than through arraycopy's call.
    private static void copy(float[] from, int fromIndex, float[] to, int toIndex, int count) {
        if (count >= 16) {
            System.arraycopy(from, fromIndex, to, toIndex, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            to[toIndex + i] = from[fromIndex + i];
        }
    }

    private void prepareOrder(int epoch) {
        if (epoch == orderEpoch) {
            return;
        }
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            // Fisher–Yates driven by SplitMix64 inline: a generator object per epoch would be the only allocation
            // left in a training step.
            long state = seed * SplitMix64.GAMMA + epoch;
            for (int i = order.length - 1; i > 0; i--) {
                state += SplitMix64.GAMMA;
                int j = (int) Math.floorMod(SplitMix64.mix(state), (long) (i + 1));
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        orderEpoch = epoch;
    }
}
