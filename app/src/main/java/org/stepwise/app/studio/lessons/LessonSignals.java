// What happened in the studio that a lesson's goals may wait for: the events (gradient check passed, exported(onnx),
// panel_opened(math), …) and the latest single input sent through the network. Views report here as things happen;
// the lesson panel reads it on the FX thread. It outlives a language or theme switch, as the training controller
// that holds it does.
package org.stepwise.app.studio.lessons;

import org.stepwise.lessons.goal.EventLog;
import org.stepwise.lessons.goal.StudioState;

public final class LessonSignals {
    private final EventLog events = new EventLog();
    private volatile StudioState.Inference inference;
    private volatile org.stepwise.core.eval.InferenceProfile profile;
    private volatile org.stepwise.core.precision.ZeroMemory zeroMemory;
    private volatile org.stepwise.core.workflow.ContinualTraining.Result continual;
    private volatile org.stepwise.core.workflow.PretrainingRecipe.Result recipe;

    public void record(String event, String argument) {
        events.record(event, argument);
    }

    public void record(String event) {
        events.record(event, null);
    }

    public long count(String event, String argument) {
        return events.count(event, argument);
    }

    /** One input went through the network on its own: {@code input} as the learner gave it, {@code output} raw. */
    public void predicted(float[] input, float[] output) {
        inference = new StudioState.Inference(input.clone(), output.clone());
        events.record("predicted", null);
    }

    public StudioState.Inference inference() {
        return inference;
    }

    /** The inference profile was measured (the Evaluation tab). */
    public void profiled(org.stepwise.core.eval.InferenceProfile p) {
        profile = p;
        events.record("profiled", null);
    }

    public org.stepwise.core.eval.InferenceProfile profile() {
        return profile;
    }

    /** The ZeRO calculator computed memory per worker. */
    public void zeroCalculated(org.stepwise.core.precision.ZeroMemory z) {
        zeroMemory = z;
        events.record("zero_calculated", null);
    }

    public org.stepwise.core.precision.ZeroMemory zeroMemory() {
        return zeroMemory;
    }

    /** The continual-training workflow finished a run of both tasks. */
    public void continualTrained(org.stepwise.core.workflow.ContinualTraining.Result r) {
        continual = r;
        events.record("continual_trained", null);
    }

    public org.stepwise.core.workflow.ContinualTraining.Result continual() {
        return continual;
    }

    /** The pretraining recipe finished: pretrained, fine-tuned and trained from scratch. */
    public void recipeCompared(org.stepwise.core.workflow.PretrainingRecipe.Result r) {
        recipe = r;
        events.record("recipe_compared", null);
    }

    public org.stepwise.core.workflow.PretrainingRecipe.Result recipe() {
        return recipe;
    }
}
