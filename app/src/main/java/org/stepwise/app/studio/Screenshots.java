// `stepwise studio --screenshots DIR`: renders the main views in both languages and both themes into PNG files
// (and a few in high contrast and at 150 % and 200 %, named looks-*),
// then quits. Run it under xvfb-run on a machine without a display; the README shows one of the images.
// STEPWISE_JAVA_OPTS=-Dstepwise.screenshots=transformer takes only the Transformer tab's (a GPT trained a while),
// -Dstepwise.screenshots=editor only the editor's four (both languages, both themes).
package org.stepwise.app.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.stepwise.app.editor.ChangeSettings;
import org.stepwise.app.editor.RemoveNodes;
import org.stepwise.app.studio.charts.ChartsView;
import org.stepwise.app.studio.diagnostics.GradientCheckDialog;
import org.stepwise.app.studio.evaluation.EvaluationView;
import org.stepwise.app.studio.inference.InferenceView;
import org.stepwise.app.studio.inspector.InspectorView;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.TrainingSettings;

final class Screenshots {
    /** A marker step: wait until training has run seven phases of its first step. */
    private static final Runnable WAIT_FOR_PHASE_7 = () -> { };
    /** A marker step: wait until the run drawn on the charts has its epochs. */
    private static final Runnable WAIT_FOR_CHART_EPOCHS = () -> { };
    private static final int CHART_EPOCHS = 40;
    /**
     * Epochs (of 193 steps) the GPT of the Transformer shots trains on Moby-Dick at a learning rate of 3e-3: by the
     * third, a head of the first block looks mostly at the previous character (score about 0.45).
     */
    private static final int GPT_EPOCHS = 3;
    private static final int GPT_STEPS_PER_EPOCH = 193;

    /** A step that holds the line until its condition holds, or for at most a minute. */
    private record Wait(java.util.function.BooleanSupplier done) implements Runnable {
        @Override
        public void run() {
        }
    }

    private Screenshots() {
    }

    /** The default project with hidden2 taken out, which leaves two problems, and output selected. */
    private static void breakTheStandardNet(MainWindow window) {
        window.files().replace(DefaultProjects.standard(), null);
        window.workspace().execute(new RemoveNodes(Set.of("hidden2")));
        window.workspace().select("output");
    }

