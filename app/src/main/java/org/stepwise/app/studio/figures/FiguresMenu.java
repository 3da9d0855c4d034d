// File ▸ Export figure…, Copy figure, Export training history (CSV)…, Export lesson bundle… and Open lesson
// bundle…: the studio's side of FigureExport and LessonBundle. The window hands in what it owns (the canvas, the
// training controller, how to open a project and start a lesson); the views are found in its scene by their ids.
package org.stepwise.app.studio.figures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.charts.ChartsView;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.lessons.format.LessonReader;
import org.stepwise.lessons.format.LessonSource;

public final class FiguresMenu {

    /** What can be exported, and the tab that shows it (null for the canvas, which is always there). */
    public enum Figure {
        CANVAS(null), HEATMAP("tab-values"), LOSS_CHART("tab-charts"), ACCURACY_CHART("tab-charts"), MATH("tab-math");

        final String tab;

        Figure(String tab) {
            this.tab = tab;
        }

        public boolean isChart() {
            return this == LOSS_CHART || this == ACCURACY_CHART;
        }

        String key() {
            return "figures.what." + name().toLowerCase(java.util.Locale.ROOT).replace("_chart", "");
        }
    }

    public enum Format { PNG, SVG }

    /** Where files come from and go to: dialogs in the studio, fixed answers in tests. Null means cancelled. */
    public interface Chooser {
        Path saveFile(String titleKey, String suggestedName, String extension);

        Path lessonFolder();

        Path openBundle();
    }

    /** Charts are drawn at this size (points) when their view has no size yet. */
    static final int CHART_WIDTH = 640;
    static final int CHART_HEIGHT = 400;

    private final Stage stage;
    private final Scene scene;
    private final I18n i18n;
    private final TrainingController training;
    private final Supplier<Node> canvas;
    private final Predicate<Project> openProject;
    private final Consumer<LessonSource> startLesson;
    private Chooser chooser = new DialogChooser();
    private Format lastFormat = Format.PNG;
    private double lastScale = 2;

    /**
     * @param canvas      the network canvas as it is now
     * @param openProject replaces the open project (asking about unsaved changes first); false when the user said no
     * @param startLesson starts a lesson from a source, as the Lessons menu does
     */
    public FiguresMenu(Stage stage, Scene scene, I18n i18n, TrainingController training, Supplier<Node> canvas,
                       Predicate<Project> openProject, Consumer<LessonSource> startLesson) {
        this.stage = stage;
        this.scene = scene;
        this.i18n = i18n;
        this.training = training;
        this.canvas = canvas;
        this.openProject = openProject;
        this.startLesson = startLesson;
    }

    public void setChooser(Chooser chooser) {
        this.chooser = chooser;
    }

    /** The File menu's items: an "Export figure" submenu, Copy figure, the CSV, and the two bundle actions. */
    public List<MenuItem> items() {
        Menu figure = new Menu(i18n.text("figures.menu.export"));
        figure.setId("menu-figures");
        Menu copy = new Menu(i18n.text("figures.menu.copy"));
        copy.setId("menu-figures-copy");
        for (Figure f : Figure.values()) {
            figure.getItems().add(item(i18n.text(f.key()) + "…", "figure-" + f.name().toLowerCase(java.util.Locale.ROOT),
                    () -> exportDialog(f)));
            copy.getItems().add(item(i18n.text(f.key()), "copy-" + f.name().toLowerCase(java.util.Locale.ROOT),
                    () -> afterShowing(f, () -> copy(f, lastScale))));
        }
        return List.of(figure, copy,
                item(i18n.text("figures.menu.csv"), "menu-history-csv", this::exportHistoryDialog),
                new SeparatorMenuItem(),
                item(i18n.text("figures.menu.bundle"), "menu-lesson-bundle", this::exportBundleDialog),
                item(i18n.text("figures.menu.openBundle"), "menu-open-bundle", this::openBundleDialog));
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    // ---- figures ---------------------------------------------------------------------------------------------

    /** Asks for the format and the scale, then the file, and exports once the figure's tab has been shown. */
    private void exportDialog(Figure figure) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(stage);
        dialog.setTitle(i18n.text("figures.dialog.title", i18n.text(figure.key())));
        ChoiceBox<Format> format = new ChoiceBox<>(FXCollections.observableArrayList(
                figure.isChart() ? List.of(Format.PNG, Format.SVG) : List.of(Format.PNG)));
        format.setId("figure-format");
        format.setValue(figure.isChart() ? lastFormat : Format.PNG);
        ChoiceBox<Integer> scale = new ChoiceBox<>(FXCollections.observableArrayList(100, 150, 200, 300, 400));
        scale.setId("figure-scale");
        scale.setValue((int) Math.round(lastScale * 100));
        scale.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer percent) {
                return percent == null ? "" : percent + " %";
            }

