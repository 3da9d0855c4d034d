// Every mistake in a network description gives one message a student can act on, at the line and column of the
// mistake, and no graph.
package org.stepwise.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelErrorsTest {

    // ---- the JSON itself ------------------------------------------------------------------------------------

    @Test
    void aMissingCommaIsReportedWhereTheParserStopped() {
        assertFails("""
                {"input": [2],
                 "layers": [{"dense": 8} {"dense": 1}]}
                """, "model.json:2:26: invalid JSON: Unexpected character ('{' (code 123)): was expecting comma to "
                + "separate Array entries");
    }

    @Test
    void aKeyGivenTwiceIsAMistakeNotASilentOverride() {
        assertFails("""
                {"input": [2], "layers": [{"dense": 8, "dense": 4}]}
                """, "model.json:1:40: the key 'dense' appears twice in the same object");
    }

    @Test
    void anEmptyDescriptionSaysWhatAModelLooksLike() {
        assertFails("  ", "model.json:1:1: the description is empty; a model is a JSON object such as "
                + "{\"template\": \"perceptron\"}");
    }

    @Test
    void textAfterTheModelIsRefused() {
        assertFails("{\"template\": \"lenet\"}\n{\"template\": \"perceptron\"}", "model.json:2:1: there is more "
                + "after the end of the model's JSON value; a file holds one model");
    }

    @Test
    void aDescriptionMustBeAnObject() {
        assertFails("[1, 2]", "model.json:1:1: a model description must be a JSON object such as "
                + "{\"template\": \"perceptron\"}, not [1,2]");
    }

    @Test
    void nestingDeeperThanAnyModelIsRefused() {
        assertFails("{\"nodes\": " + "[".repeat(40) + "]".repeat(40) + "}", "model.json:1:43: the JSON is nested "
                + "more than 32 levels deep; a model needs four at most");
    }

    // ---- the top level --------------------------------------------------------------------------------------

    @Test
    void anUnknownTopLevelKeyListsTheAllowedOnes() {
        assertFails("""
                {"template": "lenet",
                 "training": {"epochs": 3}}
                """, "model.json:2:2: unknown key 'training'; the keys allowed here are format, version, template, "
                + "input, layers, nodes");
    }

    @Test
    void aMisspeltTopLevelKeyGetsASuggestion() {
        assertFails("{\"input\": [2], \"layer\": [{\"dense\": 1}]}",
                "model.json:1:16: unknown key 'layer' (did you mean 'layers'?)");
    }

    @Test
    void aNewerFormatVersionIsRefusedNamingBothVersions() {
        assertFails("""
                {"format": "stepwise-model", "version": 2, "template": "lenet"}
                """, "model.json:1:41: this file uses version 2 of the model format, but this Stepwise reads "
                + "version 1 only; open it with a newer Stepwise");
    }

    @Test
    void anotherFormatIsRefused() {
        assertFails("{\"format\": \"keras\", \"template\": \"lenet\"}",
                "model.json:1:12: 'format' must be \"stepwise-model\", not \"keras\"");
    }

    @Test
    void anUnknownTemplateListsTheKnownOnes() {
        assertFails("{\"template\": \"lenet5\"}", "model.json:1:14: unknown template 'lenet5' (did you mean "
                + "'lenet'?); the templates are perceptron, mlp-2-8-8-1, mlp-784-128-10, deep-mlp, lenet, "
                + "residual-mlp");
    }

    @Test
    void twoFormsAtOnceAreRefused() {
        assertFails("{\"template\": \"lenet\", \"nodes\": []}", "model.json:1:23: 'template' and 'nodes' cannot "
                + "be combined: a model is a template, a layer list or a node graph");
    }

    @Test
    void anObjectWithNoFormSaysWhichKeysMakeOne() {
        assertFails("{\"version\": 1}", "model.json:1:1: a model needs 'template', 'layers' (with 'input') or "
                + "'nodes'; for example {\"template\": \"perceptron\"}");
    }

    // ---- the layer list -------------------------------------------------------------------------------------

    @Test
    void aLayerListWithoutInputAsksForTheSampleShape() {
        assertFails("{\"layers\": [{\"dense\": 1}]}", "model.json:1:1: missing key 'input': give the shape of "
                + "one sample, such as [2] or [1, 28, 28]");
    }

    @Test
    void anInputShapeOfTwoDimensionsIsRefused() {
        assertFails("{\"input\": [28, 28], \"layers\": [{\"dense\": 1}]}", "model.json:1:11: 'input' must be "
                + "the shape of one sample, [features] or [channels, height, width], such as [2] or [1, 28, 28], "
                + "not [28,28]");
    }

    @Test
    void aNegativeUnitCountNamesTheLayerAndTheValue() {
        assertFails("""
                {"input": [2],
                 "layers": [
                   {"dense": 8, "act": "tanh"},
                   {"dense": -3}
                 ]}
                """, "model.json:4:14: layer 2: 'dense' must be at least 1, not -3");
    }

    @Test
    void aFractionalUnitCountIsNotAWholeNumber() {
        assertFails("{\"input\": [2], \"layers\": [{\"dense\": 8.5}]}",
                "model.json:1:37: layer 1: 'dense' must be a whole number, not 8.5");
    }

    @Test
    void anUnknownActivationSuggestsTheNearestAndListsAll() {
        assertFails("{\"input\": [2], \"layers\": [{\"dense\": 8, \"act\": \"relu6\"}]}",
                "model.json:1:47: layer 1: unknown activation 'relu6' (did you mean 'relu'?); use one of identity, "
                        + "relu, leaky_relu, sigmoid, tanh, gelu, softmax");
    }

    @Test
    void aLongKeyNameLeadsToItsShortForm() {
        assertFails("{\"input\": [2], \"layers\": [{\"dense\": 8, \"activation\": \"relu\"}]}",
                "model.json:1:40: layer 1: unknown key 'activation' (did you mean 'act'?)");
    }

    @Test
    void aSettingOfAnotherLayerKindIsUnknownHere() {
        assertFails("""
                {"input": [2],
                 "layers": [{"dense": 8}, {"dense": 8}, {"dense": 1, "padding": 1}]}
                """, "model.json:2:54: layer 3: unknown key 'padding'; the keys allowed here are dense, act, init, "
                + "init_value, in_features, name, frozen");
    }

    @Test
    void aLayerOfTwoKindsIsRefused() {
        assertFails("{\"input\": [2], \"layers\": [{\"dense\": 8, \"dropout\": 0.5}]}",
                "model.json:1:27: layer 1: has both 'dense' and 'dropout'; one entry describes one layer");
    }

    @Test
    void aLayerOfNoKindListsTheKinds() {
        assertFails("{\"input\": [2], \"layers\": [{\"name\": \"x\"}]}", "model.json:1:27: layer 1: needs one "
                + "of the keys dense, conv2d, maxpool, flatten, dropout, batchnorm, layernorm, token_embedding, "
                + "positional_embedding, attention, feedforward, lm_head or act to say what layer it is");
    }

    @Test
    void flattenFalseIsNotALayer() {
        assertFails("{\"input\": [1, 4, 4], \"layers\": [{\"flatten\": false}, {\"dense\": 1}]}",
                "model.json:1:45: layer 1: 'flatten' must be true: write {\"flatten\": true} for a flatten layer, "
                        + "or leave the layer out");
    }

    @Test
    void aDropoutRateOfOneIsOutOfRange() {
        assertFails("{\"input\": [2], \"layers\": [{\"dropout\": 1.0}, {\"dense\": 1}]}",
                "model.json:1:39: layer 1: 'dropout' must be at least 0 and below 1, not 1.0");
    }

    @Test
    void anInitValueWithoutConstantInitIsPointless() {
        assertFails("{\"input\": [2], \"layers\": [{\"dense\": 1, \"init\": \"he\", \"init_value\": 3}]}",
                "model.json:1:54: layer 1: 'init_value' only applies with \"init\": \"constant\"");
    }

    @Test
    void anUnknownInitialisationListsTheKnownOnes() {
        assertFails("{\"input\": [2], \"layers\": [{\"dense\": 1, \"init\": \"glorrot\"}]}",
                "model.json:1:48: layer 1: unknown initialisation 'glorrot' (did you mean 'glorot'?); use one of "
                        + "glorot, he, zeros, constant");
    }

    @Test
    void whatOnlyTheSpecRefusesIsPlacedAtTheLayer() {
        assertFails("{\"input\": [1, 8, 8], \"layers\": [{\"conv2d\": 2, \"kernel\": 3, \"act\": \"softmax\"}]}",
                "model.json:1:33: layer 1: A convolution cannot end in softmax: flatten first, then apply softmax");
    }

    @Test
    void aShapeMistakeNamesTheLayerAndBothShapes() {
        assertFails("""
                {"input": [1, 28, 28],
                 "layers": [{"conv2d": 6, "kernel": 5},
                            {"dense": 10}]}
                """, "model.json:3:13: layer 2: Dense 'dense1' expects a vector but receives (6, 24, 24) from "
                + "'conv1': put a Flatten before it");
    }

    @Test
    void tooManyLayersAreRefusedBeforeReadingThem() {
        assertFails("{\"input\": [2], \"layers\": [" + "{\"dense\": 1},".repeat(10_000) + "{\"dense\": 1}]}",
                "model.json:1:26: the model has 10001 layers, more than the 9999 a description may have");
    }

    // ---- the node graph -------------------------------------------------------------------------------------

    @Test
    void aMisspeltKeyInANodeGetsASuggestion() {
        assertFails("""
                {"nodes": [
                  {"name": "in", "type": "input", "shape": [2]},
                  {"name": "h1", "type": "dense", "unit": 8, "inputs": ["in"]}
                ]}
                """, "model.json:3:35: node 'h1': unknown key 'unit' (did you mean 'units'?)");
    }

    @Test
    void anUnknownTypeSuggestsAndListsTheTypes() {
        assertFails("""
                {"nodes": [{"name": "in", "type": "input", "shape": [2]},
                           {"name": "p", "type": "maxpool", "size": 2, "inputs": ["in"]}]}
                """, "model.json:2:34: node 'p': unknown type 'maxpool' (did you mean 'maxpool2d'?); use one of "
                + "input, dense, conv2d, maxpool2d, flatten, dropout, batchnorm, layernorm, token_embedding, "
                + "positional_embedding, attention, feedforward, lm_head, add, concat, identity, relu, leaky_relu, "
                + "sigmoid, tanh, gelu, softmax");
    }

    @Test
    void aMissingUnitCountNamesTheNode() {
        assertFails("""
                {"nodes": [{"name": "in", "type": "input", "shape": [2]},
                           {"name": "h", "type": "dense", "inputs": ["in"]}]}
                """, "model.json:2:12: node 'h': missing key 'units'");
    }

    @Test
    void aNodeReadingFromNowhereIsReportedAtThatNode() {
        assertFails("""
                {"nodes": [
                  {"name": "in", "type": "input", "shape": [2]},
                  {"name": "h1", "type": "dense", "units": 8, "inputs": ["in"]},
                  {"name": "sum", "type": "add", "inputs": ["h1", "h9"]}
                ]}
                """, "model.json:4:3: Add 'sum' reads from 'h9', which does not exist");
    }

    @Test
    void twoNodesOfOneNameAreReportedAtTheSecond() {
        assertFails("""
                {"nodes": [
                  {"name": "in", "type": "input", "shape": [2]},
                  {"name": "h", "type": "dense", "units": 8, "inputs": ["in"]},
                  {"name": "h", "type": "dense", "units": 1, "inputs": ["h"]}
                ]}
                """, "model.json:4:3: a second node is named 'h'; names must be unique");
    }

    @Test
    void aCycleIsNamed() {
        assertFails("""
                {"nodes": [
                  {"name": "in", "type": "input", "shape": [2]},
                  {"name": "a", "type": "add", "inputs": ["in", "b"]},
                  {"name": "b", "type": "relu", "inputs": ["a"]},
                  {"name": "out", "type": "dense", "units": 1, "inputs": ["b"]}
                ]}
                """, "model.json:3:3: The graph has a cycle through 'a' → 'b' → 'out': a network must not feed back "
                + "into itself");
    }

    @Test
    void aGraphWithoutInputNodeIsReportedAtTheList() {
        assertFails("""
                {"nodes": [{"name": "a", "type": "relu", "inputs": ["b"]},
                           {"name": "b", "type": "relu", "inputs": ["a"]}]}
                """, "model.json:1:11: A network needs exactly one input node, but has 0");
    }

    @Test
    void aNodeThatReadsFromNothingIsRefused() {
        assertFails("""
                {"nodes": [{"name": "in", "type": "input", "shape": [2]},
                           {"name": "h", "type": "relu", "inputs": []}]}
                """, "model.json:2:52: node 'h': 'inputs' is empty: name the node this one reads from, such as "
                + "[\"input\"]");
    }

    @Test
    void anInputNodeWithInputsIsRefused() {
        assertFails("{\"nodes\": [{\"name\": \"in\", \"type\": \"input\", \"shape\": [2], \"inputs\": [\"x\"]}]}",
                "model.json:1:58: node 'in': an input node reads from no other node: remove 'inputs'");
    }

    @Test
    void inputsMustBeNodeNames() {
        assertFails("""
                {"nodes": [{"name": "in", "type": "input", "shape": [2]},
                           {"name": "o", "type": "dense", "units": 1, "inputs": ["in", 3]}]}
                """, "model.json:2:72: node 'o': 'inputs' must list node names, but entry 2 is 3");
    }

    // ---- files and the command line -------------------------------------------------------------------------

    @Test
    void aFileIsNamedAsGivenInEveryMessage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "{\"input\": [2],\n \"layers\": [{\"dense\": 0}]}");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.read(file));
        assertEquals(file + ":2:23: layer 1: 'dense' must be at least 1, not 0", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(23, e.column());
        assertEquals("layer 1: 'dense' must be at least 1, not 0", e.detail());
    }

    @Test
    void aFileOverTheSizeLimitIsNotRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("huge.json");
        Files.writeString(file, " ".repeat(ModelReader.MAX_BYTES) + "{}");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.read(file));
        assertEquals(file + ": the description is larger than 1 MiB, the limit for a model; a hand-written one is "
                + "a few KiB", e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8IsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.json");
        Files.write(file, new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.read(file));
        assertEquals(file + ": the file is not UTF-8 text; save it as UTF-8 JSON", e.getMessage());
    }

    @Test
    void aMissingFileSaysSo(@TempDir Path dir) {
        Path file = dir.resolve("absent.json");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.load(file.toString()));
        assertEquals(file + ": there is no such file", e.getMessage());
    }

    @Test
    void anUnknownCommandLineNameSuggestsATemplate() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.load("mlp-2-8-1"));
        assertEquals("'mlp-2-8-1' is neither a template nor a file (did you mean 'mlp-2-8-8-1'?); the templates are "
                + "perceptron, mlp-2-8-8-1, mlp-784-128-10, deep-mlp, lenet, residual-mlp", e.getMessage());
        assertEquals(0, e.line());
    }

    private static void assertFails(String json, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.read(json, "model.json"));
        assertEquals(expected, e.getMessage());
    }
}
