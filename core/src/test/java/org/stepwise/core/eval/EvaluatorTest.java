// The evaluator's batched pass must measure exactly what one pass over the whole dataset measures, for class scores,
// one binary logit and regression targets alike.
package org.stepwise.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.Generators;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.Batch;
import org.stepwise.core.train.BinaryCrossEntropyWithLogits;
import org.stepwise.core.train.MeanSquaredError;
import org.stepwise.core.train.SoftmaxCrossEntropy;

class EvaluatorTest {

    @Test
    void batchedClassificationEqualsOneWholeDatasetPass() {
        Dataset data = Blobs.of("blobs", 50, 1.5, 11);
        Network net = Network.build(Blobs.mlp(6), 3);
        Metrics batched = new Evaluator(7, 2).evaluate(net, data, new SoftmaxCrossEntropy());

        float[] scores = Arrays.copyOf(net.predict(data.x(), data.n()), data.n() * 3);
        double loss = new SoftmaxCrossEntropy().value(net.kernels(), scores,
                Batch.classification(data.x(), data.labels(), data.n()), 3);
        ClassificationMetrics whole = ClassificationMetrics.of(scores, data.labels(), data.n(), 3, 2, loss);
        ClassificationMetrics m = (ClassificationMetrics) batched;
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(whole.confusion()[c], m.confusion()[c]);
        }
        assertEquals(whole.topKAccuracy(), m.topKAccuracy());
        assertEquals(loss, m.loss(), 1e-5);
        assertEquals(50, m.samples());
    }

    @Test
    void batchedRegressionEqualsOneWholeDatasetPass() {
        float[] x = new float[40];
        float[] y = new float[20];
        for (int i = 0; i < 20; i++) {
            x[2 * i] = i / 10f;
            x[2 * i + 1] = (i % 4) / 4f;
            y[i] = x[2 * i] - 2 * x[2 * i + 1];
        }
        Dataset data = Dataset.regression("line", Shape.of(2), x, y, 20);
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2))),
                new NodeDef("out", new Dense.Spec(1, Activation.IDENTITY), "in"))), 5);
        RegressionMetrics m = (RegressionMetrics) new Evaluator(6, 1).evaluate(net, data, new MeanSquaredError());

        RegressionMetrics whole = RegressionMetrics.of(Arrays.copyOf(net.predict(x, 20), 20), y, 20, 1, Double.NaN);
        assertEquals(whole.mse(), m.mse(), 1e-9);
        assertEquals(whole.mae(), m.mae(), 1e-9);
        assertEquals(whole.r2(), m.r2(), 1e-9);
        assertEquals(whole.mse(), m.loss(), 1e-6, "the mse loss is the MSE");
    }

    @Test
    void batchedOneLogitClassificationEqualsOneWholeDatasetPass() {
        Dataset data = Generators.generate("circle", 45, 0.2, 3);
        Network net = Network.build(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2))),
                new NodeDef("hidden", new Dense.Spec(5, Activation.TANH), "in"),
                new NodeDef("logit", new Dense.Spec(1, Activation.IDENTITY), "hidden"))), 4);
        ClassificationMetrics m = (ClassificationMetrics) new Evaluator(8, 1)
                .evaluate(net, data, new BinaryCrossEntropyWithLogits());

        float[] logits = Arrays.copyOf(net.predict(data.x(), data.n()), data.n());
        float[] y = new float[data.n()];
        for (int i = 0; i < y.length; i++) {
            y[i] = data.labels()[i];
        }
        double loss = new BinaryCrossEntropyWithLogits().value(net.kernels(), logits,
                Batch.regression(data.x(), y, data.n()), 1);
        ClassificationMetrics whole = ClassificationMetrics.ofOneLogit(logits, data.labels(), data.n(), 1, loss);
        assertEquals(2, m.classes());
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(whole.confusion()[c], m.confusion()[c]);
        }
        assertEquals(whole.accuracy(), m.accuracy());
        assertEquals(loss, m.loss(), 1e-5, "the loss is the binary cross-entropy of the logits");
        assertEquals(45, m.samples());
    }

    @Test
    void outputWidthThatIsNotTheClassCountIsRefusedWithBothNumbers() {
        Network net = Network.build(Blobs.mlp(4), 1);
        Dataset twoClasses = Dataset.classification("pairs", Shape.of(2), new float[4], new int[] {0, 1}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Evaluator().evaluate(net, twoClasses, null));
        assertEquals("The network's output 'logits' has 3 values per sample but the dataset 'pairs' has 2 classes; "
                + "classification needs one score per class, or one logit for two classes", e.getMessage());
    }
}
