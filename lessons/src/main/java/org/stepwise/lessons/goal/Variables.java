// Every name a goal may read, in one place, each with its type and a sentence for teachers (FORMAT.md lists them).
//
// A name is dotted; parts written <node> stand for a node's name and <unit>, <input> for a 0-based index, so
// "activation.hidden1" and "weight.output.0.1" are names here. A value that does not exist at the moment (the
// validation accuracy before the first epoch, a node that was deleted) reads as unavailable, and every comparison
// with it is false.
package org.stepwise.lessons.goal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.eval.RegressionMetrics;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.ActivationNode;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.optim.Optimizers;
import org.stepwise.core.stepper.Phase;
import org.stepwise.core.tensor.Shape;

public final class Variables {

    public enum Type {
        /** Compared with numbers: ==, !=, <, <=, >, >=. */
        NUMBER,
        /** Compared with words or quoted strings: == and !=. */
        TEXT,
        /** True or false: stands alone ("halted", "not frozen.hidden1"). */
        FLAG
    }

    /** Reads a variable; the arguments are the parts of the name that matched placeholders, in order. */
    @FunctionalInterface
    interface Reader {
        Object read(StudioState state, List<String> arguments);
    }

    /**
     * @param pattern     the name with placeholders: "activation.<node>"
     * @param values      the words a TEXT variable can equal, or empty when any text goes (node names)
     * @param description one sentence for teachers
     */
    public record Variable(String pattern, Type type, List<String> values, String description, Reader reader) {
        /** Its value now: a Double (NaN when unavailable), a String or a Boolean (null when unavailable). */
        Object read(StudioState state, List<String> arguments) {
            Object value = reader.read(state, arguments);
            return type == Type.NUMBER && value == null ? Double.NaN : value;
        }
    }

    /** A name matched against the catalogue. */
    public record Match(Variable variable, List<String> arguments) {
        public Object read(StudioState state) {
            return variable.read(state, arguments);
        }
    }

    public static final List<String> PHASES = List.of("none", "forward", "loss", "backward", "update");
    private static final List<String> ACTIVATIONS = Stream.concat(
            Stream.of(Activation.values()).map(Activation::id), Stream.of("linear", "none")).toList();
    private static final List<String> LOSSES = List.of("auto", "mse", "bce_with_logits", "softmax_cross_entropy");

