// The neuron view's reading of a graph, without any UI: a chain input → dense → … → dense small enough to draw
// unit by unit, or the reason it is not one; and the one undoable edit that resizes a hidden layer.
package org.stepwise.app.studio.neurons;

import java.util.ArrayList;
import java.util.List;
import org.stepwise.app.editor.EditCommand;
import org.stepwise.app.editor.EditorGraph;
import org.stepwise.app.editor.EditorNode;
import org.stepwise.app.editor.ReplaceGraph;
import org.stepwise.app.editor.Text;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.layers.TokenEmbedding;

/**
 * @param columns the input first, then every dense layer in order; the last one is the output
 */
public record NeuronChain(List<Column> columns) {
    /** The most units (or input features) a column may have and still be drawn legibly. */
    public static final int MAX_UNITS = 10;

    public NeuronChain {
        columns = List.copyOf(columns);
    }

    public enum Role { INPUT, HIDDEN, OUTPUT }

    /**
     * One column of circles.
     *
     * @param activation null for the input column
     */
    public record Column(String node, int units, Activation activation, Role role) {
        /** Only hidden layers can be resized: the data fixes the inputs and the outputs. */
        public boolean resizable() {
            return role == Role.HIDDEN;
        }
    }

    /** The chain, or a reason it cannot be drawn; exactly one of the two is non-null. */
    public record Reading(NeuronChain chain, Text reason) {
    }

    public static Reading read(EditorGraph graph) {
        if (graph.nodes().isEmpty() || !graph.analysis().ok()) {
            return refuse("neurons.unsupported.invalid");
        }
        List<EditorNode> inputs = graph.nodes().stream().filter(n -> n.spec() instanceof Input.Spec).toList();
        if (inputs.size() != 1) {
            return refuse("neurons.unsupported.inputs", inputs.size());
        }
        EditorNode input = inputs.get(0);
        Input.Spec in = (Input.Spec) input.spec();
        boolean readsTokens = graph.nodes().stream().anyMatch(n -> n.spec() instanceof TokenEmbedding.Spec);
        if (readsTokens) {
            return refuse("neurons.unsupported.tokens");
        }
        if (in.shape().rank() != 1) {
            return refuse("neurons.unsupported.image", graph.analysis().shapeText(input.name()));
        }
        if (in.shape().dim(0) > MAX_UNITS) {
            return refuse("neurons.unsupported.wideInput", in.shape().dim(0), MAX_UNITS);
        }
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(input.name(), in.shape().dim(0), null, Role.INPUT));
        EditorNode at = input;
        while (true) {
            List<EditorNode> next = graph.consumers(at.name());
            if (next.isEmpty()) {
                break;
            }
            if (next.size() > 1) {
                return refuse("neurons.unsupported.branch", at.name(), next.size());
            }
            at = next.get(0);
            if (!(at.spec() instanceof Dense.Spec dense)) {
                return refuse("neurons.unsupported.layer", at.name(), at.type());
            }
            if (at.inputs().size() != 1) {
                return refuse("neurons.unsupported.merge", at.name());
            }
            if (dense.units() > MAX_UNITS) {
                return refuse("neurons.unsupported.wideLayer", at.name(), dense.units(), MAX_UNITS);
            }
            columns.add(new Column(at.name(), dense.units(), dense.activation(), Role.HIDDEN));
        }
        if (columns.size() < 2) {
            return refuse("neurons.unsupported.noLayers");
        }
        if (columns.size() != graph.nodes().size()) {
            String stray = graph.nodes().stream().map(EditorNode::name)
                    .filter(n -> columns.stream().noneMatch(c -> c.node().equals(n))).findFirst().orElseThrow();
            return refuse("neurons.unsupported.stray", stray);
        }
        Column last = columns.remove(columns.size() - 1);
        columns.add(new Column(last.node(), last.units(), last.activation(), Role.OUTPUT));
        return new Reading(new NeuronChain(columns), null);
    }

    private static Reading refuse(String key, Object... args) {
        return new Reading(null, Text.of(key, args));
    }

    public Column column(String node) {
        return columns.stream().filter(c -> c.node().equals(node)).findFirst().orElse(null);
    }

    public int indexOf(String node) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).node().equals(node)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * One undoable edit giving hidden layer {@code node} {@code units} units. A next layer that fixed its input
     * count to the old size is told the new one in the same edit, so the graph stays valid.
     */
    public static EditCommand resize(EditorGraph graph, String node, int units) {
        if (units < 1 || units > MAX_UNITS) {
            throw new IllegalArgumentException("A layer in the neuron view has 1 to " + MAX_UNITS + " units, not "
                    + units);
        }
        List<EditorNode> after = new ArrayList<>();
        for (EditorNode n : graph.nodes()) {
            if (n.name().equals(node)) {
                Dense.Spec s = (Dense.Spec) n.spec();
                n = n.withSpec(new Dense.Spec(units, s.activation(), s.init(), s.initValue(), s.inputs()));
            } else if (n.inputs().contains(node) && n.spec() instanceof Dense.Spec s && s.inputs() != 0) {
                n = n.withSpec(new Dense.Spec(s.units(), s.activation(), s.init(), s.initValue(), units));
            }
            after.add(n);
        }
        return new ReplaceGraph(after, Text.of("edit.units", node, units));
    }
}
