// Shared by the ONNX tests: networks with non-trivial weights, ONNX Runtime as the reference, and the comparison.
package org.stepwise.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;

final class OnnxTesting {
    /** "Within 1e-5": absolute, plus the same relative to the reference for the rare value far from 0. */
    static final double TOLERANCE = 1e-5;

    private OnnxTesting() {
    }

    /**
     * The network with its initial weights nudged so that no parameter sits at its initial constant (biases at 0,
     * batch-norm γ at 1), and batch-norm running statistics that differ from 0 and 1, as after some training.
     */
    static Network trained(GraphDef graph, long seed) {
        Network net = Network.build(graph, seed);
        SplittableRandom random = new SplittableRandom(seed + 1);
        for (Param p : net.params()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (0.2 * (random.nextDouble() - 0.5));
            }
        }
        for (Node n : net.nodes()) {
            if (!n.state().isEmpty()) {
                float[] mean = n.state().get(0);
                float[] var = n.state().get(1);
                for (int c = 0; c < mean.length; c++) {
                    mean[c] = (float) (random.nextDouble() - 0.5);
                    var[c] = (float) (0.5 + random.nextDouble());
                }
            }
        }
        return net;
    }

    static float[] randomInputs(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) (2 * random.nextDouble() - 1);
        }
        return x;
    }

    /** The model's only output for {@code x} of shape {@code shape}, run by ONNX Runtime. */
    static float[] runtime(byte[] model, String inputName, float[] x, long[] shape) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, options);
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
             OrtSession.Result result = session.run(Map.of(inputName, input))) {
            assertEquals(1, result.size(), "outputs");
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] y = new float[out.remaining()];
            out.get(y);
            return y;
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime refused the model: " + e.getMessage(), e);
        }
    }

    /** (rows, per-sample dims...) as ONNX Runtime takes it. */
    static long[] batchShape(int rows, int[] perSample) {
        long[] shape = new long[perSample.length + 1];
        shape[0] = rows;
        for (int i = 0; i < perSample.length; i++) {
            shape[i + 1] = perSample[i];
        }
        return shape;
    }

    static void assertClose(double[] expected, float[] actual, String what) {
        if (expected.length != actual.length) {
            fail(what + ": expected " + expected.length + " values but got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(expected[i] - actual[i]);
            if (!(error <= TOLERANCE * (1 + Math.abs(expected[i])))) {
                fail(what + ": value " + i + " is " + actual[i] + " but should be " + expected[i] + " (off by "
                        + error + ")");
            }
        }
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        double[] e = new double[expected.length];
        Arrays.setAll(e, i -> expected[i]);
        assertClose(e, actual, what);
    }

    /** The first rows · size values of a live prediction buffer, copied. */
    static float[] predict(Network net, float[] x, int rows) {
        return Arrays.copyOf(net.predict(x, rows), rows * net.output().size());
    }
}
