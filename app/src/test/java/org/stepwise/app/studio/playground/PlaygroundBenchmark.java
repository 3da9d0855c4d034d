// How long one playground frame takes for the default 2-8-8-1 net after some training: the whole render (weights,
// loss and accuracy over the points, the grid through the network, every map painted) and the grid pass alone.
// Run by hand and read the printout; nothing is asserted:
// mvn -pl app -am test -Dtest=PlaygroundBenchmark -Dplayground.bench=true -Dsurefire.failIfNoSpecifiedTests=false
package org.stepwise.app.studio.playground;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.stepwise.app.studio.DefaultProjects;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;

public final class PlaygroundBenchmark {
    private static final int WARMUP = 100;
    private static final int ROUNDS = 300;

    public static void main(String[] args) throws Exception {
        if (!Boolean.getBoolean("stepwise.windowed")) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        try {
            Platform.startup(() -> started.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            started.complete(null);
        }
        started.get();
        Workspace workspace = new Workspace(DefaultProjects.standard(), null);
        TrainingController controller = new TrainingController(workspace);
        PlaygroundView view = onFx(() -> {
            Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            PlaygroundView v = new PlaygroundView(workspace, new I18n(Locale.ENGLISH), controller);
            Stage stage = new Stage();
            stage.setScene(new Scene(v, 1600, 1000));
            stage.show();
            for (int e = 0; e < 20; e++) {
                controller.oneEpoch();
            }
            return v;
        });
        while (controller.snapshot() == null || controller.snapshot().epoch() < 20) {
            Thread.sleep(20);
        }
        long[] frames = new long[ROUNDS];
        long[] grids = new long[ROUNDS];
        onFx(() -> {
            view.traceAt(1.0, -1.0);
            float[] grid = view.data().plane().grid(PlaygroundView.RES);
            view.data().toNetwork(grid, PlaygroundView.RES * PlaygroundView.RES);
            for (int r = -WARMUP; r < ROUNDS; r++) {
                view.refresh();
                long t0 = System.nanoTime();
                view.network().evaluateGrid(grid, PlaygroundView.RES * PlaygroundView.RES);
                long t1 = System.nanoTime();
                if (r >= 0) {
                    frames[r] = view.frameNanos();
                    grids[r] = t1 - t0;
                }
            }
            return null;
        });
        System.out.printf(Locale.ROOT, "playground frame, %d×%d grid (%,d rows), 2-8-8-1 net, %d rounds%n",
                PlaygroundView.RES, PlaygroundView.RES, PlaygroundView.RES * PlaygroundView.RES, ROUNDS);
        print("whole render (weights, metrics, trace, grid, 19 maps)", frames);
        print("grid forward pass alone", grids);
        controller.close();
        Platform.exit();
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-55s median %.2f ms, p95 %.2f ms, mean %.2f ms%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6,
                Arrays.stream(nanos).average().orElse(0) / 1e6);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(work.call());
            } catch (Exception | Error e) {
                done.completeExceptionally(e);
            }
        });
        return done.get();
    }

    /** Lets surefire run the benchmark when asked; see the command at the top. */
    @Test
    @EnabledIfSystemProperty(named = "playground.bench", matches = "true")
    void benchmark() throws Exception {
        main(new String[0]);
    }
}
