// How long the canvas takes on a 50-node graph: the first build, one edit (command and refresh, then the pulse that
// shows it), one drag frame, and a full snapshot. Run by hand (main) and read the printout; nothing is asserted.
package org.stepwise.app.studio.canvas;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.stepwise.app.editor.MoveNodes;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;

public final class CanvasBenchmark {
    private static final int ROUNDS = 200;

    public static void main(String[] args) throws Exception {
        Headless.configure();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get();
        Platform.exit();
    }

    static GraphDef fiftyNodes() {
        return org.stepwise.app.studio.EditingBenchmark.fiftyNodes();
    }

    private static void run() {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        Workspace workspace = new Workspace(Project.create("bench", fiftyNodes(), DataRef.builtIn("spiral"),
                TrainingSettings.defaults()), null);
        long t0 = System.nanoTime();
        GraphCanvas canvas = new GraphCanvas(workspace, new I18n(Locale.ENGLISH));
        BorderPane root = new BorderPane(canvas);
        Stage stage = new Stage();
        stage.setScene(new Scene(root, 1600, 900));
        stage.show();
        root.applyCss();
        root.layout();
        long built = System.nanoTime() - t0;
        System.out.printf(Locale.ROOT, "%d nodes, %d edges; first build with CSS and layout: %.1f ms%n",
                workspace.graph().nodes().size(), canvas.lookupAll(".graph-edge").size(), built / 1e6);

        // One edit: a command, the canvas's refresh, then the CSS and layout pass a pulse would run.
        long[] edit = new long[ROUNDS];
        long[] pass = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            String name = workspace.graph().nodes().get(i % 50).name();
            long s = System.nanoTime();
            workspace.execute(MoveNodes.by(workspace.graph(), List.of(name), 0, i % 2 == 0 ? 10 : -10));
            long m = System.nanoTime();
            pulse();
            edit[i] = m - s;
            pass[i] = System.nanoTime() - m;
        }
        report("move one node: command, analysis and refresh", edit);
        report("move one node: the pulse after it (css, layout, render)", pass);

        // One drag step with five nodes selected: the mouse event, edge updates, CSS and layout.
        workspace.selection().addAll(List.of("a3", "b3", "sum3", "a4", "b4"));
        Node view = canvas.lookup("#node-b3");
        Point2D at = view.localToScene(20, 20);
        Event.fireEvent(view, mouse(MouseEvent.MOUSE_PRESSED, at, 0));
        long[] drag = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long s = System.nanoTime();
            Event.fireEvent(view, mouse(MouseEvent.MOUSE_DRAGGED, at.add(i, i / 2.0), i));
            pulse();
            drag[i] = System.nanoTime() - s;
        }
        Event.fireEvent(view, mouse(MouseEvent.MOUSE_RELEASED, at.add(ROUNDS, ROUNDS / 2.0), 0));
        report("drag frame, 5 nodes selected (event, edges, pulse)", drag);

        // A whole rendered frame, through the software pipeline; an upper bound on what a pulse renders.
        long[] frame = new long[20];
        for (int i = 0; i < frame.length; i++) {
            long s = System.nanoTime();
            root.snapshot(null, null);
            frame[i] = System.nanoTime() - s;
        }
        report("rendered frame (snapshot, software renderer)", frame);
        stage.close();
    }

    /** One pulse now, as the animation timer would run it: CSS and layout of what changed, then rendering. */
    private static void pulse() {
        com.sun.javafx.tk.Toolkit.getToolkit().firePulse();
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, Point2D scene, int step) {
        return new MouseEvent(type, scene.getX(), scene.getY(), scene.getX(), scene.getY(), MouseButton.PRIMARY, 1,
                false, false, false, false, true, false, false, true, false, step > 0, null);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-58s median %6.2f ms   p95 %6.2f ms   max %6.2f ms%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }
}
