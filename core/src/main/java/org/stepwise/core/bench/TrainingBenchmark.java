// The training workloads of `stepwise bench`, set up like ../shared/bench/peer_train.py so the figures compare:
// tiny (2-8-8-1 tanh, batch 10, steps per second), mlp (784-128-10 ReLU, one epoch of 60,000 images) and
// lenet (the peer's conv net over 10,000 images), and gpt (a 2-block, 2-head, width-64, context-64 character model, as
// the bundled peer_gpt.py builds it in PyTorch). Each runs with and without an observer on the stepper.
package org.stepwise.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.Idx;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.io.Templates;
import org.stepwise.core.kernels.Kernels;
import org.stepwise.core.optim.AdamW;
import org.stepwise.core.optim.ConstantSchedule;
import org.stepwise.core.optim.Sgd;
import org.stepwise.core.stepper.Phase;
import org.stepwise.core.stepper.StepObserver;
import org.stepwise.core.stepper.Stepper;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.BinaryCrossEntropyWithLogits;
import org.stepwise.core.train.Loss;
import org.stepwise.core.train.SoftmaxCrossEntropy;

public final class TrainingBenchmark {

    /** One workload's figure: steps per second for tiny, seconds for mlp and lenet. */
    public record Result(String workload, boolean observer, double stepsPerSecond, double seconds, String data) {
    }

    /**
     * What a studio-like observer does after every phase: look at the node the phase computed (one value of its
     * output), so the figure shows the cost of being observed, not of drawing.
     */
    static final class TouchingObserver implements StepObserver {
        double sink;

        @Override
        public void phaseDone(Stepper stepper, Phase phase) {
            if (phase.node() != null) {
                sink += stepper.network().node(phase.node()).output()[0];
            }
        }
    }

    private TrainingBenchmark() {
    }

