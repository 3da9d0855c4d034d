// A network as data: nodes and the edges between them. Shape inference and validation live here.
//
// Rules: names are unique; every input names an existing node; no cycles; exactly one "input" node; exactly one
// node feeds nothing, and it is the output. Problems are collected, not thrown one by one, so the editor can list
// them all; infer() returns them, validate() throws them.
package org.stepwise.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stepwise.core.tensor.Shape;

public record GraphDef(List<NodeDef> nodes) {

    public GraphDef {
        nodes = List.copyOf(nodes);
    }

    /** The result of shape inference: nodes in topological order, per-sample shapes, and every problem found. */
    public record Inferred(List<NodeDef> order, Map<String, Shape> shapes, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        public NodeDef output() {
            return order.get(order.size() - 1);
        }
    }

    public NodeDef node(String name) {
        for (NodeDef n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        throw new GraphException(name, "There is no node '" + name + "'");
    }

    /** Infers every shape it can; problems name the node and, for shapes, both shapes. */
    public Inferred infer() {
        List<Problem> problems = new ArrayList<>();
        Map<String, NodeDef> byName = new LinkedHashMap<>();
        for (NodeDef n : nodes) {
            if (byName.putIfAbsent(n.name(), n) != null) {
                problems.add(new Problem(n.name(), "Two nodes are named '" + n.name() + "'"));
            }
        }
        Map<String, List<String>> consumers = new HashMap<>();
        for (NodeDef n : nodes) {
            LayerSpec spec = n.spec();
            int count = n.inputs().size();
            if (count < spec.minInputs() || count > spec.maxInputs()) {
                problems.add(new Problem(n.name(), describe(n) + " needs " + arity(spec) + " but has " + count
                        + (count == 0 ? ": connect its input port" : "")));
            }
            for (String in : n.inputs()) {
                if (!byName.containsKey(in)) {
                    problems.add(new Problem(n.name(), describe(n) + " reads from '" + in
                            + "', which does not exist"));
                } else {
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n.name());
                }
            }
        }
        List<NodeDef> inputs = nodes.stream().filter(n -> n.spec().type().equals("input")).toList();
        if (inputs.size() != 1) {
            problems.add(new Problem(null, "A network needs exactly one input node, but has " + inputs.size()));
        }
        List<NodeDef> sinks = nodes.stream().filter(n -> !consumers.containsKey(n.name())).toList();
        if (sinks.size() > 1) {
            for (NodeDef sink : sinks.subList(0, sinks.size() - 1)) {
                problems.add(new Problem(sink.name(), describe(sink) + " is not connected to the output: its "
                        + "output port is dangling"));
            }
        }

        List<NodeDef> order = topologicalOrder(byName, consumers, problems);
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (NodeDef n : order) {
            List<Shape> inShapes = new ArrayList<>();
            for (String in : n.inputs()) {
                Shape s = shapes.get(in);
                if (s == null) {
                    break;
                }
                inShapes.add(s);
            }
            int arity = n.inputs().size();
            if (inShapes.size() != arity || arity < n.spec().minInputs() || arity > n.spec().maxInputs()) {
                continue;
            }
            try {
                shapes.put(n.name(), n.spec().outputShape(n.name(), inShapes, n.inputs()));
            } catch (GraphException e) {
                problems.addAll(e.problems());
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                problems.add(new Problem(n.name(), describe(n) + ": " + e.getMessage()));
            }
        }
        return new Inferred(order, shapes, problems);
    }

    /** Throws a {@link GraphException} carrying every problem unless the graph is valid. */
    public Inferred validate() {
        Inferred inferred = infer();
        if (!inferred.ok()) {
            throw new GraphException(inferred.problems());
        }
        return inferred;
    }

    /** "Dense 'hidden1'": how messages name a node. */
    public static String describe(NodeDef n) {
        return describe(n.spec().type(), n.name());
    }

    public static String describe(String type, String name) {
        String pretty = switch (type) {
            case "conv2d" -> "Conv2D";
            case "maxpool2d" -> "MaxPool2D";
            case "batchnorm" -> "BatchNorm";
            case "layernorm" -> "LayerNorm";
            case "token_embedding" -> "Token embedding";
            case "positional_embedding" -> "Positional embedding";
            case "feedforward" -> "Feed-forward";
            case "lm_head" -> "LM head";
            case "relu" -> "ReLU";
            case "leaky_relu" -> "LeakyReLU";
            case "gelu" -> "GELU";
            default -> type.isEmpty() ? type : Character.toUpperCase(type.charAt(0)) + type.substring(1);
        };
        return pretty + " '" + name + "'";
    }

    private static String arity(LayerSpec spec) {
        if (spec.minInputs() == spec.maxInputs()) {
            return spec.minInputs() == 1 ? "1 input" : spec.minInputs() + " inputs";
        }
        return spec.maxInputs() == Integer.MAX_VALUE ? "at least " + spec.minInputs() + " inputs"
                : spec.minInputs() + " to " + spec.maxInputs() + " inputs";
    }

    // Kahn's algorithm, stable in declaration order; whatever is left over sits on a cycle.
    private List<NodeDef> topologicalOrder(Map<String, NodeDef> byName, Map<String, List<String>> consumers,
                                           List<Problem> problems) {
        Map<String, Integer> pending = new HashMap<>();
        for (NodeDef n : byName.values()) {
            pending.put(n.name(), (int) n.inputs().stream().filter(byName::containsKey).count());
        }
        Deque<String> ready = new ArrayDeque<>();
        for (NodeDef n : byName.values()) {
            if (pending.get(n.name()) == 0) {
                ready.add(n.name());
            }
        }
        List<NodeDef> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (!ready.isEmpty()) {
            String name = ready.poll();
            order.add(byName.get(name));
            done.add(name);
            for (String c : consumers.getOrDefault(name, List.of())) {
                if (pending.merge(c, -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() < byName.size()) {
            List<String> cycle = byName.keySet().stream().filter(n -> !done.contains(n)).toList();
            problems.add(new Problem(cycle.get(0), "The graph has a cycle through " + String.join(" → ",
                    cycle.stream().map(n -> "'" + n + "'").toList()) + ": a network must not feed back into itself"));
        }
        return order;
    }
}
