// Numerical gradient check for any network: central differences against backprop, per parameter and per node.
//
// The forward runs in training mode with a fixed step, so dropout draws the same mask in every evaluation and
// batch norm uses batch statistics, exactly as backward assumes. Large tensors are checked at a sample of elements.
package org.stepwise.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;

public final class GradientCheck {

    /** Relative error below which a tensor passes: float32 central differences rarely do better than ~1e-3. */
    public static final double PASS = 1e-2;

    /** One checked tensor: a parameter ("dense1.weight") or the network input ("input"). */
    public record TensorResult(String node, String tensor, int checked, double relativeError, double maxAbsError) {
        public boolean passed() {
            return relativeError <= PASS;
        }
    }

    /** Per node: the worst relative error of its tensors. */
    public record NodeResult(String node, double relativeError) {
        public boolean passed() {
            return relativeError <= PASS;
        }
    }

    public record Report(List<TensorResult> tensors, List<NodeResult> nodes) {
        public boolean passed() {
            return tensors.stream().allMatch(TensorResult::passed);
        }

        public double worst() {
            return tensors.stream().mapToDouble(TensorResult::relativeError).max().orElse(0);
        }
    }

    private final double epsilon;
    private final int maxPerTensor;
    private final long seed;

    /**
     * @param epsilon      the central-difference step
     * @param maxPerTensor elements checked per tensor at most (sampled without bias when the tensor is larger)
     */
    public GradientCheck(double epsilon, int maxPerTensor, long seed) {
        this.epsilon = epsilon;
        this.maxPerTensor = maxPerTensor;
        this.seed = seed;
    }

    public GradientCheck() {
        this(1e-3, 64, 7);
    }

    /** Someone waiting for a check: told how far it is, and asked between evaluations whether to stop. */
    public interface Watcher {
        Watcher NONE = new Watcher() {
        };

        /** {@code done} of {@code total} elements compared so far. */
        default void progress(int done, int total) {
        }

        default boolean cancelled() {
            return false;
        }
    }

    /** Checks every parameter of every node (frozen ones too) and, when asked, the gradient of the input. */
    public Report run(Network net, Loss loss, Batch batch, boolean includeInput) {
        return run(net, loss, batch, includeInput, Watcher.NONE);
    }

    /**
     * As {@link #run(Network, Loss, Batch, boolean)}, reporting progress to the watcher and stopping with a
     * {@link CancellationException} as soon as it asks to; the network's weights are restored either way.
     */
    public Report run(Network net, Loss loss, Batch batch, boolean includeInput, Watcher watcher) {
        boolean[] frozen = new boolean[net.nodes().size()];
        for (int i = 0; i < frozen.length; i++) {
            frozen[i] = net.nodes().get(i).frozen();
            net.nodes().get(i).setFrozen(false);
        }
        net.setInputGradient(includeInput);
        try {
            backprop(net, loss, batch);
            List<TensorResult> tensors = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(seed);
            Count count = new Count(watcher, total(net, batch, includeInput));
            for (Node node : net.nodes()) {
                for (Param p : node.params()) {
                    tensors.add(compare(net, loss, batch, node.name(), p.name(), p.value(), p.grad().clone(),
                            random, count));
                }
            }
            if (includeInput) {
                Node in = net.input();
                float[] analytic = java.util.Arrays.copyOf(in.gradOutput(), batch.rows() * in.size());
                float[] x = batch.x().clone();
                Batch probe = new Batch(x, batch.labels(), batch.y(), batch.rows(), batch.labelsPerRow());
                tensors.add(compare(net, loss, probe, in.name(), "input", x, analytic, random, count));
            }
            Map<String, Double> worst = new LinkedHashMap<>();
            for (TensorResult t : tensors) {
                worst.merge(t.node(), t.relativeError(), Math::max);
            }
            List<NodeResult> nodes = worst.entrySet().stream().map(e -> new NodeResult(e.getKey(), e.getValue()))
                    .toList();
            return new Report(tensors, nodes);
        } finally {
            for (int i = 0; i < frozen.length; i++) {
                net.nodes().get(i).setFrozen(frozen[i]);
            }
            net.setInputGradient(false);
        }
    }

    private static void backprop(Network net, Loss loss, Batch batch) {
        lossAt(net, loss, batch);
        Node out = net.output();
        net.zeroGradients();
        loss.gradient(net.kernels(), out.output(), batch, out.size(), out.gradOutput());
        net.backward();
    }

    private static double lossAt(Network net, Loss loss, Batch batch) {
        net.load(batch.x(), batch.rows());
        net.forward(true);
        return loss.value(net.kernels(), net.output().output(), batch, net.output().size());
    }

    /** Elements compared so far, out of how many, passed on to the watcher. */
    private static final class Count {
        final Watcher watcher;
        final int total;
        int done;

        Count(Watcher watcher, int total) {
            this.watcher = watcher;
            this.total = total;
        }

        void checkCancelled() {
            if (watcher.cancelled()) {
                throw new CancellationException("gradient check cancelled");
            }
        }

        void advance() {
            watcher.progress(++done, total);
        }
    }

    private int total(Network net, Batch batch, boolean includeInput) {
        int total = 0;
        for (Node node : net.nodes()) {
            for (Param p : node.params()) {
                total += Math.min(p.value().length, maxPerTensor);
            }
        }
        return includeInput ? total + Math.min(batch.rows() * net.input().size(), maxPerTensor) : total;
    }

    private TensorResult compare(Network net, Loss loss, Batch batch, String node, String name, float[] values,
                                 float[] analytic, SplittableRandom random, Count count) {
        int[] indices = sample(values.length, random);
        double diff2 = 0;
        double norm2 = 0;
        double maxAbs = 0;
        for (int i : indices) {
            count.checkCancelled();
            float saved = values[i];
            values[i] = (float) (saved + epsilon);
            double plus = lossAt(net, loss, batch);
            values[i] = (float) (saved - epsilon);
            double minus = lossAt(net, loss, batch);
            values[i] = saved;
            double numeric = (plus - minus) / (2 * epsilon);
            double d = numeric - analytic[i];
            diff2 += d * d;
            norm2 += (Math.abs(numeric) + Math.abs(analytic[i])) * (Math.abs(numeric) + Math.abs(analytic[i]));
            maxAbs = Math.max(maxAbs, Math.abs(d));
            count.advance();
        }
        return new TensorResult(node, name, indices.length, relative(diff2, norm2), maxAbs);
    }

    /**
     * Below this norm a gradient counts as zero: float32 differences of a loss of order 1 carry noise of about
     * 1e-4 / ε, so a gradient that is truly zero (a bias before batch norm) would otherwise score 1.0.
     */
    static final double ZERO_FLOOR = 1e-3;

    private static double relative(double diff2, double norm2) {
        // ‖numeric − analytic‖ / ‖|numeric| + |analytic|‖, with the denominator floored: at most 1 when they disagree.
        return Math.sqrt(diff2) / Math.max(Math.sqrt(norm2), ZERO_FLOOR);
    }

    private int[] sample(int n, SplittableRandom random) {
        if (n <= maxPerTensor) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        // Partial Fisher–Yates: the first maxPerTensor of a random permutation.
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < maxPerTensor; i++) {
            int j = i + random.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return java.util.Arrays.copyOf(perm, maxPerTensor);
    }
}
