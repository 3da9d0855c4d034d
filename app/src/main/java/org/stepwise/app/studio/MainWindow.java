// The studio window: menus, toolbar and the step-through bar on top; the palette left; the canvas (or the neuron or
// playground view) in the centre, over the values and the math of the selected node; the inspector right; the
// problems list and the status bar at the bottom. It owns the file actions (new, open, save, export), the language
// and theme switches and the closing guard.
//
// Switching the language rebuilds every view from the same Workspace, so nothing the user did is lost.
package org.stepwise.app.studio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.animation.AnimationTimer;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.editor.Analysis;
import org.stepwise.app.studio.canvas.GraphCanvas;
import org.stepwise.app.studio.detail.NodeDetailView;
import org.stepwise.app.studio.charts.ChartsView;
import org.stepwise.app.studio.charts.SweepDialog;
import org.stepwise.app.studio.math.MathPanel;
import org.stepwise.app.studio.playground.PlaygroundView;
import org.stepwise.app.studio.inspector.InspectorView;
import org.stepwise.app.studio.neurons.NeuronView;
import org.stepwise.app.studio.palette.PaletteView;
import org.stepwise.core.stepper.Phase;
import org.stepwise.core.graph.Problem;
import org.stepwise.core.kernels.KernelSelection;

public final class MainWindow {
    private static final KeyCombination UNDO_KEY = KeyCombination.keyCombination("Shortcut+Z");
    private static final KeyCombination REDO_KEY = KeyCombination.keyCombination("Shortcut+Y");
    private static final KeyCombination REDO_KEY_SHIFTED = KeyCombination.keyCombination("Shortcut+Shift+Z");

    private final Stage stage;
    private final Workspace workspace;
    private final StudioPreferences preferences;
    private final TrainingController training;
    private final FileActions files;
    private I18n i18n;
    private final BorderPane root = new BorderPane();
    private final Scene scene;

    private GraphCanvas canvas;
    private org.stepwise.app.studio.diagnostics.DiagnosisView diagnosis;
    private NeuronView neurons;
    private final StackPane centre = new StackPane();
    private boolean neuronMode;
    private boolean playgroundMode;
    private PlaygroundView playground;
    private MathPanel math;
    private javafx.scene.control.TabPane inspection;
    private org.stepwise.app.studio.workflows.WorkflowsMenu workflows;
    private final Presentation presentation;
    private InspectorView inspectorView;
    private Node bottomArea;
    private List<Node> chromeNodes = List.of();
    private SplitPane middle;
    /** Palette | centre | inspector. */
    private SplitPane sides;
    private PaletteView palette;
    /** The values pane; null until the window's first frame. */
    private NodeDetailView detail;
    /** Set by a phase step the user asked for: the snapshot it brings selects the node it computed. */
    private boolean followPending;
    /** When the phase indicator and the timeline last moved, in System.nanoTime(). */
    private long transportShownAt;
    /** Where the dividers were before the palette was put away for the playground. */
    private double[] sideDividers;
    /** How much of the centre's height the network takes over the Values and Math tabs. */
    private static final double GRAPH_SHARE = 0.42;
    private final ListView<Problem> problems = new ListView<>();
    private final StatusBar status = new StatusBar();
    private final Label kernelLabel = new Label();
    private final Label parametersLabel = new Label();
    private final Label stateLabel = new Label();
    private MenuItem undoItem;
    private MenuItem redoItem;
    private Button playButton;
    private final List<Runnable> refreshers = new ArrayList<>();
    private TrainingController.Progress shownProgress;
    private final Label phaseLabel = new Label();
    private final javafx.scene.control.Slider scrubber = new javafx.scene.control.Slider();
    private final Label scrubberLabel = new Label();

