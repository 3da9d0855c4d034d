// The panels a lesson can show and the controls it can lock or point at, by the ids lesson headers use.
//
// The app maps each id to its own view or control; the ids are stable, so lessons written today keep working when a
// view is redesigned.
package org.stepwise.lessons.goal;

import java.util.List;

public final class Controls {

    /** What a lesson can show; the rest are hidden while it runs. */
    public static final List<String> PANELS = List.of(
            "palette", "canvas", "inspector", "problems", "values", "math", "neurons", "playground", "charts",
            "evaluation", "inference", "data", "lesson", "transformer");

    /** What a lesson can lock (the learner cannot change it) or point at (the UI highlights it). */
    public static final List<String> CONTROLS = List.of(
            "step_phase", "step_back", "finish_step", "run_epoch", "play", "reset", "timeline",
            "learning_rate", "optimizer", "batch_size", "epochs", "loss_function", "dataset", "split",
            "activation", "units", "add_node", "delete_node", "connect", "freeze",
            "gradient_check", "export", "save", "inference_input");

    /** A node on the canvas is pointed at as "node:NAME". */
    public static final String NODE_PREFIX = "node:";

    private Controls() {
    }
}
