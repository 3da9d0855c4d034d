// The playground's own copy of the network: built once per structure, loaded with a snapshot's weights before each
// evaluation, and run over the grid of the plane, over the drawn points and over one clicked point. The live
// network belongs to the training thread; this copy is touched only on the FX thread.
package org.stepwise.app.studio.playground;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.eval.Evaluator;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.layers.Activated;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.project.Session;
import org.stepwise.core.train.Loss;

final class PlaneNetwork {
    enum Kind { INPUT, HIDDEN, OUTPUT }

    /**
     * One column of unit maps: the input's two features, each hidden node, the output.
     *
     * @param activation the node's activation, IDENTITY when it has none
     * @param source     the column feeding it, or null
     * @param dense      true when its edges are weights (weight[j][i] from unit i of the source to unit j)
     */
    record Column(String node, Kind kind, int units, Activation activation, String source, boolean dense) {
    }

    /**
     * One node's values for the traced input: z before the activation (null without one) and its output a.
     *
     * @param source the node it reads
     * @param weight for a dense node, its weights (units, source units) row-major as they were for this input;
     *               null for others
     * @param bias   for a dense node, its biases; null for others
     */
    record Layer(String node, String type, Activation activation, float[] z, float[] a, String source,
                 float[] weight, float[] bias) {
    }

    /**
     * A single input run through the network.
     *
     * @param raw           the point in the data's units
     * @param input         the point as the network sees it (normalized)
     * @param probabilities class probabilities, or null for regression
     * @param predicted     the predicted class, or -1 for regression
     */
    record Trace(float[] raw, float[] input, List<Layer> layers, float[] probabilities, int predicted) {
    }

    private final Network net;
    private final List<Column> columns;
    private final Map<String, float[]> grid = new HashMap<>();
    private final Evaluator evaluator = new Evaluator();
    private final Loss loss;
    private final boolean oneLogit;
    private final boolean classification;
    private int gridRows;

    PlaneNetwork(GraphDef def, long seed, PlaneData data, String lossSetting) {
        this.net = Network.build(def, seed);
        this.columns = columnsOf(net);
        int outputs = net.output().size();
        this.oneLogit = data.trainRaw().isOneLogitBinary(outputs);
        this.classification = data.classification();
        this.loss = Session.lossFor(lossSetting, data.trainRaw(), outputs);
    }

    private static List<Column> columnsOf(Network net) {
        List<Column> columns = new ArrayList<>();
        Set<String> shown = new java.util.HashSet<>();
        for (Node n : net.nodes()) {
            Kind kind = n == net.input() ? Kind.INPUT : n == net.output() ? Kind.OUTPUT : Kind.HIDDEN;
            if (n.shape().rank() != 1) {
                continue;
            }
            String source = n.inputs().length > 0 && shown.contains(n.inputs()[0].name())
                    ? n.inputs()[0].name() : null;
            boolean dense = n instanceof Dense && source != null;
            Activation activation = n instanceof Activated a ? a.activation() : Activation.IDENTITY;
            columns.add(new Column(n.name(), kind, n.size(), activation, source, dense));
            shown.add(n.name());
        }
        return List.copyOf(columns);
    }

    GraphDef def() {
        return net.def();
    }

    List<Column> columns() {
        return columns;
    }

    Column column(String node) {
        return columns.stream().filter(c -> c.node().equals(node)).findFirst().orElse(null);
    }

    Column output() {
        return columns.get(columns.size() - 1);
    }

    boolean oneLogit() {
        return oneLogit;
    }

    // ---- weights ------------------------------------------------------------------------------------------------

    /** Copies the snapshot's parameters; false (nothing copied) when they do not fit this structure. */
    boolean load(StepSnapshot snapshot) {
        for (Node n : net.nodes()) {
            StepSnapshot.NodeState state = snapshot.node(n.name());
            if (state == null || state.params().size() != n.params().size()) {
                return false;
            }
            for (int i = 0; i < n.params().size(); i++) {
                if (state.params().get(i).value().length != n.params().get(i).size()) {
                    return false;
                }
            }
        }
        for (Node n : net.nodes()) {
            List<StepSnapshot.ParamState> from = snapshot.node(n.name()).params();
            for (int i = 0; i < n.params().size(); i++) {
                float[] v = from.get(i).value();
                System.arraycopy(v, 0, n.params().get(i).value(), 0, v.length);
            }
        }
        return true;
    }

