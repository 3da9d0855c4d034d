// Prepares a trained network for fine-tuning: freezes the nodes it names (or the whole body), replaces its head with a
// fresh dense layer or adds one on top, and copies every other weight over unchanged.
//
// It only edits and copies: training is the Stepper's, which leaves frozen nodes' parameters out of its updates, and
// a Prepared network can give the unfrozen body a smaller learning rate than the head. A frozen BatchNorm keeps its
// γ and β, but its running statistics still follow the batches it sees, as PyTorch's do in training mode.
package org.stepwise.core.workflow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.stepper.Stepper;
import org.stepwise.core.tensor.Shape;

public final class FineTune {

    /** What becomes of the network's head, its output node. */
    public sealed interface Head permits Keep, Replace, Add {
    }

    /** The head stays, with its trained weights: more training on the same classes. */
    public record Keep() implements Head {
    }

    /** The output dense layer is swapped for a fresh one of {@code classes} units, under the same name. */
    public record Replace(int classes) implements Head {
    }

    /** A fresh dense layer of {@code classes} units, named "head", reads the old output, which becomes body. */
    public record Add(int classes) implements Head {
    }

    /**
     * @param freeze     nodes to freeze by name; with {@code freezeBody} they are frozen anyway
     * @param freezeBody freeze every node before the head: only the head trains
     * @param head       keep, replace or add the head
     * @param seed       builds the new network: it draws a fresh head's initial weights (and seeds dropout)
     */
    public record Plan(List<String> freeze, boolean freezeBody, Head head, long seed) {
        public Plan {
            freeze = List.copyOf(freeze);
        }

        /** Freeze everything before a fresh head of {@code classes} units that replaces the old one. */
        public static Plan linearProbe(int classes, long seed) {
            return new Plan(List.of(), true, new Replace(classes), seed);
        }
    }

    /**
     * A network ready to fine-tune.
     *
     * @param network     the new network: copied weights, a fresh head where the plan asked for one, frozen flags set
     * @param head        the head's name
     * @param freshHead   whether the head has fresh weights (replaced or added)
     * @param frozen      the frozen nodes, in graph order
     * @param trainedBody the nodes with parameters that train besides the head, in graph order
     */
    public record Prepared(Network network, String head, boolean freshHead, List<String> frozen,
                           List<String> trainedBody) {
        public Prepared {
            frozen = List.copyOf(frozen);
            trainedBody = List.copyOf(trainedBody);
        }

        /**
         * Makes the trained body move at {@code bodyLearningRate} while the head moves at the stepper's own rate,
         * {@code learningRate}: discriminative fine-tuning. The stepper must train this prepared network.
         */
        public void applyBodyRate(Stepper stepper, float learningRate, float bodyLearningRate) {
            if (stepper.network() != network) {
                throw new IllegalArgumentException("The stepper trains another network than the prepared one");
            }
            if (!(learningRate > 0) || !(bodyLearningRate >= 0) || Float.isInfinite(bodyLearningRate)) {
                throw new IllegalArgumentException("The learning rates must be finite, the head's above 0 and the "
                        + "body's at least 0, not " + learningRate + " and " + bodyLearningRate);
            }
            for (String node : trainedBody) {
                stepper.setLearningRateScale(node, bodyLearningRate / learningRate);
            }
        }
    }

    /** The name an added head takes, with a number after it if the graph already has a node of that name. */
    public static final String ADDED_HEAD = "head";

    private FineTune() {
    }

