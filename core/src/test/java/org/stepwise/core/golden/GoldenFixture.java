// Test helper: reads one golden fixture (src/test/resources/golden/<case>.json, written by make_golden.py).
//
// A fixture holds a batch, PyTorch's weights keyed "<node>.<param>" in PyTorch's layout, and what PyTorch computed
// from them in one training step: output, loss and gradients, the running statistics ("<node>.running_mean") the step
// left, and the inference output after it. It knows nothing of networks: GoldenTest builds them and compares.
package org.stepwise.core.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stepwise.core.train.Batch;

record GoldenFixture(String name, String loss, Batch batch, Map<String, Tensor> params, Tensor output,
                     float lossValue, Tensor inputGrad, Map<String, Tensor> grads, Map<String, Tensor> state,
                     Tensor inferenceOutput) {

    /** A flat row-major tensor and its shape; the batch is the first dimension where there is one. */
    record Tensor(int[] shape, float[] data) {
    }

    static GoldenFixture load(String name) {
        String resource = "/golden/" + name + ".json";
        try (InputStream in = GoldenFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("There is no fixture " + resource
                        + "; run src/test/resources/golden/make_golden.py");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            JsonNode expected = root.get("expected");
            Tensor x = tensor(root.get("x"));
            int rows = x.shape()[0];
            int[] labels = root.has("labels") ? ints(root.get("labels")) : null;
            float[] y = root.has("y") ? tensor(root.get("y")).data() : null;
            return new GoldenFixture(name, root.get("loss").asText(), new Batch(x.data(), labels, y, rows),
                    tensors(root.get("params")), tensor(expected.get("output")), expected.get("loss").floatValue(),
                    tensor(expected.get("input_grad")), tensors(expected.get("grads")), tensors(expected.get("state")),
                    tensor(expected.get("inference_output")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    static Map<String, Tensor> tensors(JsonNode object) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), tensor(e.getValue())));
        return out;
    }

    // The file has nine significant digits, which a double holds exactly and rounds to the float PyTorch had.
    static Tensor tensor(JsonNode node) {
        JsonNode data = node.get("data");
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).floatValue();
        }
        return new Tensor(ints(node.get("shape")), values);
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }
}