    /** Copies the weights of a network no thread is training (before the first step, after a reset). */
    boolean load(Network idle) {
        if (!idle.def().equals(net.def())) {
            return false;
        }
        List<Param> from = idle.params();
        List<Param> to = net.params();
        for (int i = 0; i < to.size(); i++) {
            System.arraycopy(from.get(i).value(), 0, to.get(i).value(), 0, to.get(i).size());
        }
        for (int i = 0; i < net.nodes().size(); i++) {
            List<float[]> a = idle.nodes().get(i).state();
            List<float[]> b = net.nodes().get(i).state();
            for (int k = 0; k < b.size(); k++) {
                System.arraycopy(a.get(k), 0, b.get(k), 0, b.get(k).length);
            }
        }
        return true;
    }

    /** The weights into a dense column, (units, source units) row-major; shared, do not change. */
    float[] weights(String node) {
        return ((Dense) net.node(node)).weight().value();
    }

    // ---- running ------------------------------------------------------------------------------------------------

    /**
     * Runs the grid (rows, 2), already normalized, through the network in one batch and keeps every column's
     * values, (rows, units) each, for painting.
     */
    void evaluateGrid(float[] xy, int rows) {
        net.predict(xy, rows);
        gridRows = rows;
        for (Column c : columns) {
            float[] values = net.node(c.node()).output();
            float[] kept = grid.get(c.node());
            if (kept == null || kept.length != rows * c.units()) {
                kept = new float[rows * c.units()];
                grid.put(c.node(), kept);
            }
            System.arraycopy(values, 0, kept, 0, rows * c.units());
        }
    }

    /** A column's values over the grid, (rows, units), from the last evaluateGrid; null before it. */
    float[] gridValues(String node) {
        return grid.get(node);
    }

    int gridRows() {
        return gridRows;
    }

    /** Loss and accuracy (or regression errors) over a whole split, as the trainer's evaluator measures them. */
    Metrics metrics(Dataset normalized) {
        return normalized == null ? null : evaluator.evaluate(net, normalized, loss);
    }

    /** One point through the network, node by node. */
    Trace trace(float[] raw, float[] input) {
        net.predict(input, 1);
        List<Layer> layers = new ArrayList<>();
        for (Node n : net.nodes()) {
            if (n == net.input()) {
                continue;
            }
            float[] z = n.preActivation();
            boolean hasZ = z != null && z != n.output();
            Activation activation = n instanceof Activated a ? a.activation() : Activation.IDENTITY;
            Dense dense = n instanceof Dense d ? d : null;
            layers.add(new Layer(n.name(), n.type(), activation,
                    hasZ ? java.util.Arrays.copyOf(z, n.size()) : null, java.util.Arrays.copyOf(n.output(), n.size()),
                    n.inputs().length > 0 ? n.inputs()[0].name() : null,
                    dense == null ? null : dense.weight().value().clone(),
                    dense == null ? null : dense.bias().value().clone()));
        }
        float[] out = layers.get(layers.size() - 1).a();
        float[] probabilities = classification() ? probabilities(out, 0) : null;
        return new Trace(raw.clone(), input.clone(), List.copyOf(layers), probabilities,
                probabilities == null ? -1 : predicted(out, 0));
    }

    // ---- reading the output -------------------------------------------------------------------------------------

    boolean classification() {
        return classification;
    }

    /** Class probabilities of row {@code r} of an output buffer: sigmoid of one logit, else a softmax. */
    float[] probabilities(float[] out, int r) {
        if (oneLogit) {
            float p = (float) (1 / (1 + Math.exp(-out[r])));
            return new float[] {1 - p, p};
        }
        int k = output().units();
        float[] p = new float[k];
        if (output().activation() == Activation.SOFTMAX) {
            System.arraycopy(out, r * k, p, 0, k);
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, out[r * k + c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            p[c] = (float) Math.exp(out[r * k + c] - max);
            sum += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] /= (float) sum;
        }
        return p;
    }

    /** The class the evaluator counts for row {@code r}: logit above 0, or the largest score (first on ties). */
    int predicted(float[] out, int r) {
        if (oneLogit) {
            return out[r] > 0 ? 1 : 0;
        }
        int k = output().units();
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (out[r * k + c] > out[r * k + best]) {
                best = c;
            }
        }
        return best;
    }
}