    private static final List<Variable> ALL = List.of(
            // ---- training progress
            number("step", "training steps (batches) completed", (s, a) -> (double) s.step()),
            number("epoch", "epochs completed", (s, a) -> (double) s.epoch()),
            number("loss", "the loss of the latest batch", (s, a) -> (double) s.loss()),
            number("train_accuracy", "accuracy on the training set after the latest epoch, from 0 to 1",
                    (s, a) -> accuracy(s.trainMetrics())),
            number("val_accuracy", "accuracy on the validation set after the latest epoch, from 0 to 1",
                    (s, a) -> accuracy(s.validationMetrics())),
            number("train_loss", "mean loss per sample on the training set after the latest epoch",
                    (s, a) -> metricLoss(s.trainMetrics())),
            number("val_loss", "mean loss per sample on the validation set after the latest epoch",
                    (s, a) -> metricLoss(s.validationMetrics())),
            number("val_mse", "mean squared error on the validation set after the latest epoch (regression)",
                    (s, a) -> s.validationMetrics() instanceof RegressionMetrics r ? r.mse() : null),
            flag("halted", "training stopped on a NaN or infinite value", (s, a) -> s.halted()),
            // ---- the stepper
            text("stepper.phase", PHASES, "the kind of phase that ran last; none at a step boundary",
                    (s, a) -> s.lastPhase() == null ? "none" : s.lastPhase().kind()),
            text("stepper.node", List.of(), "the node the latest phase computed; empty for the loss, the update "
                    + "and at a step boundary", (s, a) -> nodeOf(s.lastPhase())),
            // ---- settings
            text("optimizer", Optimizers.IDS, "the optimizer chosen", (s, a) -> s.settings().optimizer()),
            number("learning_rate", "the base learning rate", (s, a) -> (double) s.settings().learningRate()),
            number("batch_size", "samples per batch", (s, a) -> (double) s.settings().batchSize()),
            text("loss_function", LOSSES, "the loss chosen in the settings (auto until one is named)",
                    (s, a) -> s.settings().loss()),
            text("dataset", List.of(), "the data: a built-in name such as spiral, or a file as chosen",
                    (s, a) -> s.dataset()),
            // ---- the network
            number("layers", "dense and convolution layers, the output layer included", (s, a) -> layers(s.graph())),
            number("hidden_units", "units in all dense layers except the output layer",
                    (s, a) -> hiddenUnits(s.graph())),
            number("parameters", "trainable numbers in the whole network", (s, a) -> parameters(s.graph())),
            text("activation.<node>", ACTIVATIONS, "a node's activation function; none for nodes without one",
                    (s, a) -> activation(s.graph(), a.get(0))),
            number("units.<node>", "a dense layer's units or a convolution's channels",
                    (s, a) -> units(s.graph(), a.get(0))),
            flag("frozen.<node>", "the node's parameters are frozen", (s, a) -> find(s.graph(), a.get(0))
                    .map(NodeDef::frozen).orElse(null)),
            number("weight.<node>.<unit>.<input>", "the weight from input <input> to unit <unit> of a dense layer",
                    (s, a) -> weight(s, a.get(0), index(a.get(1)), index(a.get(2)))),
            number("bias.<node>.<unit>", "the bias of unit <unit>", (s, a) -> element(s.parameter(a.get(0), "bias"),
                    index(a.get(1)))),
            number("gradient_norm.<node>", "the size (L2 norm) of the gradient of the node's weights after the "
                    + "latest backward", (s, a) -> s.gradientNorm(a.get(0))),
            number("output.<node>.<unit>", "the node's output at unit <unit> for the first sample of the batch",
                    (s, a) -> element(s.output(a.get(0)), index(a.get(1)))),
            text("selected", List.of(), "the node selected on the canvas; unavailable when none is",
                    (s, a) -> s.selectedNode()),
            // ---- one input at a time
            number("inference.input.<index>", "value <index> of the latest single input run through the network",
                    (s, a) -> s.inference() == null ? null : element(s.inference().input(), index(a.get(0)))),
            number("inference.output.<unit>", "the network's output at unit <unit> for that input",
                    (s, a) -> s.inference() == null ? null : element(s.inference().output(), index(a.get(0)))),
            // ---- workflows
            number("latency_us", "median time of one single-sample forward pass in the latest inference profile, "
                    + "in microseconds", (s, a) -> s.inferenceProfile() == null ? null
                    : s.inferenceProfile().medianNanos() / 1e3),
            number("throughput", "samples per second in batches, in the latest inference profile",
                    (s, a) -> s.inferenceProfile() == null ? null : s.inferenceProfile().samplesPerSecond()),
            number("model_bytes", "the size of the parameters as float32, in the latest inference profile",
                    (s, a) -> s.inferenceProfile() == null ? null : (double) s.inferenceProfile().bytes()),
            number("zero_gb.<index>", "model-state memory per worker at ZeRO stage <index> (0 to 3) in the latest "
                    + "ZeRO calculation, in GB (10^9 bytes)", (s, a) -> zeroGb(s, index(a.get(0)))),
            number("forgetting", "points (0 to 100) of accuracy on task A lost while learning task B without replay, "
                    + "in the latest continual-training run", (s, a) -> forgetting(s, false)),
            number("forgetting_replay", "points of accuracy on task A lost while learning task B with replay, in the "
                    + "latest continual-training run", (s, a) -> forgetting(s, true)),
            number("task_b_accuracy", "accuracy on task B after learning it without replay, from 0 to 1, in the "
                    + "latest continual-training run", (s, a) -> s.continual() == null
                    || s.continual().withoutReplay() == null ? null : s.continual().withoutReplay().accuracyBAfterB()),
            // ---- evaluation (appended: new names go at the end)
            number("val_f1", "macro-averaged F1 on the validation set after the latest epoch, from 0 to 1",
                    (s, a) -> s.validationMetrics() instanceof ClassificationMetrics c ? c.macro().f1() : null),
            number("finetuned_accuracy", "held-out accuracy of the fine-tuned network after its last epoch, from 0 to "
                    + "1, in the latest pretraining-recipe run", (s, a) -> recipeAccuracy(s, true)),
            number("scratch_accuracy", "held-out accuracy of the same network trained from scratch on the same "
                    + "labelled samples, from 0 to 1, in the latest pretraining-recipe run",
                    (s, a) -> recipeAccuracy(s, false)),
            number("pretrain_gain", "points (0 to 100) of held-out accuracy the fine-tuned network has over the one "
                    + "trained from scratch, in the latest pretraining-recipe run", (s, a) -> pretrainGain(s)),
            number("previous_token_attention", "how much the attention head that looks most at the previous token "
                    + "does so, from 0 to 1: the mean weight from each position to the one before, over the first 8 "
                    + "validation windows, for the best head of any block; unavailable without attention",
                    (s, a) -> s.previousTokenHead() == null ? null : s.previousTokenHead().score()));

    private Variables() {
    }

    /** Every variable, in the order FORMAT.md lists them. */
    public static List<Variable> all() {
        return ALL;
    }

