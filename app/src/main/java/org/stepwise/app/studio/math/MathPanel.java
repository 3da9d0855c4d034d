// The math panel: for the selected dense node, one neuron's forward, backward, gradients and update typeset with the
// current step's numbers, as far as the step has got; for an attention node, one query's scores, softmax weights and
// mixed values. It watches the chosen unit and sample through the training
// controller and draws each StepSnapshot's NeuronMath; it never reads the live network.
package org.stepwise.app.studio.math;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.editor.EditorNode;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.stepper.AttentionMath;
import org.stepwise.core.stepper.NeuronMath;
import org.stepwise.core.stepper.Phase;

public final class MathPanel extends BorderPane {
    private static final PseudoClass LATEST = PseudoClass.getPseudoClass("latest");

    private final Workspace workspace;
    private final I18n i18n;
    private final TrainingController controller;

    private final Label title = new Label();
    private final Spinner<Integer> unit = new Spinner<>();
    private final Label unitCount = new Label();
    private final Spinner<Integer> sample = new Spinner<>();
    private final Label sampleCount = new Label();
    /** For attention: the unit chooser picks the query position, and these the head. */
    private final Label unitLabel;
    private final Spinner<Integer> head = new Spinner<>();
    private final HBox headBox;
    private final ToggleButton precision;
    private final ToggleButton allTerms;
    private final Label phase = new Label();
    private final Label message = new Label();
    private final Section forward;
    private final Section backward;
    private final Section gradient;
    private final Section update;
    private final Label tableTitle = new Label();
    private final TableView<TermRow> table = new TableView<>();
    private final VBox tableBox;
    private final HBox choosers;
    /** Styled with the theme's text colour; formulas are painted in whatever colour it ends up with. */
    private final Label ink = new Label();
    private final VBox body;
    private final ScrollPane scroll;

    /** The dense or attention node explained, or null when the selection is not one such node. */
    private String node;
    /** True when {@link #node} is an attention node. */
    private boolean attention;
    /** Its activation's id, from the graph, so captions can name it before any math arrives. */
    private String activation = "";
    private final FlowPane tools;
    private StepSnapshot latest;
    /** The part highlighted last, so the panel scrolls to a part only when it newly becomes the latest. */
    private MathProgress.Part highlighted;
    /** While the choosers are set from code, their listeners must not call watch() once per change. */
    private boolean adjusting;

