// The playground: for a network with two inputs, what every unit and the output compute over the whole input
// plane, redrawn from the latest training snapshot at most once a frame, with the data on top, the loss and
// accuracy on training and validation points, and a click-to-trace inspector for one input.
//
// All numbers come from the view's own copy of the network loaded with snapshot weights; it never reads the
// network the training thread is changing.
package org.stepwise.app.studio.playground;

import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Background;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.editor.Text;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;
import org.stepwise.app.studio.playground.PlaneNetwork.Column;
import org.stepwise.app.studio.playground.PlaneNetwork.Kind;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.graph.Network;

public final class PlaygroundView extends BorderPane {
    /** Grid points a side for the output map; unit maps average 2 × 2 blocks of the same grid. */
    static final int RES = 128;
    /**
     * Grid points a side while training plays: a quarter of the work a frame, so the view keeps its frame rate
     * beside a training thread running flat out; the full grid is drawn again as soon as training stops.
     */
    static final int PLAYING_RES = RES / 2;
    static final int THUMB_STEP = 2;
    /** While playing, the numbers and the curves are brought up to date every this many frames. */
    private static final int SLOW_FRAMES = 6;

    private final Workspace workspace;
    private final I18n i18n;
    private final TrainingController controller;
    private final NetworkMaps maps;
    private final OutputMap output = new OutputMap();
    private final TraceView trace;
    private final Label mapTitle = new Label();
    private final Label step = stat("playground-step");
    private final Label trainLoss = stat("playground-train-loss");
    private final Label validationLoss = stat("playground-validation-loss");
    private final Label trainAccuracy = stat("playground-train-accuracy");
    private final Label validationAccuracy = stat("playground-validation-accuracy");
    private final List<VBox> accuracyCards;
    private final HBox content;
    private final ScrollPane mapsScroll;
    private final VBox plane;
    private final ScrollPane traceScroll;
    /** The plane with the trace under it, when the view is too narrow for three columns. */
    private final VBox planeAndTrace = new VBox(12);
    private final FlowPane stats;
    private final VBox reasonBox = new VBox(10);
    private final Label reason = new Label();
    private final AnimationTimer timer;

    private PlaneData data;
    private PlaneNetwork network;
    private float[] grid;
    private float[] playingGrid;
    /** Points a side of the grid last run through the network. */
    private int gridRes = RES;
    private double inputScale = 1;
    private final int[] bigPixels = new int[RES * RES];
    private final int[] thumbPixels = new int[(RES / THUMB_STEP) * (RES / THUMB_STEP)];
    private final MapPainter painter = new MapPainter(Color.WHITE);
    /** Each column's unit maps' pixels, reused frame after frame. */
    private final java.util.Map<String, int[][]> columnPixels = new java.util.HashMap<>();
    /** The background the input maps were last painted on; null after a rebuild. */
    private Color inputsPaintedOn;
    private boolean structureDirty = true;
    private boolean weightsDirty = true;
    private boolean haveWeights;
    private String hoverNode;
    private int hoverUnit = -1;
    private double[] traced;
    private Metrics trainMetrics;
    private Metrics validationMetrics;
    private long frameNanos;
    private long framesPlaying;

