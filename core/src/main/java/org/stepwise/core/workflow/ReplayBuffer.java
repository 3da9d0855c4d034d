// A bounded store of samples from tasks already learnt, and the mixing of some of them into a new task's data, so
// that training on the new task keeps rehearsing the old one (rehearsal against catastrophic forgetting).
//
// Samples are kept by reservoir sampling: however many pass through, each has had the same chance to stay. The mix
// adds replayed samples to the new task's and leaves the batching to the Batcher, whose shuffle spreads them, so
// each batch holds the chosen fraction of old samples on average rather than exactly.
package org.stepwise.core.workflow;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.tensor.Shape;

public final class ReplayBuffer {
    private final int capacity;
    private final SplittableRandom random;
    private Shape featureShape;
    private int classes;
    private float[] x;
    private int[] labels;
    private int size;
    private long seen;

    /**
     * @param capacity the most samples kept
     * @param seed     decides which samples are kept
     */
    public ReplayBuffer(int capacity, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("A replay buffer holds at least 1 sample, not " + capacity);
        }
        this.capacity = capacity;
        this.random = new SplittableRandom(seed);
    }

    /** Offers every sample of a learnt task; the buffer keeps a uniform sample of all it has been offered. */
    public void add(Dataset data) {
        if (!data.isClassification()) {
            throw new IllegalArgumentException("A replay buffer keeps labelled samples; '" + data.name()
                    + "' has numeric targets");
        }
        if (featureShape == null) {
            featureShape = data.featureShape();
            x = new float[capacity * data.features()];
            labels = new int[capacity];
        } else if (!featureShape.equals(data.featureShape())) {
            throw new IllegalArgumentException("The replay buffer holds samples of shape " + featureShape + ", but '"
                    + data.name() + "' has samples of shape " + data.featureShape());
        }
        classes = Math.max(classes, data.classes());
        int f = data.features();
        for (int i = 0; i < data.n(); i++) {
            seen++;
            long slot = size < capacity ? size++ : random.nextLong(seen);
            if (slot < capacity) {
                System.arraycopy(data.x(), i * f, x, (int) slot * f, f);
                labels[(int) slot] = data.labels()[i];
            }
        }
    }

    /** Samples held. */
    public int size() {
        return size;
    }

    /**
     * The current task's samples followed by replayed ones, so that {@code fraction} of the result is replay:
     * round(fraction / (1 − fraction) · n) samples, taken from the buffer in a seeded shuffled order, starting over
     * when it has fewer. Fraction 0 returns {@code current} itself.
     *
     * @param fraction the share of old samples, at least 0 and below 1
     */
    public Dataset mix(Dataset current, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("The replay fraction must be at least 0 and below 1, not " + fraction);
        }
        if (fraction == 0) {
            return current;
        }
        if (size == 0) {
            throw new IllegalArgumentException("The replay buffer is empty: add a learnt task first");
        }
        if (!featureShape.equals(current.featureShape())) {
            throw new IllegalArgumentException("The replay buffer holds samples of shape " + featureShape + ", but '"
                    + current.name() + "' has samples of shape " + current.featureShape());
        }
        int replayed = (int) Math.round(fraction / (1 - fraction) * current.n());
        int f = current.features();
        int n = current.n() + replayed;
        float[] mixedX = new float[n * f];
        int[] mixedLabels = new int[n];
        System.arraycopy(current.x(), 0, mixedX, 0, current.n() * f);
        System.arraycopy(current.labels(), 0, mixedLabels, 0, current.n());
        int[] order = shuffledSlots(seed);
        for (int i = 0; i < replayed; i++) {
            int slot = order[i % size];
            System.arraycopy(x, slot * f, mixedX, (current.n() + i) * f, f);
            mixedLabels[current.n() + i] = labels[slot];
        }
        return Dataset.classification(current.name() + " + " + replayed + " replayed", current.featureShape(),
                mixedX, mixedLabels, Math.max(classes, current.classes()));
    }

    private int[] shuffledSlots(long seed) {
        int[] order = IntStream.range(0, size).toArray();
        Tasks.shuffle(order, new SplittableRandom(seed));
        return order;
    }
}
