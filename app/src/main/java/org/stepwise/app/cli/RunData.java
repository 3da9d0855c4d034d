// What train, evaluate, predict and sweep share: loading a data spec, the default networks, fitting a template to
// the data, the split and normalization a run records, and metrics as JSON-ready maps.
package org.stepwise.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stepwise.core.data.CsvImport;
import org.stepwise.core.data.DataSources;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.LoadedData;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.data.Splits;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.eval.RegressionMetrics;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Flatten;
import org.stepwise.core.layers.Input;
import org.stepwise.core.layers.LanguageModelHead;
import org.stepwise.core.layers.MaxPool2D;
import org.stepwise.core.layers.TokenEmbedding;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.core.project.Session;
import org.stepwise.core.train.BinaryCrossEntropyWithLogits;
import org.stepwise.core.train.Loss;
import org.stepwise.core.train.Losses;
import org.stepwise.core.train.MeanSquaredError;
import org.stepwise.core.train.SoftmaxCrossEntropy;

final class RunData {

    /** Image folders are read as grey scale: the default conv net and the recorded input shape assume one channel. */
    static final int IMAGE_CHANNELS = 1;

    private RunData() {
    }

    static LoadedData load(String spec, String target, int imageSize, int imageChannels, long seed)
            throws IOException {
        CsvImport.Options csv = target == null ? CsvImport.Options.defaults()
                : CsvImport.Options.defaults().withTarget(target);
        return DataSources.load(spec, csv, imageSize, imageChannels, seed);
    }

    static boolean isImage(Dataset data) {
        return data.featureShape().rank() == 3;
    }

    /** Output units: one logit per class, or one value per regression target. */
    static int outputs(Dataset data) {
        return data.isClassification() ? data.classes() : data.outputs();
    }

    /** The loss "auto" picks for a network with this many output units: see {@link Session#lossFor}. */
    static Loss lossFor(Dataset data, int outputUnits) {
        return Session.lossFor("auto", data, outputUnits);
    }

    /** The units of a graph's output as inferred, or the data's {@link #outputs} when inference fails. */
    static int outputUnits(GraphDef graph, Dataset data) {
        GraphDef.Inferred inferred = graph.infer();
        Shape shape = inferred.order().isEmpty() ? null : inferred.shapes().get(inferred.output().name());
        return shape == null ? outputs(data) : shape.size();
    }

    /** Null for none; images default to none since their pixels already share one scale. */
    static Normalization.Kind normalization(String option, boolean image) {
        String value = option == null ? (image ? "none" : "standardize") : option.toLowerCase(Locale.ROOT);
        return switch (value) {
            case "standardize" -> Normalization.Kind.STANDARDIZE;
            case "minmax" -> Normalization.Kind.MIN_MAX;
            case "none" -> null;
            default -> throw new IllegalArgumentException("--normalize takes standardize, minmax or none, not "
                    + option);
        };
    }

    static Dataset normalize(Normalization norm, Dataset data) {
        return norm == null || data == null ? data : norm.apply(data);
    }

    /**
     * in → 32 relu → 32 relu → outputs for tables; two conv/pool stages, then 64 relu → classes for images; the tiny
     * GPT (2 blocks, 2 heads, width 64) for text.
     */
    static GraphDef defaultNet(Dataset data) {
        if (data.labelsPerSample() > 1) {
            GptConfig small = GptConfig.small(data.classes());
            return new GptConfig(data.classes(), data.featureShape().dim(0), small.dim(), small.heads(),
                    small.layers(), small.hidden()).graph();
        }
        List<NodeDef> nodes = new ArrayList<>();
        nodes.add(new NodeDef("input", new Input.Spec(data.featureShape())));
        if (isImage(data)) {
            nodes.add(new NodeDef("conv1", new Conv2D.Spec(8, 3, 1, 1, Activation.RELU), "input"));
            nodes.add(new NodeDef("pool1", new MaxPool2D.Spec(2, 2), "conv1"));
            nodes.add(new NodeDef("conv2", new Conv2D.Spec(16, 3, 1, 1, Activation.RELU), "pool1"));
            nodes.add(new NodeDef("pool2", new MaxPool2D.Spec(2, 2), "conv2"));
            nodes.add(new NodeDef("flatten", new Flatten.Spec(), "pool2"));
            nodes.add(new NodeDef("hidden", new Dense.Spec(64, Activation.RELU), "flatten"));
            nodes.add(new NodeDef("output", new Dense.Spec(outputs(data), Activation.IDENTITY), "hidden"));
        } else {
            nodes.add(new NodeDef("hidden1", new Dense.Spec(32, Activation.RELU), "input"));
            nodes.add(new NodeDef("hidden2", new Dense.Spec(32, Activation.RELU), "hidden1"));
            nodes.add(new NodeDef("output", new Dense.Spec(outputs(data), Activation.IDENTITY), "hidden2"));
        }
        return new GraphDef(nodes);
    }

