// `stepwise predict RUN --input FILE.csv`: runs a saved network on rows of raw inputs, normalized as in training,
// and prints each row's output, with the class and its probabilities for a classifier: a softmax over one score per
// class, or for two classes scored by one logit, σ(logit) for the second class and 1 − σ(logit) for the first.
package org.stepwise.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.stepwise.core.data.DataFormatException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.project.Project;
import org.stepwise.core.train.SoftmaxCrossEntropy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Runs a saved network on the rows of a CSV file of raw inputs (a header row is optional).")
public final class PredictCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN.stepwise", description = "A project file, e.g. one written by `stepwise train`.")
    private Path runFile;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv",
            description = "One sample per row: the model's input, flattened, before normalization.")
    private Path input;

    @Option(names = "--json", description = "Print one JSON object per row instead of text.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        Project run = RunData.loadProject(runFile, spec.commandLine().getErr());
        Network net = run.network();
        int width = net.input().shape().size();
        List<float[]> rows = readRows(input, width);
        float[] x = new float[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, x, r * width, width);
        }
        if (run.normalization() != null) {
            run.normalization().applyInPlace(x, rows.size());
        }
        float[] output = net.predict(x, rows.size());
        int cols = net.output().shape().size();
        boolean oneLogit = RunData.isOneLogit(run);
        boolean classifier = oneLogit || new SoftmaxCrossEntropy().id().equals(RunData.lossId(run));
        int classCount = oneLogit ? 2 : cols;
        List<String> classes = classifier ? RunData.classNames(run.classNames(), classCount) : null;
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        for (int r = 0; r < rows.size(); r++) {
            double[] values = new double[cols];
            for (int c = 0; c < cols; c++) {
                values[c] = output[r * cols + c];
            }
            double[] probabilities = !classifier ? null : oneLogit ? sigmoidPair(values[0]) : softmax(values);
            // The logit's sign decides, as in evaluation: σ rounds to exactly 0.5 for logits within 1e-16 of 0.
            int best = !classifier ? -1 : oneLogit ? (values[0] > 0 ? 1 : 0) : argmax(probabilities);
            if (json) {
                ObjectNode node = mapper.createObjectNode();
                node.set("output", mapper.valueToTree(values));
                if (classifier) {
                    node.put("class", classes.get(best));
                    node.set("probabilities", mapper.valueToTree(probabilities));
                }
                out.println(node);
            } else if (classifier) {
                StringBuilder line = new StringBuilder(String.format("%d: %s", r + 1, classes.get(best)));
                for (int c = 0; c < classCount; c++) {
                    line.append(String.format("  %s=%.3f", classes.get(c), probabilities[c]));
                }
                out.println(line);
            } else {
                StringBuilder line = new StringBuilder(Integer.toString(r + 1)).append(":");
                for (double v : values) {
                    line.append(String.format(" %.6g", v));
                }
                out.println(line);
            }
        }
        out.flush();
        return 0;
    }

    /**
     * Rows of exactly {@code width} numbers; a first row with any non-number is a header. Separators are commas,
     * semicolons or tabs, whichever the first row uses.
     */
    static List<float[]> readRows(Path file, int width) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String separator = null;
        boolean first = true;
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            if (separator == null) {
                separator = text.contains("\t") ? "\t" : text.contains(";") ? ";" : ",";
            }
            String[] cells = text.split(separator, -1);
            boolean header = first && !allNumbers(cells);
            first = false;
            if (header) {
                continue;
            }
            if (cells.length != width) {
                throw new DataFormatException(file, i + 1, 0, "line " + (i + 1) + " has " + cells.length
                        + " fields", width + " inputs, as the model takes");
            }
            float[] row = new float[width];
            int column = 1;
            for (int j = 0; j < width; j++) {
                try {
                    row[j] = Float.parseFloat(cells[j].strip());
                } catch (NumberFormatException e) {
                    throw new DataFormatException(file, i + 1, column, "'" + cells[j].strip() + "' is not a number",
                            "a number");
                }
                column += cells[j].length() + separator.length();
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(file, "there are no data rows", "one row of " + width + " inputs per "
                    + "sample");
        }
        return rows;
    }

    private static boolean allNumbers(String[] cells) {
        for (String cell : cells) {
            try {
                Float.parseFloat(cell.strip());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The two classes' probabilities for one logit: (1 − σ(logit), σ(logit)). */
    private static double[] sigmoidPair(double logit) {
        double p = 1 / (1 + Math.exp(-logit));
        return new double[] {1 - p, p};
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
