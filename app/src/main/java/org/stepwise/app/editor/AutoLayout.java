// Places a graph left to right: each node in the column after its furthest producer, nodes of one column stacked
// and centred. A sequential net becomes one row; a long one (LeNet has ten nodes) wraps into rows read left to
// right, top to bottom, so it fits a window at a legible size. Works on broken graphs too (cycles, dangling inputs).
package org.stepwise.app.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepwise.core.graph.NodeDef;

public final class AutoLayout {
    public static final double COLUMN = 210;
    public static final double ROW = 130;
    public static final double MARGIN = 40;
    /** A chain longer than this wraps into rows. */
    public static final int MAX_ROW = 6;
    /** Rows of a wrapped chain sit further apart than stacked nodes, so the edge between rows reads as one. */
    public static final double WRAPPED_ROW = 190;

    private AutoLayout() {
    }

    /** (x, y) of every node by name. */
    public static Map<String, double[]> positions(List<NodeDef> nodes) {
        Map<String, NodeDef> byName = new LinkedHashMap<>();
        nodes.forEach(n -> byName.putIfAbsent(n.name(), n));
        Map<String, Integer> column = new HashMap<>();
        for (NodeDef n : nodes) {
            columnOf(n.name(), byName, column, new java.util.HashSet<>());
        }
        Map<Integer, List<String>> columns = new java.util.TreeMap<>();
        for (NodeDef n : nodes) {
            columns.computeIfAbsent(column.get(n.name()), k -> new ArrayList<>()).add(n.name());
        }
        int tallest = columns.values().stream().mapToInt(List::size).max().orElse(1);
        Map<String, double[]> positions = new LinkedHashMap<>();
        if (tallest == 1 && columns.size() > MAX_ROW) {
            int rows = (columns.size() + MAX_ROW - 1) / MAX_ROW;
            int perRow = (columns.size() + rows - 1) / rows;
            int i = 0;
            for (List<String> names : columns.values()) {
                positions.put(names.get(0), new double[] {MARGIN + (i % perRow) * COLUMN,
                        MARGIN + (i / perRow) * WRAPPED_ROW});
                i++;
            }
            return positions;
        }
        columns.forEach((c, names) -> {
            double top = MARGIN + (tallest - names.size()) * ROW / 2;
            for (int i = 0; i < names.size(); i++) {
                positions.put(names.get(i), new double[] {MARGIN + c * COLUMN, top + i * ROW});
            }
        });
        return positions;
    }

    /** The longest path from a source, guarding against cycles (a node on a cycle counts it once). */
    private static int columnOf(String name, Map<String, NodeDef> byName, Map<String, Integer> memo,
                                java.util.Set<String> visiting) {
        Integer known = memo.get(name);
        if (known != null) {
            return known;
        }
        NodeDef n = byName.get(name);
        if (n == null || !visiting.add(name)) {
            return -1;
        }
        int c = 0;
        for (String in : n.inputs()) {
            c = Math.max(c, columnOf(in, byName, memo, visiting) + 1);
        }
        visiting.remove(name);
        memo.put(name, c);
        return c;
    }

    /** A command that moves every node of the graph to its auto-layout place. */
    public static MoveNodes command(EditorGraph graph) {
        return new MoveNodes(positions(graph.toGraphDef().nodes()), Text.of("edit.autolayout"));
    }
}
