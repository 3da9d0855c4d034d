// The state a lesson starts from: a network, a dataset and training settings, and optionally fixed weights so the
// text can quote them ("w₁ = 0.5").
package org.stepwise.lessons.format;

import java.util.Map;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;

/**
 * @param network    how the header names it: a template ("mlp-2-8-8-1") or a file of the lesson ("net.json")
 * @param graph      that network, read and checked
 * @param dataset    a built-in dataset's name
 * @param parameters fixed values by "node.param" ("output.weight"), row-major; other parameters start from the seed
 */
public record Start(String network, GraphDef graph, String dataset, TrainingSettings settings,
                    Map<String, float[]> parameters) {

    public Start {
        parameters = Map.copyOf(parameters);
    }

    /** A fresh project in this state, named after the lesson: what the studio opens when the lesson starts. */
    public Project project(String name) {
        Project project = Project.create(name, graph, DataRef.builtIn(dataset), settings);
        apply(project.network());
        return project;
    }

    /** Writes the fixed parameters into a network built from {@link #graph}. */
    public void apply(Network network) {
        for (Node node : network.nodes()) {
            for (Param p : node.params()) {
                float[] values = parameters.get(node.name() + "." + p.name());
                if (values != null) {
                    System.arraycopy(values, 0, p.value(), 0, p.size());
                }
            }
        }
    }
}
