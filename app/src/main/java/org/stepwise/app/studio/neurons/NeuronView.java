// The neuron view: a small dense chain drawn as TensorFlow Playground draws it, one circle per unit and one line
// per weight, coloured by sign and thickened by magnitude. + and − resize hidden layers; a click on a line or a
// circle opens an editor for that weight or bias. Every change is one undoable command on the Workspace.
//
// Shapes are built once per structure and only restyled when weights change, so redrawing while training is cheap.
package org.stepwise.app.studio.neurons;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.StrokeLineCap;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.editor.EditorGraph;
import org.stepwise.app.editor.SetWeight;
import org.stepwise.app.editor.Text;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;
import org.stepwise.app.studio.neurons.NeuronChain.Column;
import org.stepwise.core.graph.Network;
import org.stepwise.core.layers.Dense;

public final class NeuronView extends BorderPane {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final double RADIUS = 19;
    private static final double SIDE = 90;
    private static final double HEADER_TOP = 14;
    private static final double HEADER_HEIGHT = 108;
    private static final double BOTTOM = 28;
    private static final double MIN_GAP = 150;
    private static final double PREF_GAP = 230;
    private static final double MAX_GAP = 340;
    private static final double MIN_SPACING = 46;
    private static final double MAX_SPACING = 66;

    private final Workspace workspace;
    private final I18n i18n;
    private final NetworkPane pane = new NetworkPane();
    private final ScrollPane scroll = new ScrollPane(pane);
    private final VBox message = new VBox(10);
    private final Label messageText = new Label();
    private final Pane overlay = new Pane();
    private final WeightEditor editor;
    private final Label hint = new Label();
    private final HBox legend;
    /** The selected line drawn again over all others, outlined, so it stands out of a dense tangle. */
    private final Line selectionOutline = new Line();
    private final Line selectionCore = new Line();
    private final Group selection = new Group(selectionOutline, selectionCore);

    // ---- what is on screen --------------------------------------------------------------------------------------
    /** The structure the shapes were built for; null while a message is shown. */
    private NeuronChain drawn;
    /** Circles by column, then unit. */
    private Unit[][] units = new Unit[0][];
    /** Lines by the column they lead into (from 1), then target unit j, then source unit i: weight[j][i]. */
    private Edge[][][] edges = new Edge[0][][];
    /** Column headers by node, kept across resizes so the + or − the user pressed keeps its focus. */
    private final Map<String, Header> headers = new HashMap<>();
    /** The weights of each column's layer as the network holds them, or null where they do not exist yet. */
    private float[][] weights = new float[0][];
    private float[][] biases = new float[0][];
    private Target selected;
    private Node selectedShape;
    private Node returnFocus;
    /** Where the editor was opened, in the overlay: it moves when it grows, e.g. to show why a value is refused. */
    private Point2D anchor;

