// `stepwise train`: loads data, splits and normalizes it, trains a network epoch by epoch and saves a project file
// (graph, weights, optimizer state, data reference, settings and history), written only when training has finished.
// --precision bf16|fp16 emulates mixed precision; the project keeps the fp32 master weights, not the precision.
package org.stepwise.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.LoadedData;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.EarlyStopping;
import org.stepwise.core.eval.Evaluator;
import org.stepwise.core.eval.History;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.eval.Trainer;
import org.stepwise.core.eval.TrainingResult;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.io.ModelReader;
import org.stepwise.core.precision.LossScaler;
import org.stepwise.core.precision.Precision;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.core.project.Session;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.stepper.PrecisionReport;
import org.stepwise.core.stepper.Stepper;
import org.stepwise.core.train.Loss;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Trains a network on a dataset and saves the project: weights, optimizer state, data, settings and history.")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private BatchOptions batch = new BatchOptions();

    @Option(names = "--model", paramLabel = "FILE|TEMPLATE",
            description = "A JSON network or a template, fitted to the data's input and output sizes; a one-unit "
                    + "output on two classes stays one logit (default: an MLP in → 32 → 32 → out for tables, a "
                    + "small conv net for images).")
    private String model;

    @Option(names = "--data", required = true, paramLabel = "SPEC",
            description = "A built-in dataset (see `stepwise datasets`), a CSV file, an IDX folder or an image folder.")
    private String data;

    @Option(names = "--target", paramLabel = "COL", description = "The CSV column to predict (default: the last).")
    private String target;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs to train (default: ${DEFAULT-VALUE}).")
    private int epochs = 20;


    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate = 0.01;


    @Option(names = "--precision", paramLabel = "FORMAT",
            description = "fp32, or bf16 or fp16 emulated with an fp32 master copy of the weights "
                    + "(default: ${DEFAULT-VALUE}).")
    private String precision = "fp32";

    @Option(names = "--loss-scaling", paramLabel = "KIND",
            description = "dynamic or none (default: dynamic for fp16, none for bf16 and fp32).")
    private String lossScaling;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the split, weights and batches "
            + "(default: ${DEFAULT-VALUE}).")
    private long seed = 1;



    @Option(names = "--early-stop", paramLabel = "N",
            description = "Stop after N epochs without a lower validation loss, keeping the best weights.")
    private Integer patience;

    @Option(names = "--normalize", paramLabel = "KIND",
            description = "standardize, minmax or none (default: standardize for tables, none for images).")
    private String normalize;

    @Option(names = "--image-size", paramLabel = "N", description = "Width and height images of an image folder are "
            + "resized to (default: ${DEFAULT-VALUE}).")
    private int imageSize = 28;

    @Option(names = "--json", description = "No per-epoch lines; end with one JSON object of the final metrics.")
    private boolean json;

    @Option(names = "--out", required = true, paramLabel = "RUN.stepwise", description = "The project file to write.")
    private Path outFile;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        DataRef ref = DataRef.of(data, target, imageSize);
        DataRef.Resolved resolved = ref.load(seed);
        LoadedData loaded = resolved.data();
        Dataset all = loaded.dataset();
        GraphDef graph = graph(all);
        String normalization = normalize == null ? "auto" : normalize.toLowerCase(Locale.ROOT);
        TrainingSettings settings = batch.apply(TrainingSettings.defaults()
                        .withLoss(RunData.lossFor(all, RunData.outputUnits(graph, all)).id()))
                .withLearningRate((float) learningRate)
                .withSeeds(seed, seed)
                .withNormalization(normalization)
                .withEpochs(epochs);
        Project project;
        try {
            project = Project.create(ProjectFile.baseName(outFile), graph, ref, settings);
        } catch (GraphException e) {
            throw new IllegalArgumentException(NetworkTable.problems(e));
        }
        Session session = Session.open(project, 0, resolved);
        Network net = session.stepper().network();
        Dataset train = session.train();
        Dataset validation = session.validation();
        if (!json) {
            out.println("Data: " + loaded.source() + ", " + train.n() + " training and "
                    + (validation == null ? 0 : validation.n()) + " validation samples");
            NetworkTable.print(net, out);
            out.println();
            out.printf("%5s %12s %12s %12s%n", "epoch", "train loss", "val loss", "val acc");
            out.flush();
        }

        Loss loss = session.loss();
        Stepper stepper = session.stepper();
        Precision format = Precision.parse(precision);
        stepper.usePrecision(format, lossScaler(format));
        Trainer trainer = new Trainer(stepper, loss, train, validation, new Evaluator());
        EarlyStopping stopping = patience == null ? null : EarlyStopping.onLoss(patience);
        trainer.withEarlyStopping(stopping);
        ProgressBar bar = ProgressBar.forTerminal(!json, epochs * stepper.batchesPerEpoch());
        trainer.withProgress((epoch, batch, batchLoss) -> bar.advance());

        History.Epoch last = null;
        for (int e = 0; e < epochs; e++) {
            TrainingResult result = trainer.train(1);
            session.record(result.history().epochs());
            if (result.history().size() > 0) {
                last = result.history().epochs().get(0);
                if (!json) {
                    bar.clear();
                    printEpoch(out, last);
                }
            }
            if (result.halt() != null) {
                bar.clear();
                throw new IllegalArgumentException("training stopped in epoch " + (e + 1) + ": " + result.halt().message()
                        + "; try a smaller --lr");
            }
            if (stopping != null && stopping.shouldStop()) {
                if (!json) {
                    out.printf("Stopped early: no lower validation loss for %d epochs; keeping epoch %d.%n",
                            patience, stopping.bestEpoch());
                }
                break;
            }
        }
        bar.clear();
        if (stopping != null) {
            stopping.restoreBest(net);
        }

        Evaluator evaluator = new Evaluator();
        Metrics trainMetrics = evaluator.evaluate(net, train, loss);
        Metrics validationMetrics = validation == null ? null : evaluator.evaluate(net, validation, loss);
        ProjectFile.save(outFile, session.snapshot());
        PrecisionReport rounding = stepper.precisionReport();
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("epochs", last == null ? 0 : last.epoch());
            if (stopping != null) {
                fields.put("best_epoch", stopping.bestEpoch());
            }
            fields.put("train", RunData.summary(trainMetrics, loaded.classNames()));
            if (validationMetrics != null) {
                fields.put("validation", RunData.summary(validationMetrics, loaded.classNames()));
            }
            fields.put("precision", precisionSummary(rounding));
            fields.put("out", outFile.toString());
            out.println(new ObjectMapper().valueToTree(fields).toString());
        } else {
            printPrecision(out, rounding, trainMetrics.loss());
            out.println("Saved " + outFile);
        }
        out.flush();
        return 0;
    }

    private void checkOptions() {
        if (epochs <= 0) {
            throw new IllegalArgumentException("--epochs must be at least 1, not " + epochs);
        }
        batch.check();
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be a positive number, not " + learningRate);
        }
        if (patience != null && patience < 0) {
            throw new IllegalArgumentException("--early-stop must be 0 or more epochs, not " + patience);
        }
        if (imageSize <= 0) {
            throw new IllegalArgumentException("--image-size must be at least 1, not " + imageSize);
        }
        RunData.normalization(normalize, false);
        lossScaler(Precision.parse(precision));
    }

    /** Null for none. Dynamic scaling starts at 2¹⁶, halves on an overflow and doubles after 2000 clean steps. */
    private LossScaler lossScaler(Precision format) {
        String kind = lossScaling != null ? lossScaling : format == Precision.FP16 ? "dynamic" : "none";
        return switch (kind) {
            case "none" -> null;
            case "dynamic" -> {
                if (format == Precision.FP32) {
                    throw new IllegalArgumentException("--loss-scaling dynamic is for --precision bf16 or fp16; "
                            + "fp32 trains without it");
                }
                yield LossScaler.standard();
            }
            default -> throw new IllegalArgumentException("--loss-scaling must be dynamic or none, not " + kind);
        };
    }

    private GraphDef graph(Dataset all) {
        if (model == null) {
            return RunData.defaultNet(all);
        }
        try {
            return RunData.adapt(ModelReader.load(model), all, model);
        } catch (GraphException e) {
            throw new IllegalArgumentException(NetworkTable.problems(e));
        }
    }

    private static void printPrecision(PrintWriter out, PrecisionReport r, double finalLoss) {
        if (r.precision() == Precision.FP32) {
            out.printf(Locale.ROOT, "Precision: fp32 (nothing rounded); final training loss %.4f%n", finalLoss);
            return;
        }
        String scaling = r.lossScaling() ? String.format(Locale.ROOT, "dynamic loss scaling (final scale %,.0f)",
                r.lossScale()) : "no loss scaling";
        out.printf(Locale.ROOT, "Precision: %s with %s; final training loss %.4f%n", r.precision().id(), scaling,
                finalLoss);
        PrecisionReport.Counts t = r.total();
        out.printf(Locale.ROOT, "Rounding: %,d of %,d values underflowed to zero (%,d of them gradients), %,d "
                        + "overflowed to Inf (%,d gradients); %,d steps skipped%n",
                t.underflows(), t.values(), t.backward().underflows(),
                t.overflows(), t.backward().overflows(), t.skippedSteps());
    }

    private static Map<String, Object> precisionSummary(PrecisionReport r) {
        PrecisionReport.Counts t = r.total();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("format", r.precision().id());
        fields.put("loss_scaling", r.lossScaling() ? "dynamic" : "none");
        fields.put("loss_scale", r.lossScale());
        fields.put("rounded", t.values());
        fields.put("underflows", t.underflows());
        fields.put("gradient_underflows", t.backward().underflows());
        fields.put("overflows", t.overflows());
        fields.put("gradient_overflows", t.backward().overflows());
        fields.put("skipped_steps", t.skippedSteps());
        return fields;
    }

    /** One row of the epoch table train and finetune print. */
    static void printEpoch(PrintWriter out, History.Epoch e) {
        Metrics v = e.validation();
        String accuracy = v instanceof ClassificationMetrics c ? String.format("%.4f", c.accuracy()) : "-";
        out.printf("%5d %12.4f %12s %12s%n", e.epoch(), e.train().loss(),
                v == null ? "-" : String.format("%.4f", v.loss()), accuracy);
        out.flush();
    }
}
