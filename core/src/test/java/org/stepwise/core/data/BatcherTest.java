// The batcher's targets: two-class labels also travel as 0/1 floats, which is what one logit trains on.
package org.stepwise.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.Batch;

class BatcherTest {

    @Test
    void aTwoClassBatchCarriesItsLabelsAlsoAsZeroOrOneTargets() {
        Dataset data = Generators.generate("xor", 30, 0.1, 4);
        Batcher batcher = new Batcher(data, 8, 9, true);
        for (int i = 0; i < batcher.batchesPerEpoch(); i++) {
            Batch b = batcher.batch(3, i);
            for (int r = 0; r < b.rows(); r++) {
                assertEquals((float) b.labels()[r], b.y()[r], "row " + r + " of batch " + i);
            }
        }
    }

    @Test
    void moreClassesCarryLabelsOnly() {
        Dataset three = Dataset.classification("three", Shape.of(1), new float[] {0, 1, 2}, new int[] {0, 1, 2}, 3);
        assertNull(new Batcher(three, 2, 1, false).batch(0, 0).y());
    }

    @Test
    void nextTokenSamplesCarryOneLabelPerPositionThroughBatchesAndSubsets() {
        // Three samples of two positions: x = tokens, labels = the token after each.
        float[] x = {0, 1, 1, 2, 2, 0};
        int[] labels = {1, 2, 2, 0, 0, 1};
        Dataset text = new Dataset("text", Shape.of(2), x, labels, null, 3, 3);
        assertEquals(2, text.labelsPerSample());
        assertEquals(2, text.outputs());
        Batch b = new Batcher(text, 2, 1, false).batch(0, 1);
        assertEquals(1, b.rows());
        assertArrayEquals(new int[] {0, 1}, java.util.Arrays.copyOf(b.labels(), 2));
        assertNull(b.y(), "three classes and two labels per sample: no 0/1 targets");
        Dataset picked = text.subset("picked", new int[] {2, 0});
        assertArrayEquals(new int[] {0, 1, 1, 2}, picked.labels());
        assertArrayEquals(new float[] {2, 0, 0, 1}, picked.x());
    }

    @Test
    void samplesWithDifferentLabelCountsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("odd", Shape.of(1), new float[] {0, 1}, new int[] {0, 1, 2}, null, 2, 3));
        assertEquals("Dataset 'odd' has 3 labels for 2 samples; every sample needs the same number of labels",
                e.getMessage());
    }
}
