// One node of a graph description: a unique name, its spec, the names of the nodes feeding it, and the frozen flag.
package org.stepwise.core.graph;

import java.util.List;

public record NodeDef(String name, LayerSpec spec, List<String> inputs, boolean frozen) {
    public NodeDef {
        if (name == null || name.isBlank()) {
            throw new GraphException(null, "Every node needs a name");
        }
        inputs = List.copyOf(inputs);
    }

    public NodeDef(String name, LayerSpec spec, String... inputs) {
        this(name, spec, List.of(inputs), false);
    }

    public NodeDef withFrozen(boolean frozen) {
        return new NodeDef(name, spec, inputs, frozen);
    }
}
