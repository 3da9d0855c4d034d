// Test helper: one line per case, e.g. assertGradcheck(graph, Shape.of(3), classes(4)), in double-check style.
package org.stepwise.core.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.kernels.Kernels;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.Batch;
import org.stepwise.core.train.GradientCheck;
import org.stepwise.core.train.Loss;
import org.stepwise.core.train.MeanSquaredError;

final class GradientChecks {
    private GradientChecks() {
    }

    /**
     * Builds the graph, feeds a random batch of {@code rows} samples and checks parameter and input gradients
     * against central differences under MSE to random targets.
     */
    static GradientCheck.Report assertGradcheck(GraphDef graph, int rows, long seed) {
        Network net = Network.build(graph, seed, Kernels.active());
        Shape in = net.input().shape();
        Shape out = net.output().shape();
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * in.size()];
        float[] y = new float[rows * out.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return assertGradcheck(net, new MeanSquaredError(), Batch.regression(x, y, rows));
    }

    static GradientCheck.Report assertGradcheck(Network net, Loss loss, Batch batch) {
        GradientCheck.Report report = new GradientCheck(1e-2, 48, 3).run(net, loss, batch, true);
        assertTrue(report.passed(), () -> "gradient check failed: " + report.tensors());
        assertTrue(!report.tensors().isEmpty(), "nothing was checked");
        return report;
    }
}
