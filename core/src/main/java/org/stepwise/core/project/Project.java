// A project: the graph with its weights, the data it trains on, how it trains, where training stands, what it has
// measured so far, and how the editor lays the graph out. It is what a .stepwise file holds and what the studio edits.
//
// A Project owns its Network: the weights live there. {@link #copy()} makes an independent one, e.g. for a save
// that runs while training goes on.
package org.stepwise.core.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.eval.History;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;

/**
 * @param name          shown in the title bar, e.g. "spiral"
 * @param network       built from {@code graph}, holding the current weights and node state
 * @param data          the training data, or null when none is chosen yet (an imported model)
 * @param training      where training stands, or null before the first step
 * @param normalization the input scaling fitted on the training split, or null for none (or not yet fitted)
 * @param featureNames  one per input value, or null when unknown
 * @param classNames    class index → name, or null for regression or when unknown
 * @param history       measured epochs, oldest first
 * @param layout        editor positions of nodes by name; nodes without one are laid out automatically
 */
public record Project(String name, GraphDef graph, Network network, DataRef data, TrainingSettings settings,
                      TrainingState training, Normalization normalization, List<String> featureNames,
                      List<String> classNames, List<History.Epoch> history, Map<String, Point> layout) {

    /** A node's position on the editor canvas. */
    public record Point(double x, double y) {
    }

    /**
     * Where training stands: completed steps and the optimizer's state, enough to continue exactly.
     *
     * @param optimizer      the optimizer id the state belongs to
     * @param optimizerSteps the optimizer's own update count (Adam's bias correction)
     * @param optimizerState the optimizer's buffers in {@code Optimizer.state()} order
     */
    public record TrainingState(long step, String optimizer, long optimizerSteps, List<float[]> optimizerState) {
        public TrainingState {
            optimizerState = List.copyOf(optimizerState);
        }

        TrainingState deepCopy() {
            return new TrainingState(step, optimizer, optimizerSteps,
                    optimizerState.stream().map(float[]::clone).toList());
        }
    }

    public Project {
        if (!network.def().equals(graph)) {
            throw new IllegalArgumentException("The project's network was not built from its graph");
        }
        featureNames = featureNames == null ? null : List.copyOf(featureNames);
        classNames = classNames == null ? null : List.copyOf(classNames);
        history = List.copyOf(history);
        layout = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layout));
    }

    /** A fresh, untrained project: weights initialised from the settings' seed. */
    public static Project create(String name, GraphDef graph, DataRef data, TrainingSettings settings) {
        return new Project(name, graph, Network.build(graph, settings.seed()), data, settings, null, null, null,
                null, List.of(), Map.of());
    }

    /** An independent copy: its own network with the same weights and state, its own optimizer buffers. */
    public Project copy() {
        return new Project(name, graph, copyOf(network), data, settings,
                training == null ? null : training.deepCopy(), normalization, featureNames, classNames, history,
                layout);
    }

    public Project withName(String newName) {
        return new Project(newName, graph, network, data, settings, training, normalization, featureNames,
                classNames, history, layout);
    }

    public Project withLayout(Map<String, Point> newLayout) {
        return new Project(name, graph, network, data, settings, training, normalization, featureNames,
                classNames, history, newLayout);
    }

    public Project withSettings(TrainingSettings newSettings) {
        return new Project(name, graph, network, data, newSettings, training, normalization, featureNames,
                classNames, history, layout);
    }

    /** True once a step has been taken. */
    public boolean trained() {
        return training != null && training.step() > 0;
    }

    /** A network with the same graph, weights and node state as {@code source}, sharing no buffers with it. */
    public static Network copyOf(Network source) {
        return copyOf(source, source.seed());
    }

    /** Like {@link #copyOf(Network)}, built with another seed (which only affects dropout from here on). */
    static Network copyOf(Network source, long seed) {
        Network copy = Network.build(source.def(), seed, source.kernels());
        List<Param> from = source.params();
        List<Param> to = copy.params();
        for (int i = 0; i < from.size(); i++) {
            System.arraycopy(from.get(i).value(), 0, to.get(i).value(), 0, from.get(i).size());
        }
        List<Node> fromNodes = source.nodes();
        for (int n = 0; n < fromNodes.size(); n++) {
            List<float[]> a = fromNodes.get(n).state();
            List<float[]> b = copy.nodes().get(n).state();
            for (int s = 0; s < a.size(); s++) {
                System.arraycopy(a.get(s), 0, b.get(s), 0, a.get(s).length);
            }
            copy.nodes().get(n).setFrozen(fromNodes.get(n).frozen());
        }
        return copy;
    }

    /** Names of the tensors a network's weights are saved under, in {@code Network.params()} order. */
    static List<String> paramNames(Network net) {
        List<String> names = new ArrayList<>();
        for (Node n : net.nodes()) {
            for (Param p : n.params()) {
                names.add(n.name() + "." + p.name());
            }
        }
        return names;
    }
}
