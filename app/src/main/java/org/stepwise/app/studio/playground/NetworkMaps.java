// The network as Playground draws it: one column per layer, one small map per unit showing what that unit
// computes over the whole input plane, and curves between them coloured and thickened by the weights.
//
// Maps are built once per structure and repainted in place; hovering one tells the view, which shows it large.
package org.stepwise.app.studio.playground;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javafx.css.PseudoClass;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.playground.PlaneNetwork.Column;
import org.stepwise.app.studio.playground.PlaneNetwork.Kind;
import org.stepwise.core.layers.Activation;

final class NetworkMaps extends Region {
    private static final PseudoClass HOVER_UNIT = PseudoClass.getPseudoClass("shown");
    private static final PseudoClass TRACED = PseudoClass.getPseudoClass("traced");
    private static final double MAX_THUMB = 84;
    private static final double MIN_THUMB = 26;
    private static final double GAP = 12;
    private static final double HEADER = 76;
    /** Room for the input features' names. */
    private static final double LEFT_MARGIN = 34;
    /** Room for the last column's header, which is wider than its maps. */
    private static final double RIGHT_MARGIN = 28;

    /** One unit's small map. */
    record UnitMap(Column column, int unit, StackPane box, WritableImage image) {
    }

    private final I18n i18n;
    private final Canvas edges = new Canvas();
    private final List<Label> headers = new ArrayList<>();
    /** The input features' names, left of their maps. */
    private final List<Label> features = new ArrayList<>();
    private final Map<String, UnitMap[]> maps = new LinkedHashMap<>();
    private final Map<String, Label> headerOf = new LinkedHashMap<>();
    /** The column the single-input trace has reached, or null. */
    private String traced;
    private List<Column> columns = List.of();
    private PlaneNetwork network;
    private int side;
    private BiConsumer<String, Integer> onHover = (n, u) -> { };
    private double thumb = MAX_THUMB;
    private double[] columnX = new double[0];
    /** Steps of a curve's width and opacity that count as a visible change. */
    private static final int LOOKS = 24;
    /** The looks of the curves last drawn. */
    private int[] edgeLooks = new int[0];
    private int edgeDrawings;
    /** The layout the curves were last drawn for. */
    private String edgesGeometry = "";

    NetworkMaps(I18n i18n) {
        this.i18n = i18n;
        getStyleClass().add("playground-network");
        edges.setMouseTransparent(true);
        getChildren().add(edges);
    }

    void setOnHover(BiConsumer<String, Integer> onHover) {
        this.onHover = onHover;
    }

    /** Builds one map per unit of every column; {@code side} is their resolution in pixels. */
    void build(PlaneNetwork network, int side, List<String> featureNames) {
        this.network = network;
        this.columns = network.columns();
        this.side = side;
        getChildren().retainAll(edges);
        headers.clear();
        headerOf.clear();
        features.clear();
        for (String name : featureNames) {
            Label l = new Label(name);
            l.getStyleClass().add("playground-feature");
            features.add(l);
            getChildren().add(l);
        }
        maps.clear();
        for (Column c : columns) {
            Label header = new Label(headerText(c));
            header.getStyleClass().add("playground-column-header");
            header.setWrapText(true);
            header.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            header.setAlignment(javafx.geometry.Pos.BOTTOM_CENTER);
            headers.add(header);
            headerOf.put(c.node(), header);
            getChildren().add(header);
            UnitMap[] unitMaps = new UnitMap[c.units()];
            for (int j = 0; j < c.units(); j++) {
                WritableImage img = new WritableImage(side, side);
                ImageView view = new ImageView(img);
                view.setSmooth(true);
                // Placed by hand below; unmanaged, its new pixels (every frame while training) ask for no layout.
                view.setManaged(false);
                StackPane box = new StackPane(view);
                box.getStyleClass().add(c.kind() == Kind.INPUT ? "input-map" : c.kind() == Kind.OUTPUT
                        ? "output-unit-map" : "unit-map");
                box.getStyleClass().add("playground-unit");
                box.setId(switch (c.kind()) {
                    case INPUT -> "input-map-" + j;
                    case OUTPUT -> "output-map-" + j;
                    case HIDDEN -> "unit-map-" + c.node() + "-" + j;
                });
                Tooltip.install(box, new Tooltip(unitText(c, j)));
                box.setAccessibleRole(javafx.scene.AccessibleRole.IMAGE_VIEW);
                box.setAccessibleText(unitText(c, j));
                int unit = j;
                box.setOnMouseEntered(e -> {
                    box.pseudoClassStateChanged(HOVER_UNIT, true);
                    onHover.accept(c.node(), unit);
                });
                box.setOnMouseExited(e -> {
                    box.pseudoClassStateChanged(HOVER_UNIT, false);
                    onHover.accept(null, -1);
                });
                unitMaps[j] = new UnitMap(c, j, box, img);
                getChildren().add(box);
            }
            maps.put(c.node(), unitMaps);
        }
        edgesGeometry = "";
        String was = traced;
        traced = null;
        markTraced(was);
        requestLayout();
    }

