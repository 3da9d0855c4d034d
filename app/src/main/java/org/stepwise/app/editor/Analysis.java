// What the editor shows about a graph as it stands: each node's output shape and parameter count, the total, and
// every problem, attached to the node it concerns. Never throws, whatever state the graph is in.
package org.stepwise.app.editor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Problem;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Add;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.tensor.Shape;

/**
 * @param shapes      per-sample output shape by node name, for every node whose shape could be inferred
 * @param parameters  parameter count by node name, for nodes whose input shapes are known
 * @param problems    every problem; {@link Problem#node()} is null for problems of the graph as a whole
 */
public record Analysis(Map<String, Shape> shapes, Map<String, Long> parameters, List<Problem> problems) {

    public Analysis {
        shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        problems = List.copyOf(problems);
    }

    public static Analysis of(EditorGraph graph) {
        GraphDef def = graph.toGraphDef();
        GraphDef.Inferred inferred;
        try {
            inferred = def.infer();
        } catch (RuntimeException e) {
            // Inference reports problems rather than throwing; this is the last line against a spec that throws.
            return new Analysis(Map.of(), Map.of(), List.of(new Problem(null, String.valueOf(e.getMessage()))));
        }
        Map<String, Long> parameters = new LinkedHashMap<>();
        for (NodeDef n : def.nodes()) {
            List<Shape> in = new ArrayList<>();
            for (String name : n.inputs()) {
                Shape s = inferred.shapes().get(name);
                if (s == null) {
                    break;
                }
                in.add(s);
            }
            if (in.size() == n.inputs().size() && !in.isEmpty() || n.spec().type().equals("input")) {
                try {
                    parameters.put(n.name(), n.spec().parameterCount(in));
                } catch (RuntimeException e) {
                    // The shape error is already among the problems.
                }
            }
        }
        return new Analysis(inferred.shapes(), parameters, inferred.problems());
    }

    /**
     * The analysis of a small graph with the problems users make most: an add of two layers of different widths,
     * and an add with one input. The studio runs it once while its window is idle, so that the first problem a
     * user makes does not also pay for the first run of the code that finds and describes it (8-10 ms then).
     */
    public static Analysis rehearsal() {
        return of(EditorGraph.of(new GraphDef(List.of(
                new NodeDef("input", new Input.Spec(Shape.of(2))),
                new NodeDef("wide", new Dense.Spec(4, Activation.RELU), "input"),
                new NodeDef("narrow", new Dense.Spec(3, Activation.TANH), "input"),
                new NodeDef("sum", new Add.Spec(), "wide", "narrow"),
                new NodeDef("alone", new Add.Spec(), "sum"),
                new NodeDef("output", new Dense.Spec(1, Activation.IDENTITY), "alone"))), Map.of()));
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The sum over the nodes whose count is known. */
    public long totalParameters() {
        return parameters.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Problems about this node. */
    public List<Problem> problemsOf(String node) {
        if (problems.isEmpty()) {
            return List.of(); // the usual case, asked for every node at every edit
        }
        return problems.stream().filter(p -> node.equals(p.node())).toList();
    }

    /** "64×128" for an edge label; "?" when unknown. */
    public String shapeText(String node) {
        Shape s = shapes.get(node);
        if (s == null) {
            return "?";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.rank(); i++) {
            sb.append(i == 0 ? "" : "×").append(s.dim(i));
        }
        return sb.toString();
    }
}
