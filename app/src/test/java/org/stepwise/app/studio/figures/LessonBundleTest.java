// Lesson bundles without a window: a project and a lesson folder round-trip through one file, the project file
// reader opens the bundle as a project, and unsafe entries (path traversal, zip bombs) are refused with a message
// that names the file and the entry. Also the SVG and CSV writers on plain data.
package org.stepwise.app.studio.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.app.studio.DefaultProjects;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.History;
import org.stepwise.core.io.ModelFormatException;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.lessons.format.LessonReader;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class LessonBundleTest {
    /** A lesson of the course, as its author keeps it in a folder. */
    private static final Path COURSE_LESSON = Path.of("..", "lessons", "src", "main", "resources", "org", "stepwise",
            "lessons", "course", "04-loss");

    @TempDir
    Path dir;

    private Path lessonFolder() throws Exception {
        Path folder = dir.resolve("lesson-src");
        if (Files.isDirectory(folder)) {
            return folder;
        }
        Files.createDirectories(folder.resolve("images"));
        try (var files = Files.list(COURSE_LESSON)) {
            for (Path p : files.toList()) {
                Files.copy(p, folder.resolve(p.getFileName()));
            }
        }
        Files.write(folder.resolve("images/figure-1.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Files.writeString(folder.resolve(".DS_Store"), "not part of the lesson");
        return folder;
    }

    @Test
    void bundleRoundTripsTheProjectAndEveryLessonFile() throws Exception {
        Path folder = lessonFolder();
        Project project = DefaultProjects.standard();
        Path bundle = dir.resolve("class.stepwise");
        LessonBundle.write(bundle, project, folder);

        assertTrue(LessonBundle.hasLesson(bundle));
        var loaded = ProjectFile.load(bundle).project();
        assertEquals(project.graph().nodes().size(), loaded.graph().nodes().size());
        assertArrayEquals(project.network().params().get(0).value(), loaded.network().params().get(0).value());

        Map<String, byte[]> lesson = LessonBundle.readLesson(bundle);
        Map<String, byte[]> expected = LessonBundle.readFolder(folder);
        assertEquals(expected.keySet(), lesson.keySet());
        assertFalse(lesson.containsKey(".DS_Store"));
        assertTrue(lesson.containsKey("images/figure-1.png"));
        for (var e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), lesson.get(e.getKey()), e.getKey());
            assertArrayEquals(Files.readAllBytes(folder.resolve(e.getKey())), lesson.get(e.getKey()), e.getKey());
        }

        var source = LessonBundle.extract(bundle, dir.resolve("extracted"));
        var read = LessonReader.read(source, false);
        assertTrue(read.lesson().isPresent(), read.problems().toString());
        assertEquals(LessonReader.read(org.stepwise.lessons.format.LessonSource.folder(COURSE_LESSON), false)
                .lesson().get().id(), read.lesson().get().id());
    }

    @Test
    void aPlainProjectHasNoLesson() throws Exception {
        Path plain = dir.resolve("plain.stepwise");
        ProjectFile.save(plain, DefaultProjects.standard());
        assertFalse(LessonBundle.hasLesson(plain));
        var e = assertThrows(ModelFormatException.class, () -> LessonBundle.readLesson(plain));
        assertTrue(e.getMessage().contains("carries no lesson"), e.getMessage());
    }

    /** A bundle with one more entry than it should have, as someone's tampered file would be. */
    private Path tampered(String name, byte[] bytes) throws Exception {
        Path good = dir.resolve("good.stepwise");
        LessonBundle.write(good, DefaultProjects.standard(), lessonFolder());
        Path bad = dir.resolve("bad.stepwise");
        try (ZipFile in = new ZipFile(good.toFile()); OutputStream out = Files.newOutputStream(bad);
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : java.util.Collections.list(in.entries())) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.getInputStream(e).transferTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(name));
            zip.write(bytes);
            zip.closeEntry();
        }
        return bad;
    }

    @Test
    void traversalEntriesAreRefusedWithAClearMessage() throws Exception {
        for (String name : List.of("lesson/../../evil.sh", "lesson/images/../../../evil.sh", "/etc/evil",
                "lesson/C:/evil", "lesson/..\\evil", "lesson/.hidden")) {
            Path bad = tampered(name, "echo pwned".getBytes(StandardCharsets.UTF_8));
            var e = assertThrows(ModelFormatException.class, () -> LessonBundle.readLesson(bad), name);
            assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains(name), e.getMessage());
            assertTrue(e.getMessage().contains("refusing"), e.getMessage());
            assertThrows(ModelFormatException.class, () -> LessonBundle.extract(bad, dir.resolve("x")), name);
            assertFalse(Files.exists(dir.resolve("evil.sh")));
        }
        // The project reader refuses escaping names too, so File > Open never half-opens such a file.
        Path bad = tampered("lesson/../graph.json", new byte[] {1});
        assertThrows(ModelFormatException.class, () -> ProjectFile.load(bad));
    }

    @Test
    void aLessonEntryThatInflatesTooFarIsRefused() throws Exception {
        Path bomb = tampered("lesson/big.md", new byte[LessonBundle.MAX_FILE_BYTES + 10]);
        var e = assertThrows(ModelFormatException.class, () -> LessonBundle.readLesson(bomb));
        assertTrue(e.getMessage().contains("zip bomb") && e.getMessage().contains("lesson/big.md"), e.getMessage());
        // The project itself still opens: lesson entries are skipped by the project reader, never inflated.
        ProjectFile.load(bomb);
    }

    @Test
    void csvHasTheHeaderAndOneRowPerEpoch() {
        var m = ClassificationMetrics.fromCounts(new int[][] {{3, 1}, {0, 4}}, 8, 1, 0.25);
        List<History.Epoch> epochs = List.of(new History.Epoch(1, 0.5, m, m), new History.Epoch(2, 0.4, m, null));
        String[] lines = FigureExport.historyCsv(epochs).split("\n");
        assertEquals(3, lines.length);
        assertEquals(String.join(",", FigureExport.CSV_HEADER), lines[0]);
        assertEquals("1,0.5,0.25,0.875,0.25,0.875,,,,", lines[1]);
        assertEquals("2,0.4,0.25,0.875,,,,,,", lines[2]);
    }

    @Test
    void svgIsWellFormedAndHoldsEverySeries() throws Exception {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries train = new XYSeries("train <A & B>");
        XYSeries val = new XYSeries("validation");
        for (int i = 1; i <= 5; i++) {
            train.add(i, 1.0 / i);
            val.add(i, i == 3 ? Double.NaN : 1.2 / i);
        }
        data.addSeries(train);
        data.addSeries(val);
        JFreeChart chart = new JFreeChart(new XYPlot(data, new NumberAxis("epoch"), new NumberAxis("loss"),
                new XYLineAndShapeRenderer(true, false)));
        Path file = dir.resolve("loss.svg");
        FigureExport.writeSvg(chart, 640, 400, file);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(file)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals("640", doc.getDocumentElement().getAttribute("width"));
        NodeList paths = doc.getElementsByTagName("path");
        assertEquals(2, paths.getLength());
        assertEquals("train <A & B>", ((Element) paths.item(0)).getAttribute("data-series"));
        assertEquals(5, ((Element) paths.item(0)).getAttribute("d").split("[ML]").length - 1);
        assertEquals(2, ((Element) paths.item(1)).getAttribute("d").split("M").length - 1, "NaN breaks the line");
    }

    @Test
    void aFileThatCannotBeWrittenIsNamed() {
        Path file = dir.resolve("no-such-folder").resolve("x.csv");
        var e = assertThrows(java.io.IOException.class, () -> FigureExport.writeHistoryCsv(List.of(), file));
        assertTrue(e.getMessage().startsWith("Could not write " + file), e.getMessage());
    }
}