    public MathPanel(Workspace workspace, I18n i18n, TrainingController controller) {
        this.workspace = workspace;
        this.i18n = i18n;
        this.controller = controller;
        setId("math-panel");
        getStyleClass().add("math-panel");
        if (i18n.isChinese()) {
            // The CJK fonts have no bold face, so bold captions would mix bold Latin with regular Chinese.
            getStyleClass().add("cjk");
        }
        getStylesheets().add(MathPanel.class.getResource("math.css").toExternalForm());

        title.getStyleClass().add("math-title");
        unit.setId("math-unit");
        sample.setId("math-sample");
        head.setId("math-head");
        for (Spinner<Integer> s : List.of(unit, sample, head)) {
            s.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 1, 1));
            s.setEditable(true);
            s.setPrefWidth(86);
        }
        unit.setTooltip(new Tooltip(i18n.text("math.unit.tip")));
        sample.setTooltip(new Tooltip(i18n.text("math.sample.tip")));
        unit.valueProperty().addListener((o, before, after) -> choiceChanged());
        sample.valueProperty().addListener((o, before, after) -> choiceChanged());
        head.valueProperty().addListener((o, before, after) -> choiceChanged());
        head.setTooltip(new Tooltip(i18n.text("math.head.tip")));
        unitCount.getStyleClass().add("math-count");
        sampleCount.getStyleClass().add("math-count");

        precision = new ToggleButton(i18n.text("math.precision"));
        precision.setId("math-precision");
        precision.setTooltip(new Tooltip(i18n.text("math.precision.tip")));
        precision.selectedProperty().addListener((o, before, after) -> render());
        allTerms = new ToggleButton(i18n.text("math.allTerms"));
        allTerms.setId("math-all-terms");
        allTerms.setTooltip(new Tooltip(i18n.text("math.allTerms.tip", MathLatex.ALL_LIMIT)));
        allTerms.selectedProperty().addListener((o, before, after) -> render());
        Button copy = new Button(i18n.text("math.copy"), new FontIcon("mdi2c-content-copy"));
        copy.setId("math-copy");
        copy.setTooltip(new Tooltip(i18n.text("math.copy.tip")));
        copy.setOnAction(e -> copyAll());

        unitLabel = label("math.unit");
        headBox = new HBox(8, gap(6), label("math.head"), head);
        headBox.setAlignment(Pos.CENTER_LEFT);
        show(headBox, false);
        choosers = new HBox(8, unitLabel, unit, unitCount, headBox, gap(14), label("math.sample"), sample,
                sampleCount);
        choosers.setAlignment(Pos.CENTER_LEFT);
        tools = new FlowPane(8, 6, precision, allTerms, copy);
        tools.setAlignment(Pos.CENTER_LEFT);
        HBox head = new HBox(12, title, choosers);
        head.setAlignment(Pos.CENTER_LEFT);
        phase.setId("math-phase");
        phase.getStyleClass().add("math-phase");
        phase.setWrapText(true);
        VBox top = new VBox(8, head, tools, phase);
        top.getStyleClass().add("math-header");
        setTop(top);

        message.setId("math-message");
        message.getStyleClass().add("math-message");
        message.setWrapText(true);
        forward = new Section("math-forward");
        backward = new Section("math-backward");
        gradient = new Section("math-gradient");
        update = new Section("math-update");

        table.setId("math-terms");
        table.getStyleClass().add("math-terms");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(320);
        table.getColumns().addAll(List.of(column("i", r -> Integer.toString(r.input + 1)),
                column("w", r -> r.w), column("a", r -> r.a), column("w·a", r -> r.product),
                column("δ·a", r -> r.sampleTerm), column("∂L/∂w", r -> r.gradient), column("w′", r -> r.after)));
        tableTitle.getStyleClass().add("math-caption");
        tableBox = new VBox(6, tableTitle, table);
        tableBox.getStyleClass().add("math-section");

        ink.getStyleClass().add("math-ink");
        ink.setManaged(false);
        ink.setVisible(false);
        ink.textFillProperty().addListener((o, before, after) -> applyInk());

        body = new VBox(14, message, forward, backward, gradient, update, tableBox, ink);
        body.getStyleClass().add("math-body");
        scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        // A formula wider than the panel widens its section and scrolls, instead of spilling over the border.
        body.setMinWidth(Region.USE_PREF_SIZE);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);

        workspace.selection().addListener((SetChangeListener<String>) c -> selectionChanged());
        workspace.addDocumentListener(this::selectionChanged);
        controller.addSnapshotListener(s -> {
            latest = s;
            render();
        });
        latest = controller.snapshot();
        selectionChanged();
    }

    // ---- following the selection and the choosers ------------------------------------------------------------

    /** Picks up the selected node (or explains why there is nothing to show) and sizes the choosers to it. */
    private void selectionChanged() {
        String chosen = workspace.selection().size() == 1 ? workspace.selection().iterator().next() : null;
        EditorNode picked = chosen == null || !workspace.graph().contains(chosen) ? null
                : workspace.graph().node(chosen);
        boolean isAttention = picked != null && picked.spec() instanceof CausalSelfAttention.Spec;
        String next = picked != null && (picked.spec() instanceof Dense.Spec || isAttention) ? chosen : null;
        adjusting = true;
        try {
            if (next != null && isAttention) {
                org.stepwise.core.tensor.Shape shape = workspace.graph().analysis().shapes().get(next);
                int positions = shape == null ? 1 : shape.dim(0);
                setRange(unit, positions, next.equals(node) ? unit.getValue() : positions);
                setRange(head, ((CausalSelfAttention.Spec) picked.spec()).heads(),
                        next.equals(node) ? head.getValue() : 1);
                setRange(sample, rows(), sample.getValue());
            } else if (next != null) {
                activation = ((Dense.Spec) picked.spec()).activation().id();
                setRange(unit, ((Dense.Spec) picked.spec()).units(), next.equals(node) ? unit.getValue() : 1);
                setRange(sample, rows(), sample.getValue());
            }
        } finally {
            adjusting = false;
        }
        attention = next != null && isAttention;
        unitLabel.setText(i18n.text(attention ? "math.position" : "math.unit"));
        unit.getTooltip().setText(i18n.text(attention ? "math.position.tip" : "math.unit.tip"));
        show(headBox, attention);
        boolean changed = !java.util.Objects.equals(next, node);
        node = next;
        if (picked == null) {
            showMessage(i18n.text("math.message.none"));
        } else if (next == null) {
            showMessage(i18n.text("math.message.notDense", picked.name(), i18n.text("node." + picked.type()
                    + ".title")));
        }
        if (changed || next != null) {
            watch();
        }
        render();
    }

    private void choiceChanged() {
        if (!adjusting) {
            watch();
            render();
        }
    }

    /** Asks the controller for the chosen neuron's math in every snapshot; null stops the copying. */
    private void watch() {
        if (node == null) {
            controller.watch(null, 0, 0);
        } else if (attention) {
            controller.watch(node, unit.getValue() - 1, sample.getValue() - 1, head.getValue() - 1);
        } else {
            controller.watch(node, unit.getValue() - 1, sample.getValue() - 1);
        }
    }

    private static void setRange(Spinner<Integer> s, int count, int value) {
        var f = (SpinnerValueFactory.IntegerSpinnerValueFactory) s.getValueFactory();
        f.setMax(Math.max(1, count));
        f.setValue(Math.max(1, Math.min(value, count)));
    }

    /** Samples in a batch: the snapshot's when training has run, else the settings'. */
    private int rows() {
        if (latest != null && latest.rows() > 0) {
            return latest.rows();
        }
        return Math.max(1, workspace.document().settings().batchSize());
    }

    // ---- drawing ----------------------------------------------------------------------------------------------

    /** Draws the latest snapshot for the chosen neuron: only the parts the step has computed. */
    private void render() {
        applyInk();
        if (node == null) {
            title.setText(i18n.text("math.title.none"));
            show(choosers, false);
            show(tools, false);
            show(phase, false);
            forEachSection(s -> s.hide());
            tableBox.setVisible(false);
            tableBox.setManaged(false);
            return;
        }
        show(choosers, true);
        show(tools, true);
        int units = ((SpinnerValueFactory.IntegerSpinnerValueFactory) unit.getValueFactory()).getMax();
        title.setText(node);
        unitCount.setText(i18n.text("math.of", units));
        if (latest != null && latest.rows() > 0) {
            adjusting = true;
            try {
                setRange(sample, latest.rows(), sample.getValue());
            } finally {
                adjusting = false;
            }
        }
        sampleCount.setText(i18n.text("math.of", rows()));

        // A snapshot of a session an edit has since dropped describes a network that no longer exists.
        StepSnapshot s = latest != null && latest.generation() == controller.progress().generation() ? latest : null;
        if (attention) {
            renderAttention(s);
            return;
        }
        NeuronMath m = s == null ? null : s.math();
        boolean ours = m != null && m.node().equals(node) && m.unit() == unit.getValue() - 1
                && m.sample() == Math.min(sample.getValue() - 1, Math.max(0, s.rows() - 1));
        // The controller sends a snapshot with this neuron's math right after watch(); until then, say so.
        MathProgress progress = progress(s, ours, i18n.text("math.message.waiting", unit.getValue()));
        TrainingSettings settings = workspace.document().settings();
        // Until this step's update has run, the snapshot's rate is the previous update's (0 before the first).
        MathLatex.Options o = new MathLatex.Options(precision.isSelected(), allTerms.isSelected(),
                plainSgd(settings), progress.update() ? s.learningRate() : settings.learningRate(),
                s == null || s.rows() == 0 ? rows() : s.rows());
        forward.show(i18n.text("math.section.forward", activation));
        backward.show(i18n.text(m != null && m.backward().fromLoss() ? "math.section.backward.output"
                : "math.section.backward"));
        gradient.show(i18n.text("math.section.gradient", o.rows()));
        update.show(o.plainSgd() ? i18n.text("math.section.update.sgd", MathNumbers.text(o.learningRate(),
                o.full())) : i18n.text("math.section.update.other", optimizerName(settings.optimizer())));

        if (progress.forward()) {
            forward.formula.show(MathLatex.forward(m, o));
        } else {
            forward.formula.showNote(i18n.text("math.pending.forward"));
        }
        if (progress.backward()) {
            backward.formula.show(MathLatex.backward(m, o));
            gradient.formula.show(MathLatex.gradient(m, o));
            backward.note(i18n.text("math.note.mean", o.rows()));
        } else {
            backward.formula.showNote(i18n.text("math.pending.backward"));
            gradient.formula.showNote(i18n.text("math.pending.gradient"));
            backward.note("");
        }
        StepSnapshot.NodeState state = s == null ? null : s.node(node);
        if (state != null && state.frozen()) {
            update.formula.showNote(i18n.text("math.frozen", node));
            update.note("");
        } else if (progress.update()) {
            update.formula.show(MathLatex.update(m, o));
            update.note(settings.l1() > 0 || settings.l2() > 0 || settings.clipNorm() > 0
                    ? i18n.text("math.note.regularized") : "");
        } else {
            update.formula.showNote(i18n.text("math.pending.update"));
            update.note("");
        }
        forward.pseudoClassStateChanged(LATEST, progress.latest() == MathProgress.Part.FORWARD);
        backward.pseudoClassStateChanged(LATEST, progress.latest() == MathProgress.Part.BACKWARD);
        gradient.pseudoClassStateChanged(LATEST, progress.latest() == MathProgress.Part.BACKWARD);
        update.pseudoClassStateChanged(LATEST, progress.latest() == MathProgress.Part.UPDATE);
        if (progress.latest() != null && progress.latest() != highlighted) {
            Section target = switch (progress.latest()) {
                case FORWARD -> forward;
                case BACKWARD -> backward;
                case UPDATE -> update;
            };
            Platform.runLater(() -> reveal(target));
        }
        highlighted = progress.latest();

        boolean listed = allTerms.isSelected() && ours && progress.forward();
        tableBox.setVisible(listed);
        tableBox.setManaged(listed);
        if (listed) {
            tableTitle.setText(i18n.text("math.section.terms", m.weights().size(), unit.getValue()));
            table.getItems().setAll(rowsOf(m, progress, o.full()));
        }
    }

    /**
     * Where the step stands, in the phase line, and a message until the watched math has arrived ({@code waiting})
     * or before training has started; the progress for the math shown, NOTHING while it is not ours.
     */
    private MathProgress progress(StepSnapshot s, boolean ours, String waiting) {
        phase.setText(s == null || s.batchX() == null ? "" : describe(s));
        show(phase, !phase.getText().isEmpty());
        if (s == null || s.batchX() == null) {
            showMessage(i18n.text("math.message.notStarted"));
        } else if (!ours) {
            showMessage(waiting);
        } else {
            show(message, false);
        }
        return ours ? MathProgress.of(s, node) : MathProgress.NOTHING;
    }

    /**
     * One query of the attention node: its scores, their softmax and the values mixed, once the node's forward has
     * run in this step. The backward and the update are not written out; the values pane shows their numbers.
     */
    private void renderAttention(StepSnapshot s) {
        AttentionMath m = s == null ? null : s.attention();
        boolean ours = m != null && m.node().equals(node) && m.position() == unit.getValue() - 1
                && m.head() == head.getValue() - 1
                && m.sample() == Math.min(sample.getValue() - 1, Math.max(0, s.rows() - 1));
        MathProgress progress = progress(s, ours,
                i18n.text("math.message.waitingPosition", unit.getValue(), head.getValue()));
        MathLatex.Options o = new MathLatex.Options(precision.isSelected(), allTerms.isSelected(), false, 0,
                s == null || s.rows() == 0 ? rows() : s.rows());
        String i = Integer.toString(unit.getValue());
        forward.show(i18n.text("math.attention.scores", i, head.getValue()));
        backward.show(i18n.text("math.attention.weights", i));
        gradient.show(i18n.text("math.attention.output", i));
        update.hide();
        if (progress.forward()) {
            forward.formula.show(AttentionLatex.scores(m, o));
            backward.formula.show(AttentionLatex.weights(m, o));
            gradient.formula.show(AttentionLatex.output(m, o));
            gradient.note(i18n.text("math.attention.note", m.headSize()));
        } else {
            forward.formula.showNote(i18n.text("math.pending.forward"));
            backward.formula.showNote(i18n.text("math.pending.forward"));
            gradient.formula.showNote(i18n.text("math.pending.forward"));
            gradient.note("");
        }
        boolean latestForward = progress.latest() == MathProgress.Part.FORWARD;
        forward.pseudoClassStateChanged(LATEST, latestForward);
        backward.pseudoClassStateChanged(LATEST, false);
        gradient.pseudoClassStateChanged(LATEST, false);
        update.pseudoClassStateChanged(LATEST, false);
        if (latestForward && highlighted != MathProgress.Part.FORWARD) {
            Platform.runLater(() -> reveal(forward));
        }
        highlighted = progress.latest();
        tableBox.setVisible(false);
        tableBox.setManaged(false);
    }

    /** Scrolls just enough that the section's top is in view, so stepping phase by phase follows the math. */
    private void reveal(Section section) {
        body.applyCss();
        body.layout();
        org.stepwise.app.studio.Scrolling.reveal(scroll, section, 8);
    }

    private static void show(javafx.scene.Node n, boolean shown) {
        n.setVisible(shown);
        n.setManaged(shown);
    }

    private void showMessage(String text) {
        message.setText(text);
        message.setVisible(true);
        message.setManaged(true);
    }

    /** "Step 3: just ran the backward of 'hidden2'. Next: the backward of 'hidden1'." */
    private String describe(StepSnapshot s) {
        if (s.lastPhase() == null) {
            return i18n.text("math.phase.boundary", s.step(), phaseName(s.nextPhase()));
        }
        return i18n.text("math.phase.during", s.step() + 1, phaseName(s.lastPhase()), phaseName(s.nextPhase()));
    }

    private String phaseName(Phase p) {
        return p.node() == null ? i18n.text("math.kind." + p.kind()) : i18n.text("math.kind." + p.kind(), p.node());
    }

    /** True when the update is exactly w − η·∂L/∂w: SGD without weight decay. */
    private static boolean plainSgd(TrainingSettings settings) {
        Object decay = settings.optimizerSettings().get("weight_decay");
        return settings.optimizer().equals("sgd") && (decay == null
                || (decay instanceof Number n && n.doubleValue() == 0));
    }

    private static String optimizerName(String id) {
        return switch (id) {
            case "sgd" -> "SGD";
            case "momentum" -> "Momentum";
            case "rmsprop" -> "RMSprop";
            case "adam" -> "Adam";
            case "adamw" -> "AdamW";
            default -> id;
        };
    }

    /** Paints the formulas in the theme's text colour; called again whenever the stylesheet changes it. */
    private void applyInk() {
        if (ink.getTextFill() instanceof Color c) {
            forEachSection(s -> s.formula.setInk(c));
        }
    }

    private void forEachSection(java.util.function.Consumer<Section> action) {
        for (Section s : List.of(forward, backward, gradient, update)) {
            action.accept(s);
        }
    }

    // ---- copying ------------------------------------------------------------------------------------------------

    /** Every formula on screen, each as a display equation, ready to paste into a LaTeX document. */
    String allLatex() {
        List<String> parts = new ArrayList<>();
        forEachSection(s -> {
            if (!s.formula.latex().isEmpty()) {
                parts.add(display(s.formula.latex()));
            }
        });
        return String.join("\n\n", parts);
    }

    private void copyAll() {
        copy(allLatex());
    }

    private static String display(String latex) {
        return "\\[\n" + latex + "\n\\]";
    }

    private static void copy(String text) {
        if (text.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    }

    // ---- the table of all terms -------------------------------------------------------------------------------

    /** One input of the neuron, its numbers already formatted; blank where the step has not computed them yet. */
    private record TermRow(int input, String w, String a, String product, String sampleTerm, String gradient,
                           String after) {
    }

    private static List<TermRow> rowsOf(NeuronMath m, MathProgress p, boolean full) {
        List<TermRow> rows = new ArrayList<>(m.weights().size());
        for (NeuronMath.WeightStep w : m.weights()) {
            double a = m.forward().terms().get(w.input()).value();
            rows.add(new TermRow(w.input(), MathNumbers.text(w.before(), full), MathNumbers.text(a, full),
                    MathNumbers.text(w.before() * a, full),
                    p.backward() ? MathNumbers.text(w.sampleTerm(), full) : "",
                    p.backward() ? MathNumbers.text(w.gradient(), full) : "",
                    p.update() ? MathNumbers.text(w.after(), full) : ""));
        }
        return rows;
    }

    private static TableColumn<TermRow, String> column(String header,
                                                       java.util.function.Function<TermRow, String> value) {
        TableColumn<TermRow, String> c = new TableColumn<>(header);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    // ---- pieces -----------------------------------------------------------------------------------------------

    private Label label(String key) {
        Label l = new Label(i18n.text(key));
        l.getStyleClass().add("math-chooser-label");
        return l;
    }

    private static Region gap(double width) {
        Region r = new Region();
        r.setMinWidth(width);
        return r;
    }

    /** A caption in the UI's language, the formula under it, and a muted remark below. */
    private final class Section extends VBox {
        final FormulaView formula;
        private final Label caption = new Label();
        private final Label remark = new Label();

        Section(String id) {
            super(6);
            getStyleClass().add("math-section");
            formula = new FormulaView(id);
            caption.getStyleClass().add("math-caption");
            caption.setWrapText(true);
            remark.getStyleClass().add("math-note");
            remark.setWrapText(true);
            getChildren().addAll(caption, formula, remark);
            note("");
            MenuItem one = new MenuItem(i18n.text("math.copy.one"));
            one.setOnAction(e -> copy(display(formula.latex())));
            MenuItem all = new MenuItem(i18n.text("math.copy.all"));
            all.setOnAction(e -> copyAll());
            ContextMenu menu = new ContextMenu(one, all);
            setOnContextMenuRequested(e -> {
                one.setDisable(formula.latex().isEmpty());
                menu.show(this, e.getScreenX(), e.getScreenY());
                e.consume();
            });
        }

        void show(String captionText) {
            caption.setText(captionText);
            setVisible(true);
            setManaged(true);
        }

        void hide() {
            setVisible(false);
            setManaged(false);
        }

        void note(String text) {
            remark.setText(text);
            remark.setVisible(!text.isEmpty());
            remark.setManaged(!text.isEmpty());
        }
    }
}
