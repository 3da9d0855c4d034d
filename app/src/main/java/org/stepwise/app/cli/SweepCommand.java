// `stepwise sweep`: trains an MLP once per combination of learning rate, width, batch size, optimizer and weight
// decay (or a random sample of them) and ranks the runs by their best validation score.
package org.stepwise.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.LoadedData;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.data.Splits;
import org.stepwise.core.eval.Sweep;
import org.stepwise.core.optim.Optimizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = "Trains an MLP in → width → width → out for each combination of hyperparameters and ranks "
                + "the runs by validation accuracy (−loss for regression).")
public final class SweepCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "SPEC",
            description = "A built-in dataset, a CSV file, an IDX folder or an image folder.")
    private String data;

    @Option(names = "--target", paramLabel = "COL", description = "The CSV column to predict (default: the last).")
    private String target;

    @Option(names = "--lr", split = ",", paramLabel = "X", description = "Learning rates (default: 0.1,0.01,0.001).")
    private List<Float> learningRates = List.of(0.1f, 0.01f, 0.001f);

    @Option(names = "--width", split = ",", paramLabel = "N", description = "Hidden widths (default: 16,32).")
    private List<Integer> widths = List.of(16, 32);

    @Option(names = "--batch-size", split = ",", paramLabel = "N", description = "Batch sizes (default: 32).")
    private List<Integer> batchSizes = List.of(32);

    @Option(names = "--optimizer", split = ",", paramLabel = "NAME", description = "Optimizers (default: adam).")
    private List<String> optimizers = List.of("adam");

    @Option(names = "--weight-decay", split = ",", paramLabel = "X", description = "Weight decays (default: 0).")
    private List<Float> weightDecays = List.of(0f);

    @Option(names = "--random", paramLabel = "N", description = "Train N random combinations instead of all.")
    private Integer random;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per run (default: ${DEFAULT-VALUE}).")
    private int epochs = 20;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the split and the runs "
            + "(default: ${DEFAULT-VALUE}).")
    private long seed = 1;

    @Option(names = "--val-split", paramLabel = "F", description = "Fraction held out to rank the runs "
            + "(default: ${DEFAULT-VALUE}).")
    private double validationFraction = 0.2;

    @Option(names = "--json", description = "Print one JSON object per run, best first, instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        check();
        LoadedData loaded = RunData.load(data, target, 28, RunData.IMAGE_CHANNELS, seed);
        Dataset all = loaded.dataset();
        Splits.Split split = RunData.split(all, validationFraction, 0, seed);
        if (split.validation() == null) {
            throw new IllegalArgumentException("a sweep ranks runs on validation data: --val-split "
                    + validationFraction + " leaves none");
        }
        Normalization.Kind kind = RunData.normalization(null, RunData.isImage(all));
        Normalization norm = kind == null ? null : Normalization.fit(split.train(), kind);
        Dataset train = RunData.normalize(norm, split.train());
        Dataset validation = RunData.normalize(norm, split.validation());

        Sweep.Space space = new Sweep.Space(learningRates, widths, batchSizes, optimizers, weightDecays);
        List<Sweep.Point> points = random == null ? space.grid() : space.random(random, seed);
        Sweep sweep = new Sweep(point -> RunData.mlp(all, point.hiddenWidth()),
                () -> RunData.lossFor(all, RunData.outputs(all)), train, validation, epochs, -1);
        PrintWriter err = spec.commandLine().getErr();
        Sweep.Result result = sweep.run(points, seed, (run, of, point) -> {
            err.printf("stepwise sweep: run %d of %d: %s%n", run + 1, of, describe(point));
            err.flush();
        });

        PrintWriter out = spec.commandLine().getOut();
        String score = all.isClassification() ? "val acc" : "-val loss";
        if (!json) {
            out.printf("%4s %10s %6s %6s %-9s %12s %10s %6s%n", "rank", "lr", "width", "batch", "optimizer",
                    "weight decay", score, "epoch");
        }
        ObjectMapper mapper = new ObjectMapper();
        int rank = 1;
        for (Sweep.Run run : result.ranked()) {
            Sweep.Point p = run.point();
            if (json) {
                out.println(mapper.createObjectNode().put("rank", rank).put("lr", p.learningRate())
                        .put("width", p.hiddenWidth()).put("batch_size", p.batchSize()).put("optimizer", p.optimizer())
                        .put("weight_decay", p.weightDecay()).put("score", run.score())
                        .put("best_epoch", run.result().bestEpoch()));
            } else {
                out.printf("%4d %10.4g %6d %6d %-9s %12.4g %10.4f %6d%n", rank, p.learningRate(), p.hiddenWidth(),
                        p.batchSize(), p.optimizer(), p.weightDecay(), run.score(), run.result().bestEpoch());
            }
            rank++;
        }
        out.flush();
        return 0;
    }

    private void check() {
        if (epochs <= 0) {
            throw new IllegalArgumentException("--epochs must be at least 1, not " + epochs);
        }
        if (random != null && random <= 0) {
            throw new IllegalArgumentException("--random must be at least 1, not " + random);
        }
        for (float lr : learningRates) {
            if (!(lr > 0) || Float.isInfinite(lr)) {
                throw new IllegalArgumentException("--lr takes positive numbers, not " + lr);
            }
        }
        for (int w : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException("--width takes positive widths, not " + w);
            }
        }
        for (int b : batchSizes) {
            if (b <= 0) {
                throw new IllegalArgumentException("--batch-size takes positive sizes, not " + b);
            }
        }
        for (float d : weightDecays) {
            if (!(d >= 0)) {
                throw new IllegalArgumentException("--weight-decay takes numbers from 0, not " + d);
            }
        }
        optimizers.forEach(Optimizers::settings);
    }

    private static String describe(Sweep.Point p) {
        return String.format("lr %s, width %d, batch %d, %s, weight decay %s", p.learningRate(), p.hiddenWidth(),
                p.batchSize(), p.optimizer(), p.weightDecay());
    }
}