    /** The variable a dotted name reads, with the parts that filled its placeholders. */
    public static Optional<Match> match(String name) {
        String[] parts = name.split("\\.", -1);
        for (Variable v : ALL) {
            String[] pattern = v.pattern().split("\\.");
            if (pattern.length != parts.length) {
                continue;
            }
            List<String> arguments = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < parts.length && ok; i++) {
                String want = pattern[i];
                String got = parts[i];
                if (want.equals("<node>")) {
                    ok = !got.isEmpty();
                    arguments.add(got);
                } else if (want.startsWith("<")) {
                    ok = got.matches("[0-9]{1,9}");
                    arguments.add(got);
                } else {
                    ok = want.equals(got);
                }
            }
            if (ok) {
                return Optional.of(new Match(v, arguments));
            }
        }
        return Optional.empty();
    }

    /** The fixed names and the first word of each pattern: what a did-you-mean may suggest. */
    static List<String> suggestions() {
        return ALL.stream().map(Variable::pattern).toList();
    }

    private static Variable number(String pattern, String description, Reader reader) {
        return new Variable(pattern, Type.NUMBER, List.of(), description, reader);
    }

    private static Variable text(String pattern, List<String> values, String description, Reader reader) {
        return new Variable(pattern, Type.TEXT, values, description, reader);
    }

    private static Variable flag(String pattern, String description, Reader reader) {
        return new Variable(pattern, Type.FLAG, List.of(), description, reader);
    }

    // ---- readers

    private static Double zeroGb(StudioState s, int stage) {
        return s.zeroMemory() == null || stage > 3 ? null : s.zeroMemory().bytesPerWorker(stage) / 1e9;
    }

    private static Double forgetting(StudioState s, boolean replay) {
        var result = s.continual();
        var run = result == null ? null : replay ? result.withReplay() : result.withoutReplay();
        return run == null ? null : run.forgettingPoints();
    }

    private static Double recipeAccuracy(StudioState s, boolean fineTuned) {
        var result = s.pretrainingRecipe();
        var curve = result == null ? null : fineTuned ? result.fineTuned() : result.scratch();
        return curve == null || curve.last() == null ? null : curve.last().accuracy();
    }

    private static Double pretrainGain(StudioState s) {
        var result = s.pretrainingRecipe();
        double gain = result == null ? Double.NaN : result.accuracyGainPoints();
        return Double.isNaN(gain) ? null : gain;
    }

    private static Double accuracy(Metrics m) {
        return m instanceof ClassificationMetrics c ? c.accuracy() : null;
    }

    private static Double metricLoss(Metrics m) {
        return m == null ? null : m.loss();
    }

    private static String nodeOf(Phase phase) {
        return phase == null || phase.node() == null ? "" : phase.node();
    }

    private static int index(String digits) {
        return Integer.parseInt(digits);
    }

    private static Double element(float[] values, int i) {
        return values == null || i >= values.length ? null : (double) values[i];
    }

    private static Double weight(StudioState s, String node, int unit, int input) {
        Optional<NodeDef> def = find(s.graph(), node);
        float[] w = s.parameter(node, "weight");
        if (def.isEmpty() || w == null || !(def.get().spec() instanceof Dense.Spec dense)) {
            return null;
        }
        int inputs = w.length / dense.units();
        return unit < dense.units() && input < inputs ? (double) w[unit * inputs + input] : null;
    }

    private static Optional<NodeDef> find(GraphDef graph, String name) {
        return graph.nodes().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    private static String activation(GraphDef graph, String node) {
        return find(graph, node).map(n -> switch (n.spec()) {
            case Dense.Spec d -> d.activation().id();
            case Conv2D.Spec c -> c.activation().id();
            case ActivationNode.Spec a -> a.activation().id();
            default -> "none";
        }).orElse(null);
    }

    private static Double units(GraphDef graph, String node) {
        return find(graph, node).map(n -> switch (n.spec()) {
            case Dense.Spec d -> (double) d.units();
            case Conv2D.Spec c -> (double) c.outChannels();
            default -> null;
        }).orElse(null);
    }

    private static double layers(GraphDef graph) {
        return graph.nodes().stream().filter(n -> n.spec() instanceof Dense.Spec || n.spec() instanceof Conv2D.Spec)
                .count();
    }

    /** Null when the graph has no single output to leave out. */
    private static Double hiddenUnits(GraphDef graph) {
        List<String> outputs = outputs(graph);
        if (outputs.size() != 1) {
            return null;
        }
        return (double) graph.nodes().stream().filter(n -> !n.name().equals(outputs.get(0)))
                .mapToInt(n -> n.spec() instanceof Dense.Spec d ? d.units() : 0).sum();
    }

    private static List<String> outputs(GraphDef graph) {
        Map<String, Boolean> consumed = new HashMap<>();
        graph.nodes().forEach(n -> n.inputs().forEach(i -> consumed.put(i, true)));
        return graph.nodes().stream().map(NodeDef::name).filter(n -> !consumed.containsKey(n)).toList();
    }

    /** Null while the graph has problems: its shapes, and so its parameters, are unknown. */
    private static Double parameters(GraphDef graph) {
        GraphDef.Inferred inferred = graph.infer();
        if (!inferred.ok()) {
            return null;
        }
        long total = 0;
        for (NodeDef n : inferred.order()) {
            List<Shape> in = n.inputs().stream().map(inferred.shapes()::get).toList();
            total += n.spec().parameterCount(in);
        }
        return (double) total;
    }
}
