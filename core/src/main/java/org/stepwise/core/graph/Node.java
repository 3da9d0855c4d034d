// A runtime node: its parameters, its buffers, and forward/backward side by side in each subclass.
//
// Buffers are (batch, size) row-major, allocated once for the network's batch capacity; a step allocates nothing.
// Backward reads gradOutput and ADDS into each input's gradOutput (a node may feed several consumers; the network
// zeroes them first), and OVERWRITES its parameter gradients. A frozen node computes no parameter gradients.
package org.stepwise.core.graph;

import java.util.List;
import java.util.SplittableRandom;
import org.stepwise.core.kernels.Kernels;
import org.stepwise.core.random.SplitMix64;
import org.stepwise.core.tensor.Shape;

public abstract class Node {
    private final String name;
    private boolean frozen;

    protected Kernels kernels;
    /** The producers of this node's inputs, in port order. */
    protected Node[] inputs = new Node[0];
    /** Per-sample output shape and its element count. */
    protected Shape shape;
    protected int size;
    /** Rows in the current batch (at most the capacity the buffers were allocated for). */
    protected int batch;
    protected float[] output;
    protected float[] gradOutput;
    /** Whether anything upstream needs ∂L/∂output: false for an input unless input gradients are asked for. */
    protected boolean gradientWanted = true;
    /**
     * Seed for this node's randomness in the current step (dropout masks): a function of the network seed, the node
     * and the step number only, so repeating or replaying a step draws the same numbers.
     */
    protected long stepSeed;
    private long nodeSeed;

    protected Node(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The type name of its spec: "dense", "relu", … */
    public abstract String type();

    public boolean frozen() {
        return frozen;
    }

    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    public List<Param> params() {
        return List.of();
    }

    /**
     * State that is not learned but changes during training (batch norm's running statistics): the stepper
     * snapshots it with the parameters, and the project file saves it. Live buffers, in a stable order.
     */
    public List<float[]> state() {
        return List.of();
    }

    /** Initialises the parameters from a generator derived from the network's seed. */
    public void initialize(SplittableRandom random) {
    }

    /** Computes output (batch, size) from the inputs' outputs. Training mode matters to dropout and batch norm. */
    public abstract void forward(boolean training);

    /** Adds ∂L/∂input into each wanted input's gradOutput; writes parameter gradients unless frozen. */
    public abstract void backward();

    /** Allocates what the node needs besides output and gradOutput, for up to {@code capacity} rows. */
    protected void allocateScratch(int capacity) {
    }

    // ---- read access for the stepper's trace; the arrays are live, and only rows [0, batch) mean anything ----

    public Shape shape() {
        return shape;
    }

    public int size() {
        return size;
    }

    public int batch() {
        return batch;
    }

    public float[] output() {
        return output;
    }

    public float[] gradOutput() {
        return gradOutput;
    }

    /** The value before the node's activation function, or null when the node has none. */
    public float[] preActivation() {
        return null;
    }

    public Node[] inputs() {
        return inputs.clone();
    }

    // ---- wiring, by the network -----------------------------------------------------------------------------

    final void bind(Node[] producers, Shape outputShape, Kernels k) {
        this.inputs = producers;
        this.shape = outputShape;
        this.size = outputShape.size();
        this.kernels = k;
    }

    final void allocate(int capacity) {
        output = new float[capacity * size];
        gradOutput = new float[capacity * size];
        allocateScratch(capacity);
    }

    final void setBatch(int rows) {
        this.batch = rows;
    }

    final void setNodeSeed(long seed) {
        this.nodeSeed = seed;
        this.stepSeed = seed;
    }

    final void setStep(long step) {
        // Neighbouring steps get unrelated seeds.
        this.stepSeed = SplitMix64.mix(nodeSeed + (step + 1) * SplitMix64.GAMMA);
    }

    final void setGradientWanted(boolean wanted) {
        this.gradientWanted = wanted;
    }

    public final boolean gradientWanted() {
        return gradientWanted;
    }
}
