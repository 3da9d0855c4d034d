// What a lesson's goals may read of the studio: the app's window and the headless harness both implement it.
//
// Every method is a plain read of the state as it is now; none of them changes anything. Goals never see the
// Network or the Stepper themselves, so the app can answer from the snapshot it draws from.
package org.stepwise.lessons.goal;

import org.stepwise.core.eval.InferenceProfile;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.gpt.TransformerTrace;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.precision.ZeroMemory;
import org.stepwise.core.stepper.Phase;
import org.stepwise.core.workflow.ContinualTraining;
import org.stepwise.core.workflow.PretrainingRecipe;

public interface StudioState {

    /**
     * One input sent through the network on its own (the Inference tab, a click on the playground's plane).
     *
     * @param input  the raw values as the learner gave them
     * @param output the network's output for them (logits, as the output node gives them)
     */
    record Inference(float[] input, float[] output) {
    }

    /** The network as it is edited now. */
    GraphDef graph();

    /** The training settings as they are set now. */
    TrainingSettings settings();

    /** The dataset: a built-in name ("spiral") or the file as the user chose it. */
    String dataset();

    /** Completed training steps (batches). */
    long step();

    /** Completed epochs. */
    int epoch();

    /** The phase that ran last, or null at a step boundary (before the first phase of a step). */
    Phase lastPhase();

    /** The loss of the latest batch, or NaN before any. */
    float loss();

    /** The training set as measured after the latest epoch, or null before one. */
    Metrics trainMetrics();

    /** The validation set as measured after the latest epoch, or null before one or without a validation split. */
    Metrics validationMetrics();

    /** Training stopped on a NaN or infinite value. */
    boolean halted();

    /** The node selected on the canvas, or null. */
    String selectedNode();

    /** A copy of a parameter's values (a dense weight is [out, in] row-major), or null when there is no such one. */
    float[] parameter(String node, String param);

    /**
     * The size (L2 norm) of the gradient of the node's weights after the latest backward, or NaN when the node has
     * no weights or no backward has run.
     */
    double gradientNorm(String node);

    /** The node's output for the first sample of the current batch after its latest forward, or null before one. */
    float[] output(String node);

    /** The latest single input run through the network, or null. */
    Inference inference();

    /**
     * How often an event has happened since the studio started.
     *
     * @param argument the event's argument ("onnx" for exported(onnx)), or null to count every argument
     */
    long eventCount(String name, String argument);

    // ---- Workflows (appended; a studio that has not run one answers null)

    /** The latest inference profile of the network (size, latency, throughput), or null before one. */
    default InferenceProfile inferenceProfile() {
        return null;
    }

    /** The latest ZeRO memory calculation, or null before one. */
    default ZeroMemory zeroMemory() {
        return null;
    }

    /** The latest continual-training run (task A, then B without and with replay), or null before one. */
    default ContinualTraining.Result continual() {
        return null;
    }

    /**
     * The latest run of the pretraining recipe (pretrain, fine-tune a new head with the body frozen, train from
     * scratch), or null before one.
     */
    default PretrainingRecipe.Result pretrainingRecipe() {
        return null;
    }

    // ---- Transformers (appended)

    /**
     * The attention head, over every block, that looks most at the previous token, measured on the first
     * {@link #PROBE_WINDOWS} validation windows through a copy of the network as it is now; null when the network
     * has no attention or there is no validation split.
     */
    default TransformerTrace.HeadScore previousTokenHead() {
        return null;
    }

    /** Validation windows the previous-token head is measured on: the same ones every time. */
    int PROBE_WINDOWS = 8;
}
