// `stepwise continual`: trains one network on task A (some classes of a dataset), then on task B (others), measures
// both tasks as it goes, and does B twice, without and with replayed A samples, to show forgetting and rehearsal.
package org.stepwise.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.LoadedData;
import org.stepwise.core.data.Splits;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.io.ModelReader;
import org.stepwise.core.optim.Optimizers;
import org.stepwise.core.workflow.ContinualTraining;
import org.stepwise.core.workflow.Curve;
import org.stepwise.core.workflow.FineTune;
import org.stepwise.core.workflow.PretrainingRecipe;
import org.stepwise.core.workflow.Tasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "continual",
        mixinStandardHelpOptions = true,
        description = "Trains one network on task A, then on task B, measuring both as it goes; task B runs twice, "
                + "without and with a share of A's samples replayed, and the forgetting of A is compared.")
public final class ContinualCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "SPEC", description = "A labelled dataset (default: ${DEFAULT-VALUE}).")
    private String data = "fashion-mnist-small";

    @Option(names = "--target", paramLabel = "COL", description = "The CSV column to predict (default: the last).")
    private String target;

    @Option(names = "--task-a", paramLabel = "CLASSES", description = "Task A's classes (default: ${DEFAULT-VALUE}).")
    private String taskA = "0-4";

    @Option(names = "--task-b", paramLabel = "CLASSES", description = "Task B's classes (default: ${DEFAULT-VALUE}).")
    private String taskB = "5-9";

    @Option(names = "--per-class", paramLabel = "N", description = "Training samples of each class, 0 for all "
            + "(default: ${DEFAULT-VALUE}).")
    private int perClass = 200;

    @Option(names = "--replay", paramLabel = "F", description = "The share of replayed A samples in B's data for "
            + "the second run, above 0 and below 1 (default: ${DEFAULT-VALUE}).")
    private double replay = 0.2;

    @Option(names = "--replay-capacity", paramLabel = "N", description = "The most A samples the replay buffer "
            + "keeps (default: ${DEFAULT-VALUE}).")
    private int replayCapacity = 500;

    @Option(names = "--epochs-a", paramLabel = "N", description = "Epochs of task A (default: ${DEFAULT-VALUE}).")
    private int epochsA = 2;

    @Option(names = "--epochs-b", paramLabel = "N", description = "Epochs of task B (default: ${DEFAULT-VALUE}).")
    private int epochsB = 2;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    private float learningRate = 0.001f;

    @Option(names = "--batch-size", paramLabel = "N", description = "Samples per batch (default: ${DEFAULT-VALUE}).")
    private int batchSize = 32;

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "sgd, momentum, rmsprop, adam or adamw (default: ${DEFAULT-VALUE}).")
    private String optimizer = "adam";

    @Option(names = "--measure-every", paramLabel = "N", description = "Measure both tasks every N steps as well as "
            + "after each epoch; 0 for after each epoch only (default: ${DEFAULT-VALUE}).")
    private int measureEvery = 10;

    @Option(names = "--model", paramLabel = "FILE|TEMPLATE", description = "The network, its output resized to "
            + "the data's classes (default: in → 64 relu → 32 relu → classes).")
    private String model;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the samples, the weights, the batches and "
            + "the replay buffer (default: ${DEFAULT-VALUE}).")
    private long seed = 1;

    @Option(names = "--json", description = "No tables; one JSON object at the end.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        check();
        LoadedData loaded = RunData.load(data, target, 28, RunData.IMAGE_CHANNELS, seed);
        Splits.Split split = RunData.trainAndTest(loaded, seed);
        Dataset train = split.train();
        Dataset test = split.test();
        int[] a = ClassList.parse("--task-a", taskA, train.classes());
        int[] b = ClassList.parse("--task-b", taskB, train.classes());
        for (int c : a) {
            if (Arrays.stream(b).anyMatch(x -> x == c)) {
                throw new IllegalArgumentException("class " + c + " is in both --task-a and --task-b");
            }
        }

        ContinualTraining.Settings settings = new ContinualTraining.Settings(epochsA, epochsB, learningRate,
                optimizer, batchSize, replay, replayCapacity, measureEvery, seed);
        StageBars bars = new StageBars(!json);
        ContinualTraining.Result r = new ContinualTraining(network(train), task("A", a, train, test),
                task("B", b, train, test), settings, bars).run();
        bars.clear();
        if (r.halt() != null) {
            throw new IllegalArgumentException("training stopped: " + r.halt().message() + "; try a smaller --lr");
        }
        PrintWriter out = spec.commandLine().getOut();
        String namesA = ClassList.describe(a, loaded.classNames());
        String namesB = ClassList.describe(b, loaded.classNames());
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("task_a", namesA).put("task_b", namesB).put("replay", replay)
                    .put("forgetting_reduced_points", r.forgettingReducedPoints());
            root.set("without_replay", runJson(root, r.withoutReplay()));
            root.set("with_replay", runJson(root, r.withReplay()));
            out.println(root);
        } else {
            out.println("Data: " + loaded.source());
            out.println("Task A: " + namesA + "; task B: " + namesB);
            out.println();
            printRun(out, "Without replay", r.withoutReplay());
            printRun(out, String.format("With replay (%.0f%% of task B's data are samples of A)", 100 * replay),
                    r.withReplay());
            printSummary(out, r);
        }
        out.flush();
        return 0;
    }

    private ContinualTraining.Task task(String name, int[] classes, Dataset train, Dataset test) {
        Dataset own = Tasks.ofClasses(train, classes, false);
        if (perClass > 0) {
            own = own.subset(own.name(), Tasks.sample(own, classes, perClass, seed));
        }
        return new ContinualTraining.Task(name, own, Tasks.ofClasses(test, classes, false));
    }

    private GraphDef network(Dataset train) {
        try {
            GraphDef graph = model == null ? PretrainingRecipe.defaultMlp(train.featureShape())
                    : RunData.adapt(ModelReader.load(model), train, model);
            return FineTune.withHead(graph, train.classes());
        } catch (GraphException e) {
            throw new IllegalArgumentException(NetworkTable.problems(e));
        }
    }

    private static void printRun(PrintWriter out, String title, ContinualTraining.Run run) {
        out.println(title + ":");
        out.printf("%6s %7s %9s %9s%n", "step", "epoch", "acc on A", "acc on B");
        List<Curve.Point> onA = run.onA().points();
        List<Curve.Point> onB = run.onB().points();
        for (int i = 0; i < onA.size(); i++) {
            Curve.Point p = onA.get(i);
            out.printf("%6d %7.2f %9.4f %9.4f%s%n", p.step(), p.epoch(), p.accuracy(), onB.get(i).accuracy(),
                    p.step() == run.taskBStart() ? "   ← task B starts" : "");
        }
        out.println();
    }

    private static void printSummary(PrintWriter out, ContinualTraining.Result r) {
        ContinualTraining.Run without = r.withoutReplay();
        ContinualTraining.Run with = r.withReplay();
        out.printf("Accuracy on A after A: %.4f%n", without.accuracyAAfterA());
        out.printf("After B without replay: %.4f on A, %.4f on B: forgetting %.1f points%n",
                without.accuracyAAfterB(), without.accuracyBAfterB(), without.forgettingPoints());
        out.printf("After B with replay:    %.4f on A, %.4f on B: forgetting %.1f points%n",
                with.accuracyAAfterB(), with.accuracyBAfterB(), with.forgettingPoints());
        out.printf("Replay reduced forgetting by %.1f points%n", r.forgettingReducedPoints());
    }

    private static ObjectNode runJson(ObjectNode root, ContinualTraining.Run run) {
        ObjectNode node = root.objectNode();
        node.put("accuracy_a_after_a", run.accuracyAAfterA()).put("accuracy_a_after_b", run.accuracyAAfterB())
                .put("accuracy_b_after_b", run.accuracyBAfterB()).put("forgetting_points", run.forgettingPoints())
                .put("task_b_start", run.taskBStart());
        ArrayNode points = node.putArray("points");
        for (int i = 0; i < run.onA().points().size(); i++) {
            Curve.Point p = run.onA().points().get(i);
            points.addObject().put("step", p.step()).put("epoch", p.epoch()).put("accuracy_a", p.accuracy())
                    .put("accuracy_b", run.onB().points().get(i).accuracy());
        }
        return node;
    }

    private void check() {
        if (!(replay > 0 && replay < 1)) {
            throw new IllegalArgumentException("--replay must be above 0 and below 1, not " + replay);
        }
        if (epochsA < 1 || epochsB < 1 || batchSize < 1 || replayCapacity < 1) {
            throw new IllegalArgumentException("--epochs-a, --epochs-b, --batch-size and --replay-capacity must be at "
                    + "least 1");
        }
        if (perClass < 0 || measureEvery < 0) {
            throw new IllegalArgumentException("--per-class and --measure-every must be 0 or more");
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be a positive number, not " + learningRate);
        }
        Optimizers.settings(optimizer);
    }
}