    public MainWindow(Stage stage, Workspace workspace, I18n i18n, StudioPreferences preferences) {
        this.stage = stage;
        this.workspace = workspace;
        this.i18n = i18n;
        this.preferences = preferences;
        this.training = new TrainingController(workspace);
        this.files = new FileActions(this);
        this.presentation = new Presentation(this);
        workspace.addExecutedListener(command -> {
            if (command instanceof org.stepwise.app.editor.AddNodes add) {
                add.added().forEach(n -> training.signals().record("node_added", n.type()));
            }
        });
        // Most of the screen: the canvas, the values and the inspector all want room, and projectors are 1080p.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        this.scene = new Scene(root, Math.max(1100, Math.min(1720, screen.getWidth() * 0.92)),
                Math.max(720, Math.min(1040, screen.getHeight() * 0.92)));
        scene.getStylesheets().add(MainWindow.class.getResource("studio.css").toExternalForm());
        Themes.style(scene); // the high-contrast and UI-scale sheets, after studio.css
        stage.setScene(scene);
        AppIcons.apply(stage);
        AppIcons.applyToEveryWindow();
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        workspace.addDocumentListener(this::refresh);
        training.addSnapshotListener(this::snapshotArrived);
        workspace.nameProperty().addListener((o, a, b) -> refreshTitle());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::presenterKeys);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::undoKeysInFields);
        stage.setOnCloseRequest(e -> {
            if (!files.confirmDiscard()) {
                e.consume();
            } else {
                shutdown();
            }
        });
        build();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (training.isPlaying()) {
                    training.requestSnapshot(); // the views read one snapshot a frame, never one a step
                }
                showProgress();
            }
        }.start();
    }

    // ---- building ------------------------------------------------------------------------------------------

    /** (Re)builds every view in the current language from the same workspace. */
    private void build() {
        refreshers.clear();
        canvas = new GraphCanvas(workspace, i18n);
        canvas.acceptPaletteDrops();
        canvas.setOnSpaceTap(this::togglePlay);
        diagnosis = new org.stepwise.app.studio.diagnostics.DiagnosisView(workspace, training, i18n, canvas);
        neurons = null;
        palette = new PaletteView(workspace, i18n);
        palette.setOnAdd(type -> {
            showGraphView();
            canvas.addNode(type);
        });
        InspectorView inspector = new InspectorView(workspace, i18n);
        this.inspectorView = inspector;
        centre.getChildren().setAll(canvas);
        neuronMode = false;
        playgroundMode = false;
        playground = null;

        // Under the network: what the selected node holds now, and the math of one of its units. The values are
        // made after the window's first frame: nothing is selected or trained yet, and they would delay it.
        javafx.scene.control.Tab values = new javafx.scene.control.Tab(i18n.text("inspection.values"));
        values.setId("tab-values");
        values.setClosable(false);
        I18n language = i18n;
        detail = null;
        // The inspector's sheets for the first clicks on nodes follow, one a frame, so none makes a long frame.
        afterFirstFrame(() -> {
            detail = new NodeDetailView(workspace, language, training);
            values.setContent(detail);
            afterNextPulse(this::prepareInspector);
        });
        // The math panel loads the formula fonts; it is made when first shown, which keeps them out of the start.
        math = null;
        javafx.scene.control.Tab mathTab = new javafx.scene.control.Tab(i18n.text("inspection.math"));
        mathTab.setId("tab-math");
        mathTab.setClosable(false);
        mathTab.selectedProperty().addListener((o, was, is) -> {
            if (is && math == null) {
                math = new MathPanel(workspace, i18n, training);
                mathTab.setContent(math);
            }
        });
        javafx.scene.control.Tab chartsTab = new javafx.scene.control.Tab(i18n.text("inspection.charts"));
        chartsTab.setId("tab-charts");
        chartsTab.setClosable(false);
        chartsTab.selectedProperty().addListener((o, was, is) -> {
            if (is && chartsTab.getContent() == null) {
                chartsTab.setContent(new ChartsView(training, i18n));
            }
        });
        inspection = new javafx.scene.control.TabPane(values, mathTab, chartsTab);
        inspection.getTabs().addAll(
                org.stepwise.app.studio.evaluation.EvaluationTabs.create(workspace, i18n, training));
        inspection.getTabs().add(org.stepwise.app.studio.transformer.TransformerTab.create(workspace, i18n, training));
        inspection.setId("inspection");
        inspection.setMinHeight(0);
        middle = new SplitPane(centre, inspection);
        middle.setOrientation(Orientation.VERTICAL);
        middle.setDividerPositions(GRAPH_SHARE);

        // The side panels keep a readable width; the centre gives way first.
        palette.setMinWidth(210);
        inspector.setMinWidth(300);
        SplitPane split = new SplitPane(palette, middle, inspector);
        sides = split;
        split.setDividerPositions(0.17, 0.77);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(inspector, false);

        problems.setId("problems");
        // One height whether there are problems or not. Growing the list when the first problem came moved the
        // lower edge of every panel above it, and repainting all of them made a frame of 50-110 ms in software
        // rendering at each edit that broke or mended the network. Two problems show whole and a third in part,
        // which says that the list scrolls.
        problems.setPrefHeight(66);
        problems.setPlaceholder(new Label(i18n.text("problems.none")));
        problems.setCellFactory(list -> new ProblemCell());
        problems.setOnMouseClicked(e -> revealSelectedProblem());
        problems.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                revealSelectedProblem();
            }
        });
        // The title sits beside the list, not above it, which leaves the panels above one line more.
        Label problemsTitle = new Label(i18n.text("problems.title"));
        problemsTitle.getStyleClass().add("section-title");
        problemsTitle.setLabelFor(problems);
        problemsTitle.setMinWidth(Region.USE_PREF_SIZE);
        HBox problemsRow = new HBox(problemsTitle, problems);
        HBox.setHgrow(problems, Priority.ALWAYS);
        VBox bottom = new VBox(problemsRow, status);
        this.bottomArea = bottom;
        bottom.getStyleClass().add("bottom-area");

        kernelLabel.setId("status-kernels");
        // The kernels are chosen once per run, so their label is made here and not at every edit.
        KernelSelection kernels = KernelSelection.active();
        kernelLabel.setText(i18n.text("status.kernels", kernels.kernels().name()));
        LazyTooltip.install(kernelLabel, kernels::reason);
        parametersLabel.setId("status-parameters");
        stateLabel.setId("status-state");
        status.setText("");
        status.setFocusTraversable(false); // it only shows labels: a Tab stop there would show no focus at all
        status.getLeftItems().setAll(stateLabel);
        status.getRightItems().setAll(parametersLabel, new Separator(Orientation.VERTICAL), kernelLabel);

        MenuBar menus = menuBar();
        Node tools = toolBar();
        this.chromeNodes = List.of(menus, tools);
        root.setTop(new VBox(menus, tools, transportBar(), diagnosis.banner()));
        snapshotArrived(training.snapshot());
        root.setCenter(split);
        root.setBottom(bottom);
        inspection.getSelectionModel().selectedItemProperty().addListener((o, was, tab) -> {
            if (tab != null && tab.getId() != null && tab.getId().startsWith("tab-")) {
                training.signals().record("panel_opened", tab.getId().substring(4));
            }
        });
        if (lessonPanel != null) {
            lessonPanel.dispose();
            lessonPanel = null;
        }
        // The views were just made afresh: nothing of theirs is disabled or taken away yet.
        hiddenTabs.clear();
        lockedNodes.clear();
        if (activeLesson != null) {
            showLesson();
        }
        refresh();
    }

    // ---- lessons -----------------------------------------------------------------------------------------------

    /** The lesson under way: it outlives a rebuild of the views, which then shows it again. */
    private record ActiveLesson(org.stepwise.lessons.format.Lesson lesson,
                                org.stepwise.lessons.format.LessonSource source,
                                org.stepwise.lessons.engine.LessonRunner runner) {
    }

    private ActiveLesson activeLesson;
    private org.stepwise.app.studio.lessons.LessonPanel lessonPanel;
    private org.stepwise.lessons.engine.ProgressStore lessonProgress;

    private org.stepwise.lessons.engine.ProgressStore lessonProgress() {
        if (lessonProgress == null) {
            lessonProgress = new org.stepwise.lessons.engine.ProgressStore(
                    org.stepwise.lessons.engine.ProgressStore.defaultFile());
        }
        return lessonProgress;
    }

    /** The course's lessons, read when the menu opens (reading them all would slow the studio's start). */
    private void fillLessons(Menu menu) {
        menu.getItems().clear();
        int number = 1;
        for (org.stepwise.lessons.format.LessonSource source : org.stepwise.lessons.course.Course.sources()) {
            var read = org.stepwise.lessons.format.LessonReader.read(source, false);
            if (read.lesson().isEmpty()) {
                continue;
            }
            var lesson = read.lesson().get();
            MenuItem item = new MenuItem(i18n.text("menu.lessons.item", number++,
                    lesson.title(i18n.isChinese() ? "zh-CN" : "en"), lesson.minutes()));
            item.setId("lesson-" + lesson.id());
            item.setOnAction(e -> startLesson(source));
            menu.getItems().add(item);
        }
    }

    /**
     * Starts a lesson: asks first when the open project has unsaved changes (Save, Don't save, Cancel), then opens
     * the lesson's network, data and settings and shows its panel, resuming saved progress.
     */
    public void startLesson(org.stepwise.lessons.format.LessonSource source) {
        startLesson(source, false);
    }

    /**
     * Starts a lesson on the project that is open now, as a lesson bundle's project was packed for it: nothing is
     * replaced, so nothing needs asking.
     */
    void startLessonOnOpenProject(org.stepwise.lessons.format.LessonSource source) {
        startLesson(source, true);
    }

    private void startLesson(org.stepwise.lessons.format.LessonSource source, boolean keepProject) {
        org.stepwise.lessons.format.Lesson lesson;
        try {
            lesson = org.stepwise.lessons.format.LessonReader.read(source).orThrow();
        } catch (org.stepwise.lessons.format.LessonException e) {
            Dialogs.error(stage, i18n, i18n.text("lesson.failed.title"), e.getMessage());
            return;
        }
        if (!keepProject) {
            if (!files.confirmDiscard()) {
                return;
            }
            String language = i18n.isChinese() ? "zh-CN" : "en";
            files.replace(lesson.start().project(lesson.title(language)), null);
        }
        var state = new org.stepwise.app.studio.lessons.StudioLessonState(workspace, training);
        var saved = lessonProgress().load(lesson.id());
        var runner = saved.map(p -> org.stepwise.lessons.engine.LessonRunner.resume(lesson, state, p))
                .orElseGet(() -> new org.stepwise.lessons.engine.LessonRunner(lesson, state));
        closeLessonPanel();
        activeLesson = new ActiveLesson(lesson, source, runner);
        showLesson();
    }

    private void showLesson() {
        ActiveLesson a = activeLesson;
        lessonPanel = new org.stepwise.app.studio.lessons.LessonPanel(i18n, a.lesson(), a.source(), a.runner(),
                lessonProgress(), this::lessonClosed);
        if (sides.getItems().contains(palette)) {
            sides.getItems().remove(palette);
        }
        sides.getItems().add(0, lessonPanel);
        lessonPanel.setPointer(this::lessonTarget);
        workspace.setLocks(a.lesson().locked());
        hideTabsOutside(a.lesson().panels());
        lessonPanel.setEnforcer(this::applyLessonLocks);
        SplitPane.setResizableWithParent(lessonPanel, false);
        sides.setDividerPositions(0.27, 0.77);
    }

    private void closeLessonPanel() {
        if (lessonPanel != null) {
            var panel = lessonPanel;
            lessonPanel = null;
            panel.close();
        }
    }

    private void lessonClosed() {
        activeLesson = null;
        workspace.setLocks(java.util.List.of());
        for (javafx.scene.Node n : lockedNodes) {
            n.setDisable(false);
        }
        lockedNodes.clear();
        for (javafx.scene.control.Tab t : hiddenTabs) {
            if (!inspection.getTabs().contains(t)) {
                putBack(inspection, t);
            }
        }
        hiddenTabs.clear();
        sides.getItems().removeIf(n -> n instanceof org.stepwise.app.studio.lessons.LessonPanel);
        lessonPanel = null;
        if (!playgroundMode) {
            bringBackPalette();
            sides.setDividerPositions(0.17, 0.77);
        }
    }

    /**
     * The control a lesson step points at, by the ids lesson files use (Controls.CONTROLS and PANELS, or
     * "node:NAME"); null for those that have no single place on screen.
     */
    private javafx.scene.Node lessonTarget(String id) {
        if (id.startsWith("node:")) {
            return scene.lookup("#node-" + id.substring(5));
        }
        String selector = switch (id) {
            case "step_phase" -> "#tool-next-phase";
            case "step_back" -> "#tool-previous-phase";
            case "finish_step" -> "#tool-step";
            case "run_epoch" -> "#tool-epoch";
            case "play" -> "#tool-play";
            case "reset" -> "#tool-reset";
            case "timeline" -> "#timeline";
            case "save" -> "#tool-save";
            case "palette" -> "#palette";
            case "canvas" -> "#canvas";
            case "inspector" -> "#inspector";
            case "problems" -> "#problems";
            default -> null;
        };
        if (selector != null) {
            return scene.lookup(selector);
        }
        // The tabs under the canvas: the tab's header is what can be clicked.
        if (java.util.List.of("values", "math", "charts", "evaluation", "inference", "transformer").contains(id)) {
            return inspection.lookupAll(".tab").stream()
                    .filter(t -> ("tab-" + id).equals(t.getId())).findFirst().orElse(null);
        }
        return null;
    }

    /** The controls a lesson's locks disabled, to enable again when it closes. */
    private final java.util.List<javafx.scene.Node> lockedNodes = new java.util.ArrayList<>();
    /** The tabs under the canvas a lesson does not show, to put back when it closes. */
    private final java.util.List<javafx.scene.control.Tab> hiddenTabs = new java.util.ArrayList<>();

    /** The controls each lock id stands for, as CSS id selectors. */
    private static java.util.List<String> lockSelectors(String id) {
        return switch (id) {
            case "dataset" -> java.util.List.of("#data-builtin", "#data-file", "#data-folder");
            case "optimizer" -> java.util.List.of("#setting-optimizer");
            case "learning_rate" -> java.util.List.of("#setting-learningRate");
            case "batch_size" -> java.util.List.of("#setting-batchSize");
            case "epochs" -> java.util.List.of("#setting-epochs");
            case "loss_function" -> java.util.List.of("#setting-loss");
            case "split" -> java.util.List.of("#setting-validationFraction", "#setting-testFraction");
            case "activation" -> java.util.List.of("#prop-activation");
            case "units" -> java.util.List.of("#prop-units");
            case "freeze" -> java.util.List.of("#prop-frozen");
            case "step_phase" -> java.util.List.of("#tool-next-phase");
            case "step_back" -> java.util.List.of("#tool-previous-phase");
            case "finish_step" -> java.util.List.of("#tool-step");
            case "run_epoch" -> java.util.List.of("#tool-epoch");
            case "play" -> java.util.List.of("#tool-play");
            case "reset" -> java.util.List.of("#tool-reset");
            case "timeline" -> java.util.List.of("#timeline");
            case "save" -> java.util.List.of("#tool-save");
            default -> java.util.List.of(); // add_node, delete_node, connect: refused by the workspace
        };
    }

    /** Disables what the lesson locks; views rebuild their controls, so this runs with every goal check. */
    private void applyLessonLocks() {
        if (activeLesson == null) {
            return;
        }
        for (String id : activeLesson.lesson().locked()) {
            for (String selector : lockSelectors(id)) {
                for (javafx.scene.Node n : scene.getRoot().lookupAll(selector)) {
                    if (!n.isDisabled()) {
                        n.setDisable(true);
                        lockedNodes.add(n);
                    }
                }
            }
        }
        lockedNodes.removeIf(n -> n.getScene() == null);
    }

    /**
     * Puts a tab under the canvas back where it belongs in the order of {@link Presentation#PANELS} (values, math,
     * charts, evaluation, inference, transformer), whichever others are there now.
     */
    static void putBack(javafx.scene.control.TabPane tabs, javafx.scene.control.Tab tab) {
        int rank = panelRank(tab);
        int at = (int) tabs.getTabs().stream().filter(t -> panelRank(t) < rank).count();
        tabs.getTabs().add(at, tab);
    }

    private static int panelRank(javafx.scene.control.Tab tab) {
        String id = tab.getId() == null ? "" : tab.getId().replaceFirst("^tab-", "");
        int i = Presentation.PANELS.indexOf(id);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** Takes away the tabs under the canvas that the lesson does not list among its panels. */
    private void hideTabsOutside(java.util.List<String> panels) {
        if (panels.isEmpty()) {
            return;
        }
        for (javafx.scene.control.Tab t : java.util.List.copyOf(inspection.getTabs())) {
            String panel = t.getId() == null ? null : t.getId().replaceFirst("^tab-", "");
            if (panel != null && !panels.contains(panel)) {
                inspection.getTabs().remove(t);
                hiddenTabs.add(t);
            }
        }
    }

    /** The lesson panel on screen, or null. */
    org.stepwise.app.studio.lessons.LessonPanel lessonPanel() {
        return lessonPanel;
    }

    /** Runs {@code task} on the FX thread once the window has been drawn; at once when it already was. */
    private void afterFirstFrame(Runnable task) {
        if (stage.isShowing()) {
            task.run();
            return;
        }
        afterNextPulse(task);
    }

    /** Readies the inspector's sheet for one more kind of node in the graph, and the next after the next pulse. */
    private void prepareInspector() {
        if (inspectorView.prepare()) {
            afterNextPulse(this::prepareInspector);
        } else {
            afterNextPulse(this::prepareForProblems);
        }
    }

    /**
     * Rehearses the first problem while the window is idle: the analysis of a small broken graph, and the problems
     * list, while it is empty, showing that graph's problems in the UI's language. The cells are made and styled
     * and the problems taken out again before anything is painted; the list keeps the cells for the first real
     * problem. Done at the edit that first broke the graph, these first runs made that frame the slowest of the
     * editor bench: 71 ms on average over eight runs on two cores, 54 ms with them rehearsed.
     */
    private void prepareForProblems() {
        List<Problem> rehearsed = Analysis.rehearsal().problems();
        if (!problems.getItems().isEmpty()) {
            return;
        }
        problems.getItems().setAll(rehearsed);
        problems.applyCss();
        problems.layout();
        problems.getItems().clear();
    }

    /** Runs a task once the next pulse has laid the scene out (and so soon after it is painted). */
    private void afterNextPulse(Runnable task) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            javafx.application.Platform.runLater(task);
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    private MenuBar menuBar() {
        Menu file = new Menu(i18n.text("menu.file"));
        Menu templates = new Menu(i18n.text("menu.file.template"));
        for (String name : DefaultProjects.MENU) {
            MenuItem item = new MenuItem(i18n.text("template." + name));
            item.setId("template-" + name);
            item.setOnAction(e -> files.newFromTemplate(name));
            templates.getItems().add(item);
        }
        Menu recent = new Menu(i18n.text("menu.file.recent"));
        recent.setOnShowing(e -> fillRecent(recent));
        fillRecent(recent);
        Menu export = new Menu(i18n.text("menu.file.export"));
        export.getItems().addAll(
                item("menu.file.export.onnx", "export-onnx", null, () -> files.export("onnx")),
                item("menu.file.export.safetensors", "export-safetensors", null, () -> files.export("safetensors")),
                item("menu.file.export.pytorch", "export-pytorch", null, () -> files.export("pytorch")));
        file.getItems().addAll(
                item("menu.file.new", "menu-new", "Shortcut+N", files::newProject),
                templates,
                item("menu.file.open", "menu-open", "Shortcut+O", files::open),
                recent,
                new SeparatorMenuItem(),
                item("menu.file.save", "menu-save", "Shortcut+S", files::save),
                item("menu.file.saveAs", "menu-save-as", "Shortcut+Shift+S", files::saveAs),
                export);
        file.getItems().addAll(figureItems()); // figures and data out, see the block at the end
        file.getItems().addAll(
                new SeparatorMenuItem(),
                item("menu.file.quit", "menu-quit", "Shortcut+Q", this::requestClose));

        Menu edit = new Menu(i18n.text("menu.edit"));
        undoItem = item("menu.edit.undo", "menu-undo", "Shortcut+Z", () -> workspace.stack().undo());
        redoItem = item("menu.edit.redo", "menu-redo", "Shortcut+Y", () -> workspace.stack().redo());
        edit.getItems().addAll(undoItem, redoItem, new SeparatorMenuItem(),
                item("menu.edit.autolayout", "menu-autolayout", "Shortcut+L", () -> canvas.autoLayout()));

        Menu view = new Menu(i18n.text("menu.view"));
        CheckMenuItem neuronItem = new CheckMenuItem(i18n.text("menu.view.neurons"));
        neuronItem.setId("menu-neurons");
        neuronItem.setAccelerator(KeyCombination.keyCombination("Shortcut+U"));
        neuronItem.setOnAction(e -> {
            if (neuronItem.isSelected()) {
                showNeuronView();
            } else {
                showGraphView();
            }
            neuronItem.setSelected(neuronMode);
        });
        refreshers.add(() -> neuronItem.setSelected(neuronMode));
        CheckMenuItem playgroundItem = new CheckMenuItem(i18n.text("menu.view.playground"));
        playgroundItem.setId("menu-playground");
        playgroundItem.setAccelerator(KeyCombination.keyCombination("Shortcut+J"));
        playgroundItem.setOnAction(e -> {
            if (playgroundItem.isSelected()) {
                showPlaygroundView();
            } else {
                showGraphView();
            }
            playgroundItem.setSelected(playgroundMode);
        });
        refreshers.add(() -> playgroundItem.setSelected(playgroundMode));
        Menu language = new Menu(i18n.text("menu.view.language"));
        ToggleGroup languages = new ToggleGroup();
        for (Locale locale : I18n.SUPPORTED) {
            RadioMenuItem item = new RadioMenuItem(locale.equals(I18n.CHINESE) ? "中文（简体）" : "English");
            item.setId("language-" + (locale.equals(I18n.CHINESE) ? "zh-CN" : "en"));
            item.setToggleGroup(languages);
            item.setSelected(locale.equals(i18n.locale()));
            item.setOnAction(e -> switchLanguage(locale));
            language.getItems().add(item);
        }
        Menu theme = LooksMenus.theme(i18n, this::switchTheme); // View ▸ Theme, View ▸ UI scale (Themes, LooksMenus)
        Menu scale = LooksMenus.scale(i18n, this::switchScale);
        view.getItems().addAll(
                item("menu.view.zoomIn", "menu-zoom-in", null, () -> canvas.zoomIn()),
                item("menu.view.zoomOut", "menu-zoom-out", null, () -> canvas.zoomOut()),
                item("menu.view.fit", "menu-fit", null, () -> canvas.fitToView()),
                item("menu.view.present", "menu-present", "F5", () -> presentation.enter()),
                new SeparatorMenuItem(), neuronItem, playgroundItem, new SeparatorMenuItem(), language, theme, scale);

        Menu train = new Menu(i18n.text("menu.train"));
        train.getItems().addAll(
                item("menu.train.play", "menu-play", "F8", this::togglePlay),
                item("menu.train.nextPhase", "menu-next-phase", null, this::nextPhase),
                item("menu.train.previousPhase", "menu-previous-phase", null, this::previousPhase),
                item("menu.train.step", "menu-step", "F6", training::step),
                item("menu.train.epoch", "menu-epoch", "F7", training::oneEpoch),
                new SeparatorMenuItem(),
                item("menu.train.reset", "menu-reset", null, () -> training.reset(false)),
                item("menu.train.resetNew", "menu-reset-new", null, () -> training.reset(true)),
                item("menu.train.sweep", "menu-sweep", null, () -> SweepDialog.show(stage, workspace, i18n)
                        .setOnFinished(() -> training.signals().record("sweep_finished"))),
                new SeparatorMenuItem(), followItem(), item("menu.train.gradcheck", "menu-gradcheck", null,
                        () -> org.stepwise.app.studio.diagnostics.GradientCheckDialog.open(stage, training, i18n)));

        Menu help = new Menu(i18n.text("menu.help"));
        help.getItems().addAll(item("menu.help.welcome", "menu-welcome", null, this::showWelcome),
                item("menu.help.keys", "menu-keys", "F1", () -> Dialogs.keys(stage, i18n)),
                item("menu.help.about", "menu-about", null, () -> Dialogs.about(stage, i18n)));
        if (workflows != null) {
            workflows.closeAll();
        }
        workflows = new org.stepwise.app.studio.workflows.WorkflowsMenu(stage, workspace, training, i18n,
                project -> {
                    if (!files.confirmDiscard()) {
                        return false;
                    }
                    files.replace(project, null);
                    return true;
                });
        Menu lessons = new Menu(i18n.text("menu.lessons"));
        lessons.setId("menu-lessons");
        lessons.getItems().add(new MenuItem("…"));
        lessons.setOnShowing(e -> fillLessons(lessons));
        MenuBar bar = new MenuBar(file, edit, view, train, workflows.menu(), lessons, help);
        bar.setId("menubar");
        return bar;
    }

    private ToolBar toolBar() {
        playButton = tool("mdi2p-play", "tool.play", () -> i18n.text(training.isPlaying() ? "tool.pause" : "tool.play"),
                "tool-play", this::togglePlay);
        Button undo = tool("mdi2u-undo", "tool.undo", "tool-undo", () -> workspace.stack().undo());
        Button redo = tool("mdi2r-redo", "tool.redo", "tool-redo", () -> workspace.stack().redo());
        refreshers.add(() -> {
            undo.setDisable(!workspace.stack().canUndo());
            redo.setDisable(!workspace.stack().canRedo());
        });
        ToggleButton neuronToggle = new ToggleButton(null, new FontIcon("mdi2g-graph-outline"));
        neuronToggle.setId("tool-neurons");
        LazyTooltip.install(neuronToggle, () -> i18n.text("tool.neurons"));
        neuronToggle.setOnAction(e -> {
            if (neuronToggle.isSelected()) {
                showNeuronView();
            } else {
                showGraphView();
            }
            neuronToggle.setSelected(neuronMode);
        });
        refreshers.add(() -> neuronToggle.setSelected(neuronMode));
        ToggleButton playgroundToggle = new ToggleButton(null, new FontIcon("mdi2c-chart-scatter-plot"));
        playgroundToggle.setId("tool-playground");
        LazyTooltip.install(playgroundToggle, () -> i18n.text("tool.playground"));
        playgroundToggle.setOnAction(e -> {
            if (playgroundToggle.isSelected()) {
                showPlaygroundView();
            } else {
                showGraphView();
            }
            playgroundToggle.setSelected(playgroundMode);
        });
        refreshers.add(() -> playgroundToggle.setSelected(playgroundMode));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ToolBar bar = new ToolBar(
                tool("mdi2f-file-outline", "tool.new", "tool-new", files::newProject),
                tool("mdi2f-folder-open-outline", "tool.open", "tool-open", files::open),
                tool("mdi2c-content-save-outline", "tool.save", "tool-save", files::save),
                new Separator(),
                undo, redo,
                new Separator(),
                tool("mdi2c-chevron-left", "tool.previousPhase", "tool-previous-phase", this::previousPhase),
                tool("mdi2c-chevron-right", "tool.nextPhase", "tool-next-phase", this::nextPhase),
                playButton,
                tool("mdi2s-skip-next", "tool.step", "tool-step", training::step),
                tool("mdi2s-skip-forward", "tool.epoch", "tool-epoch", training::oneEpoch),
                speedChooser(),
                resetButton(),
                new Separator(),
                tool("mdi2m-magnify-plus-outline", "tool.zoomIn", "tool-zoom-in", () -> canvas.zoomIn()),
                tool("mdi2m-magnify-minus-outline", "tool.zoomOut", "tool-zoom-out", () -> canvas.zoomOut()),
                tool("mdi2f-fit-to-screen-outline", "tool.fit", "tool-fit", () -> canvas.fitToView()),
                tool("mdi2s-sitemap-outline", "tool.autolayout", "tool-autolayout", () -> canvas.autoLayout()),
                neuronToggle,
                playgroundToggle,
                spring,
                tool("mdi2t-theme-light-dark", "tool.theme", "tool-theme", () -> switchTheme(Themes.theme().next())),
                tool("mdi2t-translate", "tool.language", "tool-language",
                        () -> switchLanguage(i18n.isChinese() ? Locale.ENGLISH : I18n.CHINESE)));
        bar.setId("toolbar");
        return bar;
    }

    private javafx.scene.control.ComboBox<TrainingController.Speed> speedChooser() {
        var box = new javafx.scene.control.ComboBox<TrainingController.Speed>();
        box.setId("tool-speed");
        box.getItems().setAll(TrainingController.Speed.ALL);
        box.setValue(training.speed());
        LazyTooltip.install(box, () -> i18n.text("tool.speed"));
        box.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(TrainingController.Speed speed) {
                return speed == null ? "" : i18n.text("speed." + speed.id());
            }

            @Override
            public TrainingController.Speed fromString(String text) {
                return null;
            }
        });
        box.setOnAction(e -> training.setSpeed(box.getValue()));
        box.setFocusTraversable(true);
        return box;
    }

    /**
     * Reset, with its two ways in a menu under it. A plain button that makes the menu at its first press: a
     * MenuButton makes its popup window along with its skin, while the window is first styled, and that made it
     * the dearest single control of the start.
     */
    private Button resetButton() {
        FontIcon caret = new FontIcon("mdi2m-menu-down");
        caret.getStyleClass().add("menu-caret");
        HBox graphic = new HBox(new FontIcon("mdi2r-restart"), caret);
        graphic.setAlignment(Pos.CENTER);
        Button button = new Button(null, graphic);
        button.setId("tool-reset");
        button.setAccessibleText(i18n.text("tool.reset"));
        LazyTooltip.install(button, () -> i18n.text("tool.reset"));
        ContextMenu[] menu = new ContextMenu[1];
        Runnable open = () -> {
            if (menu[0] == null) {
                MenuItem same = new MenuItem(i18n.text("tool.reset.same"));
                same.setId("reset-same");
                same.setOnAction(e -> training.reset(false));
                MenuItem fresh = new MenuItem(i18n.text("tool.reset.new"));
                fresh.setId("reset-new");
                fresh.setOnAction(e -> training.reset(true));
                menu[0] = new ContextMenu(same, fresh);
            }
            if (!menu[0].isShowing()) {
                menu[0].show(button, Side.BOTTOM, 0, 0);
            }
        };
        button.setOnAction(e -> open.run());
        // As a menu button does, Enter and Down open the menu as well as Space.
        button.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.DOWN) {
                open.run();
                e.consume();
            }
        });
        return button;
    }

    /** The phase indicator and the timeline scrubber, under the toolbar. */
    private HBox transportBar() {
        phaseLabel.setId("phase-indicator");
        phaseLabel.getStyleClass().add("phase-indicator");
        scrubber.setId("timeline");
        scrubber.setMin(0);
        scrubber.setMax(1);
        scrubber.setBlockIncrement(1);
        scrubber.setMajorTickUnit(1);
        scrubber.setSnapToTicks(true);
        scrubber.setDisable(true);
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        scrubber.setOnMouseReleased(e -> travel());
        scrubber.setOnKeyReleased(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.HOME || e.getCode() == KeyCode.END) {
                travel();
            }
        });
        Label timelineTitle = new Label(i18n.text("timeline.title"));
        timelineTitle.getStyleClass().add("timeline-title");
        scrubberLabel.setId("timeline-label");
        scrubberLabel.getStyleClass().add("timeline-label");
        HBox bar = new HBox(12, phaseLabel, timelineTitle, scrubber, scrubberLabel);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.getStyleClass().add("transport-bar");
        return bar;
    }

    /** The scrubber was let go: return training to that step, when it is not the current one. */
    private void travel() {
        StepSnapshot s = training.snapshot();
        long target = Math.round(scrubber.getValue());
        if (s != null && target != s.step()) {
            training.rewindTo(target);
        }
    }

    /** A new snapshot: the canvas highlight, the phase indicator and the scrubber's range follow it. */
    private void snapshotArrived(StepSnapshot s) {
        diagnosis.show(s);
        if (s == null) {
            canvas.showPhase(null, null);
            phaseLabel.setText(i18n.text("phase.ready"));
            scrubber.setMax(1);
            scrubber.setValue(0);
            scrubber.setDisable(true);
            scrubberLabel.setText("");
            return;
        }
        boolean fast = training.isPlaying() && !training.speed().phases();
        boolean phaseByPhase = followPending || training.isPlaying() && training.speed().phases();
        Phase last = s.lastPhase();
        if (last == null && s.step() > 0 && phaseByPhase) {
            last = new Phase.Update(); // a step boundary reached phase by phase: the update has just run
        }
        canvas.showPhase(fast || last == null ? null : last.node(), fast || last == null ? null : last.kind());
        if (phaseByPhase && last != null && preferences.followComputation()) {
            follow(last);
        }
        followPending = false;
        // Playing flat out, a snapshot comes every frame; the position and the timeline move ten times a second,
        // as fast as they can be read, and leave the rest of each frame to the views.
        long now = System.nanoTime();
        if (fast && now - transportShownAt < 100_000_000L) {
            return;
        }
        transportShownAt = now;
        phaseLabel.setText(phaseText(s));
        long oldest = Math.max(0, s.oldestStep());
        scrubber.setDisable(s.oldestStep() < 0 || s.step() <= oldest);
        scrubber.setMin(oldest);
        scrubber.setMax(Math.max(oldest + 1, s.step()));
        if (!scrubber.isValueChanging() && !scrubber.isPressed()) {
            scrubber.setValue(s.step());
        }
        scrubberLabel.setText(i18n.text("timeline.position", s.step(), oldest));
    }

    // ---- stepping phase by phase ------------------------------------------------------------------------------

    void nextPhase() {
        followPending = true;
        training.nextPhase();
    }

    void previousPhase() {
        followPending = true;
        training.previousPhase();
    }

    private CheckMenuItem followItem() {
        CheckMenuItem follow = new CheckMenuItem(i18n.text("menu.train.follow"));
        follow.setId("menu-follow");
        follow.setSelected(preferences.followComputation());
        follow.selectedProperty().addListener((o, was, is) -> preferences.setFollowComputation(is));
        return follow;
    }

    /**
     * Shows where the phase just run put its numbers: selects its node (the output for the loss) and turns the values
     * pane to what it computed: activations after a forward, gradients after the loss or a backward, and Δw after
     * the update, for whichever node is selected.
     */
    private void follow(Phase phase) {
        String node = phase instanceof Phase.Loss ? workspace.graph().outputNode() : phase.node();
        if (node != null && workspace.graph().node(node) != null && !workspace.selection().equals(Set.of(node))) {
            workspace.select(node);
        }
        if (detail != null) {
            detail.showPhase(phase.kind());
        }
    }

    /** "Epoch 3 · batch 17/50 · backward · Dense 'hidden1'" in the UI's language. */
    String phaseText(StepSnapshot s) {
        var last = s.lastPhase();
        String what = last == null ? i18n.text("phase.kind.ready") : i18n.text("phase.kind." + last.kind());
        if (last != null && last.node() != null) {
            var node = s.node(last.node());
            String type = node == null ? "" : NodeTypes.find(node.type()) != null
                    ? i18n.text(NodeTypes.find(node.type()).titleKey()) : node.type();
            what = what + " · " + type + " “" + last.node() + "”";
        }
        return i18n.text("phase.position", s.epoch() + 1, s.batchInEpoch() + 1, s.batchesPerEpoch(), what);
    }

    private MenuItem item(String key, String id, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(i18n.text(key));
        item.setId(id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private Button tool(String icon, String key, String id, Runnable action) {
        return tool(icon, key, () -> i18n.text(key), id, action);
    }

    private Button tool(String icon, String key, java.util.function.Supplier<String> tip, String id, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        LazyTooltip.install(b, tip);
        b.setAccessibleText(i18n.text(key));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(true);
        return b;
    }

    private void fillRecent(Menu recent) {
        recent.getItems().clear();
        List<Path> paths = preferences.recentFiles();
        if (paths.isEmpty()) {
            MenuItem none = new MenuItem(i18n.text("menu.file.recent.none"));
            none.setDisable(true);
            recent.getItems().add(none);
        }
        for (Path p : paths) {
            MenuItem item = new MenuItem(p.getFileName() + "  —  " + p.getParent());
            item.setOnAction(e -> files.open(p));
            recent.getItems().add(item);
        }
    }

    // ---- views ---------------------------------------------------------------------------------------------

    void showNeuronView() {
        if (!NeuronView.supports(workspace.graph())) {
            Dialogs.info(stage, i18n, i18n.text("view.neuronsUnsupported"),
                    i18n.text(NeuronView.unsupportedReason(workspace.graph())));
            return;
        }
        if (neurons == null) {
            neurons = new NeuronView(workspace, i18n);
        }
        if (playgroundMode) {
            middle.setDividerPositions(GRAPH_SHARE);
            bringBackPalette();
        }
        centre.getChildren().setAll(neurons);
        neuronMode = true;
        training.signals().record("panel_opened", "neurons");
        playgroundMode = false;
        refreshers.forEach(Runnable::run);
    }

    /** The TensorFlow Playground view of a network with a 2-D input; refused with the reason otherwise. */
    void showPlaygroundView() {
        if (!PlaygroundView.supports(workspace)) {
            Dialogs.info(stage, i18n, i18n.text("view.playgroundUnsupported"),
                    i18n.text(PlaygroundView.unsupportedReason(workspace)));
            return;
        }
        if (playground == null) {
            playground = new PlaygroundView(workspace, i18n, training);
            // Its preferred width is generous; on a small window it shrinks rather than push the inspector off.
            playground.setMinWidth(0);
        }
        centre.getChildren().setAll(playground);
        training.signals().record("panel_opened", "playground");
        // The playground is its own picture of the values: it gets the whole height, and the palette's width, since
        // nothing is dragged onto it.
        middle.setDividerPositions(1.0);
        if (sides.getItems().contains(palette)) {
            sideDividers = sides.getDividerPositions();
            sides.getItems().remove(palette);
            double[] was = sideDividers;
            sides.setDividerPositions(was[1]);
        }
        playgroundMode = true;
        neuronMode = false;
        refreshers.forEach(Runnable::run);
    }

    void showGraphView() {
        if (playgroundMode) {
            middle.setDividerPositions(GRAPH_SHARE);
            bringBackPalette();
        }
        centre.getChildren().setAll(canvas);
        neuronMode = false;
        playgroundMode = false;
        refreshers.forEach(Runnable::run);
    }

    private void bringBackPalette() {
        if (activeLesson != null) {
            return; // the lesson keeps the palette's place
        }
        if (!sides.getItems().contains(palette)) {
            sides.getItems().add(0, palette);
            if (sideDividers != null) {
                sides.setDividerPositions(sideDividers);
            }
        }
    }

    void switchLanguage(Locale locale) {
        if (locale.equals(i18n.locale())) {
            return;
        }
        presentation.exit();
        boolean neuronsShown = neuronMode;
        boolean playgroundShown = playgroundMode;
        i18n = new I18n(locale);
        preferences.setLanguage(locale);
        Locale.setDefault(locale);
        build();
        if (neuronsShown) {
            showNeuronView();
        } else if (playgroundShown) {
            showPlaygroundView();
        }
    }

    void switchTheme(boolean dark) {
        switchTheme(dark ? Theme.DARK : Theme.LIGHT);
    }

    // ---- looks: theme and UI scale (Themes keeps every window's sheets; the settings file keeps the choice) ----

    void switchTheme(Theme theme) {
        presentation.exit();
        Themes.apply(theme);
        preferences.setTheme(theme);
        build();
    }

    /** The UI scale in percent, kept in 100–200; the root font size follows at once, no rebuild. */
    void switchScale(int percent) {
        Themes.scale(percent);
        preferences.setUiScale(Themes.scale());
    }

    // ---- state shown ---------------------------------------------------------------------------------------

    private void refresh() {
        var analysis = workspace.graph().analysis();
        problems.getItems().setAll(analysis.problems());
        parametersLabel.setText(i18n.text("status.parameters", analysis.totalParameters()));
        if (undoItem != null) {
            undoItem.setText(workspace.stack().canUndo()
                    ? i18n.text("menu.edit.undo.what", i18n.text(workspace.stack().undoDescription()))
                    : i18n.text("menu.edit.undo"));
            undoItem.setDisable(!workspace.stack().canUndo());
            redoItem.setText(workspace.stack().canRedo()
                    ? i18n.text("menu.edit.redo.what", i18n.text(workspace.stack().redoDescription()))
                    : i18n.text("menu.edit.redo"));
            redoItem.setDisable(!workspace.stack().canRedo());
        }
        refreshers.forEach(Runnable::run);
        refreshTitle();
        shownProgress = null;
        showProgress();
    }

    void refreshTitle() {
        String mark = workspace.stack().isDirty() ? " •" : "";
        stage.setTitle("Stepwise — " + workspace.nameProperty().get() + mark);
    }

    /** At frame time: the training state into the status bar and the Play button. */
    private void showProgress() {
        TrainingController.Progress p = training.progress();
        if (p == shownProgress) {
            return;
        }
        shownProgress = p;
        if (neuronMode && neurons != null) {
            neurons.refresh(); // the weights moved: redraw the lines at frame time, never from the training thread
        }
        var analysis = workspace.graph().analysis();
        String text;
        if (!analysis.ok()) {
            text = i18n.text("status.invalid", analysis.problems().size());
        } else {
            text = switch (p.state()) {
                case READY -> i18n.text("status.ready");
                case LOADING -> i18n.text("status.loading");
                case RUNNING, PAUSED -> i18n.text(p.state() == TrainingController.State.RUNNING
                        ? "status.running" : "status.paused", p.epoch() + 1, p.batch() + 1, p.batchesPerEpoch(),
                        p.step(), Float.isNaN(p.loss()) ? "—" : String.format(i18n.locale(), "%.4f", p.loss()));
                // The banner above the canvas names the node, in the user's language; core's message is English.
                case HALTED -> i18n.text("status.halted", p.step());
                case FAILED -> switch (String.valueOf(p.message())) {
                    case "graph" -> i18n.text("status.invalid", analysis.problems().size());
                    case "data" -> i18n.text("status.noData");
                    default -> i18n.text("status.failed", p.message());
                };
            };
        }
        stateLabel.setText(text);
        boolean running = training.isPlaying();
        FontIcon playIcon = (FontIcon) playButton.getGraphic();
        String literal = running ? "mdi2p-pause" : "mdi2p-play";
        if (!literal.equals(playIcon.getIconLiteral())) {
            playIcon.setIconLiteral(literal);
        }
        if (playButton.getTooltip() != null) {
            playButton.getTooltip().setText(i18n.text(running ? "tool.pause" : "tool.play"));
        }
        playButton.setDisable(!analysis.ok());
    }

    private void togglePlay() {
        if (training.isPlaying()) {
            training.pause();
        } else {
            training.play();
        }
        shownProgress = null;
    }

    /**
     * A presenter's clicker sends Right/PageDown and Left/PageUp: one phase forward or back; Space plays and pauses.
     * Controls that use these keys themselves keep them: text fields, the inspector's tabs, the problems list, the
     * timeline and buttons.
     */
    private void presenterKeys(KeyEvent e) {
        if (presentation.active()) {
            return; // presentation mode takes the clicker's keys itself
        }
        Node owner = scene.getFocusOwner();
        boolean ownKeys = owner instanceof javafx.scene.control.TextInputControl
                || owner instanceof javafx.scene.control.TabPane || owner instanceof ListView
                || owner instanceof javafx.scene.control.Slider || owner instanceof javafx.scene.control.ComboBoxBase;
        if (ownKeys || e.isShortcutDown() || e.isShiftDown() || e.isAltDown()) {
            return;
        }
        if (e.getCode() == KeyCode.SPACE) {
            // On the canvas a tap of Space plays or pauses (held, it pans); on a view that is not a control, too.
            if (!(owner instanceof javafx.scene.control.Control) && !isOnCanvas(owner)) {
                togglePlay();
                e.consume();
            }
        } else if (e.getCode() == KeyCode.RIGHT || e.getCode() == KeyCode.PAGE_DOWN) {
            nextPhase();
            e.consume();
        } else if (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.PAGE_UP) {
            previousPhase();
            e.consume();
        }
    }

    private boolean isOnCanvas(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == canvas) {
                return true;
            }
        }
        return false;
    }

    /**
     * A text field takes Ctrl+Z and Ctrl+Y for its own typing even when it has none to take back, as after a value
     * was committed with Enter; then they go to the edit history, as they do everywhere else in the window.
     */
    private void undoKeysInFields(KeyEvent e) {
        if (!(scene.getFocusOwner() instanceof javafx.scene.control.TextInputControl field)) {
            return;
        }
        if (UNDO_KEY.match(e) && !field.isUndoable()) {
            workspace.stack().undo();
            e.consume();
        } else if ((REDO_KEY.match(e) || REDO_KEY_SHIFTED.match(e)) && !field.isRedoable()) {
            workspace.stack().redo();
            e.consume();
        }
    }

    private void revealSelectedProblem() {
        Problem p = problems.getSelectionModel().getSelectedItem();
        if (p != null && p.node() != null && workspace.graph().contains(p.node())) {
            showGraphView();
            canvas.reveal(p.node());
        }
    }

    private final class ProblemCell extends ListCell<Problem> {
        /** Made once per cell: a new icon at every edit would be styled from scratch each time. */
        private final FontIcon icon = new FontIcon("mdi2a-alert-circle-outline");

        ProblemCell() {
            icon.getStyleClass().add("problem-icon");
        }

        @Override
        protected void updateItem(Problem p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setGraphic(icon);
            String text = ProblemTexts.localize(p.message(), i18n);
            // Most messages name their node already ("Dense 'hidden1' needs…"); others get the name in front.
            boolean named = p.node() == null || text.contains("'" + p.node() + "'");
            setText(named ? text : p.node() + ": " + text);
        }
    }

    // ---- life cycle ----------------------------------------------------------------------------------------

    void requestClose() {
        if (files.confirmDiscard()) {
            shutdown();
            stage.close();
        }
    }

    private void shutdown() {
        training.close();
        files.close();
    }

    // ---- for the parts and tests ---------------------------------------------------------------------------

    Stage stage() {
        return stage;
    }

    public Workspace workspace() {
        return workspace;
    }

    org.stepwise.app.studio.workflows.WorkflowsMenu workflows() {
        return workflows;
    }

    /** The welcome's four ways to start; the studio opens it on the first run. */
    Welcome showWelcome() {
        Welcome welcome = new Welcome(this);
        welcome.show();
        return welcome;
    }

    // ---- what presentation mode changes -----------------------------------------------------------------------

    Presentation presentation() {
        return presentation;
    }

    /** Shows or hides the menu bar and the toolbar; the transport bar with the phase indicator always stays. */
    void chrome(boolean shown) {
        for (Node n : chromeNodes) {
            n.setVisible(shown);
            n.setManaged(shown);
        }
    }

    /** Keeps the palette and the inspector beside the canvas or puts them away (the canvas always stays). */
    void showSidePanels(boolean paletteShown, boolean inspectorShown) {
        if (activeLesson == null) {
            if (paletteShown) {
                bringBackPalette();
            } else if (sides.getItems().contains(palette)) {
                sideDividers = sides.getDividerPositions();
                sides.getItems().remove(palette);
            }
        }
        if (inspectorShown && !sides.getItems().contains(inspectorView)) {
            sides.getItems().add(inspectorView);
        } else if (!inspectorShown) {
            sides.getItems().remove(inspectorView);
        }
    }

    javafx.scene.control.TabPane inspection() {
        return inspection;
    }

    /** Shows the tabs under the canvas, or gives the canvas the whole height when none is kept. */
    void showInspection(boolean shown) {
        if (shown && !middle.getItems().contains(inspection)) {
            middle.getItems().add(inspection);
            middle.setDividerPositions(GRAPH_SHARE);
        } else if (!shown) {
            middle.getItems().remove(inspection);
        }
    }

    void showBottom(boolean shown) {
        root.setBottom(shown ? bottomArea : null);
    }

    /** The presentation lock: the palette and the inspector cannot be used (the workspace refuses edits too). */
    void setEditingDisabled(boolean disabled) {
        palette.setDisable(disabled);
        inspectorView.setDisable(disabled);
    }

    I18n i18n() {
        return i18n;
    }

    StudioPreferences preferences() {
        return preferences;
    }

    /** The values pane, null until the window's first frame. */
    NodeDetailView detail() {
        return detail;
    }

    /** The playground view once it has been shown, else null. */
    PlaygroundView playground() {
        return playground;
    }

    public TrainingController training() {
        return training;
    }

    public GraphCanvas canvas() {
        return canvas;
    }

    public Scene scene() {
        return scene;
    }

    FileActions files() {
        return files;
    }

    boolean neuronMode() {
        return neuronMode;
    }

    Node root() {
        return root;
    }

    // ---- figures and data out (issue 11): File > Export figure, Copy figure, history CSV, lesson bundles ----

    private org.stepwise.app.studio.figures.FiguresMenu figures;

    private List<MenuItem> figureItems() {
        figures = new org.stepwise.app.studio.figures.FiguresMenu(stage, scene, i18n, training, () -> canvas,
                project -> {
                    if (!files.confirmDiscard()) {
                        return false;
                    }
                    files.replace(project, null);
                    return true;
                }, this::startLessonOnOpenProject);
        return figures.items();
    }

    public org.stepwise.app.studio.figures.FiguresMenu figures() {
        return figures;
    }
}
