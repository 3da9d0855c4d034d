// Figures and data out in the studio window: the canvas, a heatmap, the math panel and both charts as PNG of the
// view's size times the scale, the charts as well-formed SVG holding their series, the training history as CSV with
// one row per trained epoch, and a lesson bundle written from the open project and opened again.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.app.studio.figures.FigureExport;
import org.stepwise.app.studio.figures.FiguresMenu.Figure;
import org.stepwise.app.studio.figures.FiguresMenu.Format;
import org.stepwise.app.studio.figures.LessonBundle;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@ExtendWith(ApplicationExtension.class)
class FiguresExportTest {
    private MainWindow window;
    private TestWindow opened;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        opened = TestWindow.open(stage);
        window = opened.window;
    }

    @AfterEach
    void cleanUp() throws Exception {
        opened.close();
    }

    private void trainEpochs(int epochs) throws Exception {
        int target = window.training().curves().epochs().size() + epochs;
        for (int i = 0; i < epochs; i++) {
            window.training().oneEpoch();
        }
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.training().curves().epochs().size() == target);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private <T> T fx(java.util.concurrent.Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(60, TimeUnit.SECONDS);
    }

    /** Exports on the FX thread and decodes the PNG; checks its size is the view's times the scale. */
    private BufferedImage png(Figure figure, double scale, double width, double height) throws Exception {
        Path file = dir.resolve(figure + "-" + scale + ".png");
        fx(() -> {
            window.figures().write(figure, Format.PNG, scale, file);
            return null;
        });
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, figure + " is not a decodable PNG");
        assertEquals(Math.round(width * scale), image.getWidth(), figure + " width at " + scale);
        assertEquals(Math.round(height * scale), image.getHeight(), figure + " height at " + scale);
        System.out.printf("figures: %s at %.1fx: %d x %d px, %d bytes%n", figure, scale, image.getWidth(),
                image.getHeight(), Files.size(file));
        return image;
    }

    private static double[] size(Node node) {
        return new double[] {node.getLayoutBounds().getWidth(), node.getLayoutBounds().getHeight()};
    }

    @Test
    void theFileMenuOffersFiguresCsvAndBundles() throws Exception {
        List<String> ids = fx(() -> {
            var bar = (javafx.scene.control.MenuBar) window.scene().lookup("#menubar");
            List<String> all = new ArrayList<>();
            for (MenuItem item : bar.getMenus().get(0).getItems()) {
                all.add(item.getId());
                if (item instanceof javafx.scene.control.Menu m) {
                    m.getItems().forEach(i -> all.add(i.getId()));
                }
            }
            return all;
        });
        for (String id : List.of("menu-figures", "figure-canvas", "figure-heatmap", "figure-loss_chart",
                "figure-accuracy_chart", "figure-math", "menu-figures-copy", "copy-canvas", "menu-history-csv",
                "menu-lesson-bundle", "menu-open-bundle")) {
            assertTrue(ids.contains(id), id + " in " + ids);
        }
    }

    @Test
    void viewsExportAsPngOfTheirSizeTimesTheScale(FxRobot robot) throws Exception {
        trainEpochs(1);
        double[] canvas = fx(() -> size(window.canvas()));
        for (double scale : new double[] {1, 2, 4}) {
            png(Figure.CANVAS, scale, canvas[0], canvas[1]);
        }
        BufferedImage image = png(Figure.CANVAS, 1.5, canvas[0], canvas[1]);
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100);

        robot.interact(() -> window.workspace().select("hidden1"));
        robot.clickOn("#tab-values");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> {
            try {
                return window.figures().node(Figure.HEATMAP) != null;
            } catch (IllegalStateException notYet) {
                return false;
            }
        }));
        double[] heatmap = fx(() -> size(window.figures().node(Figure.HEATMAP)));
        png(Figure.HEATMAP, 2, heatmap[0], heatmap[1]);

        robot.clickOn("#tab-math");
        WaitForAsyncUtils.waitForFxEvents();
        double[] math = fx(() -> size(window.figures().node(Figure.MATH)));
        png(Figure.MATH, 3, math[0], math[1]);

        robot.clickOn("#tab-charts");
        WaitForAsyncUtils.waitForFxEvents();
        double[] chart = fx(() -> size(window.figures().node(Figure.LOSS_CHART)));
        png(Figure.LOSS_CHART, 2, chart[0], chart[1]);
        double[] accuracy = fx(() -> size(window.figures().node(Figure.ACCURACY_CHART)));
        png(Figure.ACCURACY_CHART, 1, accuracy[0], accuracy[1]);
    }

    @Test
    void chartsExportAsWellFormedSvgWithTheirSeries(FxRobot robot) throws Exception {
        trainEpochs(3);
        robot.clickOn("#tab-charts");
        WaitForAsyncUtils.waitForFxEvents();
        for (Figure figure : List.of(Figure.LOSS_CHART, Figure.ACCURACY_CHART)) {
            Path file = dir.resolve(figure + ".svg");
            List<String> keys = fx(() -> {
                window.figures().write(figure, Format.SVG, 1, file);
                var plot = window.figures().chart(figure).getXYPlot();
                List<String> all = new ArrayList<>();
                for (int d = 0; d < plot.getDatasetCount(); d++) {
                    XYDataset data = plot.getDataset(d);
                    for (int s = 0; data != null && s < data.getSeriesCount(); s++) {
                        if (data.getItemCount(s) > 0) {
                            all.add(String.valueOf(data.getSeriesKey(s)));
                        }
                    }
                }
                return all;
            });
            assertTrue(!keys.isEmpty(), figure + " has no series after training");
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(Files.readAllBytes(file)));
            assertEquals("svg", doc.getDocumentElement().getTagName());
            NodeList paths = doc.getElementsByTagName("path");
            List<String> drawn = new ArrayList<>();
            for (int i = 0; i < paths.getLength(); i++) {
                drawn.add(((Element) paths.item(i)).getAttribute("data-series"));
            }
            assertTrue(drawn.containsAll(keys), figure + ": " + drawn + " should hold " + keys);
            System.out.printf("figures: %s as SVG: %d series, %d bytes%n", figure, keys.size(), Files.size(file));
        }
    }

    @Test
    void historyCsvHasAHeaderAndOneRowPerEpoch() throws Exception {
        int epochs = 4;
        trainEpochs(epochs);
        Path file = dir.resolve("history.csv");
        assertTrue(fx(() -> window.figures().exportHistory(file)));
        List<String> lines = Files.readAllLines(file);
        assertEquals(String.join(",", FigureExport.CSV_HEADER), lines.get(0));
        assertEquals(epochs + 1, lines.size(), lines.toString());
        for (int i = 1; i <= epochs; i++) {
            String[] cells = lines.get(i).split(",", -1);
            assertEquals(FigureExport.CSV_HEADER.size(), cells.length);
            assertEquals(String.valueOf(i), cells[0]);
            assertTrue(Double.parseDouble(cells[2]) > 0, "train loss of epoch " + i);
        }
    }

    @Test
    void aLessonBundleIsWrittenFromTheOpenProjectAndOpensWithItsLesson() throws Exception {
        Path lesson = Path.of("..", "lessons", "src", "main", "resources", "org", "stepwise", "lessons", "course",
                "04-loss");
        Path bundle = dir.resolve("class.stepwise");
        assertTrue(fx(() -> window.figures().exportBundle(lesson, bundle)));
        assertTrue(LessonBundle.hasLesson(bundle));
        var source = fx(() -> window.figures().openBundle(bundle, false));
        assertTrue(source.isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        // The lesson runs on the project the teacher packed (the spiral), not on the lesson's own start (moons).
        assertEquals("loss", fx(() -> window.lessonPanel().runner().lesson().id()));
        assertEquals("spiral", fx(() -> window.workspace().document().data().spec()));
    }

    @Test
    void copyPutsAnImageOnTheClipboard() throws Exception {
        assertTrue(fx(() -> window.figures().copy(Figure.CANVAS, 2)));
        var image = fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getImage());
        assertNotNull(image);
        double[] canvas = fx(() -> size(window.canvas()));
        assertEquals(Math.round(canvas[0] * 2), Math.round(image.getWidth()));
    }
}
