// Writing a graph gives the documented graph form, and reading it back gives an equal graph.
package org.stepwise.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.ActivationNode;
import org.stepwise.core.layers.BatchNorm;
import org.stepwise.core.layers.Concat;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Dropout;
import org.stepwise.core.layers.Flatten;
import org.stepwise.core.layers.Init;
import org.stepwise.core.layers.Input;
import org.stepwise.core.layers.MaxPool2D;
import org.stepwise.core.tensor.Shape;

class ModelWriterTest {

    static List<String> templates() {
        return Templates.names();
    }

    @ParameterizedTest
    @MethodSource("templates")
    void everyTemplateSurvivesARoundTrip(String name) {
        GraphDef graph = Templates.find(name).orElseThrow().graph();
        assertEquals(graph, ModelReader.read(ModelWriter.write(graph), "saved.json"));
    }

    @Test
    void everySettingSurvivesARoundTrip() {
        GraphDef graph = new GraphDef(List.of(
                new NodeDef("image", new Input.Spec(Shape.of(3, 8, 8))),
                new NodeDef("a", new Conv2D.Spec(4, 3, 1, 1, Activation.GELU, Init.CONSTANT, 0.125f), "image"),
                new NodeDef("b", new Conv2D.Spec(2, 1, 1, 0, Activation.IDENTITY, Init.ZEROS, 0f), "image"),
                new NodeDef("joined", new Concat.Spec(), "a", "b"),
                new NodeDef("norm", new BatchNorm.Spec(0.3f, 1e-3f), List.of("joined"), true),
                new NodeDef("pool", new MaxPool2D.Spec(3, 2), "norm"),
                new NodeDef("flat", new Flatten.Spec(), "pool"),
                new NodeDef("drop", new Dropout.Spec(0.1f), "flat"),
                new NodeDef("fc", new Dense.Spec(5, Activation.SIGMOID, Init.GLOROT, 0f, 54), "drop"),
                new NodeDef("probs", new ActivationNode.Spec(Activation.SOFTMAX), "fc")));
        graph.validate();
        assertEquals(graph, ModelReader.read(ModelWriter.write(graph), "saved.json"));
    }

    @Test
    void writesTheGraphFormWithItsHeader() {
        String written = ModelWriter.write(Templates.find("perceptron").orElseThrow().graph());
        assertEquals("""
                {
                  "format": "stepwise-model",
                  "version": 1,
                  "nodes": [ {
                    "name": "input",
                    "type": "input",
                    "shape": [ 2 ]
                  }, {
                    "name": "output",
                    "type": "dense",
                    "units": 1,
                    "inputs": [ "input" ]
                  } ]
                }
                """, written);
    }
}