    public PlaygroundView(Workspace workspace, I18n i18n, TrainingController controller) {
        this.workspace = workspace;
        this.i18n = i18n;
        this.controller = controller;
        setId("playground");
        getStyleClass().add("playground");
        getStylesheets().add(PlaygroundView.class.getResource("playground.css").toExternalForm());
        maps = new NetworkMaps(i18n);
        output.setAccessibleRole(javafx.scene.AccessibleRole.IMAGE_VIEW);
        output.setAccessibleText(i18n.text("playground.output.accessible"));
        trace = new TraceView(i18n);

        maps.setOnHover(this::hover);
        trace.setOnStep(node -> {
            maps.markTraced(node);
            // After the next layout, scroll the trace so the newest sum is in view.
            javafx.application.Platform.runLater(this::revealExplanation);
        });
        output.setOnPick((x1, x2) -> traceAt(x1, x2));
        mapTitle.getStyleClass().add("playground-section-title");
        mapTitle.setId("playground-map-title");
        VBox.setVgrow(output, Priority.ALWAYS);
        plane = new VBox(6, mapTitle, output);
        plane.getStyleClass().add("playground-plane");
        plane.setMinWidth(380);
        plane.setPrefWidth(680);
        plane.setMaxWidth(760);
        HBox.setHgrow(plane, Priority.SOMETIMES);
        mapsScroll = new ScrollPane(maps);
        mapsScroll.setFitToWidth(true);
        mapsScroll.setFitToHeight(true);
        mapsScroll.getStyleClass().add("edge-to-edge");
        mapsScroll.setPrefViewportWidth(540);
        mapsScroll.setMinViewportWidth(300);
        HBox.setHgrow(mapsScroll, Priority.ALWAYS);
        traceScroll = new ScrollPane(trace);
        traceScroll.setFitToWidth(true);
        traceScroll.getStyleClass().addAll("edge-to-edge", "playground-trace-scroll");
        traceScroll.setMinViewportWidth(270);
        traceScroll.setPrefViewportWidth(300);
        traceScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        content = new HBox(20, mapsScroll, plane, traceScroll);
        content.getStyleClass().add("playground-content");
        HBox.setHgrow(planeAndTrace, Priority.SOMETIMES);
        planeAndTrace.setMinWidth(380);
        planeAndTrace.setMaxWidth(760);
        // It may be given less than three columns need, so that it sees the width it has and rearranges.
        content.setMinWidth(0);
        content.widthProperty().addListener((o, before, after) -> arrange(after.doubleValue()));

        accuracyCards = List.of(card("playground.stat.trainAccuracy", trainAccuracy),
                card("playground.stat.validationAccuracy", validationAccuracy));
        stats = new FlowPane(28, 6, card("playground.stat.progress", step),
                card("playground.stat.trainLoss", trainLoss), card("playground.stat.validationLoss", validationLoss),
                accuracyCards.get(0), accuracyCards.get(1));
        stats.getStyleClass().add("playground-stats");
        stats.setAlignment(Pos.CENTER_LEFT);

        FontIcon info = new FontIcon("mdi2i-information-outline");
        info.getStyleClass().add("playground-reason-icon");
        Label reasonTitle = new Label(i18n.text("playground.unsupported.title"));
        reasonTitle.getStyleClass().add("playground-reason-title");
        reason.setId("playground-reason");
        reason.getStyleClass().add("playground-reason");
        reason.setWrapText(true);
        reason.setMaxWidth(620);
        reasonBox.getChildren().addAll(info, reasonTitle, reason);
        reasonBox.setAlignment(Pos.CENTER);
        reasonBox.setVisible(false);

        setTop(stats);
        setCenter(new StackPane(content, reasonBox));

        controller.addSnapshotListener(s -> weightsDirty = true);
        workspace.addDocumentListener(() -> structureDirty = true);
        workspace.addReplacedListener(() -> {
            structureDirty = true;
            traced = null;
        });
        backgroundProperty().addListener((o, before, after) -> weightsDirty = true);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame();
            }
        };
        sceneProperty().addListener((o, before, after) -> {
            if (after != null) {
                timer.start();
            } else {
                timer.stop();
            }
        });
        refresh();
    }

    /** True when the workspace's network takes two inputs and its data are points in the plane. */
    public static boolean supports(Workspace workspace) {
        return PlaneData.read(workspace).data() != null;
    }

    /** Why the playground cannot draw the workspace's network and data, for the user; null when it can. */
    public static Text unsupportedReason(Workspace workspace) {
        return PlaneData.read(workspace).reason();
    }

    /** Redraws now from the latest snapshot (or the untrained weights), rebuilding first if the structure changed. */
    public void refresh() {
        structureDirty = true;
        frame();
    }

    // ---- frames ---------------------------------------------------------------------------------------------------

    private void frame() {
        if (controller.isPlaying()) {
            controller.requestSnapshot();
        }
        if (structureDirty) {
            structureDirty = false;
            rebuild();
        }
        if (gridRes != RES && !controller.isPlaying()) {
            weightsDirty = true; // training stopped: draw the full grid once more
        }
        if (weightsDirty && network != null) {
            weightsDirty = false;
            render();
        }
    }

    private void rebuild() {
        PlaneData.Reading reading = PlaneData.read(workspace);
        if (reading.reason() != null) {
            data = null;
            network = null;
            reason.setText(i18n.text(reading.reason()));
            reasonBox.setVisible(true);
            content.setVisible(false);
            stats.setVisible(false);
            return;
        }
        reasonBox.setVisible(false);
        content.setVisible(true);
        stats.setVisible(true);
        Network live = workspace.document().network();
        boolean newData = reading.data() != data;
        if (newData || network == null || !network.def().equals(live.def())) {
            if (newData) {
                data = reading.data();
                grid = data.plane().grid(RES);
                data.toNetwork(grid, RES * RES);
                playingGrid = data.plane().grid(PLAYING_RES);
                data.toNetwork(playingGrid, PLAYING_RES * PLAYING_RES);
                inputScale = 0;
                for (float v : grid) {
                    inputScale = Math.max(inputScale, Math.abs(v));
                }
                output.setData(data, RES);
                traced = null;
                buildLegend();
            }
            network = new PlaneNetwork(live.def(), live.seed(), data, workspace.document().settings().loss());
            maps.build(network, RES / THUMB_STEP, data.featureNames());
            columnPixels.clear();
            inputsPaintedOn = null;
            haveWeights = false;
            hoverNode = null;
            for (VBox card : accuracyCards) {
                card.setVisible(data.classification());
                card.setManaged(data.classification());
            }
        }
        weightsDirty = true;
    }

    /** Loads weights, measures the points, traces the picked input, evaluates the grid and paints every map. */
    private void render() {
        long start = System.nanoTime();
        StepSnapshot shown = loadWeights();
        if (!haveWeights) {
            return;
        }
        Color bg = background();
        painter.setBackground(bg);
        output.setBackgroundColor(bg);
        // While training plays, the maps change every frame; the numbers (loss, accuracy, the trace) and the curves
        // follow at a sixth of the frame rate, on different frames. Numbers changing 60 times a second cannot be
        // read, and drawing the curves is the costliest part of a frame in software rendering.
        boolean playing = controller.isPlaying();
        long frame = playing ? framesPlaying++ : 0;
        boolean numbers = !playing || frame % SLOW_FRAMES == SLOW_FRAMES / 2;
        boolean curves = !playing || frame % SLOW_FRAMES == 0;
        if (numbers) {
            trainMetrics = network.metrics(data.train());
            validationMetrics = network.metrics(data.validation());
            if (traced != null) {
                trace.show(computeTrace(traced[0], traced[1]), data, painter);
            }
        }
        gridRes = playing ? PLAYING_RES : RES;
        network.evaluateGrid(gridRes == RES ? grid : playingGrid, gridRes * gridRes);
        // Playing, the small maps and the large one take turns, each at half the frame rate: software rendering
        // then redraws half the changed area a frame.
        paintMaps(!playing || frame % 2 == 0, !playing || frame % 2 == 1);
        if (curves) {
            maps.updateEdges();
        }
        if (numbers) {
            showStats(shown);
        }
        frameNanos = System.nanoTime() - start;
    }

    /**
     * The snapshot whose weights are now in the copy: the latest of the current session; with none (before the
     * first step, after a reset or an edit) the document's untrained or kept weights, read only while nothing
     * trains them. Returns null when the weights are not a snapshot's.
     */
    private StepSnapshot loadWeights() {
        StepSnapshot s = controller.snapshot();
        TrainingController.Progress p = controller.progress();
        if (s != null && s.generation() == p.generation() && network.load(s)) {
            haveWeights = true;
            return s;
        }
        Network idle = workspace.document().network();
        boolean quiet = p.state() == TrainingController.State.READY || p.state() == TrainingController.State.FAILED;
        if (quiet && idle != null && network.load(idle)) {
            haveWeights = true;
        }
        return null;
    }

    private Color background() {
        Background b = getBackground();
        if (b != null && !b.getFills().isEmpty() && b.getFills().get(0).getFill() instanceof Color c) {
            return c;
        }
        return Color.WHITE;
    }

    private void paintMaps(boolean small, boolean large) {
        if (large) {
            paintLarge();
        }
        if (!small) {
            return;
        }
        int pixels = (RES / THUMB_STEP) * (RES / THUMB_STEP);
        int step = gridRes / (RES / THUMB_STEP);
        for (Column c : network.columns()) {
            float[] values = network.gridValues(c.node());
            if (c.kind() == Kind.OUTPUT) {
                for (int j = 0; j < c.units(); j++) {
                    painter.paintOutput(network, values, gridRes, step, output.low(), output.high(), thumbPixels);
                    maps.setPixels(maps.map(c.node(), j), thumbPixels);
                }
                continue;
            }
            // The inputs' maps are the plane's coordinates: painted again only for a new structure or background.
            if (c.kind() == Kind.INPUT && inputsPaintedOn == painter.background()) {
                continue;
            }
            int[][] buffers = columnPixels.get(c.node());
            if (buffers == null || buffers.length != c.units()) {
                buffers = new int[c.units()][pixels];
                columnPixels.put(c.node(), buffers);
            }
            painter.paintColumn(c, values, gridRes, step, scale(c), buffers);
            for (int j = 0; j < c.units(); j++) {
                maps.setPixels(maps.map(c.node(), j), buffers[j]);
            }
        }
        inputsPaintedOn = painter.background();
    }

    private double scale(Column c) {
        return c.kind() == Kind.INPUT && inputScale > 0 ? inputScale : 1;
    }

    /** The large map: the hovered unit, or the output. */
    private void paintLarge() {
        Column hovered = hoverNode == null ? null : network.column(hoverNode);
        if (hovered != null && hovered.kind() != Kind.OUTPUT) {
            painter.paintUnit(hovered, network.gridValues(hovered.node()), hoverUnit, gridRes, 1, scale(hovered),
                    bigPixels);
            mapTitle.setText(i18n.text("playground.map.unit", maps.unitText(hovered, hoverUnit)));
        } else {
            painter.paintOutput(network, network.gridValues(network.output().node()), gridRes, 1, output.low(),
                    output.high(), bigPixels);
            mapTitle.setText(i18n.text(!data.classification() ? "playground.map.value"
                    : data.classes() == 2 ? "playground.map.binary" : "playground.map.classes",
                    TraceView.className(i18n, data, 1)));
        }
        output.setPixels(bigPixels, gridRes);
    }

    private void hover(String node, int unit) {
        hoverNode = node;
        hoverUnit = unit;
        if (network != null && haveWeights && network.gridValues(network.output().node()) != null) {
            paintLarge();
        }
    }

    private PlaneNetwork.Trace computeTrace(double x1, double x2) {
        float[] raw = {(float) x1, (float) x2};
        float[] in = raw.clone();
        data.toNetwork(in, 1);
        return network.trace(raw, in);
    }

    /** Traces the input at (x1, x2) in raw units and shows its first {@code layers} layers, as Next does. */
    public void traceAt(double x1, double x2, int layers) {
        traceAt(x1, x2);
        trace.goTo(layers);
    }

    /** Traces the input at (x1, x2) in raw units, as a click there does. */
    void traceAt(double x1, double x2) {
        traced = new double[] {x1, x2};
        output.setTraced(traced);
        trace.restart();
        if (network != null && haveWeights) {
            trace.show(computeTrace(x1, x2), data, painter);
        }
    }

    private void showStats(StepSnapshot s) {
        TrainingController.Progress p = controller.progress();
        long steps = s != null ? s.step() : p.step();
        int epoch = s != null ? s.epoch() : p.epoch();
        step.setText(i18n.text("playground.progress", epoch + 1, steps));
        trainLoss.setText(loss(trainMetrics));
        validationLoss.setText(loss(validationMetrics));
        trainAccuracy.setText(accuracy(trainMetrics));
        validationAccuracy.setText(accuracy(validationMetrics));
    }

    private static String loss(Metrics m) {
        return m == null || Double.isNaN(m.loss()) ? "–" : String.format(Locale.ROOT, "%.3f", m.loss());
    }

    private static String accuracy(Metrics m) {
        return m instanceof ClassificationMetrics c ? String.format(Locale.ROOT, "%.1f%%", 100 * c.accuracy()) : "–";
    }

    // ---- pieces ---------------------------------------------------------------------------------------------------

    private static Label stat(String id) {
        Label l = new Label("–");
        l.setId(id);
        l.getStyleClass().add("playground-stat-value");
        return l;
    }

    private VBox card(String key, Label value) {
        Label caption = new Label(i18n.text(key));
        caption.getStyleClass().add("playground-stat-caption");
        VBox box = new VBox(0, caption, value);
        box.getStyleClass().add("playground-stat");
        // A card keeps its whole text; the row wraps instead.
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    /**
     * Three columns (maps, plane, trace) when they fit; otherwise the trace goes under the plane, so on a projector's
     * 1280 × 720 every unit map and the whole plane stay in view.
     */
    private void arrange(double width) {
        double wide = mapsScroll.getMinViewportWidth() + plane.getMinWidth() + traceScroll.getMinViewportWidth()
                + 2 * content.getSpacing() + content.snappedLeftInset() + content.snappedRightInset();
        boolean threeColumns = width >= wide;
        if (threeColumns == content.getChildren().contains(plane)) {
            return;
        }
        if (threeColumns) {
            planeAndTrace.getChildren().clear();
            VBox.setVgrow(traceScroll, null);
            content.getChildren().setAll(mapsScroll, plane, traceScroll);
        } else {
            content.getChildren().setAll(mapsScroll, planeAndTrace);
            VBox.setVgrow(plane, Priority.ALWAYS);
            VBox.setVgrow(traceScroll, Priority.SOMETIMES);
            traceScroll.setPrefViewportHeight(220);
            traceScroll.setMinViewportHeight(120);
            planeAndTrace.getChildren().setAll(plane, traceScroll);
        }
    }

    /** Scrolls the trace, if need be, so the box with the written-out sum is wholly in view. */
    private void revealExplanation() {
        javafx.scene.Node box = trace.explanation();
        if (box.isVisible()) {
            org.stepwise.app.studio.Scrolling.reveal(traceScroll, box, 8);
        }
    }

    /** Whether the trace sits beside the plane (true) or under it. */
    boolean traceBesidePlane() {
        return content.getChildren().contains(traceScroll);
    }

    private void buildLegend() {
        javafx.scene.layout.FlowPane legend = output.legend();
        legend.getChildren().clear();
        if (data.classification()) {
            for (int c = 0; c < data.classes(); c++) {
                Circle dot = new Circle(7, PlanePaint.classColor(c));
                legend.getChildren().add(legendItem(dot, TraceView.className(i18n, data, c)));
            }
        } else {
            Rectangle bar = new Rectangle(120, 14);
            bar.setFill(new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE,
                    new Stop(0, PlanePaint.NEGATIVE), new Stop(0.5, Color.gray(0.85)), new Stop(1,
                    PlanePaint.POSITIVE)));
            legend.getChildren().add(legendItem(bar, Ticks.format(round(output.low())) + " … "
                    + Ticks.format(round(output.high()))));
        }
        Circle filled = new Circle(6);
        filled.getStyleClass().add("playground-legend-train");
        Circle ring = new Circle(5);
        ring.getStyleClass().add("playground-legend-validation");
        legend.getChildren().addAll(
                legendItem(filled, i18n.text("playground.legend.train", data.trainRaw().n())),
                legendItem(ring, i18n.text("playground.legend.validation", output.validationPoints())));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static HBox legendItem(javafx.scene.Node mark, String text) {
        Label l = new Label(text);
        l.getStyleClass().add("playground-legend-text");
        HBox box = new HBox(7, mark, l);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    // ---- for tests and the benchmark ------------------------------------------------------------------------------

    PlaneNetwork network() {
        return network;
    }

    PlaneData data() {
        return data;
    }

    OutputMap output() {
        return output;
    }

    NetworkMaps maps() {
        return maps;
    }

    TraceView trace() {
        return trace;
    }

    Metrics trainMetrics() {
        return trainMetrics;
    }

    Metrics validationMetrics() {
        return validationMetrics;
    }

    /** How long the last render took: weights, metrics, trace, grid and every map, in nanoseconds. */
    long frameNanos() {
        return frameNanos;
    }
}
