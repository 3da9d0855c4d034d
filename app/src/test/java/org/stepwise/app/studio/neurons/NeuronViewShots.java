// Renders the neuron view to PNGs, light and dark, English and Chinese, to look at by eye. It runs only when
// -Dneurons.shots=<folder> is given, e.g. mvn -pl app -am test -Dtest=NeuronViewShots -Dneurons.shots=/tmp/shots
package org.stepwise.app.studio.neurons;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Line;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.graph.Param;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "neurons.shots", matches = ".+")
class NeuronViewShots {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private NeuronView show(FxRobot robot, boolean dark, Locale locale, String template) {
        Workspace workspace = new Workspace(NeuronViewTest.project(template), null);
        // Weights as after some training: larger and more varied than the initial ones.
        SplittableRandom random = new SplittableRandom(3);
        for (Param p : workspace.document().network().params()) {
            float[] v = p.value();
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) (random.nextGaussian() * (p.isWeight() ? 1.1 : 0.9));
            }
        }
        NeuronView[] view = new NeuronView[1];
        robot.interact(() -> {
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            view[0] = new NeuronView(workspace, new I18n(locale));
            stage.setScene(new Scene(view[0], 1280, 800));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return view[0];
    }

    private void save(FxRobot robot, Node node, String name) {
        robot.interact(() -> {
            try {
                Path dir = Path.of(System.getProperty("neurons.shots"));
                Files.createDirectories(dir);
                ImageIO.write(SwingFXUtils.fromFXImage(node.snapshot(null, null), null), "png",
                        dir.resolve(name + ".png").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void clickEdge(FxRobot robot, String id) {
        Line l = (Line) robot.lookup("#" + id).query().lookup(".neuron-edge-line");
        Point2D p = l.localToScreen(l.getStartX() + 0.3 * (l.getEndX() - l.getStartX()),
                l.getStartY() + 0.3 * (l.getEndY() - l.getStartY()));
        robot.clickOn(p);
    }

    @Test
    void lightEnglish(FxRobot robot) {
        NeuronView view = show(robot, false, Locale.ENGLISH, "mlp-2-8-8-1");
        clickEdge(robot, "w-output-0-3");
        save(robot, view, "light-en");
        robot.write("abc").type(KeyCode.ENTER);
        save(robot, view, "light-en-invalid");
        robot.type(KeyCode.ESCAPE);
        robot.clickOn("#units-plus-hidden1");
        save(robot, view, "light-en-pending");
    }

    @Test
    void darkChinese(FxRobot robot) {
        NeuronView view = show(robot, true, I18n.CHINESE, "mlp-2-8-8-1");
        clickEdge(robot, "w-hidden2-2-5");
        save(robot, view, "dark-zh");
    }

    @Test
    void messages(FxRobot robot) {
        save(robot, show(robot, false, Locale.ENGLISH, "lenet"), "light-en-lenet");
        save(robot, show(robot, true, I18n.CHINESE, "perceptron"), "dark-zh-perceptron");
    }
}