            @Override
            public Integer fromString(String text) {
                return Integer.valueOf(text.replaceAll("[^0-9]", ""));
            }
        });
        scale.disableProperty().bind(format.valueProperty().isEqualTo(Format.SVG));
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label(i18n.text("figures.dialog.format")), format);
        grid.addRow(1, new Label(i18n.text("figures.dialog.scale")), scale);
        if (!figure.isChart()) {
            grid.add(new Label(i18n.text("figures.dialog.rasterOnly")), 0, 2, 2, 1);
        }
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (dialog.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return;
        }
        lastFormat = figure.isChart() ? format.getValue() : lastFormat;
        lastScale = scale.getValue() / 100.0;
        Format chosen = format.getValue();
        String extension = chosen == Format.SVG ? ".svg" : ".png";
        Path file = chooser.saveFile("figures.save.title", suggestedName(figure) + extension, extension);
        if (file != null) {
            double s = lastScale;
            afterShowing(figure, () -> {
                if (export(figure, chosen, s, file)) {
                    info(i18n.text("figures.done.title"), i18n.text("figures.done.message", file));
                }
            });
        }
    }

    /** Shows the figure's tab (which makes its view) and runs {@code then} once the view has been laid out. */
    private void afterShowing(Figure figure, Runnable then) {
        Tab tab = tab(figure.tab);
        if (tab != null && !tab.isSelected()) {
            tab.getTabPane().getSelectionModel().select(tab);
            Platform.runLater(() -> Platform.runLater(then));
        } else {
            then.run();
        }
    }

    /**
     * Exports the figure as it is shown now (its tab must have been shown for it to exist); explains a failure in a
     * dialog. Call on the FX thread. True when the file was written.
     */
    public boolean export(Figure figure, Format format, double scale, Path file) {
        try {
            write(figure, format, scale, file);
            training.signals().record("figure_exported", figure.name().toLowerCase(java.util.Locale.ROOT));
            return true;
        } catch (IOException | RuntimeException e) {
            error(i18n.text("figures.failed.title"), message(e));
            return false;
        }
    }

    /** As {@link #export} without the dialog: the failure is thrown. */
    public void write(Figure figure, Format format, double scale, Path file) throws IOException {
        if (figure.isChart()) {
            JFreeChart chart = chart(figure);
            double[] size = chartSize(figure);
            if (format == Format.SVG) {
                FigureExport.writeSvg(chart, (int) Math.round(size[0]), (int) Math.round(size[1]), file);
            } else {
                FigureExport.writePng(chart, size[0], size[1], scale, file);
            }
        } else if (format == Format.SVG) {
            throw new IllegalArgumentException(i18n.text("figures.failed.notVector", i18n.text(figure.key())));
        } else {
            FigureExport.writePng(node(figure), scale, file);
        }
    }

    /** The figure as an image at the scale, on the clipboard. */
    public boolean copy(Figure figure, double scale) {
        try {
            Image image = figure.isChart()
                    ? FigureExport.toFx(FigureExport.render(chart(figure), chartSize(figure)[0],
                            chartSize(figure)[1], scale))
                    : FigureExport.snapshot(node(figure), scale);
            FigureExport.copyToClipboard(image);
            return true;
        } catch (RuntimeException e) {
            error(i18n.text("figures.failed.title"), message(e));
            return false;
        }
    }

    /** The view that shows the figure now; throws with a sentence for the user when there is none. */
    public Node node(Figure figure) {
        Node node = switch (figure) {
            case CANVAS -> canvas.get();
            case HEATMAP -> largestHeatmap();
            case MATH -> scene.lookup("#math-panel");
            case LOSS_CHART -> scene.lookup("#charts-loss");
            case ACCURACY_CHART -> scene.lookup("#charts-accuracy");
        };
        if (node == null || node.getLayoutBounds().getWidth() <= 0 || node.getLayoutBounds().getHeight() <= 0) {
            throw new IllegalStateException(i18n.text("figures.failed.notShown." + figure.name().toLowerCase(
                    java.util.Locale.ROOT)));
        }
        return node;
    }

    public JFreeChart chart(Figure figure) {
        if (!(scene.lookup("#charts") instanceof ChartsView charts)) {
            throw new IllegalStateException(i18n.text("figures.failed.notShown.loss_chart"));
        }
        return figure == Figure.LOSS_CHART ? charts.lossChart() : charts.accuracyChart();
    }

    /** The chart's size on screen, or 640 × 400 when it has none yet. */
    double[] chartSize(Figure figure) {
        Node viewer = scene.lookup(figure == Figure.LOSS_CHART ? "#charts-loss" : "#charts-accuracy");
        if (viewer instanceof ChartViewer v && v.getWidth() >= 50 && v.getHeight() >= 50) {
            return new double[] {v.getWidth(), v.getHeight()};
        }
        return new double[] {CHART_WIDTH, CHART_HEIGHT};
    }

    /** The largest heatmap the values pane shows (activations, weights…), or null. */
    private Node largestHeatmap() {
        Node detail = scene.lookup("#detail");
        Node best = null;
        double area = 0;
        if (detail instanceof Parent) {
            for (Node n : detail.lookupAll("*")) {
                if (n.getId() != null && n.getId().startsWith("heatmap-") && showing(n)) {
                    double a = n.getLayoutBounds().getWidth() * n.getLayoutBounds().getHeight();
                    if (a > area) {
                        area = a;
                        best = n;
                    }
                }
            }
        }
        return best;
    }

    private static boolean showing(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private Tab tab(String id) {
        if (id != null && scene.lookup("#inspection") instanceof TabPane tabs) {
            for (Tab t : tabs.getTabs()) {
                if (id.equals(t.getId())) {
                    return t;
                }
            }
        }
        return null;
    }

    private String suggestedName(Figure figure) {
        return name() + "-" + figure.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private String name() {
        Project p = training.snapshotProject();
        String n = p == null || p.name() == null ? "stepwise" : p.name();
        return n.replaceAll("[^\\p{L}\\p{N}._-]+", "-");
    }

    // ---- history ---------------------------------------------------------------------------------------------

    private void exportHistoryDialog() {
        Path file = chooser.saveFile("figures.csv.title", name() + "-history.csv", ".csv");
        if (file != null && exportHistory(file)) {
            info(i18n.text("figures.done.title"), i18n.text("figures.csv.done", training.curves().epochs().size(),
                    file));
        }
    }

    /** Writes the run's epochs so far as CSV; explains a failure (or an untrained network) in a dialog. */
    public boolean exportHistory(Path file) {
        var epochs = training.curves().epochs();
        if (epochs.isEmpty()) {
            error(i18n.text("figures.failed.title"), i18n.text("figures.csv.empty"));
            return false;
        }
        try {
            FigureExport.writeHistoryCsv(epochs, file);
            return true;
        } catch (IOException e) {
            error(i18n.text("figures.failed.title"), message(e));
            return false;
        }
    }

    // ---- lesson bundles --------------------------------------------------------------------------------------

    private void exportBundleDialog() {
        Path folder = chooser.lessonFolder();
        if (folder == null) {
            return;
        }
        Path file = chooser.saveFile("figures.bundle.title", name() + ProjectFile.EXTENSION, ProjectFile.EXTENSION);
        if (file != null && exportBundle(folder, file)) {
            info(i18n.text("figures.done.title"), i18n.text("figures.bundle.done", file));
        }
    }

    /** Packs the open project (as saving it would) and the lesson folder into one file; checks the lesson first. */
    public boolean exportBundle(Path lessonFolder, Path file) {
        Project project = training.snapshotProject();
        if (project == null) {
            error(i18n.text("figures.failed.title"), i18n.text("figures.bundle.invalid"));
            return false;
        }
        var read = LessonReader.read(LessonSource.folder(lessonFolder), false);
        if (read.lesson().isEmpty()) {
            error(i18n.text("figures.failed.title"), i18n.text("figures.bundle.badLesson", lessonFolder,
                    String.join("\n", read.problems().stream().map(Object::toString).limit(5).toList())));
            return false;
        }
        try {
            LessonBundle.write(file, project.withName(ProjectFile.baseName(file)), lessonFolder);
            return true;
        } catch (IOException | RuntimeException e) {
            error(i18n.text("figures.failed.title"), message(e));
            return false;
        }
    }

    private void openBundleDialog() {
        Path file = chooser.openBundle();
        if (file != null) {
            openBundle(file, true);
        }
    }

    /**
     * Opens the project of a bundle; when it carries a lesson, checks it and (when {@code ask}, after asking)
     * starts it. Returns the lesson's source when there is a valid lesson, else empty.
     */
    public Optional<LessonSource> openBundle(Path file, boolean ask) {
        Project project;
        LessonSource source = null;
        try {
            project = ProjectFile.load(file).project();
            if (LessonBundle.hasLesson(file)) {
                source = LessonBundle.extract(file, Files.createTempDirectory("stepwise-lesson-"));
                var read = LessonReader.read(source, false);
                if (read.lesson().isEmpty()) {
                    throw new IOException(i18n.text("figures.bundle.badLesson", file,
                            String.join("\n", read.problems().stream().map(Object::toString).limit(5).toList())));
                }
            }
        } catch (IOException | RuntimeException e) {
            error(i18n.text("figures.open.failed", file.getFileName()), message(e));
            return Optional.empty();
        }
        if (!openProject.test(project)) {
            return Optional.empty();
        }
        if (source != null && (!ask || confirm(i18n.text("figures.open.lesson.title"),
                i18n.text("figures.open.lesson.message", file.getFileName())))) {
            startLesson.accept(source);
        }
        return Optional.ofNullable(source);
    }

    // ---- dialogs ---------------------------------------------------------------------------------------------

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private void error(String title, String message) {
        alert(Alert.AlertType.ERROR, title, message).showAndWait();
    }

    private void info(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message).showAndWait();
    }

    private boolean confirm(String title, String message) {
        return alert(Alert.AlertType.CONFIRMATION, title, message).showAndWait().orElse(ButtonType.CANCEL)
                == ButtonType.OK;
    }

    private Alert alert(Alert.AlertType type, String title, String message) {
        Alert alert = new Alert(type, message, type == Alert.AlertType.CONFIRMATION
                ? new ButtonType[] {ButtonType.OK, ButtonType.CANCEL} : new ButtonType[] {ButtonType.OK});
        alert.initOwner(stage);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setMinWidth(480);
        return alert;
    }

    private final class DialogChooser implements Chooser {
        @Override
        public Path saveFile(String titleKey, String suggestedName, String extension) {
            FileChooser c = new FileChooser();
            c.setTitle(i18n.text(titleKey));
            c.setInitialFileName(suggestedName);
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.substring(1).toUpperCase(
                    java.util.Locale.ROOT), "*" + extension));
            var f = c.showSaveDialog(stage);
            if (f == null) {
                return null;
            }
            Path p = f.toPath();
            return p.getFileName().toString().endsWith(extension) ? p : p.resolveSibling(p.getFileName() + extension);
        }

        @Override
        public Path lessonFolder() {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle(i18n.text("figures.bundle.folder"));
            var f = c.showDialog(stage);
            return f == null ? null : f.toPath();
        }

        @Override
        public Path openBundle() {
            FileChooser c = new FileChooser();
            c.setTitle(i18n.text("figures.open.title"));
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter(i18n.text("figures.open.filter"),
                    "*" + ProjectFile.EXTENSION));
            var f = c.showOpenDialog(stage);
            return f == null ? null : f.toPath();
        }
    }
}