    /** Marks the column the trace has reached (its header and maps), clearing the last one; null clears. */
    void markTraced(String node) {
        if (traced != null) {
            set(traced, false);
        }
        traced = node;
        if (node != null) {
            set(node, true);
        }
    }

    /** The column marked by the trace, or null. */
    String traced() {
        return traced;
    }

    private void set(String node, boolean on) {
        Label header = headerOf.get(node);
        if (header != null) {
            header.pseudoClassStateChanged(TRACED, on);
        }
        for (UnitMap m : maps.getOrDefault(node, new UnitMap[0])) {
            m.box().pseudoClassStateChanged(TRACED, on);
        }
    }

    private String headerText(Column c) {
        String size = i18n.text("playground.units", c.units());
        return switch (c.kind()) {
            case INPUT -> i18n.text("playground.column.input") + "\n" + size;
            case OUTPUT -> i18n.text("playground.column.output") + "\n" + size;
            case HIDDEN -> c.node() + "\n" + size + (c.activation() == Activation.IDENTITY ? ""
                    : "\n" + c.activation().id());
        };
    }

    /** "Unit 3 of 'hidden1'" or the input feature's name. */
    String unitText(Column c, int j) {
        return c.kind() == Kind.INPUT ? i18n.text("playground.inputFeature", j + 1)
                : i18n.text("playground.unitOf", j + 1, c.node());
    }

    UnitMap map(String node, int unit) {
        UnitMap[] m = maps.get(node);
        return m == null || unit < 0 || unit >= m.length ? null : m[unit];
    }

    int hiddenMaps() {
        return maps.values().stream().mapToInt(m -> m.length > 0 && m[0].column().kind() == Kind.HIDDEN
                ? m.length : 0).sum();
    }

    void setPixels(UnitMap m, int[] argb) {
        m.image().getPixelWriter().setPixels(0, 0, side, side, PixelFormat.getIntArgbInstance(), argb, 0, side);
    }

    // ---- layout and edges -----------------------------------------------------------------------------------------

    @Override
    protected double computePrefWidth(double height) {
        return Math.max(1, columns.size()) * (MAX_THUMB + 110);
    }

    @Override
    protected double computePrefHeight(double width) {
        int most = columns.stream().mapToInt(Column::units).max().orElse(1);
        return HEADER + most * (MAX_THUMB + GAP) + 20;
    }

    @Override
    protected double computeMinWidth(double height) {
        return Math.max(1, columns.size()) * (MIN_THUMB + 40);
    }

