// Data parallelism in simulation: N workers hold identical copies of the network, each takes an equal shard of the
// batch and computes the gradient of its shard's mean loss; an all-reduce averages the N gradients. Because the mean
// over the batch is the mean of the shards' means when the shards are equal, the averaged gradient is the gradient
// of the whole batch, up to the order the sums were taken in, and the step is the large-batch step.
//
// Networks with batch norm (statistics per shard differ from the batch's) or dropout (masks drawn per shard) are
// refused: they would need synchronised statistics and shared masks, which this simulation does not model.
package org.stepwise.core.parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;
import org.stepwise.core.train.Batch;
import org.stepwise.core.train.Loss;

public final class DataParallel {

    /**
     * What the simulation found.
     *
     * @param names               the parameters, "hidden1.weight", in network order
     * @param averaged            the all-reduced gradient of each parameter
     * @param fullBatch           the gradient of the whole batch on one copy
     * @param maxRelativeError    the largest |averaged − full| over every element, relative to the largest |full|
     *                            of its parameter
     * @param bytesPerWorker      what a ring all-reduce sends from each worker: 2·(N − 1)/N of the gradients' bytes
     */
    public record Result(int workers, List<String> names, List<float[]> averaged, List<float[]> fullBatch,
                         double maxRelativeError, long bytesPerWorker) {
    }

    private DataParallel() {
    }

    /** Runs the whole batch on one copy and its N shards on N copies, all with the weights of {@code def, seed}. */
    public static Result simulate(GraphDef def, long seed, Loss loss, Batch batch, int workers) {
        for (NodeDef n : def.nodes()) {
            String type = n.spec().type();
            if (type.equals("batchnorm") || type.equals("dropout")) {
                throw new IllegalArgumentException("Node \"" + n.name() + "\" is " + type + ": its result depends on "
                        + "how the batch is split, so data-parallel workers would not reproduce the large batch");
            }
        }
        if (workers < 1 || batch.rows() % workers != 0) {
            throw new IllegalArgumentException("A batch of " + batch.rows() + " cannot be split evenly across "
                    + workers + " workers");
        }
        Network full = Network.build(def, seed);
        List<float[]> fullGrads = gradients(full, loss, batch);
        List<float[]> sum = new ArrayList<>();
        for (float[] g : fullGrads) {
            sum.add(new float[g.length]);
        }
        int shard = batch.rows() / workers;
        for (int w = 0; w < workers; w++) {
            Network copy = Network.build(def, seed);
            List<float[]> grads = gradients(copy, loss, slice(batch, w * shard, shard, full.input().size()));
            for (int p = 0; p < grads.size(); p++) {
                float[] s = sum.get(p);
                float[] g = grads.get(p);
                for (int i = 0; i < s.length; i++) {
                    s[i] += g[i];
                }
            }
        }
        double worst = 0;
        long values = 0;
        for (int p = 0; p < sum.size(); p++) {
            float[] s = sum.get(p);
            float[] f = fullGrads.get(p);
            values += s.length;
            double largest = 1e-30;
            for (float v : f) {
                largest = Math.max(largest, Math.abs(v));
            }
            for (int i = 0; i < s.length; i++) {
                s[i] /= workers;
                worst = Math.max(worst, Math.abs(s[i] - f[i]) / largest);
            }
        }
        List<String> names = new ArrayList<>();
        for (var node : full.nodes()) {
            for (Param p : node.params()) {
                names.add(node.name() + "." + p.name());
            }
        }
        long bytes = workers == 1 ? 0 : 2L * (workers - 1) * values * Float.BYTES / workers;
        return new Result(workers, names, sum, fullGrads, worst, bytes);
    }

    /** The gradient of the batch's mean loss with respect to every parameter, copied out of the network. */
    static List<float[]> gradients(Network net, Loss loss, Batch batch) {
        net.load(batch.x(), batch.rows());
        net.forward(true);
        var out = net.output();
        loss.value(net.kernels(), out.output(), batch, out.size());
        net.zeroGradients();
        loss.gradient(net.kernels(), out.output(), batch, out.size(), out.gradOutput());
        net.backward();
        List<float[]> grads = new ArrayList<>();
        for (Param p : net.params()) {
            grads.add(Arrays.copyOf(p.grad(), p.size()));
        }
        return grads;
    }

    /**
     * Rows [from, from + rows) of the batch, whose rows hold {@code features} inputs. Targets are cut by their own
     * width, which need not be the output's: a classification batch may carry one label value per row beside a
     * softmax over several classes.
     */
    static Batch slice(Batch b, int from, int rows, int features) {
        int cols = b.y() == null ? 0 : b.y().length / b.rows();
        float[] x = Arrays.copyOfRange(b.x(), from * features, (from + rows) * features);
        int k = b.labelsPerRow();
        int[] labels = b.labels() == null ? null : Arrays.copyOfRange(b.labels(), from * k, (from + rows) * k);
        float[] y = b.y() == null ? null : Arrays.copyOfRange(b.y(), from * cols, (from + rows) * cols);
        return new Batch(x, labels, y, rows, k);
    }
}
