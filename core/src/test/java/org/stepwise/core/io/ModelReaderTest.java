// The three forms of a network description read into the GraphDef one would build by hand.
package org.stepwise.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.ActivationNode;
import org.stepwise.core.layers.Add;
import org.stepwise.core.layers.BatchNorm;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Dropout;
import org.stepwise.core.layers.Flatten;
import org.stepwise.core.layers.Init;
import org.stepwise.core.layers.Input;
import org.stepwise.core.layers.MaxPool2D;
import org.stepwise.core.tensor.Shape;

class ModelReaderTest {

    @Test
    void layerListEqualsTheHandBuiltGraph() {
        GraphDef read = ModelReader.read("""
                {"input": [2], "layers": [{"dense": 8, "act": "tanh"}, {"dense": 8, "act": "tanh"}, {"dense": 1}]}
                """, "model.json");
        assertEquals(new GraphDef(List.of(
                new NodeDef("input", new Input.Spec(Shape.of(2))),
                new NodeDef("dense1", new Dense.Spec(8, Activation.TANH), "input"),
                new NodeDef("dense2", new Dense.Spec(8, Activation.TANH), "dense1"),
                new NodeDef("dense3", new Dense.Spec(1, Activation.IDENTITY), "dense2"))), read);
    }

    @Test
    void layerListReadsEveryLayerKindWithItsSettingsAndDefaults() {
        GraphDef read = ModelReader.read("""
                {"format": "stepwise-model", "version": 1,
                 "input": [1, 28, 28],
                 "layers": [
                   {"conv2d": 6, "kernel": 5, "padding": 2, "act": "relu", "init": "kaiming"},
                   {"batchnorm": true, "momentum": 0.2},
                   {"maxpool": 2},
                   {"conv2d": 4, "kernel": 3, "stride": 2, "frozen": true},
                   {"maxpool": 3, "stride": 1},
                   {"flatten": true},
                   {"dropout": 0.25, "name": "drop"},
                   {"dense": 10, "init": "constant", "init_value": 0.5},
                   {"act": "linear"},
                   {"act": "leaky_relu"}
                 ]}
                """, "model.json");
        assertEquals(new GraphDef(List.of(
                new NodeDef("input", new Input.Spec(Shape.of(1, 28, 28))),
                new NodeDef("conv1", new Conv2D.Spec(6, 5, 1, 2, Activation.RELU, Init.HE, 0f), "input"),
                new NodeDef("batchnorm1", new BatchNorm.Spec(0.2f, 1e-5f), "conv1"),
                new NodeDef("pool1", new MaxPool2D.Spec(2, 2), "batchnorm1"),
                new NodeDef("conv2", new Conv2D.Spec(4, 3, 2, 0, Activation.IDENTITY), List.of("pool1"), true),
                new NodeDef("pool2", new MaxPool2D.Spec(3, 1), "conv2"),
                new NodeDef("flatten1", new Flatten.Spec(), "pool2"),
                new NodeDef("drop", new Dropout.Spec(0.25f), "flatten1"),
                new NodeDef("dense1", new Dense.Spec(10, Activation.IDENTITY, Init.CONSTANT, 0.5f, 0), "drop"),
                new NodeDef("identity1", new ActivationNode.Spec(Activation.IDENTITY), "dense1"),
                new NodeDef("leaky_relu1", new ActivationNode.Spec(Activation.LEAKY_RELU), "identity1"))), read);
    }

    @Test
    void generatedNamesSkipNamesTheAuthorGave() {
        GraphDef read = ModelReader.read("""
                {"input": [2], "layers": [{"dense": 4}, {"dense": 4, "name": "dense1"}]}
                """, "model.json");
        assertEquals(List.of("input", "dense2", "dense1"), read.nodes().stream().map(NodeDef::name).toList());
    }

    @Test
    void graphFormWithASkipConnectionValidatesAndBuilds() {
        GraphDef read = ModelReader.read("""
                {"nodes": [
                  {"name": "in", "type": "input", "shape": [2]},
                  {"name": "h1", "type": "dense", "units": 8, "act": "tanh", "inputs": ["in"]},
                  {"name": "h2", "type": "dense", "units": 8, "act": "tanh", "inputs": ["h1"]},
                  {"name": "sum", "type": "add", "inputs": ["h1", "h2"]},
                  {"name": "out", "type": "dense", "units": 1, "inputs": ["sum"], "frozen": true}
                ]}
                """, "model.json");
        assertEquals(new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2))),
                new NodeDef("h1", new Dense.Spec(8, Activation.TANH), "in"),
                new NodeDef("h2", new Dense.Spec(8, Activation.TANH), "h1"),
                new NodeDef("sum", new Add.Spec(), "h1", "h2"),
                new NodeDef("out", new Dense.Spec(1, Activation.IDENTITY), List.of("sum"), true))), read);
        // 2·8+8 + 8·8+8 + 8·1+1
        assertEquals(105, Network.build(read, 3).parameterCount());
    }

    @Test
    void graphFormNodesMayComeInAnyOrder() {
        GraphDef read = ModelReader.read("""
                {"nodes": [
                  {"name": "out", "type": "sigmoid", "inputs": ["h"]},
                  {"name": "h", "type": "dense", "units": 3, "inputs": ["x"]},
                  {"name": "x", "type": "input", "shape": [4]}
                ]}
                """, "model.json");
        assertEquals("out", read.validate().output().name());
    }

    @Test
    void templateInAFileIsTheNamedTemplate() {
        assertEquals(Templates.find("lenet").orElseThrow().graph(),
                ModelReader.read("{\"format\": \"stepwise-model\", \"template\": \"lenet\"}", "model.json"));
    }

    @Test
    void commandLineArgumentIsATemplateNameOrAFile(@TempDir Path dir) throws Exception {
        assertEquals(Templates.find("mlp-2-8-8-1").orElseThrow().graph(), ModelReader.load("mlp-2-8-8-1"));
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, "\uFEFF{\"input\": [3], \"layers\": [{\"dense\": 2, \"act\": \"softmax\"}]}");
        assertEquals(new GraphDef(List.of(
                new NodeDef("input", new Input.Spec(Shape.of(3))),
                new NodeDef("dense1", new Dense.Spec(2, Activation.SOFTMAX), "input"))),
                ModelReader.load(file.toString()));
    }
}