    @Override
    protected double computeMinHeight(double width) {
        int most = columns.stream().mapToInt(Column::units).max().orElse(1);
        return HEADER + most * (MIN_THUMB + 6) + 20;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        int n = columns.size();
        if (n == 0) {
            return;
        }
        int most = columns.stream().mapToInt(Column::units).max().orElse(1);
        double left = LEFT_MARGIN;
        double usable = w - left - RIGHT_MARGIN;
        thumb = Math.max(MIN_THUMB, Math.min(MAX_THUMB, Math.min((h - HEADER - 20) / most - GAP,
                usable / (n + (n - 1) * 1.4))));
        double pitch = (usable - thumb) / Math.max(1, n - 1);
        columnX = new double[n];
        for (int k = 0; k < n; k++) {
            Column c = columns.get(k);
            double x = left + (n == 1 ? (usable - thumb) / 2 : k * pitch);
            columnX[k] = x;
            Label header = headers.get(k);
            double hw = Math.min(Math.max(pitch, thumb), 150);
            // Centred over its maps, but never cut by the edges.
            double hx = Math.max(0, Math.min(w - hw, x + thumb / 2 - hw / 2));
            header.resizeRelocate(hx, 0, hw, HEADER - 8);
            double total = c.units() * thumb + (c.units() - 1) * GAP;
            double top = HEADER + Math.max(0, (h - HEADER - total) / 2);
            UnitMap[] unitMaps = maps.get(c.node());
            for (int j = 0; j < unitMaps.length; j++) {
                StackPane box = unitMaps[j].box();
                ImageView view = (ImageView) box.getChildren().get(0);
                double inset = box.snappedTopInset();
                view.setFitWidth(thumb - 2 * inset);
                view.setFitHeight(thumb - 2 * inset);
                view.relocate(inset, inset);
                box.resizeRelocate(x, top + j * (thumb + GAP), thumb, thumb);
                if (c.kind() == Kind.INPUT && j < features.size()) {
                    Label f = features.get(j);
                    double fw = Math.min(left - 4, f.prefWidth(-1));
                    double fh = f.prefHeight(-1);
                    f.resizeRelocate(x - fw - 6, top + j * (thumb + GAP) + (thumb - fh) / 2, fw, fh);
                }
            }
        }
        // Every new pixel of a map asks for a layout; the curves are drawn again only when the maps moved.
        String geometry = w + "x" + h + "@" + thumb + "/" + pitch;
        if (!geometry.equals(edgesGeometry)) {
            edgesGeometry = geometry;
            edges.setWidth(w);
            edges.setHeight(h);
            drawEdges();
        }
    }

    /**
     * Redraws the curves if any would look different: a curve's look is its weight's sign and its magnitude in
     * {@value #LOOKS} steps. Rasterizing well over a hundred wide curves is the costliest part of a frame in software
     * rendering, and most frames of a long run change no curve visibly.
     */
    void updateEdges() {
        int count = 0;
        for (Column c : columns) {
            if (c.source() != null && c.dense()) {
                count += c.units() * maps.get(c.source()).length;
            }
        }
        int[] looks = new int[count];
        int k = 0;
        for (Column c : columns) {
            if (c.source() == null || !c.dense()) {
                continue;
            }
            float[] w = network.weights(c.node());
            int n = c.units() * maps.get(c.source()).length;
            for (int e = 0; e < n; e++) {
                double magnitude = PlanePaint.edgeMagnitude(w[e]);
                looks[k++] = (int) Math.round(magnitude * LOOKS) * (w[e] < 0 ? -1 : 1);
            }
        }
        if (!java.util.Arrays.equals(looks, edgeLooks)) {
            edgeLooks = looks;
            drawEdges();
        }
    }

    /** How many times the curves were drawn, for tests. */
    int edgeDrawings() {
        return edgeDrawings;
    }

    /** Redraws the curves from the network copy's current weights. */
    void drawEdges() {
        edgeDrawings++;
        GraphicsContext g = edges.getGraphicsContext2D();
        g.clearRect(0, 0, edges.getWidth(), edges.getHeight());
        if (network == null) {
            return;
        }
        for (Column c : columns) {
            if (c.source() == null) {
                continue;
            }
            UnitMap[] to = maps.get(c.node());
            UnitMap[] from = maps.get(c.source());
            float[] w = c.dense() ? network.weights(c.node()) : null;
            for (int j = 0; j < to.length; j++) {
                for (int i = 0; i < from.length; i++) {
                    if (w == null && i != j) {
                        continue;
                    }
                    double value = w == null ? Double.NaN : w[j * from.length + i];
                    curve(g, from[i].box(), to[j].box(), value);
                }
            }
        }
    }

    private void curve(GraphicsContext g, Region a, Region b, double w) {
        double x0 = a.getLayoutX() + a.getWidth();
        double y0 = a.getLayoutY() + a.getHeight() / 2;
        double x1 = b.getLayoutX();
        double y1 = b.getLayoutY() + b.getHeight() / 2;
        double mid = (x0 + x1) / 2;
        if (Double.isNaN(w)) {
            g.setStroke(Color.gray(0.55, 0.6));
            g.setLineWidth(1.2);
        } else {
            g.setStroke(PlanePaint.edge(w));
            g.setLineWidth(PlanePaint.edgeWidth(w));
        }
        g.beginPath();
        g.moveTo(x0, y0);
        g.bezierCurveTo(mid, y0, mid, y1, x1, y1);
        g.stroke();
    }
}
