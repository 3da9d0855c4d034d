// A hyperparameter search: trains one fresh network per point of a grid or of a random sample, and ranks the runs
// by their best validation score (accuracy for classification, −loss for regression).
//
// Run i is seeded from (sweep seed, i) alone, for the network's initial weights and for the batch order, so the
// same sweep gives the same runs. The caller says how a hidden width becomes a graph, which keeps the sweep out of
// the business of editing graphs.
package org.stepwise.core.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.optim.ConstantSchedule;
import org.stepwise.core.optim.Optimizer;
import org.stepwise.core.optim.Optimizers;
import org.stepwise.core.stepper.Stepper;
import org.stepwise.core.train.Loss;

public final class Sweep {

    /** One combination of hyperparameters. */
    public record Point(float learningRate, int hiddenWidth, int batchSize, String optimizer, float weightDecay) {
    }

    /** The values each hyperparameter may take; every list needs at least one. */
    public record Space(List<Float> learningRates, List<Integer> hiddenWidths, List<Integer> batchSizes,
                        List<String> optimizers, List<Float> weightDecays) {
        public Space {
            for (List<?> values : List.of(learningRates, hiddenWidths, batchSizes, optimizers, weightDecays)) {
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("Every hyperparameter of a sweep needs at least one value");
                }
            }
        }

        /** Every combination, learning rate varying slowest. */
        public List<Point> grid() {
            List<Point> points = new ArrayList<>();
            for (float lr : learningRates) {
                for (int width : hiddenWidths) {
                    for (int batch : batchSizes) {
                        for (String optimizer : optimizers) {
                            for (float decay : weightDecays) {
                                points.add(new Point(lr, width, batch, optimizer, decay));
                            }
                        }
                    }
                }
            }
            return points;
        }

        /** {@code count} points, each value drawn uniformly from its list; repeats are possible. */
        public List<Point> random(int count, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                points.add(new Point(pick(learningRates, random), pick(hiddenWidths, random),
                        pick(batchSizes, random), pick(optimizers, random), pick(weightDecays, random)));
            }
            return points;
        }

        private static <T> T pick(List<T> values, SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /**
     * @param index  the run's position in the list of points, which fixes its seed
     * @param score  the validation score at the best epoch; −∞ when training halted on a non-finite value
     */
    public record Run(int index, Point point, long seed, double score, TrainingResult result) {
    }

    /** @param ranked the finished runs, best score first (ties by index); a run cut short by cancel is left out */
    public record Result(List<Run> ranked, int planned, boolean cancelled) {
        public Run best() {
            return ranked.isEmpty() ? null : ranked.get(0);
        }
    }

    /** Told before each run starts; runs on the sweep's thread. */
    @FunctionalInterface
    public interface Progress {
        /** @param run 0-based; @param of the number of runs planned */
        void runStarted(int run, int of, Point point);
    }

    private final Function<Point, GraphDef> model;
    private final Supplier<Loss> loss;
    private final Dataset train;
    private final Dataset validation;
    private final int epochs;
    private final int patience;
    private volatile boolean cancelled;
    private volatile Trainer current;

    /**
     * @param model      builds the graph for a point, applying its hidden width
     * @param loss       a fresh loss per run, since losses keep per-batch buffers
     * @param validation the data that ranks the runs
     * @param patience   early-stopping patience on validation loss, or a negative number for none
     */
    public Sweep(Function<Point, GraphDef> model, Supplier<Loss> loss, Dataset train, Dataset validation, int epochs,
                 int patience) {
        this.model = model;
        this.loss = loss;
        this.train = train;
        this.validation = validation;
        this.epochs = epochs;
        this.patience = patience;
    }

    /** Trains every point in turn, each from its own seed, and ranks the runs. */
    public Result run(List<Point> points, long seed, Progress progress) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < points.size() && !cancelled; i++) {
            Point point = points.get(i);
            progress.runStarted(i, points.size(), point);
            long runSeed = runSeed(seed, i);
            TrainingResult result = train(point, runSeed);
            if (result.cancelled()) {
                break;
            }
            Metrics best = result.bestValidation();
            double score = result.halt() != null || best == null || Double.isNaN(best.score())
                    ? Double.NEGATIVE_INFINITY : best.score();
            runs.add(new Run(i, point, runSeed, score, result));
        }
        runs.sort(Comparator.comparingDouble(Run::score).reversed().thenComparingInt(Run::index));
        return new Result(List.copyOf(runs), points.size(), cancelled);
    }

    /** Stops the sweep before its next run, and the current run before its next batch; safe from any thread. */
    public void cancel() {
        cancelled = true;
        Trainer trainer = current;
        if (trainer != null) {
            trainer.cancel();
        }
    }

    /**
     * The dense layers a "hidden width" means: every Dense node except the network's output, in graph order. Empty
     * when the graph cannot be inferred or has no such layer.
     */
    public static List<String> hiddenDense(GraphDef graph) {
        GraphDef.Inferred inferred = graph.infer();
        if (!inferred.ok()) {
            return List.of();
        }
        String output = inferred.output().name();
        return graph.nodes().stream()
                .filter(n -> n.spec() instanceof Dense.Spec && !n.name().equals(output))
                .map(NodeDef::name).toList();
    }

    /**
     * The graph with every hidden dense layer at {@code units} units. A dense layer fed by a resized one forgets
     * its declared input count, which would no longer hold; everything else is kept.
     */
    public static GraphDef withHiddenWidth(GraphDef graph, int units) {
        List<String> hidden = hiddenDense(graph);
        List<NodeDef> nodes = new ArrayList<>();
        for (NodeDef n : graph.nodes()) {
            if (n.spec() instanceof Dense.Spec d) {
                int inputs = n.inputs().stream().anyMatch(hidden::contains) ? 0 : d.inputs();
                int width = hidden.contains(n.name()) ? units : d.units();
                n = new NodeDef(n.name(), new Dense.Spec(width, d.activation(), d.init(), d.initValue(), inputs),
                        n.inputs(), n.frozen());
            }
            nodes.add(n);
        }
        return new GraphDef(nodes);
    }

    /** Run i's seed: SplitMix64-mixed from (seed, i), so neighbouring runs do not get neighbouring generators. */
    static long runSeed(long seed, int index) {
        return new SplittableRandom(seed + index * 0x9E3779B97F4A7C15L).nextLong();
    }

    private TrainingResult train(Point point, long runSeed) {
        Network net = Network.build(model.apply(point), runSeed);
        Batcher batcher = new Batcher(train, point.batchSize(), runSeed, true);
        Optimizer optimizer = Optimizers.create(point.optimizer(), net.params(), net.kernels(),
                Map.of("weight_decay", point.weightDecay()));
        Loss runLoss = loss.get();
        Stepper stepper = new Stepper(net, batcher, runLoss, optimizer, new ConstantSchedule(),
                Stepper.Settings.of(point.learningRate()).withoutHistory());
        Trainer trainer = new Trainer(stepper, runLoss, train, validation, new Evaluator());
        if (patience >= 0) {
            trainer.withEarlyStopping(EarlyStopping.onLoss(patience));
        }
        current = trainer;
        // A cancel that read `current` just before it was set must still reach this run.
        if (cancelled) {
            trainer.cancel();
        }
        try {
            return trainer.train(epochs);
        } finally {
            current = null;
        }
    }
}
