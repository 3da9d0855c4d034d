// The detail pane for the node the user picked: its activations, gradients and weights after the current phase as
// heatmaps (feature-map tiles for images, filter tiles for convolutions), Δw after the update, and histograms with
// a short history. It reads only StepSnapshots, draws at most once a frame, and never touches the live network.
package org.stepwise.app.studio.detail;

import atlantafx.base.theme.Styles;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.editor.EditorNode;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.StepSnapshot.NodeState;
import org.stepwise.app.studio.StepSnapshot.ParamState;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;

public final class NodeDetailView extends BorderPane {
    /** The pages of the pane, in the order of their buttons. */
    public enum Page { ACTIVATIONS, GRADIENTS, WEIGHTS, HISTOGRAMS }

    static final int HISTORY = 50;
    private static final int BINS = 30;
    private static final long FRAME_NANOS = 14_000_000;
    private static final PseudoClass FRESH = PseudoClass.getPseudoClass("fresh");
    private static final PseudoClass FROZEN = PseudoClass.getPseudoClass("frozen");

    /** One snapshot's histograms of the node, kept per step. */
    private record Entry(long generation, long step, Histogram activations, Histogram gradients, Histogram weights) {
    }

    private final Workspace workspace;
    private final I18n i18n;
    private final TrainingController controller;

    // ---- header and controls ----
    private final FontIcon lock = new FontIcon("mdi2l-lock");
    private final Label title = new Label();
    private final Label type = new Label();
    private final Label position = new Label();
    private final Label freshness = new Label();
    private final ToggleGroup pages = new ToggleGroup();
    private final Map<Page, ToggleButton> pageButtons = new HashMap<>();
    private final Spinner<Integer> sample = new Spinner<>(0, 0, 0);
    private final HBox sampleBox;
    private final ToggleButton deltaToggle = new ToggleButton();
    private final Label hover = new Label();
    private final Label empty = new Label();

    // ---- pages ----
    private final Map<Page, Region> pageViews = new HashMap<>();
    private final StackPane content = new StackPane();
    private final HeatmapSection activations = new HeatmapSection("activations");
    private final HeatmapSection preActivations = new HeatmapSection("preactivations");
    private final HeatmapSection gradients = new HeatmapSection("gradients");
    private final HeatmapSection paramGradients = new HeatmapSection("weight-gradients");
    private final HeatmapSection weights = new HeatmapSection("weights");
    private final HeatmapSection delta = new HeatmapSection("delta");
    private final HeatmapSection bias = new HeatmapSection("bias");
    private final Label noWeights = new Label();
    private final HistogramPanel activationHistogram;
    private final HistogramPanel gradientHistogram;
    private final HistogramPanel weightHistogram;

    // ---- state ----
    private final Map<String, ArrayDeque<Entry>> history = new HashMap<>();
    private StepSnapshot latest;
    /** The snapshot on screen. */
    private StepSnapshot rendered;
    private boolean dirty;
    private long lastRender;

    public NodeDetailView(Workspace workspace, I18n i18n, TrainingController controller) {
        this.workspace = workspace;
        this.i18n = i18n;
        this.controller = controller;
        setId("detail");
        getStyleClass().add("detail-view");
        getStylesheets().add(NodeDetailView.class.getResource("detail.css").toExternalForm());

        activationHistogram = new HistogramPanel("activations", i18n.text("detail.histogram.activations"), i18n);
        gradientHistogram = new HistogramPanel("gradients", i18n.text("detail.histogram.gradients"), i18n);
        weightHistogram = new HistogramPanel("weights", i18n.text("detail.histogram.weights"), i18n);

        lock.setId("detail-lock");
        lock.getStyleClass().add("detail-lock");
        lock.managedProperty().bind(lock.visibleProperty());
        Tooltip.install(lock, new Tooltip(i18n.text("detail.frozen.tooltip")));
        title.setId("detail-title");
        title.getStyleClass().add("detail-title");
        type.getStyleClass().add("detail-type");
        position.setId("detail-position");
        position.getStyleClass().add("detail-position");
        freshness.setId("detail-fresh");
        // An empty chip would draw as an empty pill: it is shown only when it has something to say.
        freshness.visibleProperty().bind(freshness.textProperty().isNotEmpty());
        freshness.getStyleClass().add("detail-fresh");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, lock, title, type, spacer, freshness);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.getStyleClass().add("detail-header");