    /** Schedules every view, one every 600 ms so layout and fonts settle, then exits the application. */
    static void takeAll(MainWindow window, Path folder) {
        // Lesson progress made while taking pictures goes beside them, never into the user's own.
        System.setProperty(org.stepwise.lessons.engine.ProgressStore.FILE_PROPERTY,
                folder.resolve("lesson-progress.json").toAbsolutePath().toString());
        List<Runnable> steps = new ArrayList<>();
        List<String> written = new ArrayList<>();
        boolean onlyTransformer = "transformer".equals(System.getProperty("stepwise.screenshots"));
        boolean onlyEditor = "editor".equals(System.getProperty("stepwise.screenshots"));
        for (boolean dark : onlyTransformer ? new boolean[0] : new boolean[] {false, true}) {
            for (Locale locale : I18n.SUPPORTED) {
                String suffix = (locale.equals(I18n.CHINESE) ? "zh-CN" : "en") + "-" + (dark ? "dark" : "light");
                steps.add(() -> {
                    window.switchTheme(dark);
                    window.switchLanguage(locale);
                    window.files().replace(DefaultProjects.standard(), null);
                });
                steps.add(() -> shoot(window, folder.resolve("graph-" + suffix + ".png"), written));
                if (onlyEditor) {
                    steps.add(() -> breakTheStandardNet(window));
                    steps.add(() -> shoot(window, folder.resolve("problems-" + suffix + ".png"), written));
                    continue;
                }
                steps.add(() -> {
                    for (int i = 0; i < 7; i++) {
                        window.training().nextPhase(); // into the backward pass: hidden2's gradient
                    }
                });
                steps.add(WAIT_FOR_PHASE_7);
                steps.add(() -> window.workspace().select("hidden2"));
                steps.add(() -> shoot(window, folder.resolve("stepping-" + suffix + ".png"), written));
                // A NaN put into a weight at a step boundary: the next step halts, with a badge and the message.
                steps.add(() -> window.training().step());
                steps.add(new Wait(() -> snapshotAt(window, 1)));
                steps.add(() -> {
                    window.workspace().execute(new org.stepwise.app.editor.SetWeight("hidden1", "weight", 0,
                            Float.NaN));
                    window.training().step();
                });
                steps.add(new Wait(() -> window.training().progress().state() == TrainingController.State.HALTED));
                steps.add(() -> shoot(window, folder.resolve("halted-" + suffix + ".png"), written));
                steps.add(() -> {
                    window.workspace().stack().undo();
                    window.training().reset(false);
                });
                GradientCheckDialog[] check = new GradientCheckDialog[1];
                steps.add(() -> check[0] = GradientCheckDialog.open(window.scene().getWindow(), window.training(),
                        window.i18n()));
                steps.add(new Wait(() -> check[0] != null && !check[0].table().getItems().isEmpty()));
                steps.add(() -> {
                    write(check[0].stage().getScene().snapshot(null), folder.resolve("gradcheck-" + suffix
                            + ".png"), written);
                    check[0].stage().close();
                    window.training().reset(false);
                });
                // The welcome, then presentation mode in the middle of the backward pass, with the laser on.
                Welcome[] welcome = new Welcome[1];
                steps.add(() -> welcome[0] = window.showWelcome());
                steps.add(() -> {
                    write(welcome[0].stage().getScene().snapshot(null), folder.resolve("welcome-" + suffix + ".png"),
                            written);
                    welcome[0].stage().close();
                    window.training().reset(false);
                    window.presentation().enter();
                    for (int i = 0; i < 6; i++) {
                        window.nextPhase();
                    }
                });
                steps.add(new Wait(() -> window.training().snapshot() != null
                        && window.training().snapshot().phaseIndex() == 6));
                steps.add(() -> {
                    window.presentation().annotations().use(org.stepwise.app.studio.present.Annotations.Tool.LASER);
                    javafx.scene.Node hidden = window.scene().lookup("#node-hidden2");
                    if (hidden != null) {
                        var b = hidden.localToScene(hidden.getBoundsInLocal());
                        window.presentation().annotations().pointerAt(b.getMaxX() - 10, b.getMaxY() - 10);
                    }
                });
                steps.add(() -> {
                    shoot(window, folder.resolve("present-" + suffix + ".png"), written);
                    window.presentation().exit();
                    window.training().reset(false);
                });
                // Lesson 1 under way: the neuron selected, its goal ticked; then the panel closes again.
                steps.add(() -> window.startLesson(org.stepwise.lessons.course.Course.sources().get(0)));
                steps.add(() -> window.workspace().select("neuron"));
                steps.add(() -> shoot(window, folder.resolve("lesson-" + suffix + ".png"), written));
                steps.add(() -> {
                    window.lessonPanel().close();
                    window.files().replace(DefaultProjects.standard(), null);
                });
                // The Workflows windows: ZeRO on the paper's example, then both parallel simulations run.
                steps.add(() -> {
                    var zero = window.workflows().zeroCalculator();
                    @SuppressWarnings("unchecked")
                    javafx.scene.control.ComboBox<Object> presets =
                            (javafx.scene.control.ComboBox<Object>) zero.lookup("#zero-preset");
                    presets.setValue(presets.getItems().get(2));
                });
                steps.add(() -> write(zeroStage(window).getScene().snapshot(null),
                        folder.resolve("zero-" + suffix + ".png"), written));
                org.stepwise.app.studio.workflows.ParallelismView[] parallel =
                        new org.stepwise.app.studio.workflows.ParallelismView[1];
                steps.add(() -> {
                    parallel[0] = window.workflows().parallelism();
                    parallel[0].runDataParallel();
                });
                steps.add(new Wait(() -> parallel[0].dataResult() != null));
                steps.add(() -> parallel[0].runTensorParallel());
                steps.add(new Wait(() -> parallel[0].tensorResult() != null));
                steps.add(() -> {
                    write(parallel[0].getScene().snapshot(null), folder.resolve("parallel-" + suffix + ".png"),
                            written);
                    window.workflows().closeAll();
                    window.training().reset(false);
                });
                steps.add(() -> window.training().play());
                for (int wait = 0; wait < 5; wait++) {
                    steps.add(() -> { }); // three seconds of training, as fast as it goes
                }
                steps.add(() -> {
                    window.training().pause();
                    window.showPlaygroundView();
                });
                // A point traced to its second hidden layer, its sum written out.
                steps.add(() -> window.playground().traceAt(1.6, -2.4, 2));
                steps.add(() -> shoot(window, folder.resolve("playground-" + suffix + ".png"), written));
                steps.add(window::showGraphView);
                steps.add(window::showNeuronView);
                steps.add(() -> shoot(window, folder.resolve("neurons-" + suffix + ".png"), written));
                // The charts: 40 epochs kept as run A, then run B from the same seed at another rate.
                steps.add(() -> {
                    window.showGraphView();
                    chartsTab(window, true);
                    window.training().reset(false);
                    trainEpochs(window, CHART_EPOCHS);
                });
                steps.add(WAIT_FOR_CHART_EPOCHS);
                steps.add(() -> {
                    ((ChartsView) window.scene().lookup("#charts")).keepAsA();
                    TrainingSettings s = window.workspace().document().settings();
                    window.workspace().execute(ChangeSettings.settings(s.withLearningRate(0.1f),
                            "setting.learningRate"));
                });
                steps.add(() -> trainEpochs(window, CHART_EPOCHS));
                steps.add(WAIT_FOR_CHART_EPOCHS);
                steps.add(() -> shoot(window, folder.resolve("charts-" + suffix + ".png"), written));
                steps.add(() -> chartsTab(window, false));
                steps.add(() -> {
                    window.showGraphView();
                    window.files().replace(DefaultProjects.fromTemplate("lenet"), null);
                });
                steps.add(() -> shoot(window, folder.resolve("lenet-" + suffix + ".png"), written));
                // The tiny GPT: its column of blocks, then stepped to the attention's forward, values and math.
                steps.add(() -> window.files().replace(DefaultProjects.fromTemplate("gpt-moby-dick"), null));
                steps.add(() -> shoot(window, folder.resolve("gpt-" + suffix + ".png"), written));
                steps.add(() -> {
                    for (int i = 0; i < 5; i++) {
                        window.training().nextPhase(); // tokens, embeddings, layer norm, then b0_attn
                    }
                });
                steps.add(new Wait(() -> window.training().snapshot() != null
                        && window.training().snapshot().phaseIndex() == 5));
                steps.add(() -> window.workspace().select("b0_attn"));
                steps.add(() -> shoot(window, folder.resolve("gpt-values-" + suffix + ".png"), written));
                steps.add(() -> inspectionTab(window, "tab-math", org.stepwise.app.studio.math.MathPanel.class));
                steps.add(new Wait(() -> window.training().snapshot().attention() != null));
                steps.add(() -> { }); // the formulas typeset
                steps.add(() -> shoot(window, folder.resolve("gpt-math-" + suffix + ".png"), written));
                steps.add(() -> inspectionTab(window, "tab-values", Object.class));
                steps.add(() -> inspector(window).show(InspectorView.Section.DATA));
                steps.add(new Wait(() -> window.scene().lookup("#data-preview-thumbnails") != null));
                steps.add(() -> shoot(window, folder.resolve("data-images-" + suffix + ".png"), written));
                steps.add(() -> window.workspace().execute(org.stepwise.app.editor.ChangeSettings.data(
                        org.stepwise.core.project.DataRef.builtIn("moons"))));
                steps.add(new Wait(() -> window.scene().lookup("#data-preview-scatter") != null));
                steps.add(() -> shoot(window, folder.resolve("data-points-" + suffix + ".png"), written));
                steps.add(() -> window.workspace().execute(org.stepwise.app.editor.ChangeSettings.data(
                        org.stepwise.core.project.DataRef.builtIn("wine"))));
                steps.add(new Wait(() -> window.scene().lookup("#data-preview-table") != null));
                steps.add(() -> {
                    shoot(window, folder.resolve("data-table-" + suffix + ".png"), written);
                    inspector(window).show(InspectorView.Section.NODE);
                });
                steps.add(() -> breakTheStandardNet(window));
                steps.add(() -> shoot(window, folder.resolve("problems-" + suffix + ".png"), written));
                // Fashion-MNIST trained briefly, evaluated, one confusion cell listed; then a garment drawn and traced.
                steps.add(() -> window.files().replace(DefaultProjects.fromTemplate("mlp-784-128-10"), null));
                steps.add(() -> window.training().play());
                steps.add(new Wait(() -> window.training().progress().step() >= 250));
                steps.add(() -> {
                    window.training().pause();
                    inspectionTab(window, "tab-evaluation", EvaluationView.class).evaluate();
                });
                steps.add(new Wait(() -> window.scene().lookup("#confusion") != null));
                steps.add(() -> fitCanvas(window));
                steps.add(() -> {
                    javafx.scene.Node cell = window.scene().lookup("#cell-6-0");
                    cell.getOnMouseClicked().handle(null);
                });
                steps.add(() -> shoot(window, folder.resolve("evaluation-" + suffix + ".png"), written));
                steps.add(() -> {
                    // The examples of the cell wrap under the matrix in a window this narrow: scroll down to them.
                    ScrollPane scroll = (ScrollPane) window.scene().lookup("#evaluation-scroll");
                    javafx.scene.Node list = window.scene().lookup("#drill-down").getParent();
                    double room = scroll.getContent().getLayoutBounds().getHeight()
                            - scroll.getViewportBounds().getHeight();
                    scroll.setVvalue(room <= 0 ? 0 : Math.min(1, (list.getBoundsInParent().getMinY() - 8) / room));
                });
                steps.add(() -> shoot(window, folder.resolve("evaluation-examples-" + suffix + ".png"), written));
                steps.add(() -> inspectionTab(window, "tab-inference", InferenceView.class));
                steps.add(new Wait(() -> window.scene().lookup("#drawing-pad") != null));
                steps.add(() -> fitCanvas(window));
                steps.add(() -> {
                    InferenceView inference = inspectionTab(window, "tab-inference", InferenceView.class);
                    inference.pad().setPixels(tShirt());
                    ((javafx.scene.control.Button) window.scene().lookup("#step-through")).fire();
                    ((javafx.scene.control.Button) window.scene().lookup("#trace-all")).fire();
                });
                steps.add(() -> shoot(window, folder.resolve("inference-" + suffix + ".png"), written));
                steps.add(() -> inspectionTab(window, "tab-values", Object.class));
            }
        }
        if (!onlyTransformer && !onlyEditor) {
            looks(window, folder, steps, written);
        }
        if (!onlyEditor) {
            transformer(window, folder, steps, written);
        }
        steps.add(() -> {
            written.forEach(f -> System.out.println("wrote " + f));
            Platform.exit();
        });
        // One step every 600 ms, so layout and fonts settle; a waiting step holds the line until training is there.
        int[] next = {0};
        long[] waitingSince = {0};
        Timeline timeline = new Timeline(new KeyFrame(Duration.millis(600), e -> {
            if (next[0] >= steps.size()) {
                return;
            }
            Runnable step = steps.get(next[0]);
            if (step == WAIT_FOR_PHASE_7 || step == WAIT_FOR_CHART_EPOCHS || step instanceof Wait) {
                StepSnapshot s = window.training().snapshot();
                waitingSince[0] = waitingSince[0] == 0 ? System.nanoTime() : waitingSince[0];
                boolean there = step instanceof Wait w ? w.done().getAsBoolean()
                        : step == WAIT_FOR_CHART_EPOCHS ? window.training().curves().epochs().size() >= CHART_EPOCHS
                        : s != null && s.phaseIndex() == 7;
                long limit = step instanceof Wait ? 60_000_000_000L : 30_000_000_000L;
                if (!there && System.nanoTime() - waitingSince[0] < limit) {
                    return;
                }
                waitingSince[0] = 0;
                next[0]++;
                return;
            }
            next[0]++;
            try {
                step.run();
            } catch (RuntimeException ex) {
                System.err.println("stepwise: screenshot step failed: " + ex);
            }
        }));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.play();
    }

