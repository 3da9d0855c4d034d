// The graph being edited: an ordered list of nodes with positions, changed only through EditCommands on the
// CommandStack of its Document. It may be invalid at any moment (unconnected ports, cycles, shape errors):
// analysis() says what is wrong without ever throwing, and toGraphDef() gives the graph the engine builds from.
package org.stepwise.app.editor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.project.Project;

public final class EditorGraph {
    private final List<EditorNode> nodes = new ArrayList<>();
    private Analysis analysis;

    public EditorGraph() {
    }

    /** The graph with the saved positions; nodes without one are placed by {@link AutoLayout}. */
    public static EditorGraph of(GraphDef graph, Map<String, Project.Point> layout) {
        EditorGraph g = new EditorGraph();
        Map<String, double[]> placed = AutoLayout.positions(graph.nodes());
        for (NodeDef d : graph.nodes()) {
            Project.Point p = layout.get(d.name());
            double[] auto = placed.get(d.name());
            g.nodes.add(EditorNode.of(d, p != null ? p.x() : auto[0], p != null ? p.y() : auto[1]));
        }
        return g;
    }

    // ---- reading -------------------------------------------------------------------------------------------

    public List<EditorNode> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** The node of that name, or null. */
    public EditorNode node(String name) {
        for (EditorNode n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }

    public boolean contains(String name) {
        return node(name) != null;
    }

    int indexOf(String name) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Nodes that read from {@code name}, in graph order. */
    public List<EditorNode> consumers(String name) {
        return nodes.stream().filter(n -> n.inputs().contains(name)).toList();
    }

    /** The last node in graph order that feeds nothing: the network's output, where the loss is taken; or null. */
    public String outputNode() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (consumers(nodes.get(i).name()).isEmpty()) {
                return nodes.get(i).name();
            }
        }
        return null;
    }

    public GraphDef toGraphDef() {
        return new GraphDef(nodes.stream().map(EditorNode::toDef).toList());
    }

    /** Node positions by name, as a project file saves them. */
    public Map<String, Project.Point> layout() {
        Map<String, Project.Point> layout = new LinkedHashMap<>();
        nodes.forEach(n -> layout.put(n.name(), new Project.Point(n.x(), n.y())));
        return layout;
    }

    /** Shapes, parameter counts and problems of the graph as it stands; recomputed after each change. */
    public Analysis analysis() {
        if (analysis == null) {
            analysis = Analysis.of(this);
        }
        return analysis;
    }

    /** A name not yet used: {@code base} followed by the smallest number from 1 that is free ("dense3"). */
    public String freshName(String base) {
        return freshName(base, Set.of());
    }

    /** Like {@link #freshName(String)}, also avoiding {@code taken} (names about to be added). */
    public String freshName(String base, Set<String> taken) {
        String stem = base.replaceAll("\\d+$", "");
        if (stem.isEmpty()) {
            stem = "node";
        }
        for (int i = 1; ; i++) {
            String name = stem + i;
            if (!contains(name) && !taken.contains(name)) {
                return name;
            }
        }
    }

    // ---- changing: only commands call these ----------------------------------------------------------------

    void insert(int index, EditorNode node) {
        nodes.add(index, node);
    }

    /** Removes the node and returns its index. */
    int remove(String name) {
        int index = indexOf(name);
        nodes.remove(index);
        return index;
    }

    void replace(String name, EditorNode node) {
        nodes.set(indexOf(name), node);
    }

    /** Replaces everything, e.g. when a template or file is opened. */
    void replaceAll(List<EditorNode> all) {
        nodes.clear();
        nodes.addAll(all);
    }

    // ---- listening -----------------------------------------------------------------------------------------

    /** Forgets the analysis; the Document calls this after every change and then tells its listeners. */
    void changed() {
        analysis = null;
    }
}
