// One thing the scripted learner of a play-through does, as playthrough.yaml writes it: data, never code. The
// headless harness performs it on the real core (headless.ScriptedLearner).
package org.stepwise.lessons.format;

import org.stepwise.lessons.goal.Goal;

public sealed interface Action {

    /** The line of playthrough.yaml it was written on, for a failing play-through's message. */
    int line();

    // ---- the stepper

    record StepPhase(int times, int line) implements Action {
    }

    /** Runs phases until one of this kind (on this node, unless null) has run. */
    record StepTo(String phase, String node, int line) implements Action {
    }

    record StepBack(int times, int line) implements Action {
    }

    record FinishStep(int times, int line) implements Action {
    }

    record RunBatches(int batches, int line) implements Action {
    }

    record RunEpochs(int epochs, int line) implements Action {
    }

    record ResetTraining(int line) implements Action {
    }

    // ---- settings and the graph

    record SetLearningRate(float rate, int line) implements Action {
    }

    record SetOptimizer(String optimizer, int line) implements Action {
    }

    record SetBatchSize(int size, int line) implements Action {
    }

    record SetLoss(String loss, int line) implements Action {
    }

    record SetActivation(String node, String activation, int line) implements Action {
    }

    record SetUnits(String node, int units, int line) implements Action {
    }

    record SetParameter(String node, String param, int index, float value, int line) implements Action {
    }

    record Select(String node, int line) implements Action {
    }

    // ---- tools

    record Predict(float[] input, int line) implements Action {
    }

    record CheckGradients(int line) implements Action {
    }

    record Export(String format, int line) implements Action {
    }

    record OpenPanel(String panel, int line) implements Action {
    }

    /** An event the harness has no action for (node_added, project_saved), as the studio would record it. */
    record Emit(String event, String argument, int line) implements Action {
    }

    // ---- the lesson panel

    record Answer(int choice, int line) implements Action {
    }

    record RevealHint(int times, int line) implements Action {
    }

    /** Not a learner's action: a check that the state is what the lesson's text says it is. */
    record Expect(Goal condition, int line) implements Action {
    }

    // ---- workflows (appended)

    /** Measures the network's inference cost (InferenceProfile). */
    record Profile(int line) implements Action {
    }

    /** The ZeRO memory calculator for a model of this many parameters on this many workers (fp16, Adam). */
    record CalculateZero(long parameters, int workers, int line) implements Action {
    }

    /** The mixed-precision comparison, this many steps per setting. */
    record ComparePrecision(int steps, int line) implements Action {
    }

    /** The data-parallel simulation on the first training batch, split across this many workers. */
    record SimulateParallel(int workers, int line) implements Action {
    }

    /** Continual training: the first half of the classes, then the rest, each for this many epochs. */
    record RunContinual(double replay, int epochs, int line) implements Action {
    }

    // ---- lesson 9 (appended)

    /** Sets a node's frozen flag, as the inspector's Frozen checkbox and the canvas's Freeze do. */
    record Freeze(String node, boolean frozen, int line) implements Action {
    }

    /**
     * The pretraining recipe on the lesson's data: pretrain, fine-tune a new head on {@code labelled} samples of each
     * of {@code classes} with the body frozen, and train the same network from scratch on those samples.
     */
    record RunRecipe(int[] classes, int labelled, int pretrainEpochs, int epochs, int line) implements Action {
    }
}
