// The replay buffer and the task cutting it serves: a uniform sample of everything offered, a mix with exactly the
// asked share of old samples, and tasks made of some classes or a few samples of each.
package org.stepwise.core.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.tensor.Shape;

class ReplayBufferTest {

    /** n samples of one value each, the sample's index, all labelled {@code label} of 4 classes. */
    static Dataset constant(int n, int label, int first) {
        float[] x = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = first + i;
            labels[i] = label;
        }
        return Dataset.classification("label " + label, Shape.of(1), x, labels, 4);
    }

    @Test
    void theBufferKeepsItsCapacityAndAFairShareOfEachTaskOffered() {
        ReplayBuffer buffer = new ReplayBuffer(100, 7);
        buffer.add(constant(500, 0, 0));
        buffer.add(constant(500, 1, 500));
        assertEquals(100, buffer.size());
        Dataset all = buffer.mix(constant(400, 2, 1000), 0.2, 1);
        long first = Arrays.stream(all.labels()).filter(l -> l == 0).count();
        long second = Arrays.stream(all.labels()).filter(l -> l == 1).count();
        // 100 replayed samples from a reservoir that saw 500 of each: about half and half.
        assertEquals(100, first + second);
        assertTrue(first >= 35 && first <= 65, "label 0 replayed " + first + " times");
    }

    @Test
    void theMixAddsOldSamplesAfterTheNewOnesInTheAskedShare() {
        ReplayBuffer buffer = new ReplayBuffer(10, 1);
        buffer.add(constant(10, 0, 100));
        Dataset current = constant(80, 3, 0);
        Dataset mixed = buffer.mix(current, 0.2, 5);
        // 0.2 of the result: 20 replayed next to 80 new; the buffer's 10 samples each come twice.
        assertEquals(100, mixed.n());
        assertArrayEquals(current.x(), Arrays.copyOf(mixed.x(), 80));
        float[] replayed = Arrays.copyOfRange(mixed.x(), 80, 100);
        Arrays.sort(replayed);
        for (int i = 0; i < 10; i++) {
            assertEquals(100 + i, replayed[2 * i]);
            assertEquals(100 + i, replayed[2 * i + 1]);
        }
        assertEquals(20, Arrays.stream(mixed.labels()).filter(l -> l == 0).count());
        assertSame(current, buffer.mix(current, 0, 5), "no replay, no copy");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
    void aReplayFractionOutsideZeroToOneIsRefused(double fraction) {
        ReplayBuffer buffer = new ReplayBuffer(10, 1);
        buffer.add(constant(10, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> buffer.mix(constant(10, 1, 0), fraction, 1));
        assertEquals("The replay fraction must be at least 0 and below 1, not " + fraction, e.getMessage());
    }

    @Test
    void aTaskOfSomeClassesCanBeRelabelledFromZero() {
        Dataset data = Dataset.classification("d", Shape.of(1), new float[] {0, 1, 2, 3, 4, 5},
                new int[] {0, 1, 2, 3, 2, 0}, 4);
        Dataset kept = Tasks.ofClasses(data, new int[] {2, 0}, false);
        assertArrayEquals(new float[] {0, 2, 4, 5}, kept.x());
        assertArrayEquals(new int[] {0, 2, 2, 0}, kept.labels());
        assertEquals(4, kept.classes());
        Dataset relabelled = Tasks.ofClasses(data, new int[] {2, 0}, true);
        assertArrayEquals(new int[] {1, 0, 0, 1}, relabelled.labels());
        assertEquals(2, relabelled.classes());
        assertEquals("Dataset 'd' has classes 0 to 3; there is no class 7", assertThrows(
                IllegalArgumentException.class, () -> Tasks.ofClasses(data, new int[] {7}, true)).getMessage());
    }

    @Test
    void aLabelledSampleTakesAsManyOfEachClassAsAskedOrAllThereAre() {
        Dataset data = Dataset.classification("d", Shape.of(1), new float[12],
                new int[] {0, 1, 0, 1, 0, 1, 0, 2, 0, 1, 0, 0}, 3);
        int[] picked = Tasks.sample(data, new int[] {0, 1, 2}, 3, 4);
        int[] counts = new int[3];
        for (int i : picked) {
            counts[data.labels()[i]]++;
        }
        assertArrayEquals(new int[] {3, 3, 1}, counts);
        assertArrayEquals(Arrays.stream(picked).sorted().toArray(), picked, "in the dataset's order");
        assertArrayEquals(picked, Tasks.sample(data, new int[] {0, 1, 2}, 3, 4), "the same seed, the same sample");
        assertEquals(12 - picked.length, Tasks.without(data, picked).n());
    }
}
