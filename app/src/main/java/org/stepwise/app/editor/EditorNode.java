// One node as the editor holds it: the graph data (name, spec, inputs, frozen) plus its place on the canvas.
package org.stepwise.app.editor;

import java.util.List;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.NodeDef;

/**
 * @param inputs the producers feeding this node, in port order; a node may have fewer than its spec needs while
 *               the user is still connecting it (the analysis reports that as a problem)
 * @param x      left edge on the canvas, in canvas units
 * @param y      top edge on the canvas
 */
public record EditorNode(String name, LayerSpec spec, List<String> inputs, boolean frozen, double x, double y) {
    public EditorNode {
        inputs = List.copyOf(inputs);
    }

    public static EditorNode of(NodeDef def, double x, double y) {
        return new EditorNode(def.name(), def.spec(), def.inputs(), def.frozen(), x, y);
    }

    public NodeDef toDef() {
        return new NodeDef(name, spec, inputs, frozen);
    }

    public String type() {
        return spec.type();
    }

    public EditorNode at(double newX, double newY) {
        return new EditorNode(name, spec, inputs, frozen, newX, newY);
    }

    public EditorNode withSpec(LayerSpec newSpec) {
        return new EditorNode(name, newSpec, inputs, frozen, x, y);
    }

    public EditorNode withInputs(List<String> newInputs) {
        return new EditorNode(name, spec, newInputs, frozen, x, y);
    }

    public EditorNode withName(String newName) {
        return new EditorNode(newName, spec, inputs, frozen, x, y);
    }

    public EditorNode withFrozen(boolean newFrozen) {
        return new EditorNode(name, spec, inputs, newFrozen, x, y);
    }
}
