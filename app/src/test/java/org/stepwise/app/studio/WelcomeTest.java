// The welcome's four ways to start, in a real studio window: an example opens trained, the course opens lesson 1,
// the playground opens on the spiral, and "show at start" is remembered.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class WelcomeTest {
    private MainWindow window;
    private TestWindow opened;

    @Start
    void start(Stage stage) {
        opened = TestWindow.open(stage);
        window = opened.window;
    }

    @AfterEach
    void cleanUp() throws Exception {
        opened.close();
    }

    @Test
    void anExampleOpensTrainedAndTheChoiceToShowItAgainIsKept(FxRobot robot) throws Exception {
        Welcome welcome = WaitForAsyncUtils.asyncFx(() -> window.showWelcome()).get();
        assertTrue(welcome.stage().isShowing());
        // Four choices with a line or two each: it fits a laptop screen (a wrapped label once made it 2,300 px).
        assertTrue(welcome.stage().getHeight() < 700, "welcome is " + welcome.stage().getHeight() + " px high");
        robot.interact(() -> fire(welcome, "#welcome-again"));
        assertFalse(window.preferences().showWelcome());
        robot.interact(() -> fire(welcome, "#welcome-example-xor-perceptron"));
        assertFalse(welcome.stage().isShowing());
        assertEquals("xor-perceptron", window.workspace().nameProperty().get());
        assertEquals("xor", window.workspace().document().data().spec());
        // Trained: the saved history holds its 100 epochs, and the single neuron is the whole network.
        assertEquals(2, window.workspace().graph().nodes().size());
        assertEquals(100, window.workspace().projectProperty().get().history().size());
    }

    @Test
    void theCourseAndThePlaygroundStartWhereTheySay(FxRobot robot) throws Exception {
        Welcome first = WaitForAsyncUtils.asyncFx(() -> window.showWelcome()).get();
        robot.interact(() -> fire(first, "#welcome-course"));
        assertNotNull(window.lessonPanel());
        assertEquals("neuron", window.lessonPanel().runner().lesson().id());
        robot.interact(() -> window.lessonPanel().close());
        Welcome second = WaitForAsyncUtils.asyncFx(() -> window.showWelcome()).get();
        robot.interact(() -> fire(second, "#welcome-playground"));
        assertEquals("spiral", window.workspace().document().data().spec());
        assertTrue(robot.lookup("#playground").tryQuery().isPresent());
    }

    /** Presses a control of the welcome as a click would (its window is modal over the studio's). */
    private static void fire(Welcome welcome, String id) {
        ((javafx.scene.control.ButtonBase) welcome.stage().getScene().lookup(id)).fire();
    }
}
