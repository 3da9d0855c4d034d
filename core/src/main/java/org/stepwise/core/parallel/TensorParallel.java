// Tensor parallelism in miniature: one dense layer's product y = x·Wᵀ + b split across two simulated devices.
//
// Column-wise (by output units): each device holds half of W's rows (its units) and their biases, computes its half
// of y from the whole x, and an all-gather joins the halves: each device sends its rows × units/2 outputs.
// Row-wise (by input features): each device holds the columns of W for half the inputs and sees only those inputs,
// computes a partial y for every unit, and an all-reduce sums the partials (the bias is added once, after): each
// device sends rows × units partial sums. The column split computes every dot product exactly as one device would;
// the row split adds its halves in another order, so it agrees to rounding.
package org.stepwise.core.parallel;

public final class TensorParallel {

    /** A split's output and the floats each device sends to the other. */
    public record Split(float[] output, long floatsSentPerDevice) {
    }

    private TensorParallel() {
    }

    /**
     * One dense layer of a network split both ways on a batch: the largest |difference| of each split's output from
     * the one-device product, and the floats each device sends.
     */
    public record LayerSplit(String node, int rows, int in, int units, double columnDifference, long columnFloats,
                             double rowDifference, long rowFloats) {
    }

    /** Runs {@code rows} samples of {@code x} up to the dense layer {@code node}, then its product split both ways. */
    public static LayerSplit splitLayer(org.stepwise.core.graph.Network net, float[] x, int rows, String node) {
        if (!(net.node(node) instanceof org.stepwise.core.layers.Dense dense)) {
            throw new IllegalArgumentException("\"" + node + "\" is not a dense layer: only a dense layer's weight "
                    + "matrix is split here");
        }
        net.load(x, rows);
        net.forward(false);
        org.stepwise.core.graph.Node source = dense.inputs()[0];
        int in = source.size();
        int units = dense.size();
        float[] input = java.util.Arrays.copyOf(source.output(), rows * in);
        float[] w = dense.weight().value();
        float[] b = dense.bias().value();
        float[] one = single(input, w, b, rows, in, units);
        Split columns = byColumns(input, w, b, rows, in, units);
        Split byRows = byRows(input, w, b, rows, in, units);
        return new LayerSplit(node, rows, in, units, largestDifference(one, columns.output()),
                columns.floatsSentPerDevice(), largestDifference(one, byRows.output()), byRows.floatsSentPerDevice());
    }

    private static double largestDifference(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    /** y = x·Wᵀ + b on one device: x (rows, in), W (units, in), b (units); summed in input order. */
    public static float[] single(float[] x, float[] w, float[] b, int rows, int in, int units) {
        float[] y = new float[rows * units];
        for (int r = 0; r < rows; r++) {
            for (int u = 0; u < units; u++) {
                y[r * units + u] = dot(x, r * in, w, u * in, 0, in) + b[u];
            }
        }
        return y;
    }

    /** Device 0 has units [0, units/2), device 1 the rest; the halves are gathered into y. */
    public static Split byColumns(float[] x, float[] w, float[] b, int rows, int in, int units) {
        int half = units / 2;
        float[] y = new float[rows * units];
        for (int device = 0; device < 2; device++) {
            int from = device == 0 ? 0 : half;
            int to = device == 0 ? half : units;
            for (int r = 0; r < rows; r++) {
                for (int u = from; u < to; u++) {
                    y[r * units + u] = dot(x, r * in, w, u * in, 0, in) + b[u];
                }
            }
        }
        return new Split(y, (long) rows * Math.max(half, units - half));
    }

    /** Device 0 has inputs [0, in/2), device 1 the rest; their partial sums are all-reduced, then b is added. */
    public static Split byRows(float[] x, float[] w, float[] b, int rows, int in, int units) {
        int half = in / 2;
        float[] partial0 = new float[rows * units];
        float[] partial1 = new float[rows * units];
        for (int r = 0; r < rows; r++) {
            for (int u = 0; u < units; u++) {
                partial0[r * units + u] = dot(x, r * in, w, u * in, 0, half);
                partial1[r * units + u] = dot(x, r * in, w, u * in, half, in);
            }
        }
        float[] y = new float[rows * units];
        for (int i = 0; i < y.length; i++) {
            y[i] = partial0[i] + partial1[i] + b[i % units];
        }
        return new Split(y, (long) rows * units);
    }

    private static float dot(float[] x, int xOff, float[] w, int wOff, int from, int to) {
        float s = 0;
        for (int i = from; i < to; i++) {
            s += x[xOff + i] * w[wOff + i];
        }
        return s;
    }
}
