// Sets one parameter value of the network by hand (the neuron view's weight editor); undo restores the old value.
package org.stepwise.app.editor;

import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;

public final class SetWeight implements EditCommand {
    private final String node;
    private final String param;
    private final int index;
    private final float value;
    private float before;

    /** @param param "weight" or "bias"; @param index the flat index in the parameter's row-major values */
    public SetWeight(String node, String param, int index, float value) {
        this.node = node;
        this.param = param;
        this.index = index;
        this.value = value;
    }

    private float[] values(Document document) {
        if (document.network() == null) {
            throw new IllegalStateException("There is no network to change while the graph is invalid");
        }
        Node n = document.network().node(node);
        for (Param p : n.params()) {
            if (p.name().equals(param)) {
                return p.value();
            }
        }
        throw new IllegalArgumentException("'" + node + "' has no parameter " + param);
    }

    @Override
    public void execute(Document document) {
        float[] v = values(document);
        before = v[index];
        v[index] = value;
    }

    @Override
    public void undo(Document document) {
        values(document)[index] = before;
    }

    @Override
    public Text description() {
        return Text.of("edit.weight", node, value);
    }
}
