// `stepwise bench --only editor`: how smooth editing a 50-node graph is in the real studio window. One edit runs at
// every frame (a move, a selection, a unit change, an undo, a redo) and the time between frames is recorded, idle
// frames included, so a frame over 50 ms means the user saw a stutter. Two passes of 600 frames are kept apart: the
// first starts half a second after the window opens, while the JIT compilers still share the cores with the
// window; the second follows at once and shows editing once the code is compiled. Needs a display (xvfb-run).
package org.stepwise.app.studio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.stepwise.app.editor.ChangeNode;
import org.stepwise.app.editor.MoveNodes;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Add;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.tensor.Shape;

public final class EditingBenchmark {
    /** Frames in each pass. */
    public static final int FRAMES = 600; // a multiple of six, so both passes make the same edits
    private static final int SETTLE = 30;
    public static final double STUTTER_MS = 50;

    /**
     * What was edited, and the intervals between frames in the first pass and in the second.
     *
     * @param fxBusy     CPU milliseconds a frame of the warm pass cost the JavaFX application thread (edit, CSS,
     *                   layout)
     * @param renderBusy CPU milliseconds a frame of the warm pass cost JavaFX's render thread (painting)
     */
    public record Result(int nodes, int edges, FrameTimes first, FrameTimes warm, double fxBusy, double renderBusy) {
    }

    private EditingBenchmark() {
    }

    /** input → 16 blocks of (dense, dense, add of both) → output: 50 nodes, 65 edges. */
    public static GraphDef fiftyNodes() {
        List<NodeDef> nodes = new ArrayList<>(List.of(new NodeDef("input", new Input.Spec(Shape.of(16)))));
        String previous = "input";
        for (int k = 1; k <= 16; k++) {
            nodes.add(new NodeDef("a" + k, new Dense.Spec(16, Activation.RELU), previous));
            nodes.add(new NodeDef("b" + k, new Dense.Spec(16, Activation.TANH), "a" + k));
            nodes.add(new NodeDef("sum" + k, new Add.Spec(), "a" + k, "b" + k));
            previous = "sum" + k;
        }
        nodes.add(new NodeDef("output", new Dense.Spec(1, Activation.IDENTITY), previous));
        return new GraphDef(nodes);
    }

    /** Starts JavaFX, runs the edits in a studio window and returns the frame intervals. */
    public static Result run() throws Exception {
        return WindowBenchmark.run(EditingBenchmark::start);
    }

    private static void start(CompletableFuture<Result> result) {
        Themes.apply(false);
        Project project = Project.create("bench", fiftyNodes(), DataRef.builtIn("spiral"), TrainingSettings.defaults());
        Stage stage = new Stage();
        MainWindow window = new MainWindow(stage, new Workspace(project, null), new I18n(Locale.ENGLISH),
                StudioPreferences.inMemory());
        stage.show();
        Workspace ws = window.workspace();
        int edges = ws.graph().nodes().stream().mapToInt(n -> n.inputs().size()).sum();
        double[] frames = new double[2 * FRAMES];
        new AnimationTimer() {
            private long last;
            private int frame = -SETTLE;
            private long fxCpu;
            private long renderCpu;

            @Override
            public void handle(long now) {
                if (frame >= 0 && last != 0) {
                    frames[frame] = (now - last) / 1e6;
                }
                last = now;
                frame++;
                if (frame == FRAMES) {
                    fxCpu = WindowBenchmark.currentThreadCpu();
                    renderCpu = WindowBenchmark.threadCpu(WindowBenchmark.RENDER_THREAD);
                }
                if (frame >= frames.length) {
                    stop();
                    double fxBusy = (WindowBenchmark.currentThreadCpu() - fxCpu) / 1e6 / FRAMES;
                    double renderBusy = (WindowBenchmark.threadCpu(WindowBenchmark.RENDER_THREAD) - renderCpu) / 1e6
                            / FRAMES;
                    window.training().close();
                    stage.close();
                    result.complete(new Result(ws.graph().nodes().size(), edges,
                            new FrameTimes(Arrays.copyOfRange(frames, 0, FRAMES)),
                            new FrameTimes(Arrays.copyOfRange(frames, FRAMES, frames.length)), fxBusy, renderBusy));
                    return;
                }
                edit(ws, Math.max(0, frame));
            }
        }.start();
    }

    /** The six kinds of edit in the order they cycle, as the bench names them when it lists the late frames. */
    private static final List<String> EDIT_NAMES = List.of("move", "select", "units", "undo", "redo",
            "move selection");

    /**
     * The kind of edit a pass's frame {@code frame} carries. The interval that ends a frame covers the edit made at
     * its start, the JavaFX thread's CSS and layout of it and the painting before the next frame; both passes start
     * at a multiple of six, so the kind depends on the frame's place in its pass alone.
     */
    public static String editName(int frame) {
        return EDIT_NAMES.get(frame % EDIT_NAMES.size());
    }

    /**
     * One edit of a kind that cycles through six: a move of a node, the selection of a node (every node in turn, so
     * the inspector changes between dense and add), a unit count changed between 16 and 17 (which breaks the add
     * after it with a shape error, or mends it), an undo, a redo and a move of the selection.
     */
    private static void edit(Workspace ws, int i) {
        var nodes = ws.graph().nodes();
        int round = i / 6;
        switch (i % 6) {
            case 0 -> ws.execute(MoveNodes.by(ws.graph(), List.of(nodes.get(1 + (i * 7) % (nodes.size() - 2)).name()),
                    12, 0));
            case 1 -> ws.select(nodes.get(1 + round % (nodes.size() - 2)).name());
            case 2 -> {
                String name = "a" + (1 + round % 16);
                Dense.Spec d = (Dense.Spec) ws.graph().node(name).spec();
                ws.execute(ChangeNode.spec(ws.graph(), name, new Dense.Spec(d.units() == 16 ? 17 : 16,
                        d.activation())));
            }
            case 3 -> ws.stack().undo();
            case 4 -> ws.stack().redo();
            default -> ws.execute(MoveNodes.by(ws.graph(), ws.selection(), -12, 0));
        }
    }
}
