// Which graphs the neuron view draws (and why not the others), and the one command that resizes a hidden layer.
package org.stepwise.app.studio.neurons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.app.editor.CommandStack;
import org.stepwise.app.editor.Document;
import org.stepwise.app.editor.EditorGraph;
import org.stepwise.app.editor.Text;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.io.Templates;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.tensor.Shape;

class NeuronChainTest {

    static EditorGraph template(String name) {
        return EditorGraph.of(Templates.find(name).orElseThrow().graph(), Map.of());
    }

    static EditorGraph chain(int features, Dense.Spec... layers) {
        List<NodeDef> nodes = new java.util.ArrayList<>(List.of(new NodeDef("input", new Input.Spec(Shape.of(
                features)))));
        for (int k = 0; k < layers.length; k++) {
            nodes.add(new NodeDef("d" + k, layers[k], k == 0 ? "input" : "d" + (k - 1)));
        }
        return EditorGraph.of(new GraphDef(nodes), Map.of());
    }

    @Test
    void readsTheSmallMlpAsFourColumnsWithTheLastAsOutput() {
        NeuronChain chain = NeuronChain.read(template("mlp-2-8-8-1")).chain();
        assertEquals(List.of(
                new NeuronChain.Column("input", 2, null, NeuronChain.Role.INPUT),
                new NeuronChain.Column("hidden1", 8, Activation.TANH, NeuronChain.Role.HIDDEN),
                new NeuronChain.Column("hidden2", 8, Activation.TANH, NeuronChain.Role.HIDDEN),
                new NeuronChain.Column("output", 1, Activation.IDENTITY, NeuronChain.Role.OUTPUT)), chain.columns());
        assertTrue(NeuronView.supports(template("perceptron")));
        assertNull(NeuronView.unsupportedReason(template("perceptron")));
    }

    @ParameterizedTest
    @CsvSource({
            "lenet, neurons.unsupported.image",
            "mlp-784-128-10, neurons.unsupported.wideInput",
            "deep-mlp, neurons.unsupported.wideLayer",
            "residual-mlp, neurons.unsupported.wideLayer"})
    void refusesTemplatesItCannotDrawWithAReason(String template, String reason) {
        assertFalse(NeuronView.supports(template(template)));
        assertEquals(reason, NeuronView.unsupportedReason(template(template)).key());
    }

    @Test
    void refusesALayerOfSixteenUnitsNamingIt() {
        EditorGraph g = chain(2, new Dense.Spec(16, Activation.RELU), new Dense.Spec(1, Activation.IDENTITY));
        assertEquals(Text.of("neurons.unsupported.wideLayer", "d0", 16, 10), NeuronView.unsupportedReason(g));
    }

    @Test
    void refusesALanguageModelAsTextNotAsWideInput() {
        EditorGraph gpt = EditorGraph.of(new org.stepwise.core.gpt.GptConfig(5, 4, 8, 2, 1, 16).graph(), Map.of());
        assertEquals(Text.of("neurons.unsupported.tokens"), NeuronView.unsupportedReason(gpt));
    }

    @Test
    void refusesAnInvalidGraphAndAnInputAlone() {
        EditorGraph broken = chain(2, new Dense.Spec(4, Activation.RELU, null, 0f, 3));
        assertEquals("neurons.unsupported.invalid", NeuronView.unsupportedReason(broken).key());
        assertEquals("neurons.unsupported.noLayers", NeuronView.unsupportedReason(chain(2)).key());
    }

    @Test
    void resizingIsOneCommandThatAlsoUpdatesAFixedInputCountOfTheNextLayer() {
        EditorGraph g = chain(2, new Dense.Spec(4, Activation.RELU), new Dense.Spec(3, Activation.RELU, null, 0f, 4),
                new Dense.Spec(1, Activation.IDENTITY));
        CommandStack stack = new CommandStack(new Document(g, TrainingSettings.defaults(), DataRef.builtIn("spiral")));
        stack.execute(NeuronChain.resize(g, "d0", 5));
        assertEquals(1, stack.size());
        assertEquals(5, ((Dense.Spec) g.node("d0").spec()).units());
        assertEquals(5, ((Dense.Spec) g.node("d1").spec()).inputs());
        assertTrue(g.analysis().ok(), g.analysis().problems().toString());
        assertEquals(Text.of("edit.units", "d0", 5), stack.undoDescription());
        stack.undo();
        assertEquals(4, ((Dense.Spec) g.node("d0").spec()).units());
        assertEquals(4, ((Dense.Spec) g.node("d1").spec()).inputs());
    }
}
