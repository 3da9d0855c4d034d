// The colour bar widens with a large font, so its three numbers keep their room at every UI scale: 240 px at the
// 13 px numbers of 100 %, 13 ems (338 px) at 200 %; its text reads the scale's min, 0 and max on a diverging map.
package org.stepwise.app.studio.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ColorBarTest {
    private ColorBar bar;
    private StackPane root;

    @Start
    void start(Stage stage) {
        bar = new ColorBar();
        root = new StackPane(bar);
        root.setStyle("-fx-font-size: 13px;");
        stage.setScene(new Scene(root, 600, 200));
        stage.show();
    }

    @Test
    void theBarFollowsTheFontSize(FxRobot robot) {
        robot.interact(() -> bar.show(Scale.of(new float[] {-2f, 1f}, 0, 2, ColorMap.DIVERGING)));
        assertEquals(240, bar.barWidth(), 0.5);
        assertEquals("−2 | 0 | 2", bar.text());
        robot.interact(() -> root.setStyle("-fx-font-size: 26px;"));
        robot.interact(root::applyCss);
        assertEquals(338, bar.barWidth(), 0.5);
        assertEquals(28, bar.barHeight(), 0.5);
    }
}
