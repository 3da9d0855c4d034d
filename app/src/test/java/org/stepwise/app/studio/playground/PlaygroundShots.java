// Renders the playground to PNGs after training the default project for a while, light and dark, English and
// Chinese, to look at by eye. It runs only when -Dplayground.shots=<folder> is given, e.g.
// mvn -pl app -am test -Dtest=PlaygroundShots -Dplayground.shots=/tmp/playground-shots
package org.stepwise.app.studio.playground;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.studio.DefaultProjects;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "playground.shots", matches = ".+")
class PlaygroundShots {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private PlaygroundView show(FxRobot robot, boolean dark, Locale locale, String template, int epochs)
            throws Exception {
        Workspace workspace = new Workspace(DefaultProjects.fromTemplate(template), null);
        TrainingController controller = new TrainingController(workspace);
        PlaygroundView[] view = new PlaygroundView[1];
        robot.interact(() -> {
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            view[0] = new PlaygroundView(workspace, new I18n(locale), controller);
            stage.setScene(new Scene(view[0], 1600, 1000));
            stage.show();
        });
        for (int e = 0; e < epochs; e++) {
            robot.interact(controller::oneEpoch);
        }
        if (epochs > 0) {
            WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS,
                    () -> controller.snapshot() != null && controller.snapshot().epoch() >= epochs);
        }
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(view[0]::refresh);
        return view[0];
    }

    private void save(FxRobot robot, Node node, String name) {
        robot.interact(() -> {
            try {
                Path dir = Path.of(System.getProperty("playground.shots"));
                Files.createDirectories(dir);
                ImageIO.write(SwingFXUtils.fromFXImage(node.snapshot(null, null), null), "png",
                        dir.resolve(name + ".png").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void lightEnglish(FxRobot robot) throws Exception {
        PlaygroundView view = show(robot, false, Locale.ENGLISH, "mlp-2-8-8-1", 120);
        robot.interact(() -> view.traceAt(1.5, -2.0));
        save(robot, view, "light-en");
        robot.moveTo("#unit-map-hidden2-3");
        save(robot, view, "light-en-hover");
    }

    @Test
    void darkChinese(FxRobot robot) throws Exception {
        PlaygroundView view = show(robot, true, I18n.CHINESE, "mlp-2-8-8-1", 120);
        robot.interact(() -> view.traceAt(-3.0, 1.0));
        save(robot, view, "dark-zh");
    }

    @Test
    void messages(FxRobot robot) throws Exception {
        save(robot, show(robot, false, Locale.ENGLISH, "lenet", 0), "light-en-lenet");
        save(robot, show(robot, true, I18n.CHINESE, "perceptron", 20), "dark-zh-perceptron");
    }
}