    /** High contrast at 100 %, light at 150 % and 200 % (Chinese at 200 %): the graph, a step and the neurons. */
    private static void looks(MainWindow window, Path folder, List<Runnable> steps, List<String> written) {
        record Look(Theme theme, int scale, Locale locale) {
        }
        for (Look look : List.of(new Look(Theme.HIGH_CONTRAST, 100, Locale.ENGLISH),
                new Look(Theme.LIGHT, 150, Locale.ENGLISH), new Look(Theme.LIGHT, 200, I18n.CHINESE))) {
            String suffix = look.theme().key() + "-" + look.scale() + "-"
                    + (look.locale().equals(I18n.CHINESE) ? "zh-CN" : "en");
            steps.add(() -> {
                window.switchScale(look.scale());
                window.switchTheme(look.theme());
                window.switchLanguage(look.locale());
                window.files().replace(DefaultProjects.standard(), null);
            });
            steps.add(() -> shoot(window, folder.resolve("looks-graph-" + suffix + ".png"), written));
            steps.add(() -> {
                for (int i = 0; i < 7; i++) {
                    window.training().nextPhase();
                }
            });
            steps.add(WAIT_FOR_PHASE_7);
            steps.add(() -> window.workspace().select("hidden2"));
            steps.add(() -> shoot(window, folder.resolve("looks-stepping-" + suffix + ".png"), written));
            steps.add(() -> {
                window.training().reset(false);
                window.showNeuronView();
            });
            steps.add(() -> shoot(window, folder.resolve("looks-neurons-" + suffix + ".png"), written));
            steps.add(window::showGraphView);
        }
        steps.add(() -> {
            window.switchScale(100);
            window.switchTheme(Theme.LIGHT);
        });
    }

