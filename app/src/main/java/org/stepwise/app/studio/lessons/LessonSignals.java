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
}
