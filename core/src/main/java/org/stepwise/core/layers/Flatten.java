// Flatten: an image (channels, height, width) becomes the vector (channels·height·width) that a Dense layer reads.
//
// The values do not move (a sample is already contiguous in row-major order), but the node keeps its own copy so
// that every node owns its buffers and the trace can show each one.
package org.stepwise.core.layers;

import java.util.List;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Node;
import org.stepwise.core.tensor.Shape;

public final class Flatten extends Node {

    public record Spec() implements LayerSpec {
        @Override
        public String type() {
            return "flatten";
        }

        @Override
        public Shape outputShape(String node, List<Shape> in, List<String> inputNames) {
            return Shape.of(in.get(0).size());
        }

        @Override
        public Node create(String name) {
            return new Flatten(name);
        }
    }

    public Flatten(String name) {
        super(name);
    }

    @Override
    public String type() {
        return "flatten";
    }

    @Override
    public void forward(boolean training) {
        System.arraycopy(inputs[0].output(), 0, output, 0, batch * size);
    }

    @Override
    public void backward() {
        if (!inputs[0].gradientWanted()) {
            return;
        }
        float[] dx = inputs[0].gradOutput();
        int n = batch * size;
        for (int i = 0; i < n; i++) {
            dx[i] += gradOutput[i];
        }
    }
}
