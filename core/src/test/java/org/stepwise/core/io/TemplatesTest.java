// Every template builds a network with the parameter count worked out by hand, and keeps its documented names.
package org.stepwise.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.tensor.Shape;

class TemplatesTest {

    @ParameterizedTest(name = "{0} has {1} parameters")
    @CsvSource({
            // 2·1 + 1
            "perceptron,        3",
            // 2·8+8 + 8·8+8 + 8·1+1
            "mlp-2-8-8-1,     105",
            // 784·128+128 + 128·10+10
            "mlp-784-128-10, 101770",
            // 2·16+16 + 5·(16·16+16) + 16·1+1
            "deep-mlp,       1425",
            // conv1 6·1·5·5+6 + conv2 16·6·5·5+16 + fc1 400·120+120 + fc2 120·84+84 + output 84·10+10
            "lenet,          61706",
            // stem 2·16+16 + block1 16·16+16 + block2 16·16+16 + output 16·1+1
            "residual-mlp,    609",
    })
    void eachTemplateBuildsWithItsDocumentedParameterCount(String name, long parameters) {
        Network net = Network.build(ModelReader.load(name), 7);
        assertEquals(parameters, net.parameterCount());
    }

    @Test
    void leNetMatchesThePeerBenchmarksShapes() {
        GraphDef.Inferred inferred = Templates.find("lenet").orElseThrow().graph().validate();
        // padding 2 keeps 28×28 through conv1, as in peer_train.py; conv2 without padding leaves 10×10, pooled to 5×5
        assertEquals(Shape.of(6, 28, 28), inferred.shapes().get("conv1"));
        assertEquals(Shape.of(6, 14, 14), inferred.shapes().get("pool1"));
        assertEquals(Shape.of(16, 10, 10), inferred.shapes().get("conv2"));
        assertEquals(Shape.of(16, 5, 5), inferred.shapes().get("pool2"));
        assertEquals(Shape.of(400), inferred.shapes().get("flatten"));
        assertEquals(Shape.of(10), inferred.shapes().get("output"));
    }

    @Test
    void residualTemplateAddsTheStemToTheBlock() {
        NodeDef add = Templates.find("residual-mlp").orElseThrow().graph().node("add");
        assertEquals(List.of("stem", "block2"), add.inputs());
    }

    @Test
    void nodeNamesAreReadableAndStable() {
        assertEquals(List.of("input", "hidden1", "hidden2", "output"), names("mlp-2-8-8-1"));
        assertEquals(List.of("input", "conv1", "pool1", "conv2", "pool2", "flatten", "fc1", "fc2", "output"),
                names("lenet"));
        assertEquals(List.of("input", "stem", "block1", "block2", "add", "relu", "output"), names("residual-mlp"));
    }

    @Test
    void everyTemplateEndsInLogits() {
        for (Templates.Template t : Templates.all()) {
            Dense.Spec output = (Dense.Spec) t.graph().node("output").spec();
            assertEquals(Activation.IDENTITY, output.activation(), t.name());
        }
    }

    @Test
    void theMenuListsTemplatesFromTheSimplest() {
        assertEquals(List.of("perceptron", "mlp-2-8-8-1", "mlp-784-128-10", "deep-mlp", "lenet", "residual-mlp"),
                Templates.names());
    }

    private static List<String> names(String template) {
        return Templates.find(template).orElseThrow().graph().nodes().stream().map(NodeDef::name).toList();
    }
}
