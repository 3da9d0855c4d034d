// `stepwise finetune`: fine-tunes a saved project on new data (frozen nodes, a fresh or kept head, the head's and the
// body's own learning rates) and saves the result; with --recipe, runs the pretraining recipe instead: pretrain,
// fine-tune on a few labelled images, train from scratch on the same, and print both held-out curves.
package org.stepwise.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.LoadedData;
import org.stepwise.core.data.Splits;
import org.stepwise.core.eval.Evaluator;
import org.stepwise.core.eval.Trainer;
import org.stepwise.core.eval.TrainingResult;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.io.ModelReader;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.core.project.Session;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.workflow.Curve;
import org.stepwise.core.workflow.FineTune;
import org.stepwise.core.workflow.PretrainingRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "finetune",
        mixinStandardHelpOptions = true,
        description = {"Fine-tunes a saved project on new data: freezes nodes, replaces or adds the head, trains the "
                + "rest and saves the result.",
                "With --recipe: pretrains an MLP, fine-tunes it on a few labelled images of a small task, trains the "
                        + "same MLP from scratch on them, and prints both held-out curves."})
public final class FinetuneCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private BatchOptions batch = new BatchOptions();

    @Parameters(index = "0", arity = "0..1", paramLabel = "FROM.stepwise",
            description = "The trained project to start from (not with --recipe).")
    private Path from;

    @Option(names = "--recipe", description = "Run the pretraining recipe instead of fine-tuning a project.")
    private boolean recipe;

    @Option(names = "--data", paramLabel = "SPEC", description = "The data to fine-tune on: a built-in dataset, a "
            + "CSV file, an IDX folder or an image folder (with --recipe, default: fashion-mnist-small).")
    private String data;

    @Option(names = "--target", paramLabel = "COL", description = "The CSV column to predict (default: the last).")
    private String target;

    @Option(names = "--freeze", split = ",", paramLabel = "NAMES", description = "Nodes to freeze, by name.")
    private List<String> freeze = List.of();

    @Option(names = "--freeze-body", description = "Freeze every node before the head: only the head trains.")
    private boolean freezeBody;

    @Option(names = "--new-head", paramLabel = "CLASSES",
            description = "Replace the output dense layer with a fresh one of this many units.")
    private Integer newHead;

    @Option(names = "--add-head", paramLabel = "CLASSES",
            description = "Add a fresh dense layer of this many units on top of the output.")
    private Integer addHead;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs of fine-tuning (default: 10; with --recipe "
            + "20, for the scratch network too).")
    private Integer epochs;

    @Option(names = "--lr", paramLabel = "X", description = "The head's learning rate (default: 0.01).")
    private Float learningRate;

    @Option(names = "--body-lr", paramLabel = "X", description = "The learning rate of the body's unfrozen nodes "
            + "(default: --lr). With --recipe it unfreezes the body.")
    private Float bodyLearningRate;



    @Option(names = "--seed", paramLabel = "N", description = "Seed of the split, the fresh head and the batches "
            + "(default: ${DEFAULT-VALUE}).")
    private long seed = 1;



    @Option(names = {"-o", "--out"}, paramLabel = "OUT.stepwise", description = "The project file to write.")
    private Path outFile;

    @Option(names = "--task", paramLabel = "CLASSES", description = "With --recipe: the small task's classes, "
            + "e.g. 2,6 (default: 2,6, pullover against shirt).")
    private String task;

    @Option(names = "--labelled", paramLabel = "N", description = "With --recipe: labelled training images of each "
            + "task class (default: 100).")
    private Integer labelled;

    @Option(names = "--pretrain-epochs", paramLabel = "N", description = "With --recipe: epochs of pretraining "
            + "(default: 3).")
    private Integer pretrainEpochs;

    @Option(names = "--pretrain-lr", paramLabel = "X", description = "With --recipe: the pretraining's learning "
            + "rate (default: 0.001).")
    private Float pretrainLearningRate;

    @Option(names = "--pretrain-per-class", paramLabel = "N", description = "With --recipe: pretrain on at most N "
            + "images of each class (default: all).")
    private Integer pretrainPerClass;

    @Option(names = "--pretrain-other-classes", description = "With --recipe: pretrain on the classes the task "
            + "does not use, only.")
    private boolean pretrainOtherClasses;

    @Option(names = "--scratch-lr", paramLabel = "X", description = "With --recipe: the scratch network's learning "
            + "rate (default: 0.001).")
    private Float scratchLearningRate;

    @Option(names = "--model", paramLabel = "FILE|TEMPLATE", description = "With --recipe: the network, its output "
            + "resized to each stage's classes (default: in → 64 relu → 32 relu → out).")
    private String model;

    @Option(names = "--json", description = "No table; one JSON object at the end.")
    private boolean json;

    private static final List<String> PROJECT_OPTIONS = List.of("--freeze", "--freeze-body", "--new-head",
            "--add-head", "--val-split", "--test-split", "--out");
    private static final List<String> RECIPE_OPTIONS = List.of("--task", "--labelled", "--pretrain-epochs",
            "--pretrain-lr", "--pretrain-per-class", "--pretrain-other-classes", "--scratch-lr", "--model");

    @Override
    public Integer call() throws IOException {
        checkOptions();
        return recipe ? recipe() : fineTune();
    }

    // ---- fine-tuning a project -----------------------------------------------------------------------------

    private int fineTune() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Project source = RunData.loadProject(from, spec.commandLine().getErr());
        int[] geometry = RunData.imageGeometry(source.graph());
        DataRef ref = DataRef.of(data, target, geometry == null ? DataRef.DEFAULT_IMAGE_SIZE : geometry[0]);
        DataRef.Resolved resolved = ref.load(seed);
        LoadedData loaded = resolved.data();
        FineTune.Head head = newHead != null ? new FineTune.Replace(newHead)
                : addHead != null ? new FineTune.Add(addHead) : new FineTune.Keep();
        FineTune.Prepared prepared = FineTune.prepare(source.network(),
                new FineTune.Plan(freeze, freezeBody, head, seed));
        checkHeadFits(prepared, loaded.dataset());
        float rate = learningRate == null ? 0.01f : learningRate;
        TrainingSettings settings = batch.apply(TrainingSettings.defaults())
                .withLearningRate(rate)
                .withSeeds(seed, seed)
                .withEpochs(epochs == null ? 10 : epochs);
        Project target = FineTune.project(source, prepared, ProjectFile.baseName(outFile), ref, settings,
                loaded.classNames());
        Session session = Session.open(target, 0, resolved);
        if (bodyLearningRate != null) {
            prepared.applyBodyRate(session.stepper(), rate, bodyLearningRate);
        }
        Dataset train = session.train();
        Dataset validation = session.validation();
        if (!json) {
            out.println("Fine-tuning " + from + " on " + loaded.source() + ": " + train.n() + " training and "
                    + (validation == null ? 0 : validation.n()) + " validation samples");
            NetworkTable.print(session.stepper().network(), out);
            out.println(describeTraining(prepared, rate));
            out.println();
            out.printf("%5s %12s %12s %12s%n", "epoch", "train loss", "val loss", "val acc");
            out.flush();
        }
        Trainer trainer = new Trainer(session.stepper(), session.loss(), train, validation, new Evaluator());
        int total = settings.epochs();
        ProgressBar bar = ProgressBar.forTerminal(!json, (long) total * session.stepper().batchesPerEpoch());
        trainer.withProgress((epoch, batch, loss) -> bar.advance());
        for (int e = 0; e < total; e++) {
            TrainingResult result = trainer.train(1);
            session.record(result.history().epochs());
            bar.clear();
            if (!json) {
                result.history().epochs().forEach(epoch -> TrainCommand.printEpoch(out, epoch));
            }
            if (result.halt() != null) {
                throw new IllegalArgumentException("fine-tuning stopped in epoch " + (e + 1) + ": "
                        + result.halt().message() + "; try a smaller --lr");
            }
        }
        ProjectFile.save(outFile, session.snapshot());
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("epochs", total);
            fields.put("frozen", prepared.frozen());
            fields.put("head", prepared.head());
            fields.put("fresh_head", prepared.freshHead());
            Evaluator evaluator = new Evaluator();
            fields.put("train", RunData.summary(evaluator.evaluate(session.stepper().network(), train,
                    session.loss()), loaded.classNames()));
            if (validation != null) {
                fields.put("validation", RunData.summary(evaluator.evaluate(session.stepper().network(),
                        validation, session.loss()), loaded.classNames()));
            }
            fields.put("out", outFile.toString());
            out.println(new ObjectMapper().valueToTree(fields).toString());
        } else {
            out.println("Saved " + outFile);
        }
        out.flush();
        return 0;
    }

    private static void checkHeadFits(FineTune.Prepared prepared, Dataset data) {
        int units = prepared.network().output().size();
        if (data.isClassification() && units != data.classes() && !data.isOneLogitBinary(units)) {
            throw new IllegalArgumentException("the head '" + prepared.head() + "' gives " + units + " values but "
                    + "the data has " + data.classes() + " classes; replace it with --new-head " + data.classes()
                    + " or add one with --add-head " + data.classes());
        }
    }

    private String describeTraining(FineTune.Prepared prepared, float rate) {
        List<String> trained = new ArrayList<>();
        for (String node : prepared.trainedBody()) {
            trained.add(node + " at " + (bodyLearningRate == null ? rate : bodyLearningRate));
        }
        trained.add(prepared.head() + " at " + rate);
        return (prepared.freshHead() ? "Fresh head '" : "Kept head '") + prepared.head() + "'; frozen: "
                + (prepared.frozen().isEmpty() ? "none" : String.join(", ", prepared.frozen())) + "; training "
                + String.join(", ", trained);
    }

    // ---- the recipe ----------------------------------------------------------------------------------------

    private int recipe() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        LoadedData loaded = RunData.load(data == null ? "fashion-mnist-small" : data, target, 28,
                RunData.IMAGE_CHANNELS, seed);
        Splits.Split split = RunData.trainAndTest(loaded, seed);
        Dataset train = split.train();
        Dataset test = split.test();

        PretrainingRecipe.Settings defaults = PretrainingRecipe.Settings.defaults();
        int[] classes = task == null ? defaults.task().classes().stream().mapToInt(Integer::intValue).toArray()
                : ClassList.parse("--task", task, train.classes());
        PretrainingRecipe.Training budget = defaults.training();
        PretrainingRecipe.Pretraining pre = defaults.pretraining();
        PretrainingRecipe.Settings settings = defaults
                .withTask(new PretrainingRecipe.Task(Arrays.stream(classes).boxed().toList(),
                        labelled == null ? defaults.task().labelledPerClass() : labelled))
                .withPretraining(new PretrainingRecipe.Pretraining(!pretrainOtherClasses,
                        pretrainPerClass == null ? pre.perClass() : pretrainPerClass,
                        pretrainEpochs == null ? pre.epochs() : pretrainEpochs,
                        pretrainLearningRate == null ? pre.learningRate() : pretrainLearningRate))
                .withTraining(new PretrainingRecipe.Training(epochs == null ? budget.epochs() : epochs,
                        learningRate == null ? budget.learningRate() : learningRate, bodyLearningRate == null,
                        bodyLearningRate == null ? budget.bodyLearningRate() : bodyLearningRate,
                        scratchLearningRate == null ? budget.scratchLearningRate() : scratchLearningRate))
                .withOptimizer(batch.optimizer, batch.batchSize, seed);
        GraphDef architecture = architecture(train);
        StageBars bars = new StageBars(!json);
        PretrainingRecipe.Result r = new PretrainingRecipe(architecture, train, test, settings, bars).run();
        bars.clear();
        if (r.halt() != null) {
            throw new IllegalArgumentException("the recipe stopped: " + r.halt().message() + "; try a smaller "
                    + "learning rate");
        }
        String taskName = ClassList.describe(classes, loaded.classNames());
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("task", taskName).put("pretrain_samples", r.pretrainSamples()).put("labelled", r.labelled())
                    .put("held_out", r.heldOut()).put("gain_points", r.accuracyGainPoints());
            root.set("pretraining", curveJson(root, r.pretraining()));
            root.set("fine_tuned", curveJson(root, r.fineTuned()));
            root.set("scratch", curveJson(root, r.scratch()));
            out.println(root);
        } else {
            printRecipe(out, r, settings, taskName, loaded.source());
        }
        out.flush();
        return 0;
    }

    private GraphDef architecture(Dataset train) {
        if (model == null) {
            return PretrainingRecipe.defaultMlp(train.featureShape());
        }
        try {
            return RunData.adapt(ModelReader.load(model), train, model);
        } catch (GraphException e) {
            throw new IllegalArgumentException(NetworkTable.problems(e));
        }
    }

    private static ArrayNode curveJson(ObjectNode root, Curve curve) {
        ArrayNode points = root.arrayNode();
        for (Curve.Point p : curve.points()) {
            points.addObject().put("epoch", p.epoch()).put("loss", p.loss()).put("accuracy", p.accuracy());
        }
        return points;
    }

    private static void printRecipe(PrintWriter out, PretrainingRecipe.Result r, PretrainingRecipe.Settings s,
                                    String taskName, String source) {
        PretrainingRecipe.Pretraining pre = s.pretraining();
        PretrainingRecipe.Training t = s.training();
        out.printf("Data: %s%n", source);
        out.printf("Pretraining: %,d images of %s for %d epochs at %s: held-out accuracy %.4f%n",
                r.pretrainSamples(), pre.taskClassesToo() ? "every class" : "the other classes", pre.epochs(),
                pre.learningRate(), r.pretraining().last().accuracy());
        out.printf("Task: %s; %d labelled images, %d held-out%n", taskName, r.labelled(), r.heldOut());
        out.printf("Fine-tuned: a fresh head at %s, the body %s; from scratch: the same network at %s; %d epochs "
                        + "each%n%n", t.learningRate(), t.freezeBody() ? "frozen" : "at " + t.bodyLearningRate(),
                t.scratchLearningRate(), t.epochs());
        out.printf("%5s %15s %16s %12s %13s%n", "epoch", "fine-tuned acc", "fine-tuned loss", "scratch acc",
                "scratch loss");
        List<Curve.Point> tuned = r.fineTuned().points();
        List<Curve.Point> scratch = r.scratch().points();
        for (int i = 0; i < tuned.size(); i++) {
            out.printf("%5d %15.4f %16.4f %12.4f %13.4f%n", (int) tuned.get(i).epoch(), tuned.get(i).accuracy(),
                    tuned.get(i).loss(), scratch.get(i).accuracy(), scratch.get(i).loss());
        }
        out.printf("Held-out accuracy after %d epochs: fine-tuned %.4f, from scratch %.4f (%+.1f points)%n",
                t.epochs(), r.fineTuned().last().accuracy(), r.scratch().last().accuracy(), r.accuracyGainPoints());
    }

    // ---- options -------------------------------------------------------------------------------------------

    private void checkOptions() {
        var parsed = spec.commandLine().getParseResult();
        List<String> wrong = (recipe ? PROJECT_OPTIONS : RECIPE_OPTIONS).stream()
                .filter(parsed::hasMatchedOption).toList();
        if (recipe && (from != null || !wrong.isEmpty())) {
            throw new IllegalArgumentException("--recipe trains its own network, so it takes no "
                    + (from != null ? "project file" : String.join(", ", wrong)));
        }
        if (!recipe) {
            if (!wrong.isEmpty()) {
                throw new IllegalArgumentException(String.join(", ", wrong) + (wrong.size() == 1 ? " goes" : " go")
                        + " with --recipe");
            }
            if (from == null || data == null || outFile == null) {
                throw new IllegalArgumentException("fine-tuning needs FROM.stepwise, --data and --out (or run "
                        + "--recipe)");
            }
            if (newHead != null && addHead != null) {
                throw new IllegalArgumentException("--new-head replaces the head and --add-head adds one: give one "
                        + "of them");
            }
        }
        checkPositive("--epochs", epochs);
        batch.check();
        checkPositive("--labelled", labelled);
        checkPositive("--pretrain-epochs", pretrainEpochs);
        if (pretrainPerClass != null && pretrainPerClass < 0) {
            throw new IllegalArgumentException("--pretrain-per-class must be 0 (all) or more, not "
                    + pretrainPerClass);
        }
        Map<String, Float> rates = new LinkedHashMap<>();
        rates.put("--lr", learningRate);
        rates.put("--body-lr", bodyLearningRate);
        rates.put("--pretrain-lr", pretrainLearningRate);
        rates.put("--scratch-lr", scratchLearningRate);
        rates.forEach((name, rate) -> {
            if (rate != null && (!(rate > 0) || Float.isInfinite(rate))) {
                throw new IllegalArgumentException(name + " must be a positive number, not " + rate);
            }
        });
    }

    private static void checkPositive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, not " + value);
        }
    }
}
