// Renders the canvas to PNG files for people to look at: two templates, light and dark themes, English and Chinese,
// and a graph with problems, a focused selection and a refused connection's message. Run by hand (main), never by the build; nothing is asserted.
package org.stepwise.app.studio.canvas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.stepwise.app.editor.Connect;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.io.Templates;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;

public final class CanvasShots {

    public static void main(String[] args) throws Exception {
        Headless.configure();
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/canvas-shots");
        Files.createDirectories(out);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        Platform.setImplicitExit(false);
        shoot(out, "mlp-light-en", "mlp-2-8-8-1", false, Locale.ENGLISH, (w, c) -> { });
        shoot(out, "lenet-dark-zh", "lenet", true, I18n.CHINESE, (w, c) -> { });
        shoot(out, "lenet-light-en", "lenet", false, Locale.ENGLISH, (w, c) -> { });
        shoot(out, "mlp-dark-zh", "mlp-2-8-8-1", true, I18n.CHINESE, (w, c) -> { });
        shoot(out, "residual-problem-light-en", "residual-mlp", false, Locale.ENGLISH, (w, c) -> {
            w.execute(Connect.remove("block2", "add"));
            c.reveal("block1");
            c.connect("relu", "stem");
        });
        shoot(out, "residual-problem-dark-zh", "residual-mlp", true, I18n.CHINESE, (w, c) -> {
            w.execute(Connect.remove("block2", "add"));
            c.reveal("block1");
            c.connect("relu", "stem");
        });
        Platform.exit();
    }

    private static void shoot(Path dir, String file, String template, boolean dark, Locale locale,
                              BiConsumer<Workspace, GraphCanvas> edit) throws Exception {
        CompletableFuture<WritableImage> shot = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Application.setUserAgentStylesheet(dark ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()
                        : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
                Project p = Project.create("shot", Templates.find(template).orElseThrow().graph(),
                        DataRef.builtIn("spiral"), TrainingSettings.defaults());
                Workspace w = new Workspace(p, null);
                GraphCanvas canvas = new GraphCanvas(w, new I18n(locale));
                BorderPane root = new BorderPane(canvas);
                Stage stage = new Stage();
                stage.setScene(new Scene(root, 1280, 720));
                stage.show();
                canvas.fitToView();
                edit.accept(w, canvas);
                root.applyCss();
                root.layout();
                // Two pulses, so CSS-sized labels have settled before the picture is taken.
                Platform.runLater(() -> Platform.runLater(() -> {
                    shot.complete(root.snapshot(null, null));
                    stage.close();
                }));
            } catch (RuntimeException e) {
                shot.completeExceptionally(e);
            }
        });
        WritableImage image = shot.get();
        Path target = dir.resolve(file + ".png");
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", target.toFile());
        } catch (IOException e) {
            throw new IOException("Cannot write " + target, e);
        }
        System.out.println("wrote " + target);
    }
}
