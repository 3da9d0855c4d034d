// The batcher's targets: two-class labels also travel as 0/1 floats, which is what one logit trains on.
package org.stepwise.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
