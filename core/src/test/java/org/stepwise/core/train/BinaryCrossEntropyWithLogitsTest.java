// Binary cross-entropy on one logit per sample, trained from class labels: backprop against central differences.
package org.stepwise.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.Generators;
import org.stepwise.core.graph.Network;
import org.stepwise.core.io.Templates;
import org.stepwise.core.kernels.Kernels;

class BinaryCrossEntropyWithLogitsTest {

    @Test
    void oneLogitGradientsOnTwoClassLabelsMatchCentralDifferences() {
        Dataset spiral = Generators.generate("spiral", 40, 0.1, 1);
        Network net = Network.build(Templates.find("mlp-2-8-8-1").orElseThrow().graph(), 5, Kernels.active());
        // The batcher turns the labels into the 0/1 targets the loss reads; a shuffled batch mixes both classes.
        Batch batch = new Batcher(spiral, 12, 2, true).batch(0, 0);
        GradientCheck.Report report = new GradientCheck(1e-2, 48, 3).run(net, new BinaryCrossEntropyWithLogits(),
                batch, true);
        assertTrue(report.passed(), () -> "gradient check failed: " + report.tensors());
        assertEquals(7, report.tensors().size(), "three weights, three biases and the input are checked");
    }
}