    /**
     * Builds the network the plan describes from a trained one, which is left untouched.
     *
     * @throws IllegalArgumentException naming the problem: an unknown node, a head of no classes, an output that
     *                                  cannot be replaced, a plan that leaves nothing to train
     */
    public static Prepared prepare(Network source, Plan plan) {
        GraphDef def = source.def();
        GraphDef.Inferred inferred = def.validate();
        List<String> names = inferred.order().stream().map(NodeDef::name).toList();
        for (String name : plan.freeze()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("There is no node '" + name + "' to freeze; the network has "
                        + String.join(", ", names));
            }
        }
        Surgery surgery = changeHead(def, inferred, plan.head());
        String head = surgery.head();
        boolean fresh = surgery.fresh();
        List<NodeDef> nodes = new ArrayList<>(surgery.graph().nodes());
        if (plan.freeze().contains(head) && fresh) {
            throw new IllegalArgumentException("The head '" + head + "' is new: freezing it would leave its random "
                    + "weights as they are");
        }
        Set<String> withParams = nodesWithParameters(new GraphDef(nodes));
        Set<String> frozen = new LinkedHashSet<>();
        for (NodeDef n : nodes) {
            boolean body = !n.name().equals(head) && withParams.contains(n.name());
            if (plan.freeze().contains(n.name()) || (plan.freezeBody() && body)) {
                frozen.add(n.name());
            }
        }
        if (frozen.containsAll(withParams)) {
            throw new IllegalArgumentException("Every node with weights is frozen (" + String.join(", ", frozen)
                    + "): nothing is left to train");
        }
        nodes.replaceAll(n -> n.withFrozen(frozen.contains(n.name())));
        Network target = Network.build(new GraphDef(nodes), plan.seed(), source.kernels());
        for (Node n : target.nodes()) {
            if (!(fresh && n.name().equals(head))) {
                copy(source.node(n.name()), n);
            }
        }
        List<String> trainedBody = target.nodes().stream().map(Node::name)
                .filter(n -> withParams.contains(n) && !frozen.contains(n) && !n.equals(head)).toList();
        List<String> frozenInOrder = target.nodes().stream().map(Node::name).filter(frozen::contains).toList();
        return new Prepared(target, head, fresh, frozenInOrder, trainedBody);
    }

    /** The graph after the head changed, the head's name, and whether its weights are fresh. */
    private record Surgery(GraphDef graph, String head, boolean fresh) {
    }

    private static Surgery changeHead(GraphDef def, GraphDef.Inferred inferred, Head change) {
        NodeDef output = inferred.output();
        return switch (change) {
            case Keep k -> new Surgery(def, output.name(), false);
            case Replace r -> new Surgery(withHead(def, r.classes()), output.name(), true);
            case Add a -> {
                requireClasses(a.classes());
                Shape shape = inferred.shapes().get(output.name());
                if (shape.rank() != 1) {
                    throw new IllegalArgumentException("A dense head needs a vector, but the output "
                            + GraphDef.describe(output) + " gives " + shape + "; put a Flatten before the head");
                }
                String head = unusedName(inferred.order().stream().map(NodeDef::name).toList());
                List<NodeDef> nodes = new ArrayList<>(def.nodes());
                nodes.add(new NodeDef(head, new Dense.Spec(a.classes(), Activation.IDENTITY), output.name()));
                yield new Surgery(new GraphDef(nodes), head, true);
            }
        };
    }

    /**
     * An untrained project around a prepared network: the source's normalization, feature names and layout (the
     * network's body expects inputs scaled as before), new data, settings and class names, and no history.
     */
    public static Project project(Project source, Prepared prepared, String name, DataRef data,
                                  TrainingSettings settings, List<String> classNames) {
        Network net = prepared.network();
        return new Project(name, net.def(), net, data, settings, null, source.normalization(),
                source.featureNames(), classNames, List.of(), source.layout());
    }

    /**
     * The graph with its output dense layer resized to {@code classes} units, keeping its name, activation and
     * initialisation: the same architecture for another number of classes.
     */
    public static GraphDef withHead(GraphDef def, int classes) {
        requireClasses(classes);
        NodeDef output = def.validate().output();
        if (!(output.spec() instanceof Dense.Spec dense)) {
            throw new IllegalArgumentException("The output " + GraphDef.describe(output) + " is not a dense layer, so "
                    + "it cannot be replaced by one; add a head on top of it instead");
        }
        List<NodeDef> nodes = new ArrayList<>(def.nodes());
        nodes.set(nodes.indexOf(output), new NodeDef(output.name(), new Dense.Spec(classes, dense.activation(),
                dense.init(), dense.initValue(), dense.inputs()), output.inputs(), output.frozen()));
        return new GraphDef(nodes);
    }

    private static void requireClasses(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("A new head needs at least 1 class, not " + classes);
        }
    }

    private static String unusedName(List<String> names) {
        String name = ADDED_HEAD;
        for (int i = 2; names.contains(name); i++) {
            name = ADDED_HEAD + i;
        }
        return name;
    }

    private static Set<String> nodesWithParameters(GraphDef def) {
        GraphDef.Inferred inferred = def.validate();
        Set<String> names = new HashSet<>();
        for (NodeDef n : inferred.order()) {
            List<Shape> in = n.inputs().stream().map(inferred.shapes()::get).toList();
            if (n.spec().parameterCount(in) > 0) {
                names.add(n.name());
            }
        }
        return names;
    }

    private static void copy(Node from, Node to) {
        List<Param> a = from.params();
        List<Param> b = to.params();
        for (int i = 0; i < a.size(); i++) {
            System.arraycopy(a.get(i).value(), 0, b.get(i).value(), 0, a.get(i).size());
        }
        List<float[]> sa = from.state();
        List<float[]> sb = to.state();
        for (int i = 0; i < sa.size(); i++) {
            System.arraycopy(sa.get(i), 0, sb.get(i), 0, sa.get(i).length);
        }
    }
}
