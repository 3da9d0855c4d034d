// Renders the detail pane to PNGs, light and dark, English and Chinese, dense and convolutional, to look at by eye.
// It runs only when -Ddetail.shots=<folder> is given, e.g. mvn -pl app -am test -Dtest=DetailShots -Ddetail.shots=/tmp/s
package org.stepwise.app.studio.detail;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stepwise.app.studio.DefaultProjects;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "detail.shots", matches = ".+")
class DetailShots {
    private Stage stage;
    private TrainingController controller;
    private NodeDetailView view;
    private Workspace workspace;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private void show(FxRobot robot, boolean dark, Locale locale, String template, String node) {
        workspace = new Workspace(DefaultProjects.fromTemplate(template), null);
        controller = new TrainingController(workspace);
        robot.interact(() -> {
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            view = new NodeDetailView(workspace, new I18n(locale), controller);
            workspace.select(node);
            stage.setScene(new Scene(view, 1280, 560));
            stage.show();
        });
    }

    private void await(FxRobot robot, Runnable action, Predicate<StepSnapshot> done) throws Exception {
        robot.interact(action);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> {
            StepSnapshot s = controller.snapshot();
            return s != null && done.test(s) && view.shown() == s;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void save(FxRobot robot, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            try {
                Path dir = Path.of(System.getProperty("detail.shots"));
                Files.createDirectories(dir);
                ImageIO.write(SwingFXUtils.fromFXImage(view.snapshot(null, null), null), "png",
                        dir.resolve(name + ".png").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void page(FxRobot robot, NodeDetailView.Page p) {
        robot.interact(() -> view.showPage(p));
    }

    @Test
    void dense(FxRobot robot) throws Exception {
        for (boolean dark : new boolean[] {false, true}) {
            Locale locale = dark ? I18n.CHINESE : Locale.ENGLISH;
            String tag = (dark ? "dark-zh" : "light-en") + "-dense";
            show(robot, dark, locale, "mlp-2-8-8-1", "hidden1");
            await(robot, () -> {
                for (int i = 0; i < 40; i++) {
                    controller.step();
                }
            }, s -> s.step() == 40 && s.phaseIndex() == 0);
            await(robot, () -> {
                for (int i = 0; i < 8; i++) {
                    controller.nextPhase();
                }
            }, s -> s.phaseIndex() == 8);
            robot.moveTo(view.heatmap("activations").cellCenterOnScreen(0, 3, 5));
            save(robot, tag + "-activations");
            page(robot, NodeDetailView.Page.GRADIENTS);
            save(robot, tag + "-gradients");
            await(robot, controller::nextPhase, s -> s.phaseIndex() == 0);
            page(robot, NodeDetailView.Page.WEIGHTS);
            robot.interact(() -> robot.lookup("#detail-delta-toggle").queryAs(
                    javafx.scene.control.ToggleButton.class).setSelected(true));
            save(robot, tag + "-delta");
            page(robot, NodeDetailView.Page.HISTOGRAMS);
            save(robot, tag + "-histograms");
            controller.close();
        }
    }

    @Test
    void conv(FxRobot robot) throws Exception {
        for (boolean dark : new boolean[] {false, true}) {
            Locale locale = dark ? I18n.CHINESE : Locale.ENGLISH;
            String tag = (dark ? "dark-zh" : "light-en") + "-conv";
            show(robot, dark, locale, "lenet", "conv1");
            await(robot, () -> {
                for (int i = 0; i < 5; i++) {
                    controller.step();
                }
                controller.nextPhase();
                controller.nextPhase();
            }, s -> s.step() == 5 && s.phaseIndex() == 2);
            save(robot, tag + "-activations");
            robot.interact(() -> workspace.select("conv2"));
            page(robot, NodeDetailView.Page.WEIGHTS);
            save(robot, tag + "-weights");
            robot.interact(() -> workspace.select("pool2"));
            page(robot, NodeDetailView.Page.GRADIENTS);
            save(robot, tag + "-pool-gradients");
            robot.interact(() -> workspace.select("fc1"));
            page(robot, NodeDetailView.Page.WEIGHTS);
            save(robot, tag + "-fc1-weights");
            controller.close();
        }
    }
}