    /** The MLP a sweep trains: in → width relu → width relu → outputs. */
    static GraphDef mlp(Dataset data, int width) {
        return new GraphDef(List.of(
                new NodeDef("input", new Input.Spec(data.featureShape())),
                new NodeDef("hidden1", new Dense.Spec(width, Activation.RELU), "input"),
                new NodeDef("hidden2", new Dense.Spec(width, Activation.RELU), "hidden1"),
                new NodeDef("output", new Dense.Spec(outputs(data), Activation.IDENTITY), "hidden2")));
    }

    /**
     * The template with its input shape replaced by the data's and its last dense layer resized to the outputs. A
     * one-unit output on two classes stays one logit, as TensorFlow Playground trains it. Only one input and a dense
     * output make that unambiguous; anything else is refused with the reason.
     */
    static GraphDef adapt(GraphDef graph, Dataset data, String model) {
        List<NodeDef> inputs = graph.nodes().stream().filter(n -> n.spec() instanceof Input.Spec).toList();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("cannot fit " + model + " to the data: it has " + inputs.size()
                    + " inputs, and only a network with one input can take the data's shape");
        }
        GraphDef.Inferred inferred = graph.infer();
        NodeDef output = inferred.output();
        if (output.spec() instanceof LanguageModelHead.Spec) {
            return withVocabulary(graph, inputs.get(0), data);
        }
        if (!(output.spec() instanceof Dense.Spec dense)) {
            throw new IllegalArgumentException("cannot fit " + model + " to the data: its output "
                    + GraphDef.describe(output) + " is not a dense layer, so there is no layer whose units can "
                    + "become the " + outputs(data) + " outputs");
        }
        List<NodeDef> nodes = new ArrayList<>();
        for (NodeDef n : graph.nodes()) {
            if (n == inputs.get(0)) {
                nodes.add(new NodeDef(n.name(), new Input.Spec(data.featureShape()), n.inputs(), n.frozen()));
            } else if (n == output) {
                int units = data.isOneLogitBinary(dense.units()) ? 1 : outputs(data);
                nodes.add(new NodeDef(n.name(), new Dense.Spec(units, dense.activation(), dense.init(),
                        dense.initValue(), dense.inputs()), n.inputs(), n.frozen()));
            } else {
                nodes.add(n);
            }
        }
        return new GraphDef(nodes);
    }

    // A language model fits text data through its vocabulary: the token embedding's table and the head's scores.
    private static GraphDef withVocabulary(GraphDef graph, NodeDef input, Dataset data) {
        int vocabulary = data.classes();
        List<NodeDef> nodes = new ArrayList<>();
        for (NodeDef n : graph.nodes()) {
            LayerSpec spec = n.spec();
            if (n == input) {
                spec = new Input.Spec(data.featureShape());
            } else if (spec instanceof TokenEmbedding.Spec t) {
                spec = new TokenEmbedding.Spec(vocabulary, t.dim());
            } else if (spec instanceof LanguageModelHead.Spec) {
                spec = new LanguageModelHead.Spec(vocabulary);
            }
            nodes.add(new NodeDef(n.name(), spec, n.inputs(), n.frozen()));
        }
        return new GraphDef(nodes);
    }

    /** The image size and channels a network's (channels, height, width) input was made for; null for tables. */
    static int[] imageGeometry(GraphDef graph) {
        for (NodeDef n : graph.nodes()) {
            if (n.spec() instanceof Input.Spec input && input.shape().rank() == 3) {
                Shape s = input.shape();
                return new int[] {s.dim(1), s.dim(0)};
            }
        }
        return null;
    }

    /**
     * The target column a CSV run trained on: the one header name that is not a recorded feature. Null when the
     * spec is not a CSV file with such a header, so the file's default target applies.
     */
    static String recordedTarget(String spec, List<String> featureNames) throws IOException {
        Path file = Path.of(spec);
        if (featureNames == null || !Files.isRegularFile(file)) {
            return null;
        }
        String header;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            header = reader.readLine();
        }
        if (header == null) {
            return null;
        }
        List<String> best = List.of();
        for (String delimiter : List.of(",", ";", "\t")) {
            List<String> names = Arrays.stream(header.split(delimiter, -1))
                    .map(c -> c.strip().replaceAll("^\"|\"$", "")).toList();
            if (names.size() > best.size()) {
                best = names;
            }
        }
        List<String> extra = best.stream().filter(name -> !featureNames.contains(name)).toList();
        return extra.size() == 1 && best.size() == featureNames.size() + 1 ? extra.get(0) : null;
    }

    /** The split a run trains on; the same spec, fractions and seed give the same split. */
    static Splits.Split split(Dataset data, double validationFraction, double testFraction, long seed) {
        if (validationFraction < 0 || testFraction < 0) {
            throw new IllegalArgumentException("split fractions cannot be negative: --val-split "
                    + validationFraction + ", --test-split " + testFraction);
        }
        return Splits.split(data, validationFraction, testFraction, seed);
    }

    /**
     * Training and test samples of labelled data for the workflows: the data's own test split when it brings one,
     * else a stratified, seeded 20% of it; normalized as train would (tables standardized on the training part).
     */
    static Splits.Split trainAndTest(LoadedData loaded, long seed) {
        Dataset all = loaded.dataset();
        if (!all.isClassification()) {
            throw new IllegalArgumentException("this workflow needs classes, but " + loaded.source() + " has "
                    + "numeric targets");
        }
        Dataset train = all;
        Dataset test = loaded.test();
        if (test == null) {
            Splits.Split split = split(all, 0, 0.2, seed);
            train = split.train();
            test = split.test();
        }
        Normalization.Kind kind = normalization(null, isImage(all));
        Normalization norm = kind == null ? null : Normalization.fit(train, kind);
        return new Splits.Split(normalize(norm, train), null, normalize(norm, test));
    }

    /** The figures evaluate and train report, keyed as in their JSON. */
    static Map<String, Object> summary(Metrics metrics, List<String> classNames) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("loss", metrics.loss());
        if (metrics instanceof ClassificationMetrics c) {
            fields.put("accuracy", c.accuracy());
            fields.put("f1_macro", c.macro().f1());
            fields.put("confusion", c.confusion());
            fields.put("classes", classNames(classNames, c.classes()));
        } else if (metrics instanceof RegressionMetrics r) {
            fields.put("mse", r.mse());
            fields.put("mae", r.mae());
            fields.put("r2", r.r2());
        }
        return fields;
    }

    /** Numbers only, for the run file: loss and accuracy or the regression errors. */
    static Map<String, Double> numbers(String prefix, Metrics metrics) {
        Map<String, Double> fields = new LinkedHashMap<>();
        fields.put(prefix + "loss", metrics.loss());
        if (metrics instanceof ClassificationMetrics c) {
            fields.put(prefix + "accuracy", c.accuracy());
            fields.put(prefix + "f1_macro", c.macro().f1());
        } else if (metrics instanceof RegressionMetrics r) {
            fields.put(prefix + "mse", r.mse());
            fields.put(prefix + "mae", r.mae());
            fields.put(prefix + "r2", r.r2());
        }
        return fields;
    }

    /**
     * Reads a project file (a version 1 run file is converted), printing its warnings to {@code err}. A file with
     * NaN or infinite weights is refused with the reason.
     */
    static Project loadProject(Path file, PrintWriter err) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No project file " + file);
        }
        ProjectFile.Loaded loaded = ProjectFile.load(file);
        for (String warning : loaded.warnings()) {
            err.println("Note: " + warning);
        }
        err.flush();
        return loaded.project();
    }

    /**
     * The loss a project trains with: its setting, or for "auto" the one its data and output call for, as
     * {@link Session#lossFor} picks it.
     */
    static String lossId(Project project) {
        String loss = project.settings().loss();
        if (!loss.equals("auto")) {
            return Losses.parse(loss).id();
        }
        if (project.classNames() == null) {
            return new MeanSquaredError().id();
        }
        return isOneLogit(project) ? new BinaryCrossEntropyWithLogits().id() : new SoftmaxCrossEntropy().id();
    }

    /** Whether a project classifies two classes by one logit: class 1 when it is above 0. */
    static boolean isOneLogit(Project project) {
        return project.classNames() != null && project.classNames().size() == 2
                && project.network().output().size() == 1;
    }

    /** The recorded names, or "0", "1", … when a source has none. */
    static List<String> classNames(List<String> names, int classes) {
        if (names != null && names.size() == classes) {
            return names;
        }
        List<String> numbered = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            numbered.add(Integer.toString(c));
        }
        return numbered;
    }
}
