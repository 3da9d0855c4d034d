// `stepwise bench --only playground`: how the studio keeps up while it trains. The spiral with a 2-8-8-8-1 tanh net
// plays as fast as possible in the playground view, every unit's map on screen, for a fixed number of frames. It
// records the time between frames (what the user sees) and the steps the training thread made meanwhile. Needs a
// display (xvfb-run).
package org.stepwise.app.studio;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.animation.AnimationTimer;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.tensor.Shape;

public final class PlaygroundTrainingBenchmark {
    public static final int FRAMES = 600;
    private static final int SETTLE_FRAMES = 60;

    /**
     * What one run measured.
     *
     * @param frames        the intervals between frames, in milliseconds, while training played
     * @param stepsPerSecond training steps a second while the view drew
     * @param unitMaps      unit maps in the view, and how many of them were wholly inside the window
     * @param fxBusy        CPU milliseconds the JavaFX application thread used a frame: what a frame costs it,
     *                      whatever else the machine runs
     * @param renderBusy    CPU milliseconds JavaFX's render thread used a frame
     * @param trainingBusy  the share of one core the training thread used
     */
    public record Result(FrameTimes frames, double stepsPerSecond, int unitMaps, int unitMapsVisible, double fxBusy,
                         double renderBusy, double trainingBusy) {
    }

    private PlaygroundTrainingBenchmark() {
    }

    /** input(2) → three tanh layers of 8 → one logit: the 2-8-8-8-1. */
    public static GraphDef spiralNet() {
        return new GraphDef(List.of(
                new NodeDef("input", new Input.Spec(Shape.of(2))),
                new NodeDef("hidden1", new Dense.Spec(8, Activation.TANH), "input"),
                new NodeDef("hidden2", new Dense.Spec(8, Activation.TANH), "hidden1"),
                new NodeDef("hidden3", new Dense.Spec(8, Activation.TANH), "hidden2"),
                new NodeDef("output", new Dense.Spec(1, Activation.IDENTITY), "hidden3")));
    }

    /** Starts JavaFX, plays training in the playground view and returns what was measured. */
    public static Result run() throws Exception {
        return WindowBenchmark.run(PlaygroundTrainingBenchmark::start);
    }

    private static void start(CompletableFuture<Result> result) {
        Themes.apply(false);
        TrainingSettings settings = DefaultProjects.standard().settings();
        Project project = Project.create("bench", spiralNet(), DataRef.builtIn("spiral"), settings);
        Stage stage = new Stage();
        MainWindow window = new MainWindow(stage, new Workspace(project, null), new I18n(Locale.ENGLISH),
                StudioPreferences.inMemory());
        stage.show();
        window.showPlaygroundView();
        TrainingController training = window.training();
        training.setSpeed(TrainingController.Speed.FASTEST);
        double[] intervals = new double[FRAMES];
        new AnimationTimer() {
            private long last;
            private int frame = -SETTLE_FRAMES;
            private long firstStep;
            private long firstNanos;
            private long[] firstCpu;

            @Override
            public void handle(long now) {
                if (frame == -SETTLE_FRAMES) {
                    training.play();
                }
                if (frame == 0) {
                    firstStep = training.progress().step();
                    firstNanos = now;
                    firstCpu = threadCpu();
                } else if (frame > 0) {
                    intervals[frame - 1] = (now - last) / 1e6;
                }
                last = now;
                if (frame == FRAMES) {
                    stop();
                    double seconds = (now - firstNanos) / 1e9;
                    double rate = (training.progress().step() - firstStep) / seconds;
                    long[] cpu = threadCpu();
                    int[] maps = unitMaps(window);
                    training.close();
                    stage.close();
                    result.complete(new Result(new FrameTimes(intervals), rate, maps[0], maps[1],
                            (cpu[0] - firstCpu[0]) / 1e6 / FRAMES, (cpu[1] - firstCpu[1]) / 1e6 / FRAMES,
                            (cpu[2] - firstCpu[2]) / 1e9 / seconds));
                    return;
                }
                frame++;
            }
        }.start();
    }

    /** CPU nanoseconds so far of the calling (JavaFX) thread, the render thread and the training thread. */
    private static long[] threadCpu() {
        return new long[] {WindowBenchmark.currentThreadCpu(),
                WindowBenchmark.threadCpu(WindowBenchmark.RENDER_THREAD),
                WindowBenchmark.threadCpu(TrainingController.THREAD_NAME)};
    }

    /** How many unit maps the playground has, and how many the user sees whole: in the window, not scrolled off. */
    static int[] unitMaps(MainWindow window) {
        var scene = window.scene();
        Bounds windowBounds = new BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
        int all = 0;
        int visible = 0;
        for (Node map : scene.getRoot().lookupAll(".playground-unit")) {
            all++;
            Bounds b = map.localToScene(map.getBoundsInLocal());
            boolean shown = map.isVisible() && b.getWidth() > 0 && contains(windowBounds, b);
            for (Node up = map.getParent(); shown && up != null; up = up.getParent()) {
                if (up instanceof ScrollPane scroll) {
                    shown = contains(scroll.localToScene(scroll.getBoundsInLocal()), b);
                }
            }
            if (shown) {
                visible++;
            }
        }
        return new int[] {all, visible};
    }

    private static boolean contains(Bounds outer, Bounds inner) {
        double slack = 0.5;
        return inner.getMinX() >= outer.getMinX() - slack && inner.getMinY() >= outer.getMinY() - slack
                && inner.getMaxX() <= outer.getMaxX() + slack && inner.getMaxY() <= outer.getMaxY() + slack;
    }
}
