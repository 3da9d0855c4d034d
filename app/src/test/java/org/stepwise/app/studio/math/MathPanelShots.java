// Renders the math panel to PNGs at the forward, backward and update of a step, light and dark, English and
// Chinese, to look at by eye. It runs only with -Dmath.shots=<folder>, e.g.
// mvn -pl app -am test -Dtest=MathPanelShots -Dmath.shots=/tmp/math-shots -Dsurefire.failIfNoSpecifiedTests=false
package org.stepwise.app.studio.math;

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
import javafx.scene.control.Spinner;
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
@EnabledIfSystemProperty(named = "math.shots", matches = ".+")
class MathPanelShots {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private record Shown(MathPanel panel, TrainingController controller) {
    }

    private Shown show(FxRobot robot, boolean dark, Locale locale, String template, String node, int unit) {
        Workspace workspace = new Workspace(DefaultProjects.fromTemplate(template), null);
        TrainingController controller = new TrainingController(workspace);
        MathPanel[] panel = new MathPanel[1];
        robot.interact(() -> {
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            panel[0] = new MathPanel(workspace, new I18n(locale), controller);
            stage.setScene(new Scene(panel[0], 1000, Integer.getInteger("math.shots.height", 860)));
            stage.show();
            workspace.select(node);
        });
        @SuppressWarnings("unchecked")
        Spinner<Integer> units = (Spinner<Integer>) robot.lookup("#math-unit").query();
        robot.interact(() -> units.getValueFactory().setValue(unit + 1));
        return new Shown(panel[0], controller);
    }

    /** Runs phases until the snapshot stands at phase {@code phaseIndex} of step {@code step}. */
    private void runTo(FxRobot robot, TrainingController c, long step, int phaseIndex) {
        runTo(robot, c, 9, step, phaseIndex);
    }

    private void runTo(FxRobot robot, TrainingController c, int perStep, long step, int phaseIndex) {
        StepSnapshot now = c.snapshot();
        long at = now == null ? 0 : now.step() * perStep + now.phaseIndex();
        for (long k = at; k < step * perStep + phaseIndex; k++) {
            robot.interact(c::nextPhase);
        }
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
                StepSnapshot s = c.snapshot();
                return s != null && s.step() == step && s.phaseIndex() == phaseIndex && s.math() != null;
            });
        } catch (java.util.concurrent.TimeoutException e) {
            StepSnapshot last = c.snapshot();
            throw new AssertionError(c.progress() + " / " + (last == null ? "no snapshot" : last.position()), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void save(FxRobot robot, Node node, String name) {
        robot.interact(() -> {
            try {
                Path dir = Path.of(System.getProperty("math.shots"));
                Files.createDirectories(dir);
                ImageIO.write(SwingFXUtils.fromFXImage(node.snapshot(null, null), null), "png",
                        dir.resolve(name + ".png").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void steps(FxRobot robot, boolean dark, Locale locale, String prefix) {
        Shown s = show(robot, dark, locale, DefaultProjects.DEFAULT_TEMPLATE, "hidden1", 3);
        save(robot, s.panel(), prefix + "-0-ready");
        runTo(robot, s.controller(), 0, 2);
        save(robot, s.panel(), prefix + "-1-forward");
        runTo(robot, s.controller(), 0, 8);
        save(robot, s.panel(), prefix + "-2-backward");
        runTo(robot, s.controller(), 1, 0);
        save(robot, s.panel(), prefix + "-3-update");
        s.controller().close();
    }

    @Test
    void lightEnglish(FxRobot robot) {
        steps(robot, false, Locale.ENGLISH, "light-en");
    }

    @Test
    void darkChinese(FxRobot robot) {
        steps(robot, true, I18n.CHINESE, "dark-zh");
    }

    /** LeNet's fc1, 400 inputs, with the sums elided, then with the table of all terms. */
    @Test
    void wideLayer(FxRobot robot) {
        Shown s = show(robot, false, Locale.ENGLISH, "lenet", "fc1", 5);
        runTo(robot, s.controller(), 19, 0, 13);
        save(robot, s.panel(), "light-en-wide");
        robot.clickOn("#math-all-terms");
        save(robot, s.panel(), "light-en-wide-table");
        s.controller().close();
    }

    /** The tiny GPT's first attention after its forward: position 3 written out, then position 64 elided. */
    @Test
    void attention(FxRobot robot) throws Exception {
        for (boolean dark : new boolean[] {false, true}) {
            Locale locale = dark ? I18n.CHINESE : Locale.ENGLISH;
            Shown s = show(robot, dark, locale, "gpt-moby-dick", "b0_attn", 2);
            for (int k = 0; k < 5; k++) {
                robot.interact(s.controller()::nextPhase);
            }
            for (int position : new int[] {3, 64}) {
                @SuppressWarnings("unchecked")
                Spinner<Integer> units = (Spinner<Integer>) robot.lookup("#math-unit").query();
                robot.interact(() -> units.getValueFactory().setValue(position));
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
                    StepSnapshot x = s.controller().snapshot();
                    return x != null && x.phaseIndex() == 5 && x.attention() != null
                            && x.attention().position() == position - 1;
                });
                WaitForAsyncUtils.waitForFxEvents();
                save(robot, s.panel(), (dark ? "dark-zh" : "light-en") + "-attention-" + position);
            }
            s.controller().close();
        }
    }

    @Test
    void messages(FxRobot robot) {
        Shown s = show(robot, false, Locale.ENGLISH, DefaultProjects.DEFAULT_TEMPLATE, "input", 0);
        save(robot, s.panel(), "light-en-input");
        s.controller().close();
    }
}