    public NeuronView(Workspace workspace, I18n i18n) {
        this.workspace = workspace;
        this.i18n = i18n;
        getStyleClass().add("neuron-view");
        getStylesheets().add(NeuronView.class.getResource("neurons.css").toExternalForm());

        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("edge-to-edge");
        pane.getStyleClass().add("neuron-pane");
        pane.setOnMouseClicked(e -> {
            if (e.getTarget() == pane) {
                closeEditor();
            }
        });

        FontIcon info = new FontIcon("mdi2i-information-outline");
        info.getStyleClass().add("neuron-message-icon");
        Label messageTitle = new Label(i18n.text("neurons.unsupported.title"));
        messageTitle.getStyleClass().add("neuron-message-title");
        messageText.setId("neurons-message");
        messageText.getStyleClass().add("neuron-message");
        messageText.setWrapText(true);
        messageText.setMaxWidth(560);
        message.getChildren().addAll(info, messageTitle, messageText);
        message.setAlignment(Pos.CENTER);
        message.setVisible(false);

        editor = new WeightEditor(i18n, this::commit, this::closeEditor);
        editor.setVisible(false);
        overlay.getChildren().add(editor);
        overlay.setPickOnBounds(false);
        editor.heightProperty().addListener((o, before, after) -> {
            if (selected != null && anchor != null) {
                place(selected, anchor);
            }
        });

        setCenter(new StackPane(scroll, message, overlay));
        legend = legend();
        setBottom(legend);
        selection.setMouseTransparent(true);
        selection.setManaged(false);
        selection.setVisible(false);
        selectionOutline.getStyleClass().add("neuron-selection-outline");
        for (Line l : List.of(selectionOutline, selectionCore)) {
            l.setStrokeLineCap(StrokeLineCap.ROUND);
        }
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && editor.isVisible()) {
                closeEditor();
                e.consume();
            }
        });

        workspace.addReplacedListener(() -> {
            closeEditor();
            drawn = null;
        });
        workspace.addDocumentListener(this::refresh);
        refresh();
    }

    /** True when the graph is a chain input → dense → … → dense of at most 10 units and 10 features. */
    public static boolean supports(EditorGraph graph) {
        return NeuronChain.read(graph).chain() != null;
    }

    /** Why the neuron view cannot draw this graph, to show the user; null when it can. */
    public static Text unsupportedReason(EditorGraph graph) {
        return NeuronChain.read(graph).reason();
    }

    /**
     * Redraws from the document: rebuilds the shapes when the structure changed, otherwise only restyles them.
     * The studio calls it after training steps; edits, undos and new projects call it themselves.
     */
    public void refresh() {
        NeuronChain.Reading reading = NeuronChain.read(workspace.graph());
        Network network = workspace.document().network();
        Text problem = reading.reason() != null ? reading.reason()
                : network == null ? Text.of("neurons.noNetwork") : null;
        if (problem != null) {
            closeEditor();
            drawn = null;
            pane.getChildren().clear();
            headers.clear();
            messageText.setText(i18n.text(problem));
            message.setVisible(true);
            scroll.setVisible(false);
            legend.setVisible(false);
            return;
        }
        message.setVisible(false);
        scroll.setVisible(true);
        legend.setVisible(true);
        if (!reading.chain().equals(drawn)) {
            build(reading.chain());
        }
        restyle(network);
    }

    // ---- building -----------------------------------------------------------------------------------------------

    private void build(NeuronChain chain) {
        closeEditor();
        drawn = chain;
        List<Column> columns = chain.columns();
        int n = columns.size();
        units = new Unit[n][];
        edges = new Edge[n][][];
        weights = new float[n][];
        biases = new float[n][];
        List<Node> edgeNodes = new ArrayList<>();
        List<Node> front = new ArrayList<>();
        Map<String, Header> kept = new HashMap<>();
        for (int c = 0; c < n; c++) {
            Column column = columns.get(c);
            units[c] = new Unit[column.units()];
            for (int j = 0; j < column.units(); j++) {
                units[c][j] = new Unit(c, j);
            }
            if (c > 0) {
                int in = columns.get(c - 1).units();
                edges[c] = new Edge[column.units()][in];
                for (int j = 0; j < column.units(); j++) {
                    for (int i = 0; i < in; i++) {
                        edges[c][j][i] = new Edge(c, j, i);
                        edgeNodes.add(edges[c][j][i]);
                    }
                }
            }
            Header header = headers.containsKey(column.node()) ? headers.get(column.node()) : new Header();
            header.show(column);
            kept.put(column.node(), header);
            // Per column, the header's buttons come before its units, so Tab walks the net left to right.
            front.add(header);
            front.addAll(List.of(units[c]));
        }
        headers.clear();
        headers.putAll(kept);
        List<Node> all = new ArrayList<>(edgeNodes);
        all.add(selection);
        all.addAll(front);
        pane.getChildren().setAll(all);
        pane.requestLayout();
    }

    /** Colours and widths from the network's current values; a layer whose shapes differ is drawn neutral. */
    private void restyle(Network network) {
        List<Column> columns = drawn.columns();
        boolean pending = false;
        for (int c = 1; c < columns.size(); c++) {
            Column column = columns.get(c);
            Dense dense = matching(network, column, columns.get(c - 1).units());
            weights[c] = dense == null ? null : dense.weight().value();
            biases[c] = dense == null ? null : dense.bias().value();
            pending |= dense == null;
            int in = columns.get(c - 1).units();
            for (int j = 0; j < column.units(); j++) {
                units[c][j].paint(biases[c] == null ? Double.NaN : biases[c][j]);
                for (int i = 0; i < in; i++) {
                    edges[c][j][i].paint(weights[c] == null ? Double.NaN : weights[c][j * in + i]);
                }
            }
        }
        hint.setText(i18n.text(pending ? "neurons.pending" : "neurons.legend.hint"));
        hint.pseudoClassStateChanged(PseudoClass.getPseudoClass("warning"), pending);
        if (selected != null) {
            editor.update(value(selected));
        }
        highlight();
    }

    /** Copies the selected line's place and paint onto the highlight drawn above the other lines. */
    private void highlight() {
        if (!(selectedShape instanceof Edge edge)) {
            selection.setVisible(false);
            return;
        }
        for (Line l : List.of(selectionOutline, selectionCore)) {
            l.setStartX(edge.line.getStartX());
            l.setStartY(edge.line.getStartY());
            l.setEndX(edge.line.getEndX());
            l.setEndY(edge.line.getEndY());
        }
        double width = Math.max(3, edge.line.getStrokeWidth());
        selectionCore.setStrokeWidth(width);
        selectionOutline.setStrokeWidth(width + 5);
        selectionCore.setStroke(edge.line.getStroke() instanceof Color colour
                ? colour.deriveColor(0, 1, 1, 1 / Math.max(colour.getOpacity(), 1e-3)) : edge.line.getStroke());
        selection.setVisible(true);
    }

    /** The line into column {@code c} nearest to a point of the pane: where lines cross, the one meant. */
    private Edge nearest(int c, Point2D at) {
        Edge best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Edge[] row : edges[c]) {
            for (Edge e : row) {
                double d = e.distance(at);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = e;
                }
            }
        }
        return best;
    }

    /** The network's dense layer for this column if its weights are shaped as the graph says; else null. */
    private static Dense matching(Network network, Column column, int in) {
        for (org.stepwise.core.graph.Node node : network.nodes()) {
            if (node.name().equals(column.node()) && node instanceof Dense d
                    && d.weight().shape().rank() == 2 && d.weight().shape().dim(0) == column.units()
                    && d.weight().shape().dim(1) == in) {
                return d;
            }
        }
        return null;
    }

    // ---- editing ------------------------------------------------------------------------------------------------

    /** One weight (i ≥ 0) or bias (i = -1) of the layer in column {@code c}. */
    private record Target(int c, int j, int i) {
        boolean bias() {
            return i < 0;
        }
    }

    private Float value(Target t) {
        float[] values = t.bias() ? biases[t.c] : weights[t.c];
        if (values == null) {
            return null;
        }
        return values[t.bias() ? t.j : t.j * units[t.c - 1].length + t.i];
    }

    private void open(Target target, Node shape, Point2D sceneAt) {
        Column to = drawn.columns().get(target.c);
        String title;
        String where;
        if (target.bias()) {
            title = i18n.text("neurons.editor.bias");
            where = i18n.text("neurons.editor.biasWhere", target.j + 1, to.node());
        } else {
            title = i18n.text("neurons.editor.weight");
            where = i18n.text("neurons.editor.weightWhere", target.i + 1, drawn.columns().get(target.c - 1).node(),
                    target.j + 1, to.node());
        }
        if (selectedShape != null) {
            selectedShape.pseudoClassStateChanged(SELECTED, false);
        }
        if (returnFocus == null) {
            returnFocus = shape.isFocusTraversable() ? shape : null;
        }
        selected = target;
        selectedShape = shape;
        shape.pseudoClassStateChanged(SELECTED, true);
        highlight();
        editor.show(title, where, value(target));
        editor.applyCss();
        editor.autosize();
        anchor = overlay.sceneToLocal(sceneAt);
        place(target, anchor);
    }

    /**
     * Puts the editor next to the point clicked, on the side where it hides neither the selected line nor the
     * circles at its ends; when no side is clear, on the one that hides least.
     */
    private void place(Target target, Point2D at) {
        double w = editor.prefWidth(-1);
        double h = editor.prefHeight(w);
        // Points to keep in sight, each with the margin it needs: the end circles, and the line between them.
        List<Point2D> clear = new ArrayList<>();
        List<Double> margins = new ArrayList<>();
        Unit to = units[target.c][target.j];
        Unit from = target.bias() ? to : units[target.c - 1][target.i];
        for (int k = 0; k <= 20; k++) {
            double t = k / 20.0;
            clear.add(overlay.sceneToLocal(pane.localToScene(from.x + t * (to.x - from.x),
                    from.y + t * (to.y - from.y))));
            margins.add(k == 0 || k == 20 ? RADIUS + 6 : 6.0);
        }
        double[][] corners = {{at.getX() + 16, at.getY() + 16}, {at.getX() + 16, at.getY() - 16 - h},
                {at.getX() - 16 - w, at.getY() + 16}, {at.getX() - 16 - w, at.getY() - 16 - h}};
        double[] best = null;
        long fewest = Long.MAX_VALUE;
        for (double[] corner : corners) {
            double x = Math.max(8, Math.min(corner[0], overlay.getWidth() - w - 8));
            double y = Math.max(8, Math.min(corner[1], overlay.getHeight() - h - 8));
            long hidden = 0;
            for (int k = 0; k < clear.size(); k++) {
                Point2D p = clear.get(k);
                double m = margins.get(k);
                if (p.getX() > x - m && p.getX() < x + w + m && p.getY() > y - m && p.getY() < y + h + m) {
                    hidden++;
                }
            }
            if (hidden < fewest) {
                fewest = hidden;
                best = new double[] {x, y};
            }
        }
        editor.relocate(best[0], best[1]);
    }

    private void commit(float value) {
        Target t = selected;
        if (t == null || value(t) == null) {
            return;
        }
        String node = drawn.columns().get(t.c).node();
        int index = t.bias() ? t.j : t.j * units[t.c - 1].length + t.i;
        workspace.execute(new SetWeight(node, t.bias() ? "bias" : "weight", index, value));
    }

    private void closeEditor() {
        boolean wasOpen = editor.isVisible();
        editor.setVisible(false);
        if (selectedShape != null) {
            selectedShape.pseudoClassStateChanged(SELECTED, false);
        }
        selected = null;
        selectedShape = null;
        anchor = null;
        selection.setVisible(false);
        Node back = returnFocus;
        returnFocus = null;
        if (wasOpen && back != null && back.getScene() != null) {
            back.requestFocus();
        }
    }

    private void resizeLayer(Column column, int delta) {
        workspace.execute(NeuronChain.resize(workspace.graph(), column.node(), column.units() + delta));
    }

    // ---- the shapes ---------------------------------------------------------------------------------------------

    /** One unit: a ring over the lines, filled by its bias; input units show their feature (x1, x2, …). */
    private final class Unit extends StackPane {
        private final Circle fill = new Circle(RADIUS - 2);
        private double x;
        private double y;

        Unit(int c, int j) {
            Column column = drawn.columns().get(c);
            boolean input = column.role() == NeuronChain.Role.INPUT;
            setId(input ? "unit-input-" + j : "unit-" + column.node() + "-" + j);
            getStyleClass().add("neuron-unit");
            setManaged(false);
            Circle ring = new Circle(RADIUS);
            ring.getStyleClass().add("neuron-unit-ring");
            fill.setMouseTransparent(true);
            fill.setFill(null);
            getChildren().addAll(ring, fill);
            Tooltip tip = new Tooltip();
            if (input) {
                Label label = new Label(i18n.text("neurons.input.unit", j + 1));
                label.getStyleClass().add("neuron-unit-label");
                label.setMouseTransparent(true);
                getChildren().add(label);
                tip.setText(i18n.text("neurons.input.tip", j + 1));
                getStyleClass().add("neuron-input");
                setAccessibleRole(AccessibleRole.TEXT);
                setAccessibleText(tip.getText());
            } else {
                Target target = new Target(c, j, -1);
                setFocusTraversable(true);
                setAccessibleRole(AccessibleRole.BUTTON);
                tip.setOnShowing(e -> {
                    Float b = value(target);
                    tip.setText(i18n.text("neurons.unit.tip", j + 1, column.node(),
                            b == null ? "?" : WeightEditor.format(b)));
                });
                setAccessibleText(i18n.text("neurons.editor.biasWhere", j + 1, column.node()));
                setOnMouseClicked(e -> {
                    requestFocus();
                    open(target, this, new Point2D(e.getSceneX(), e.getSceneY()));
                });
                setOnKeyPressed(e -> {
                    if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                        Point2D centre = localToScene(2 * RADIUS, RADIUS);
                        open(target, this, centre);
                        e.consume();
                    }
                });
            }
            Tooltip.install(this, tip);
        }

        void place(double cx, double cy) {
            x = cx;
            y = cy;
            resizeRelocate(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS);
        }

        void paint(double bias) {
            fill.setFill(Double.isNaN(bias) ? null : WeightPaint.bias(bias));
        }
    }

    /** One weight: the line drawn, a halo for hover, and a wide invisible line that takes clicks. */
    private final class Edge extends Group {
        private final Line halo = new Line();
        private final Line line = new Line();
        private final Line hit = new Line();
        private final Target target;

        Edge(int c, int j, int i) {
            setId("w-" + drawn.columns().get(c).node() + "-" + j + "-" + i);
            getStyleClass().add("neuron-edge");
            setManaged(false);
            halo.getStyleClass().add("neuron-edge-halo");
            line.getStyleClass().add("neuron-edge-line");
            hit.getStyleClass().add("neuron-edge-hit");
            halo.setStrokeLineCap(StrokeLineCap.ROUND);
            line.setStrokeLineCap(StrokeLineCap.ROUND);
            hit.setStrokeLineCap(StrokeLineCap.BUTT);
            halo.setMouseTransparent(true);
            line.setMouseTransparent(true);
            getChildren().addAll(halo, line, hit);
            this.target = new Target(c, j, i);
            hit.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
                Edge meant = nearest(c, pane.sceneToLocal(e.getSceneX(), e.getSceneY()));
                open(meant.target, meant, new Point2D(e.getSceneX(), e.getSceneY()));
            });
        }

        double distance(Point2D p) {
            double dx = line.getEndX() - line.getStartX();
            double dy = line.getEndY() - line.getStartY();
            double length2 = dx * dx + dy * dy;
            double t = length2 == 0 ? 0 : ((p.getX() - line.getStartX()) * dx + (p.getY() - line.getStartY()) * dy)
                    / length2;
            t = Math.max(0, Math.min(1, t));
            return p.distance(line.getStartX() + t * dx, line.getStartY() + t * dy);
        }

        void place(double x1, double y1, double x2, double y2) {
            for (Line l : List.of(halo, line, hit)) {
                l.setStartX(x1);
                l.setStartY(y1);
                l.setEndX(x2);
                l.setEndY(y2);
            }
        }

        /** NaN: no such weight yet, drawn thin and grey. */
        void paint(double w) {
            boolean known = !Double.isNaN(w);
            line.setStroke(known ? WeightPaint.edge(w) : WeightPaint.NEUTRAL);
            line.setStrokeWidth(known ? WeightPaint.width(w) : WeightPaint.NEUTRAL_WIDTH);
            line.getStrokeDashArray().setAll(known ? List.of() : List.of(4.0, 4.0));
            halo.setStrokeWidth(line.getStrokeWidth() + 8);
        }
    }

    /** A column's title: + and − (or why there are none), the layer's name, its size and activation. */
    private final class Header extends VBox {
        private final Button minus = new Button(null, new FontIcon("mdi2m-minus"));
        private final Button plus = new Button(null, new FontIcon("mdi2p-plus"));
        private final HBox buttons = new HBox(6, minus, plus);
        private final Label name = new Label();
        private final Label size = new Label();
        private final Label activation = new Label();
        private final Tooltip why = new Tooltip();
        private Column column;

        Header() {
            super(4);
            getStyleClass().add("neuron-header");
            setAlignment(Pos.TOP_CENTER);
            setManaged(false);
            for (Button b : List.of(minus, plus)) {
                b.getStyleClass().addAll("button-icon", "button-circle", "neuron-units-button");
            }
            minus.setOnAction(e -> resizeLayer(column, -1));
            plus.setOnAction(e -> resizeLayer(column, +1));
            buttons.setAlignment(Pos.CENTER);
            buttons.setMinHeight(Region.USE_PREF_SIZE);
            name.getStyleClass().add("neuron-header-name");
            size.getStyleClass().add("neuron-header-size");
            activation.getStyleClass().add("neuron-activation");
            HBox line = new HBox(8, size, activation);
            line.setAlignment(Pos.CENTER);
            getChildren().addAll(buttons, name, line);
        }

        void show(Column c) {
            column = c;
            boolean input = c.role() == NeuronChain.Role.INPUT;
            name.setText(c.node());
            size.setText(i18n.text(input ? "neurons.features" : "neurons.units", c.units()));
            activation.setText(input ? "" : c.activation().id());
            activation.setVisible(!input);
            activation.setManaged(!input);
            minus.setId(input ? null : "units-minus-" + c.node());
            plus.setId(input ? null : "units-plus-" + c.node());
            minus.setAccessibleText(i18n.text("neurons.minus", c.node()));
            plus.setAccessibleText(i18n.text("neurons.plus", c.node()));
            minus.setTooltip(new Tooltip(i18n.text("neurons.minus", c.node())));
            plus.setTooltip(new Tooltip(i18n.text("neurons.plus", c.node())));
            minus.setDisable(!c.resizable() || c.units() <= 1);
            plus.setDisable(!c.resizable() || c.units() >= NeuronChain.MAX_UNITS);
            // Disabled buttons show no tooltip of their own, so the reason hangs on the row around them.
            String reason = input ? i18n.text("neurons.fixedInput")
                    : c.role() == NeuronChain.Role.OUTPUT ? i18n.text("neurons.fixedOutput", c.node())
                    : c.units() <= 1 ? i18n.text("neurons.atLeast")
                    : c.units() >= NeuronChain.MAX_UNITS ? i18n.text("neurons.atMost", NeuronChain.MAX_UNITS)
                    : null;
            why.setText(reason);
            if (reason == null) {
                Tooltip.uninstall(buttons, why);
            } else {
                Tooltip.install(buttons, why);
            }
            // The input has no layer to resize; its row keeps its height so the names line up.
            minus.setVisible(!input);
            plus.setVisible(!input);
            buttons.getStyleClass().setAll(c.resizable() ? "neuron-buttons" : "neuron-buttons-fixed");
        }
    }

    /** Lays the columns out across the width, TF Playground-like: headers on top, units centred below. */
    private final class NetworkPane extends Pane {
        @Override
        protected void layoutChildren() {
            if (drawn == null) {
                return;
            }
            List<Column> columns = drawn.columns();
            int n = columns.size();
            double gap = n == 1 ? 0 : Math.max(MIN_GAP, Math.min(MAX_GAP, (getWidth() - 2 * SIDE) / (n - 1)));
            double x0 = Math.max(SIDE, (getWidth() - gap * (n - 1)) / 2);
            int most = columns.stream().mapToInt(Column::units).max().orElse(1);
            double room = getHeight() - HEADER_TOP - HEADER_HEIGHT - BOTTOM;
            double spacing = Math.max(MIN_SPACING, Math.min(MAX_SPACING, room / most));
            // Headers and circles move as one block, centred, so a small net does not float far below its titles.
            double headerY = HEADER_TOP + Math.max(0, (room - spacing * most) / 2);
            double centreY = headerY + HEADER_HEIGHT + spacing * most / 2;
            double headerWidth = Math.min(gap - 16, 200);
            for (int c = 0; c < n; c++) {
                double x = x0 + c * gap;
                for (int j = 0; j < units[c].length; j++) {
                    units[c][j].place(x, centreY + (j - (units[c].length - 1) / 2.0) * spacing);
                }
                Header header = headers.get(columns.get(c).node());
                double w = n == 1 ? 200 : headerWidth;
                header.resizeRelocate(x - w / 2, headerY, w, header.prefHeight(w));
                if (c > 0) {
                    for (int j = 0; j < edges[c].length; j++) {
                        for (int i = 0; i < edges[c][j].length; i++) {
                            Unit from = units[c - 1][i];
                            Unit to = units[c][j];
                            edges[c][j][i].place(from.x, from.y, to.x, to.y);
                        }
                    }
                }
            }
            highlight();
        }

        private int columnCount() {
            return drawn == null ? 1 : drawn.columns().size();
        }

        private int mostUnits() {
            return drawn == null ? 1 : drawn.columns().stream().mapToInt(Column::units).max().orElse(1);
        }

        @Override
        protected double computeMinWidth(double height) {
            return 2 * SIDE + (columnCount() - 1) * MIN_GAP;
        }

        @Override
        protected double computePrefWidth(double height) {
            return 2 * SIDE + (columnCount() - 1) * PREF_GAP;
        }

        @Override
        protected double computeMinHeight(double width) {
            return HEADER_TOP + HEADER_HEIGHT + mostUnits() * MIN_SPACING + BOTTOM;
        }

        @Override
        protected double computePrefHeight(double width) {
            return HEADER_TOP + HEADER_HEIGHT + mostUnits() * (MIN_SPACING + MAX_SPACING) / 2 + BOTTOM;
        }
    }

    /** The key to the colours, and a hint on what to click (or why some lines are grey). */
    private HBox legend() {
        Label negative = swatch("neurons.legend.negative", WeightPaint.NEGATIVE);
        Label positive = swatch("neurons.legend.positive", WeightPaint.POSITIVE);
        Label width = new Label(i18n.text("neurons.legend.width"));
        width.getStyleClass().add("neuron-legend-text");
        hint.setId("neurons-hint");
        hint.getStyleClass().add("neuron-hint");
        hint.setWrapText(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // The key keeps its words at every UI scale; the hint wraps instead.
        for (Label key : List.of(negative, positive, width)) {
            key.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(18, negative, positive, width, spacer, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("neuron-legend");
        return bar;
    }

    private Label swatch(String key, Color colour) {
        Line sample = new Line(0, 0, 26, 0);
        sample.setStroke(colour);
        sample.setStrokeWidth(4);
        sample.setStrokeLineCap(StrokeLineCap.ROUND);
        Label label = new Label(i18n.text(key), sample);
        label.getStyleClass().add("neuron-legend-text");
        label.setGraphicTextGap(8);
        return label;
    }
}
