// `stepwise studio --screenshots DIR`: renders the main views in both languages and both themes into PNG files,
// then quits. Run it under xvfb-run on a machine without a display; the README shows one of the images.
package org.stepwise.app.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.stepwise.app.editor.RemoveNodes;

final class Screenshots {
    private Screenshots() {
    }

    /** Schedules every view, one every 600 ms so layout and fonts settle, then exits the application. */
    static void takeAll(MainWindow window, Path folder) {
        List<Runnable> steps = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (boolean dark : new boolean[] {false, true}) {
            for (Locale locale : I18n.SUPPORTED) {
                String suffix = (locale.equals(I18n.CHINESE) ? "zh-CN" : "en") + "-" + (dark ? "dark" : "light");
                steps.add(() -> {
                    window.switchTheme(dark);
                    window.switchLanguage(locale);
                    window.files().replace(DefaultProjects.standard(), null);
                });
                steps.add(() -> shoot(window, folder.resolve("graph-" + suffix + ".png"), written));
                steps.add(window::showNeuronView);
                steps.add(() -> shoot(window, folder.resolve("neurons-" + suffix + ".png"), written));
                steps.add(() -> {
                    window.showGraphView();
                    window.files().replace(DefaultProjects.fromTemplate("lenet"), null);
                });
                steps.add(() -> shoot(window, folder.resolve("lenet-" + suffix + ".png"), written));
                steps.add(() -> {
                    window.files().replace(DefaultProjects.standard(), null);
                    window.workspace().execute(new RemoveNodes(Set.of("hidden2")));
                    window.workspace().select("output");
                });
                steps.add(() -> shoot(window, folder.resolve("problems-" + suffix + ".png"), written));
            }
        }
        steps.add(() -> {
            written.forEach(f -> System.out.println("wrote " + f));
            Platform.exit();
        });
        Timeline timeline = new Timeline();
        for (int i = 0; i < steps.size(); i++) {
            Runnable step = steps.get(i);
            timeline.getKeyFrames().add(new KeyFrame(Duration.millis(600 * (i + 1)), e -> {
                try {
                    step.run();
                } catch (RuntimeException ex) {
                    System.err.println("stepwise: screenshot step failed: " + ex);
                }
            }));
        }
        timeline.play();
    }

    private static void shoot(MainWindow window, Path file, List<String> written) {
        try {
            Files.createDirectories(file.getParent());
            WritableImage image = window.scene().snapshot(null);
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            written.add(file.toString());
        } catch (IOException e) {
            System.err.println("stepwise: cannot write " + file + ": " + e.getMessage());
        }
    }
}
