// A runnable network built from a GraphDef: nodes in topological order with their buffers and parameters.
//
// It knows how to run all of a forward or backward pass, or one node of it (the stepper's phases); it does not
// know about losses, optimizers or data.
package org.stepwise.core.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.stepwise.core.kernels.Kernels;
import org.stepwise.core.tensor.ShapeException;

public final class Network {
    private final GraphDef def;
    private final List<Node> order;
    /** The same nodes as an array: the per-step loops below use indices, which allocate no iterator. */
    private final Node[] nodes;
    private final Map<String, Node> byName;
    private final Node input;
    private final Node output;
    private final List<Param> params;
    private final Kernels kernels;
    private final long seed;
    private int capacity;
    private int batch;

    private Network(GraphDef def, List<Node> order, Kernels kernels, long seed) {
        this.def = def;
        this.order = List.copyOf(order);
        this.nodes = order.toArray(Node[]::new);
        this.byName = new LinkedHashMap<>();
        order.forEach(n -> byName.put(n.name(), n));
        this.input = order.get(0);
        this.output = order.get(order.size() - 1);
        List<Param> all = new ArrayList<>();
        order.forEach(n -> all.addAll(n.params()));
        this.params = Collections.unmodifiableList(all);
        this.kernels = kernels;
        this.seed = seed;
    }

    public static Network build(GraphDef def, long seed) {
        return build(def, seed, Kernels.active());
    }

    /** Validates the graph (throwing every problem), creates the nodes and initialises them from the seed. */
    public static Network build(GraphDef def, long seed, Kernels kernels) {
        GraphDef.Inferred inferred = def.validate();
        checkSize(inferred);
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Node> order = new ArrayList<>();
        SplittableRandom root = new SplittableRandom(seed);
        for (NodeDef d : inferred.order()) {
            Node node = d.spec().create(d.name());
            node.setFrozen(d.frozen());
            Node[] producers = d.inputs().stream().map(nodes::get).toArray(Node[]::new);
            node.bind(producers, inferred.shapes().get(d.name()), kernels);
            // One generator per node, split in graph order: adding a node later does not reshuffle the others.
            SplittableRandom nodeRandom = root.split();
            node.setNodeSeed(nodeRandom.nextLong());
            node.initialize(nodeRandom);
            nodes.put(d.name(), node);
            order.add(node);
        }
        Network network = new Network(def, order, kernels, seed);
        network.input.setGradientWanted(false);
        return network;
    }

    /** The most parameters a network may have: far beyond what a desktop lesson needs, well below the heap. */
    public static final long MAX_PARAMETERS = 50_000_000L;
    /** The most activation values one sample may produce over all nodes. */
    public static final long MAX_VALUES_PER_SAMPLE = 4_000_000L;
    /** The most floats the activation and gradient buffers may hold for a whole batch. */
    public static final long MAX_BUFFER_VALUES = 400_000_000L;

    // Sizes the network on paper first, so that a file asking for billions of weights or values fails with a
    // sentence instead of an OutOfMemoryError.
    private static void checkSize(GraphDef.Inferred inferred) {
        long parameters = 0;
        long values = 0;
        for (NodeDef d : inferred.order()) {
            List<org.stepwise.core.tensor.Shape> in = d.inputs().stream().map(inferred.shapes()::get).toList();
            parameters += d.spec().parameterCount(in);
            values += inferred.shapes().get(d.name()).size();
            if (parameters > MAX_PARAMETERS) {
                throw new GraphException(d.name(), GraphDef.describe(d) + " brings the network past "
                        + String.format("%,d", MAX_PARAMETERS) + " parameters; make it smaller");
            }
            if (values > MAX_VALUES_PER_SAMPLE) {
                throw new GraphException(d.name(), GraphDef.describe(d) + " brings the network past "
                        + String.format("%,d", MAX_VALUES_PER_SAMPLE) + " values per sample; use a smaller input "
                        + "or fewer channels");
            }
        }
    }

