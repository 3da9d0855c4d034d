// Every event a goal may wait for ("event: exported(onnx)"), in one place, each with a sentence for teachers.
//
// An event counts for a step only if it happens while that step is the current one: exporting in lesson 10's first
// step does not tick its fifth.
package org.stepwise.lessons.goal;

import java.util.List;
import java.util.Optional;

public final class Events {

    /**
     * @param name        as goals write it
     * @param argument    what its argument names ("format"), or null when it takes none
     * @param values      the arguments it can take, or empty when any word goes
     * @param description one sentence for teachers
     */
    public record Event(String name, String argument, List<String> values, String description) {
    }

    public static final List<String> EXPORT_FORMATS = List.of("onnx", "safetensors", "pytorch");

    private static final List<Event> ALL = List.of(
            new Event("gradient_check_passed", null, List.of(),
                    "the numerical gradient check ran and every tensor passed"),
            new Event("gradient_check_failed", null, List.of(),
                    "the numerical gradient check ran and some tensor did not pass"),
            new Event("exported", "format", EXPORT_FORMATS, "the model was exported in this format"),
            new Event("predicted", null, List.of(),
                    "one input was sent through the network on its own (Inference tab, playground click)"),
            new Event("stepped_back", null, List.of(), "the stepper went back a phase or more through its history"),
            new Event("training_reset", null, List.of(), "training was reset to fresh weights"),
            new Event("panel_opened", "panel", Controls.PANELS, "a panel or tab was opened"),
            new Event("node_added", "type", List.of(), "a node of this type was added to the graph"),
            new Event("project_saved", null, List.of(), "the project was saved"),
            new Event("profiled", null, List.of(), "the network's inference cost was measured: size, latency and "
                    + "throughput (an inference profile)"),
            new Event("zero_calculated", null, List.of(), "the ZeRO memory calculator computed memory per worker"),
            new Event("precision_compared", null, List.of(), "the mixed-precision comparison trained the network in "
                    + "fp32, bf16, fp16 and fp16 with loss scaling"),
            new Event("parallel_simulated", null, List.of(), "the data-parallel simulation compared N workers' "
                    + "all-reduced gradient with the large batch's"),
            new Event("continual_trained", null, List.of(), "the continual-training workflow learnt task A, then "
                    + "task B without and with replay"),
            new Event("sweep_finished", null, List.of(),
                    "a hyperparameter sweep ran to its end and ranked its runs"),
            new Event("recipe_compared", null, List.of(), "the pretraining recipe pretrained a network, fine-tuned a "
                    + "new head on a few labelled samples of a small task and trained the same network from scratch "
                    + "on them"));

    private Events() {
    }

    public static List<Event> all() {
        return ALL;
    }

    public static Optional<Event> find(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(Event::name).toList();
    }
}