    /** 2-8-8-1 tanh with BCE on 500 points inside/outside a circle, batch 10, SGD 0.03: steps per second. */
    public static Result tiny(boolean observer, double seconds) {
        SplittableRandom random = new SplittableRandom(0);
        int n = 500;
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double t = random.nextDouble() * 2 * Math.PI;
            double r = random.nextDouble() * 5;
            x[2 * i] = (float) (r * Math.cos(t));
            x[2 * i + 1] = (float) (r * Math.sin(t));
            y[i] = r < 2.5 ? 1f : 0f;
        }
        Dataset data = Dataset.regression("circle", Shape.of(2), x, y, n);
        GraphDef g = template("mlp-2-8-8-1");
        Stepper stepper = stepper(g, data, 10, 0.03f, new BinaryCrossEntropyWithLogits(), observer);
        stepper.runBatches(20_000);
        long steps = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            stepper.runBatches(1000);
            steps += 1000;
            now = System.nanoTime();
        } while (now < end);
        double elapsed = (now - start) / 1e9;
        return new Result("tiny", observer, steps / elapsed, elapsed, "generated");
    }

    /** 784-128-10 ReLU, batch 64, SGD 0.1, one epoch: seconds. */
    public static Result mlp(boolean observer, FashionData data) {
        Dataset d = Dataset.classification("fashion", Shape.of(784), data.x(), data.labels(), 10);
        return epoch("mlp", template("mlp-784-128-10"), d, 0.1f, observer, data.source());
    }

    /** The peer's LeNet over the first 10,000 images, batch 64, SGD 0.05: seconds. */
    public static Result lenet(boolean observer, FashionData data) {
        int n = Math.min(10_000, data.n());
        float[] x = java.util.Arrays.copyOf(data.x(), n * 784);
        int[] labels = java.util.Arrays.copyOf(data.labels(), n);
        Dataset d = Dataset.classification("fashion", Shape.of(1, 28, 28), x, labels, 10);
        GraphDef g = template("lenet");
        return epoch("lenet", g, d, 0.05f, observer, data.source());
    }

    private static Result epoch(String name, GraphDef g, Dataset d, float lr, boolean observer, String source) {
        // A short warm-up on a throwaway copy compiles the kernels, as the peer's first call warms PyTorch.
        stepper(g, d, 64, lr, new SoftmaxCrossEntropy(), observer).runBatches(30);
        Stepper stepper = stepper(g, d, 64, lr, new SoftmaxCrossEntropy(), observer);
        long start = System.nanoTime();
        stepper.runEpoch();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, observer, stepper.batchesPerEpoch() / seconds, seconds, source);
    }

    /** The gpt workload's batch: 32 sequences of 64 tokens, as peer_gpt.py trains. */
    public static final int GPT_BATCH = 32;

    /**
     * The tiny GPT (vocabulary 65, context 64, width 64, 2 heads, 2 blocks, feed-forward 256) on random tokens, batch
     * 32, AdamW (lr 1e-3, weight decay 0.01): steps per second over {@code steps} steps after 3 of warm-up. The speed
     * does not depend on what the tokens say.
     */
    public static Result gpt(boolean observer, int steps) {
        GptConfig config = GptConfig.small(65);
        int n = GPT_BATCH * 8;
        SplittableRandom random = new SplittableRandom(0);
        float[] x = new float[n * config.context()];
        int[] labels = new int[n * config.context()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(config.vocabulary());
            labels[i] = random.nextInt(config.vocabulary());
        }
        Dataset data = new Dataset("random tokens", Shape.of(config.context()), x, labels, null, n,
                config.vocabulary());
        Network net = Network.build(config.graph(), 0, Kernels.active());
        Stepper stepper = new Stepper(net, new Batcher(data, GPT_BATCH, 0, true), new SoftmaxCrossEntropy(),
                new AdamW(net.params(), net.kernels(), 0.9f, 0.999f, 1e-8f, 0.01f), new ConstantSchedule(),
                Stepper.Settings.of(1e-3f).withoutHistory());
        if (observer) {
            stepper.addObserver(new TouchingObserver());
        }
        stepper.runBatches(3);
        long start = System.nanoTime();
        stepper.runBatches(steps);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result("gpt", observer, steps / seconds, seconds, "random tokens");
    }

    /** The built-in templates are the networks of peer_train.py, so the bench uses them as they ship. */
    private static GraphDef template(String name) {
        return Templates.find(name).orElseThrow().graph();
    }

    private static Stepper stepper(GraphDef g, Dataset data, int batch, float lr, Loss loss, boolean observer) {
        Network net = Network.build(g, 0, Kernels.active());
        Stepper stepper = new Stepper(net, new Batcher(data, batch, 0, true), loss,
                new Sgd(net.params(), net.kernels()), new ConstantSchedule(), Stepper.Settings.of(lr).withoutHistory());
        if (observer) {
            stepper.addObserver(new TouchingObserver());
        }
        return stepper;
    }

    /** Fashion-MNIST training images (n, 784) in [0, 1] with labels, and where they came from. */
    public record FashionData(float[] x, int[] labels, int n, String source) {
    }

    /** The training set from {@code dir} when it holds the IDX files, else random data of the same shape. */
    public static FashionData fashion(Path dir) throws IOException {
        Path images = dir == null ? null : dir.resolve("train-images-idx3-ubyte.gz");
        Path labels = dir == null ? null : dir.resolve("train-labels-idx1-ubyte.gz");
        if (images != null && Files.isRegularFile(images) && Files.isRegularFile(labels)) {
            Idx.Images im = Idx.readImages(images, 0);
            int[] l = Idx.readLabels(labels, im.n());
            return new FashionData(im.pixels(), l, im.n(), "Fashion-MNIST from " + dir);
        }
        SplittableRandom random = new SplittableRandom(1);
        int n = 60_000;
        float[] x = new float[n * 784];
        int[] l = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            l[i] = random.nextInt(10);
        }
        return new FashionData(x, l, n, "random data of Fashion-MNIST's shape (no IDX files found)");
    }
}