    /**
     * A small GPT trained on Moby-Dick for a while (once; a language or theme switch keeps the training), then the
     * Transformer tab's attention and a generated text in both languages and themes.
     */
    private static void transformer(MainWindow window, Path folder, List<Runnable> steps, List<String> written) {
        steps.add(() -> {
            window.switchTheme(false);
            window.switchLanguage(Locale.ENGLISH);
            DataRef data = DataRef.builtIn("moby-dick");
            int vocabulary;
            try {
                vocabulary = data.load(1).data().classNames().size();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            window.files().replace(Project.create("tiny-gpt", GptConfig.small(vocabulary).graph(), data,
                    TrainingSettings.defaults().withOptimizer("adamw", java.util.Map.of()).withLearningRate(3e-3f)
                            .withBatchSize(32).withSeeds(1, 1)), null);
        });
        for (int epoch = 1; epoch <= GPT_EPOCHS; epoch++) {
            long done = (long) epoch * GPT_STEPS_PER_EPOCH;
            steps.add(() -> window.training().oneEpoch());
            steps.add(new Wait(() -> window.training().progress().step() >= done));
        }
        steps.add(() -> System.out.println("trained to step " + window.training().progress().step()));
        for (boolean dark : new boolean[] {false, true}) {
            for (Locale locale : I18n.SUPPORTED) {
                String suffix = (locale.equals(I18n.CHINESE) ? "zh-CN" : "en") + "-" + (dark ? "dark" : "light");
                steps.add(() -> {
                    window.switchTheme(dark);
                    window.switchLanguage(locale);
                });
                // The rebuilt window lays out its split panes in a later pulse: select the tab once they are there.
                steps.add(new Wait(() -> {
                    if (window.scene().lookup("#inspection") == null) {
                        return false;
                    }
                    inspectionTab(window, "tab-transformer", Object.class);
                    return window.scene().lookup("#attention-1-1") != null;
                }));
                steps.add(() -> {
                    ((SplitPane) window.scene().lookup("#inspection").getParent().getParent()).setDividerPositions(0.1);
                    fitCanvas(window);
                });
                steps.add(() -> shoot(window, folder.resolve("transformer-" + suffix + ".png"), written));
                if (!dark && locale.equals(Locale.ENGLISH)) {
                    // Block 1's second head (by then the previous-character head) enlarged, then back to all.
                    steps.add(() -> click(window.scene().lookup("#attention-0-1")));
                    steps.add(() -> shoot(window, folder.resolve("attention-head-" + suffix + ".png"), written));
                    steps.add(() -> click(window.scene().lookup("#transformer-enlarged")));
                }
                steps.add(() -> ((TabPane) window.scene().lookup("#transformer-tabs")).getSelectionModel().select(1));
                steps.add(new Wait(() -> window.scene().lookup("#generate-write")
                        instanceof javafx.scene.control.Button b && !b.isDisabled()));
                steps.add(() -> ((javafx.scene.control.Button) window.scene().lookup("#generate-write")).fire());
                steps.add(new Wait(() -> window.scene().lookup("#generate-text") instanceof javafx.scene.text.TextFlow t
                        && t.getChildren().size() > 50));
                steps.add(() -> shoot(window, folder.resolve("generate-" + suffix + ".png"), written));
            }
        }
    }

    /** A primary-button click in the middle of a node, as the mouse would give it. */
    private static void click(javafx.scene.Node node) {
        var b = node.getLayoutBounds();
        javafx.geometry.Point2D screen = node.localToScreen(b.getCenterX(), b.getCenterY());
        javafx.event.Event.fireEvent(node, new javafx.scene.input.MouseEvent(
                javafx.scene.input.MouseEvent.MOUSE_CLICKED, b.getCenterX(), b.getCenterY(), screen.getX(),
                screen.getY(), javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false,
                false, true, false, true, null));
    }

    private static boolean snapshotAt(MainWindow window, long step) {
        StepSnapshot s = window.training().snapshot();
        return s != null && s.step() == step && s.phaseIndex() == 0;
    }

    private static InspectorView inspector(MainWindow window) {
        return (InspectorView) window.scene().lookup("#inspector");
    }

    private static void trainEpochs(MainWindow window, int epochs) {
        for (int i = 0; i < epochs; i++) {
            window.training().oneEpoch();
        }
    }

    private static void chartsTab(MainWindow window, boolean shown) {
        TabPane tabs = (TabPane) window.scene().lookup("#inspection");
        tabs.getSelectionModel().select(shown ? tabs.getTabs().stream()
                .filter(t -> "tab-charts".equals(t.getId())).findFirst().orElseThrow() : tabs.getTabs().get(0));
    }

    private static void shoot(MainWindow window, Path file, List<String> written) {
        write(window.scene().snapshot(null), file, written);
    }

    private static void write(WritableImage image, Path file, List<String> written) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            written.add(file.toString());
        } catch (IOException e) {
            System.err.println("stepwise: cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Selects a tab under the canvas, with room to read it, and returns its content. */
    private static <T> T inspectionTab(MainWindow window, String id, Class<T> type) {
        TabPane inspection = (TabPane) window.scene().lookup("#inspection");
        Tab tab = inspection.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
        inspection.getSelectionModel().select(tab);
        if (inspection.getParent() != null && inspection.getParent().getParent() instanceof SplitPane middle) {
            middle.setDividerPositions(id.equals("tab-values") ? 0.42 : 0.27);
        }
        return type.cast(tab.getContent());
    }

    private static javafx.stage.Window zeroStage(MainWindow window) {
        return javafx.stage.Window.getWindows().stream()
                .filter(w -> w.getScene() != null && w.getScene().lookup("#zero-calculator") != null)
                .findFirst().orElseThrow();
    }

    /** Fits the graph into what the canvas has left once a tab below took most of the height. */
    private static void fitCanvas(MainWindow window) {
        ((javafx.scene.control.ButtonBase) window.scene().lookup("#tool-fit")).fire();
    }

    /** A T-shirt as Fashion-MNIST draws one: light on black, 28 × 28. */
    private static float[] tShirt() {
        float[] x = new float[28 * 28];
        for (int y = 4; y < 26; y++) {
            for (int col = 0; col < 28; col++) {
                boolean body = col >= 8 && col <= 19;
                boolean sleeves = y < 12 && col >= 3 && col <= 24 && Math.abs(col - 13.5) <= 6 + (12 - y) * 1.2;
                boolean neck = y < 6 && col >= 11 && col <= 16;
                if ((body || sleeves) && !neck) {
                    x[y * 28 + col] = 0.55f + 0.3f * (float) Math.sin(col * 0.7 + y * 0.3) * 0.5f + 0.15f;
                }
            }
        }
        return x;
    }
}
