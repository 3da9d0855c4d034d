// Data parallelism equals the large batch; splitting a dense layer across two devices by columns or by rows gives the
// single device's output; what each split sends is as the formulas say.
package org.stepwise.core.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Dropout;
import org.stepwise.core.layers.Input;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.Batch;
import org.stepwise.core.train.MeanSquaredError;

class ParallelTest {
    private static final GraphDef NET = new GraphDef(List.of(
            new NodeDef("input", new Input.Spec(Shape.of(3))),
            new NodeDef("hidden", new Dense.Spec(8, Activation.TANH), "input"),
            new NodeDef("output", new Dense.Spec(2, Activation.IDENTITY), "hidden")));

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    private static Batch batch(int rows) {
        return Batch.regression(random(rows * 3, 1), random(rows * 2, 2), rows);
    }

    @Test
    void oneWorkerIsTheLargeBatchBitForBit() {
        DataParallel.Result r = DataParallel.simulate(NET, 7, new MeanSquaredError(), batch(16), 1);
        for (int p = 0; p < r.names().size(); p++) {
            assertArrayEquals(r.fullBatch().get(p), r.averaged().get(p), 0f, r.names().get(p));
        }
        assertEquals(0, r.bytesPerWorker());
    }

    @Test
    void aSoftmaxClassifierWithOneLabelPerRowSplitsItsLabelsByRow() {
        // Two classes under softmax cross-entropy, with the batch carrying one label value per row as well: the
        // targets are cut by their own width, not by the output's two units.
        org.stepwise.core.graph.GraphDef net = new org.stepwise.core.graph.GraphDef(List.of(
                new org.stepwise.core.graph.NodeDef("in", new org.stepwise.core.layers.Input.Spec(
                        org.stepwise.core.tensor.Shape.of(3))),
                new org.stepwise.core.graph.NodeDef("out", new org.stepwise.core.layers.Dense.Spec(2,
                        org.stepwise.core.layers.Activation.IDENTITY), "in")));
        float[] x = new float[8 * 3];
        int[] labels = new int[8];
        float[] y = new float[8];
        for (int i = 0; i < 8; i++) {
            for (int f = 0; f < 3; f++) {
                x[i * 3 + f] = (float) Math.sin(i * 3 + f);
            }
            labels[i] = i % 2;
            y[i] = labels[i];
        }
        DataParallel.Result r = DataParallel.simulate(net, 3, new org.stepwise.core.train.SoftmaxCrossEntropy(),
                new org.stepwise.core.train.Batch(x, labels, y, 8), 4);
        assertTrue(r.maxRelativeError() < 1e-6, "relative error " + r.maxRelativeError());
    }

    @Test
    void fourWorkersAveragedEqualTheLargeBatchToRounding() {
        DataParallel.Result r = DataParallel.simulate(NET, 7, new MeanSquaredError(), batch(16), 4);
        assertEquals(List.of("hidden.weight", "hidden.bias", "output.weight", "output.bias"), r.names());
        assertTrue(r.maxRelativeError() < 1e-6, "relative error " + r.maxRelativeError());
        assertTrue(r.maxRelativeError() > 0 || r.averaged().equals(r.fullBatch()),
                "different sums in a different order usually differ in the last bit");
        // A shard's gradient alone is not the batch's: the all-reduce matters.
        DataParallel.Result one = DataParallel.simulate(NET, 7, new MeanSquaredError(),
                DataParallel.slice(batch(16), 0, 4, 3), 1);
        assertTrue(Math.abs(one.fullBatch().get(0)[0] - r.fullBatch().get(0)[0]) > 1e-4);
        // 3·8 + 8 + 8·2 + 2 = 50 floats; a ring all-reduce sends 2·3/4 of them from each worker.
        assertEquals(2 * 3 * 50 * 4 / 4, r.bytesPerWorker());
    }

    @Test
    void batchesThatDoNotSplitAndDropoutAreRefusedWithTheReason() {
        assertEquals("A batch of 10 cannot be split evenly across 4 workers", assertThrows(
                IllegalArgumentException.class,
                () -> DataParallel.simulate(NET, 7, new MeanSquaredError(), batch(10), 4)).getMessage());
        GraphDef dropout = new GraphDef(List.of(
                new NodeDef("input", new Input.Spec(Shape.of(3))),
                new NodeDef("drop", new Dropout.Spec(0.5f), "input"),
                new NodeDef("output", new Dense.Spec(2, Activation.IDENTITY), "drop")));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DataParallel.simulate(dropout, 7, new MeanSquaredError(), batch(8), 2)).getMessage()
                .startsWith("Node \"drop\" is dropout"));
    }

    @Test
    void aDenseLayerSplitByColumnsOrRowsGivesTheSingleDevicesOutput() {
        int rows = 5;
        int in = 6;
        int units = 4;
        float[] x = random(rows * in, 3);
        float[] w = random(units * in, 4);
        float[] b = random(units, 5);
        float[] single = TensorParallel.single(x, w, b, rows, in, units);
        TensorParallel.Split columns = TensorParallel.byColumns(x, w, b, rows, in, units);
        assertArrayEquals(single, columns.output(), 0f, "each dot product is computed as on one device");
        assertEquals(rows * units / 2, columns.floatsSentPerDevice(), "an all-gather of half the outputs");
        TensorParallel.Split byRows = TensorParallel.byRows(x, w, b, rows, in, units);
        assertArrayEquals(single, byRows.output(), 1e-5f, "two partial sums added: equal to rounding");
        assertEquals(rows * units, byRows.floatsSentPerDevice(), "an all-reduce of every partial output");
        // And against a double-precision reference, so both are checked independently of the single device's loop.
        for (int r = 0; r < rows; r++) {
            for (int u = 0; u < units; u++) {
                double s = b[u];
                for (int i = 0; i < in; i++) {
                    s += (double) x[r * in + i] * w[u * in + i];
                }
                assertEquals(s, byRows.output()[r * units + u], 1e-5);
            }
        }
    }
}