        HBox buttons = new HBox();
        for (Page p : Page.values()) {
            String key = p.name().toLowerCase(java.util.Locale.ROOT);
            ToggleButton b = new ToggleButton(i18n.text("detail.page." + key));
            b.setId("detail-" + key);
            b.setToggleGroup(pages);
            b.setUserData(p);
            b.getStyleClass().add(p.ordinal() == 0 ? Styles.LEFT_PILL
                    : p.ordinal() == Page.values().length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            b.setFocusTraversable(true);
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never "Activati…"
            pageButtons.put(p, b);
            buttons.getChildren().add(b);
        }
        pages.selectedToggleProperty().addListener((o, before, after) -> {
            if (after == null) {
                pages.selectToggle(before); // one page is always shown
            } else {
                showPage((Page) after.getUserData());
            }
        });

        sample.setId("detail-sample");
        sample.setPrefWidth(96);
        sample.valueProperty().addListener((o, before, after) -> render());
        Label sampleLabel = new Label(i18n.text("detail.sample"));
        sampleLabel.setLabelFor(sample);
        sampleLabel.setMinWidth(Region.USE_PREF_SIZE); // the position text gives way instead
        sampleBox = new HBox(6, sampleLabel, sample);
        sampleBox.setAlignment(Pos.CENTER_LEFT);
        sampleBox.managedProperty().bind(sampleBox.visibleProperty());
        deltaToggle.setId("detail-delta-toggle");
        deltaToggle.setText(i18n.text("detail.delta.toggle"));
        deltaToggle.setTooltip(new Tooltip(i18n.text("detail.delta.tooltip")));
        deltaToggle.managedProperty().bind(deltaToggle.visibleProperty());
        deltaToggle.selectedProperty().addListener((o, before, after) -> render());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        // The page buttons keep their full labels; the position text gives way first when the pane is narrow.
        buttons.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        position.setMinWidth(0);
        HBox controls = new HBox(14, buttons, position, gap, sampleBox, deltaToggle);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("detail-controls");

        VBox top = new VBox(8, header, controls);
        top.setPadding(new Insets(10, 14, 6, 14));
        setTop(top);

        buildPages();
        empty.setId("detail-empty");
        empty.getStyleClass().add("detail-empty");
        empty.setWrapText(true);
        content.getChildren().add(empty);
        content.setPadding(new Insets(4, 14, 10, 14));
        setCenter(content);

        hover.setId("detail-hover");
        hover.getStyleClass().add("detail-hover");
        hover.setMaxWidth(Double.MAX_VALUE);
        hover.setText(i18n.text("detail.hover.hint"));
        setBottom(hover);
        for (HeatmapSection s : List.of(activations, preActivations, gradients, paramGradients, weights, delta, bias)) {
            s.heatmap().setOnHover(this::hovered);
        }

        pages.selectToggle(pageButtons.get(Page.ACTIVATIONS));
        workspace.selection().addListener((javafx.collections.SetChangeListener<String>) c -> render());
        controller.addSnapshotListener(this::snapshotArrived);
        latest = controller.snapshot();
        AnimationTimer frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (controller.isPlaying()) {
                    controller.requestSnapshot();
                }
                if (dirty) {
                    render();
                }
            }
        };
        sceneProperty().addListener((o, before, after) -> {
            if (after == null) {
                frames.stop();
            } else {
                frames.start();
            }
        });
        render();
    }

    // ---- Commands ------------------------------------------------------------------------------------------------

    public void showPage(Page page) {
        ToggleButton b = pageButtons.get(page);
        if (!b.isSelected()) {
            pages.selectToggle(b); // comes back here through the listener
            return;
        }
        pageViews.forEach((p, view) -> view.setVisible(p == page));
        render();
    }

    /**
     * Turns to what a phase of that kind ("forward", "loss", "backward", "update") computed: activations, gradients,
     * or the weights with Δw.
     */
    public void showPhase(String kind) {
        switch (kind) {
            case "forward" -> showPage(Page.ACTIVATIONS);
            case "loss", "backward" -> showPage(Page.GRADIENTS);
            case "update" -> {
                showPage(Page.WEIGHTS);
                deltaToggle.setSelected(true);
            }
            default -> { }
        }
    }

    public Page page() {
        return (Page) pages.getSelectedToggle().getUserData();
    }

    // ---- for tests -----------------------------------------------------------------------------------------------

    /** The heatmap with id heatmap-{@code what}: activations, gradients, weight-gradients, weights, delta, bias. */
    Heatmap heatmap(String what) {
        return switch (what) {
            case "activations" -> activations.heatmap();
            case "preactivations" -> preActivations.heatmap();
            case "gradients" -> gradients.heatmap();
            case "weight-gradients" -> paramGradients.heatmap();
            case "weights" -> weights.heatmap();
            case "delta" -> delta.heatmap();
            case "bias" -> bias.heatmap();
            default -> throw new IllegalArgumentException(what);
        };
    }

    /** The values a heatmap shows (see {@link #heatmap}), tile by tile and row by row, as the user reads them. */
    public float[] shownCells(String what) {
        Heatmap h = heatmap(what);
        Grid g = h.grid();
        float[] cells = new float[g.tiles() * g.rows() * g.cols()];
        for (int t = 0; t < g.tiles(); t++) {
            for (int r = 0; r < g.rows(); r++) {
                for (int c = 0; c < g.cols(); c++) {
                    cells[(t * g.rows() + r) * g.cols() + c] = h.value(t, r, c);
                }
            }
        }
        return cells;
    }

    /** Whether Δw is shown instead of the weights. */
    public boolean showsDelta() {
        return deltaToggle.isSelected();
    }

    HistogramPanel histogram(String what) {
        return switch (what) {
            case "activations" -> activationHistogram;
            case "gradients" -> gradientHistogram;
            case "weights" -> weightHistogram;
            default -> throw new IllegalArgumentException(what);
        };
    }

    /** Shows a snapshot as if training had just published it. */
    void show(StepSnapshot s) {
        latest = s;
        render();
    }

    /** The snapshot the pane last drew, or null. */
    public StepSnapshot shown() {
        return rendered;
    }

    /** How many histograms of the node the history keeps. */
    int historySize(String node) {
        ArrayDeque<Entry> h = history.get(node);
        return h == null ? 0 : h.size();
    }

    // ---- building ------------------------------------------------------------------------------------------------

    private void buildPages() {
        HBox activationPage = new HBox(24, preActivations, activations);
        HBox.setHgrow(activations, Priority.ALWAYS);
        HBox.setHgrow(preActivations, Priority.ALWAYS);
        HBox gradientPage = new HBox(24, gradients, paramGradients);
        HBox.setHgrow(gradients, Priority.ALWAYS);
        HBox.setHgrow(paramGradients, Priority.ALWAYS);
        noWeights.getStyleClass().add("detail-empty");
        noWeights.setId("detail-no-weights");
        noWeights.managedProperty().bind(noWeights.visibleProperty());
        bias.setMaxWidth(300);
        bias.setMinWidth(260);
        // The bias column first, so it sits next to its matrix whatever width the matrix takes.
        HBox weightPage = new HBox(24, bias, weights, delta, noWeights);
        HBox.setHgrow(weights, Priority.ALWAYS);
        HBox.setHgrow(delta, Priority.ALWAYS);
        HBox histogramPage = new HBox(24, activationHistogram, gradientHistogram, weightHistogram);
        for (HistogramPanel p : List.of(activationHistogram, gradientHistogram, weightHistogram)) {
            HBox.setHgrow(p, Priority.ALWAYS);
            p.setMaxWidth(Double.MAX_VALUE);
            p.setPrefWidth(300);
            p.managedProperty().bind(p.visibleProperty());
        }
        pageViews.put(Page.ACTIVATIONS, activationPage);
        pageViews.put(Page.GRADIENTS, gradientPage);
        pageViews.put(Page.WEIGHTS, weightPage);
        pageViews.put(Page.HISTOGRAMS, histogramPage);
        for (Page p : Page.values()) {
            Region view = pageViews.get(p);
            view.setId("detail-page-" + p.name().toLowerCase(java.util.Locale.ROOT));
            view.getStyleClass().add("detail-page");
            content.getChildren().add(view);
        }
    }

    // ---- following training -------------------------------------------------------------------------------------

    private void snapshotArrived(StepSnapshot s) {
        latest = s;
        if (System.nanoTime() - lastRender >= FRAME_NANOS) {
            render();
        } else {
            dirty = true; // the frame timer draws it
        }
    }

    /** The one selected node, or null for none or several. */
    private String selected() {
        return workspace.selection().size() == 1 ? workspace.selection().iterator().next() : null;
    }

    private void render() {
        if (pages.getSelectedToggle() == null) {
            return;
        }
        dirty = false;
        lastRender = System.nanoTime();
        rendered = latest;
        String name = selected();
        StepSnapshot s = latest;
        NodeState node = s == null || name == null ? null : s.node(name);
        EditorNode edited = name != null && workspace.graph().contains(name) ? workspace.graph().node(name) : null;
        boolean known = node != null || edited != null;
        title.setText(known ? name : i18n.text("detail.none.title"));
        String nodeType = node != null ? node.type() : edited != null ? edited.type() : null;
        type.setText(nodeType == null ? "" : typeTitle(nodeType));
        lock.setVisible(node != null ? node.frozen() : edited != null && edited.frozen());
        position.setText(s == null ? i18n.text("detail.position.none") : position(s));
        Page page = page();
        sampleBox.setVisible(node != null && (page == Page.ACTIVATIONS || page == Page.GRADIENTS));
        deltaToggle.setVisible(node != null && page == Page.WEIGHTS && !node.params().isEmpty());
        if (node == null) {
            empty.setText(i18n.text(name == null ? (workspace.selection().isEmpty() ? "detail.empty.select"
                    : "detail.empty.one") : "detail.empty.notTrained", name == null ? "" : name));
            empty.setVisible(true);
            pageViews.values().forEach(v -> v.setVisible(false));
            freshness.setText("");
            return;
        }
        empty.setVisible(false);
        pageViews.forEach((p, view) -> view.setVisible(p == page));
        Entry entry = record(s, node);
        int rows = Math.max(1, node.rows());
        SpinnerValueFactory.IntegerSpinnerValueFactory f =
                (SpinnerValueFactory.IntegerSpinnerValueFactory) sample.getValueFactory();
        if (f.getMax() != rows - 1) {
            f.setMax(rows - 1);
        }
        int chosen = Math.min(sample.getValue(), rows - 1);
        switch (page) {
            case ACTIVATIONS -> renderActivations(s, node, chosen);
            case GRADIENTS -> renderGradients(s, node, chosen);
            case WEIGHTS -> renderWeights(s, node);
            case HISTOGRAMS -> renderHistograms(node, entry);
        }
    }

    private void renderActivations(StepSnapshot s, NodeState node, int chosen) {
        Grid grid = Grid.of(node, chosen);
        activations.show(i18n.text("detail.section.output", node.name()), caption(grid, node), node.output(), grid,
                ColorMap.SEQUENTIAL);
        activations.heatmap().highlightRow(grid.kind() == Grid.Kind.BATCH && node.rows() > 1 ? chosen : -1);
        // Where the node has its own activation function, z beside f(z) shows what the function did.
        preActivations.setVisible(node.preActivation() != null);
        if (node.preActivation() != null) {
            preActivations.show(i18n.text("detail.section.preActivation"), caption(grid, node), node.preActivation(),
                    grid, ColorMap.SEQUENTIAL);
            preActivations.heatmap().highlightRow(grid.kind() == Grid.Kind.BATCH && node.rows() > 1 ? chosen : -1);
        }
        fresh(Freshness.activations(s, node.name()), "detail.fresh.forward", node.name(), s);
    }

    private void renderGradients(StepSnapshot s, NodeState node, int chosen) {
        Grid grid = Grid.of(node, chosen);
        gradients.show(i18n.text("detail.section.gradOutput"), caption(grid, node), node.gradOutput(), grid,
                ColorMap.DIVERGING);
        gradients.heatmap().highlightRow(grid.kind() == Grid.Kind.BATCH && node.rows() > 1 ? chosen : -1);
        java.util.List<String> consumers = workspace.graph().consumers(node.name()).stream()
                .map(org.stepwise.app.editor.EditorNode::name).toList();
        Freshness f = Freshness.gradients(s, node.name(), consumers);
        paramGradients.setVisible(!node.params().isEmpty());
        if (!node.params().isEmpty()) {
            ParamState p = node.params().get(0);
            Grid pg = Grid.ofParam(p.shape());
            paramGradients.show(i18n.text("detail.section.paramGrad", symbol(p)), caption(pg, node), p.grad(), pg,
                    ColorMap.DIVERGING);
            // Before the node's own backward, its parameter gradients are last step's or zeros: shown faded, so
            // nobody reads them as this step's.
            boolean waiting = f == Freshness.OUTPUT_GRADIENT || f == Freshness.PENDING || f == Freshness.EARLIER;
            paramGradients.pseudoClassStateChanged(FROZEN, node.frozen() || waiting);
            paramGradients.note(node.frozen() ? i18n.text("detail.frozen.note")
                    : waiting ? i18n.text("detail.paramGrad.waiting", node.name()) : null,
                    node.frozen() ? "detail-frozen-note" : "detail-waiting-note");
        }
        if (f == Freshness.OUTPUT_GRADIENT) {
            freshness.setText(i18n.text(node.params().isEmpty() ? "detail.fresh.outputGradient"
                    : "detail.fresh.outputGradientParams", node.name()));
            freshness.pseudoClassStateChanged(FRESH, true);
        } else {
            fresh(f, "detail.fresh.backward", node.name(), s);
        }
    }

    private void renderWeights(StepSnapshot s, NodeState node) {
        boolean has = !node.params().isEmpty();
        noWeights.setVisible(!has);
        noWeights.setText(i18n.text("detail.weights.none", node.name()));
        if (!has) {
            weights.setVisible(false);
            delta.setVisible(false);
            bias.setVisible(false);
            freshness.setText("");
            return;
        }
        Freshness update = Freshness.update(s);
        ParamState w = node.params().get(0);
        boolean canDelta = w.before() != null && update != Freshness.NONE;
        deltaToggle.setDisable(!canDelta);
        boolean showDelta = canDelta && deltaToggle.isSelected();
        Grid grid = Grid.ofParam(w.shape());
        weights.setVisible(!showDelta);
        delta.setVisible(showDelta);
        if (showDelta) {
            delta.show(i18n.text("detail.section.delta", symbol(w)), caption(grid, node), difference(w), grid,
                    ColorMap.DIVERGING);
            delta.note(node.frozen() ? i18n.text("detail.frozen.delta") : null, "detail-frozen-delta");
        } else {
            weights.show(paramName(w), caption(grid, node), w.value(), grid, ColorMap.SEQUENTIAL);
        }
        bias.setVisible(node.params().size() > 1);
        if (node.params().size() > 1) {
            ParamState b = node.params().get(1);
            Grid bg = Grid.ofParam(b.shape());
            boolean biasDelta = showDelta && b.before() != null;
            bias.show(biasDelta ? i18n.text("detail.section.delta", symbol(b)) : paramName(b), caption(bg, node),
                    biasDelta ? difference(b) : b.value(), bg, biasDelta ? ColorMap.DIVERGING : ColorMap.SEQUENTIAL);
        }
        if (showDelta) {
            fresh(update == Freshness.STEP_END ? Freshness.FRESH : update, "detail.fresh.update",
                    String.valueOf(s.step()), s);
        } else {
            freshness.setText(i18n.text("detail.fresh.weights"));
            freshness.pseudoClassStateChanged(FRESH, true);
        }
    }

    private void renderHistograms(NodeState node, Entry entry) {
        List<Entry> past = List.copyOf(history.get(node.name()));
        activationHistogram.show(entry.activations(), past.stream().map(Entry::activations).toList());
        gradientHistogram.show(entry.gradients(), past.stream().map(Entry::gradients).toList());
        weightHistogram.setVisible(entry.weights() != null);
        if (entry.weights() != null) {
            weightHistogram.show(entry.weights(), past.stream().map(Entry::weights).toList());
        }
        freshness.setText(i18n.text("detail.fresh.histograms", past.size()));
        freshness.pseudoClassStateChanged(FRESH, true);
    }

    /** The histograms of the node in this snapshot, added to its history (one entry per step, the latest kept). */
    private Entry record(StepSnapshot s, NodeState node) {
        ParamState w = node.params().isEmpty() ? null : node.params().get(0);
        Entry e = new Entry(s.generation(), s.step(),
                Histogram.of(node.output(), 0, node.output().length, BINS),
                Histogram.of(node.gradOutput(), 0, node.gradOutput().length, BINS),
                w == null ? null : Histogram.of(w.value(), 0, w.value().length, BINS));
        ArrayDeque<Entry> h = history.computeIfAbsent(node.name(), n -> new ArrayDeque<>());
        Entry last = h.peekLast();
        if (last != null && (last.generation() != e.generation() || last.step() > e.step())) {
            h.clear(); // a new session, or training went back in time
        } else if (last != null && last.step() == e.step()) {
            h.pollLast();
        }
        h.addLast(e);
        while (h.size() > HISTORY) {
            h.pollFirst();
        }
        return e;
    }

    // ---- texts ---------------------------------------------------------------------------------------------------

    private void fresh(Freshness f, String freshKey, String arg, StepSnapshot s) {
        freshness.setText(switch (f) {
            case NONE -> i18n.text("detail.fresh.none");
            case FRESH -> i18n.text(freshKey, arg);
            case STEP_END -> i18n.text("detail.fresh.stepEnd", String.valueOf(s.step()));
            case EARLIER -> i18n.text("detail.fresh.earlier", String.valueOf(s.step()));
            case PENDING -> i18n.text("detail.fresh.pending");
            case OUTPUT_GRADIENT -> i18n.text("detail.fresh.outputGradient", arg);
        });
        freshness.pseudoClassStateChanged(FRESH, f == Freshness.FRESH || f == Freshness.STEP_END);
    }

    /** "Epoch 1 · batch 3/25 · forward · hidden1", in the UI's language. */
    private String position(StepSnapshot s) {
        int per = Math.max(1, s.batchesPerEpoch());
        String phase = s.lastPhase() == null ? i18n.text("detail.phase.ready")
                : s.lastPhase().node() == null ? i18n.text("detail.phase." + s.lastPhase().kind())
                : i18n.text("detail.phase." + s.lastPhase().kind(), s.lastPhase().node());
        return i18n.text("detail.position", String.valueOf(s.step() / per + 1), String.valueOf(s.step() % per + 1),
                String.valueOf(per), phase);
    }

    private String typeTitle(String t) {
        return i18n.has("node." + t + ".title") ? i18n.text("node." + t + ".title") : t;
    }

    private String paramName(ParamState p) {
        return i18n.has("detail.param." + p.name()) ? i18n.text("detail.param." + p.name()) : p.name();
    }

    /** w and b, as the math writes them; other parameters by name. */
    private static String symbol(ParamState p) {
        return switch (p.name()) {
            case "weight" -> "w";
            case "bias" -> "b";
            default -> p.name();
        };
    }

    private String caption(Grid g, NodeState node) {
        boolean dense = node.type().equals("dense");
        return switch (g.kind()) {
            case BATCH -> i18n.text(dense ? "detail.axes.batch" : "detail.axes.batchFeatures",
                    String.valueOf(g.rows()), String.valueOf(g.cols()));
            case MAPS -> i18n.text("detail.axes.maps", String.valueOf(g.sample()), String.valueOf(g.tiles()),
                    String.valueOf(g.rows()), String.valueOf(g.cols()));
            case SEQUENCE -> i18n.text("detail.axes.sequence", String.valueOf(g.sample()), String.valueOf(g.rows()),
                    String.valueOf(g.cols()));
            case MATRIX -> i18n.text("detail.axes.matrix", String.valueOf(g.rows()), String.valueOf(g.cols()));
            case FILTERS -> i18n.text("detail.axes.filters", String.valueOf(g.tiles() / g.across()),
                    String.valueOf(g.across()), String.valueOf(g.rows()), String.valueOf(g.cols()));
            case COLUMN -> i18n.text("detail.axes.column", String.valueOf(g.rows()));
        };
    }

    private void hovered(Heatmap source, int tile, int row, int col) {
        if (tile < 0) {
            hover.setText(i18n.text("detail.hover.hint"));
            return;
        }
        Grid g = source.grid();
        String value = Numbers.exact(source.value(tile, row, col));
        String what = i18n.text("detail.what." + source.getId().substring("heatmap-".length()));
        NodeState node = latest == null || selected() == null ? null : latest.node(selected());
        boolean dense = node != null && node.type().equals("dense");
        String cell = switch (g.kind()) {
            case BATCH -> i18n.text(dense ? "detail.hover.batch" : "detail.hover.batchFeature", String.valueOf(row),
                    String.valueOf(col), value);
            case MAPS -> i18n.text("detail.hover.maps", String.valueOf(g.sample()), String.valueOf(tile),
                    String.valueOf(row), String.valueOf(col), value);
            case SEQUENCE -> i18n.text("detail.hover.sequence", String.valueOf(g.sample()), String.valueOf(row),
                    String.valueOf(col), value);
            case MATRIX -> i18n.text("detail.hover.matrix", String.valueOf(row), String.valueOf(col), value);
            case FILTERS -> i18n.text("detail.hover.filters", String.valueOf(tile / g.across()),
                    String.valueOf(tile % g.across()), String.valueOf(row), String.valueOf(col), value);
            case COLUMN -> i18n.text("detail.hover.column", String.valueOf(row), value);
        };
        hover.setText(what + " · " + cell);
    }

    private static float[] difference(ParamState p) {
        float[] d = new float[p.value().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = p.value()[i] - p.before()[i];
        }
        return d;
    }
}
