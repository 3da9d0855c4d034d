// `stepwise evaluate RUN`: measures a saved run on the data it held out (re-created from the recorded spec, split
// fractions and seed) or on other data, with the run's own normalization.
package org.stepwise.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.LoadedData;
import org.stepwise.core.data.Splits;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.Evaluator;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.eval.RegressionMetrics;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.core.train.Losses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Measures a saved run: loss, accuracy, F1 per class and the confusion matrix (or MSE, MAE "
                + "and R² for regression), on its held-out data or on --data.")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN.stepwise", description = "A project file, e.g. one written by `stepwise train`.")
    private Path runFile;

    @Option(names = "--data", paramLabel = "SPEC", description = "Evaluate on this data instead (its test split "
            + "when it has one, else all of it).")
    private String data;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        Project run = RunData.loadProject(runFile, spec.commandLine().getErr());
        Held held = data == null ? heldOut(run) : other(run, data);
        Dataset measured = run.normalization() == null ? held.data() : run.normalization().apply(held.data());
        int inputs = run.network().input().shape().size();
        if (measured.features() != inputs) {
            throw new IllegalArgumentException(held.what() + " has " + measured.features() + " features, but the "
                    + "run's network takes " + inputs);
        }
        Metrics metrics = new Evaluator().evaluate(run.network(), measured, Losses.parse(RunData.lossId(run)));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().valueToTree(RunData.summary(metrics, run.classNames())).toString());
        } else {
            out.println("Evaluated on " + held.what() + ": " + metrics.samples() + " samples");
            print(out, metrics, run.classNames());
        }
        out.flush();
        return 0;
    }

    private record Held(Dataset data, String what) {
    }

    /**
     * The test split when the run held one out, else the test set that comes with the data (IDX folders,
     * fashion-mnist-small; training never sees it), else the validation split, exactly as training drew them.
     */
    private static Held heldOut(Project run) throws IOException {
        if (run.data() == null) {
            throw new IllegalArgumentException("the project names no data; give --data to evaluate on some");
        }
        String name = run.data().spec();
        LoadedData loaded = run.data().load(run.settings().seed()).data();
        double validationFraction = run.settings().validationFraction();
        double testFraction = run.settings().testFraction();
        if (testFraction <= 0 && loaded.test() != null) {
            return new Held(loaded.test(), "the test set that comes with " + name);
        }
        long seed = run.settings().splitSeed();
        Splits.Split split = RunData.split(loaded.dataset(), validationFraction, testFraction, seed);
        boolean test = testFraction > 0;
        Dataset held = test ? split.test() : split.validation();
        if (held == null) {
            throw new IllegalArgumentException("the run held out no " + (test ? "test" : "validation") + " data from "
                    + name + "; give --data to evaluate on other data");
        }
        return new Held(held, "the " + (test ? "test" : "validation") + " split of " + name + " (seed " + seed
                + ")");
    }

    private static Held other(Project run, String spec) throws IOException {
        LoadedData loaded = load(run, spec);
        return loaded.test() != null ? new Held(loaded.test(), "the test split of " + spec)
                : new Held(loaded.dataset(), "all of " + spec);
    }

    private static LoadedData load(Project run, String spec) throws IOException {
        int[] geometry = RunData.imageGeometry(run.graph());
        int size = geometry == null ? 28 : geometry[0];
        int channels = geometry == null ? RunData.IMAGE_CHANNELS : geometry[1];
        return RunData.load(spec, RunData.recordedTarget(spec, run.featureNames()), size, channels,
                run.settings().seed());
    }

    private static void print(PrintWriter out, Metrics metrics, List<String> recordedClasses) {
        out.printf("%-10s %.4f%n", "loss", metrics.loss());
        if (metrics instanceof RegressionMetrics r) {
            out.printf("%-10s %.4f%n%-10s %.4f%n%-10s %.4f%n", "mse", r.mse(), "mae", r.mae(), "r2", r.r2());
            return;
        }
        ClassificationMetrics c = (ClassificationMetrics) metrics;
        List<String> classes = RunData.classNames(recordedClasses, c.classes());
        out.printf("%-10s %.4f%n%-10s %.4f%n%n", "accuracy", c.accuracy(), "macro F1", c.macro().f1());
        int width = Math.max(8, classes.stream().mapToInt(String::length).max().orElse(0));
        out.printf("%-" + width + "s %9s %9s %9s %8s%n", "class", "precision", "recall", "f1", "support");
        for (int k = 0; k < c.classes(); k++) {
            out.printf("%-" + width + "s %9.4f %9.4f %9.4f %8d%n", classes.get(k), c.precision()[k], c.recall()[k],
                    c.f1()[k], c.support()[k]);
        }
        out.println();
        out.println("Confusion matrix (rows: actual, columns: predicted)");
        StringBuilder header = new StringBuilder(String.format("%-" + width + "s", ""));
        for (String name : classes) {
            header.append(String.format(" %" + width + "s", name));
        }
        out.println(header);
        for (int a = 0; a < c.classes(); a++) {
            StringBuilder row = new StringBuilder(String.format("%-" + width + "s", classes.get(a)));
            for (int p = 0; p < c.classes(); p++) {
                row.append(String.format(" %" + width + "d", c.confusion()[a][p]));
            }
            out.println(row);
        }
    }
}