    // ---- running --------------------------------------------------------------------------------------------

    /** Makes room for batches of up to {@code rows}; allocates only when the capacity grows. */
    public void ensureCapacity(int rows) {
        if (rows > capacity) {
            long perSample = 0;
            for (Node n : nodes) {
                perSample += n.size();
            }
            if (2 * perSample * rows > MAX_BUFFER_VALUES) {
                throw new GraphException(null, "A batch of " + rows + " needs " + String.format("%,d", 2 * perSample
                        * rows) + " buffer values, more than the " + String.format("%,d", MAX_BUFFER_VALUES)
                        + " allowed; use a smaller batch");
            }
            for (Node n : nodes) {
                n.allocate(rows);
            }
            capacity = rows;
        }
    }

    /** Copies a batch of {@code rows} samples (rows × input size) into the input node. */
    public void load(float[] x, int rows) {
        int expected = rows * input.size();
        if (x.length < expected) {
            throw new ShapeException("A batch of " + rows + " samples of shape " + input.shape() + " needs "
                    + expected + " values but receives " + x.length);
        }
        ensureCapacity(rows);
        setBatch(rows);
        System.arraycopy(x, 0, input.output, 0, expected);
    }

    public void setBatch(int rows) {
        ensureCapacity(rows);
        batch = rows;
        for (int i = 0; i < nodes.length; i++) {
            nodes[i].setBatch(rows);
        }
    }

    public int batch() {
        return batch;
    }

    /** Sets the training step number, from which nodes derive this step's random numbers (dropout masks). */
    public void setStep(long step) {
        for (int i = 0; i < nodes.length; i++) {
            nodes[i].setStep(step);
        }
    }

    public void forward(boolean training) {
        for (int i = 1; i < nodes.length; i++) {
            nodes[i].forward(training);
        }
    }

    /** Runs the forward of the node at topological position {@code index} (0 is the input, whose data is loaded). */
    public void forwardNode(int index, boolean training) {
        nodes[index].forward(training);
    }

    /** Zeroes every ∂L/∂output of the current batch; the loss then writes the output node's. */
    public void zeroGradients() {
        int n = batch;
        for (int i = 0; i < nodes.length; i++) {
            Arrays.fill(nodes[i].gradOutput, 0, n * nodes[i].size(), 0f);
        }
    }

    public void backward() {
        for (int i = nodes.length - 1; i >= 1; i--) {
            nodes[i].backward();
        }
    }

    public void backwardNode(int index) {
        nodes[index].backward();
    }

    /** Inference: loads x, runs forward in inference mode and returns the output node's live buffer. */
    public float[] predict(float[] x, int rows) {
        load(x, rows);
        forward(false);
        return output.output;
    }

    /** Asks for ∂L/∂input too (the gradient check and the golden tests compare it); off by default. */
    public void setInputGradient(boolean wanted) {
        input.setGradientWanted(wanted);
    }

    // ---- structure ------------------------------------------------------------------------------------------

    public GraphDef def() {
        return def;
    }

    /** Nodes in topological order: the input first, the output last. */
    public List<Node> nodes() {
        return order;
    }

    public Node node(String name) {
        Node n = byName.get(name);
        if (n == null) {
            throw new GraphException(name, "There is no node '" + name + "'");
        }
        return n;
    }

    public int indexOf(Node node) {
        return order.indexOf(node);
    }

    public Node input() {
        return input;
    }

    public Node output() {
        return output;
    }

    /** Every parameter, node by node in topological order. */
    public List<Param> params() {
        return params;
    }

    public long parameterCount() {
        return params.stream().mapToLong(Param::size).sum();
    }

    /** The seed the network was built with: it drew the initial weights and seeds every node's dropout masks. */
    public long seed() {
        return seed;
    }

    public Kernels kernels() {
        return kernels;
    }
}
