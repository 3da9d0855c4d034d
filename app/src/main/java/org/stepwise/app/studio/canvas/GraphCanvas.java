// The network editor: the Workspace's graph drawn as node and edge views that people drag, connect, select, zoom
// and pan, with the mouse or the keyboard. Every change is an EditCommand on the Workspace; the canvas keeps no copy
// of the graph, only views named after its nodes, which it reuses from one edit to the next.
package org.stepwise.app.studio.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.animation.PauseTransition;
import javafx.collections.SetChangeListener;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import javafx.util.Duration;
import org.stepwise.app.editor.AddNodes;
import org.stepwise.app.editor.Analysis;
import org.stepwise.app.editor.AutoLayout;
import org.stepwise.app.editor.ChangeNode;
import org.stepwise.app.editor.Clipboard;
import org.stepwise.app.editor.Connect;
import org.stepwise.app.editor.EditCommand;
import org.stepwise.app.editor.EditorGraph;
import org.stepwise.app.editor.EditorNode;
import org.stepwise.app.editor.MoveNodes;
import org.stepwise.app.editor.RemoveNodes;
import org.stepwise.app.editor.Text;
import org.stepwise.app.studio.DirtyPixel;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.NodeTypes;
import org.stepwise.app.studio.Workspace;

public final class GraphCanvas extends Region {
    /**
     * Below this zoom a node's settings, shape and parameter lines and the edges' shape labels are not drawn
     * (NodeView.setFar, EdgeView.setFar): at a fifth of their size they cannot be read, and with fifty nodes on
     * screen they were most of what software rendering painted when an edit changed every shape downstream.
     */
    static final double FAR_ZOOM = 0.3;

    /** What the palette puts on the dragboard: this prefix and the node type. */
    public static final String PALETTE_PREFIX = "stepwise-node:";
    /** How far one Shift+arrow press moves the selection, in canvas units. */
    static final double NUDGE = 10;
    private static final double FIT_MARGIN = 48;
    private static final double OVERLAY_INSET = 12;

    private enum Gesture { NONE, PAN, BAND, MOVE, CONNECT }

    private final Workspace workspace;
    private final I18n i18n;
    private final CanvasMenus menus;
    private final Viewport viewport = new Viewport();

    // ---- the scene graph: background, the zoomed world, and an overlay in screen units ----------------------
    private final Region background = new Region();
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final CubicCurve rubberEdge = new CubicCurve();
    private final Group world = new Group(edgeLayer, rubberEdge, nodeLayer);
    private final Translate pan = new Translate();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final Region band = new Region();
    private final Label totalParameters = new Label();
    private final Label zoomLevel = new Label();
    private final Label emptyHint = new Label();
    private final Label message = new Label();
    private final PauseTransition messageTimer = new PauseTransition(Duration.seconds(4));
    private final Rectangle clip = new Rectangle();
    /** Touched at every change of the views, so a change out of view never makes JavaFX repaint the window. */
    private final DirtyPixel dirtyPixel = new DirtyPixel();

    private final Map<String, NodeView> nodeViews = new HashMap<>();
    /** One of each for all the nodes: a Tooltip is a window of its own, and a node has three of them. */
    private final Tooltip frozenTip;
    private final Tooltip inPortTip;
    private final Tooltip outPortTip;
    /** Keyed by "from\nto". */
    private final Map<String, EdgeView> edgeViews = new HashMap<>();
    private String phaseNode;
    private String phaseKind;
    /** Drives the moving dashes of the edges the current phase crosses: one dash period (18 units) a half second. */
    private final javafx.beans.property.DoubleProperty flowPhase = new javafx.beans.property.SimpleDoubleProperty();
    private final javafx.animation.Timeline flow = new javafx.animation.Timeline(
            new javafx.animation.KeyFrame(javafx.util.Duration.ZERO,
                    new javafx.animation.KeyValue(flowPhase, 0)),
            new javafx.animation.KeyFrame(javafx.util.Duration.millis(500),
                    new javafx.animation.KeyValue(flowPhase, 18, javafx.animation.Interpolator.LINEAR)));
    private EdgeView selectedEdge;
    private Analysis shownAnalysis;
    private List<EditorNode> shownNodes = List.of();
    /**
     * Every node's name and place when the edges were last placed. An edge's course depends on where all the nodes
     * are (it arches over the ones in its way), so it is placed again only when one of them moved, came or went.
     */
    private List<Object> placedAt = List.of();
    private boolean fitPending = true;
    /** Whether the view is zoomed out below {@link #FAR_ZOOM}. */
    private boolean far;
    private boolean spaceDown;
    private boolean pannedWithSpace;
    private Runnable onSpaceTap;
    private boolean paletteDrops;
    private double messageX;
    private double messageY;

    // ---- the gesture in progress ------------------------------------------------------------------------------
    private Gesture gesture = Gesture.NONE;
    private Point2D press = Point2D.ZERO;
    private Point2D lastPan = Point2D.ZERO;
    private Set<String> bandBase = Set.of();
    private final List<NodeView> moving = new ArrayList<>();
    private boolean pressWasSelected;
    private double moveDx;
    private double moveDy;
    private NodeView connectFrom;
    private NodeView connectHover;

    public GraphCanvas(Workspace workspace, I18n i18n) {
        flow.setCycleCount(javafx.animation.Animation.INDEFINITE);
        this.workspace = workspace;
        this.i18n = i18n;
        this.menus = new CanvasMenus(this, i18n);
        frozenTip = new Tooltip(i18n.text("canvas.node.frozen"));
        inPortTip = new Tooltip(i18n.text("canvas.port.input"));
        outPortTip = new Tooltip(i18n.text("canvas.port.output"));
        getStylesheets().add(GraphCanvas.class.getResource("canvas.css").toExternalForm());
        getStyleClass().add("graph-canvas");
        setFocusTraversable(true);
        setAccessibleRole(javafx.scene.AccessibleRole.NODE);
        setAccessibleText(i18n.text("canvas.accessible"));
        setClip(clip);

        background.getStyleClass().add("canvas-background");
        world.getTransforms().setAll(pan, zoom);
        rubberEdge.getStyleClass().add("rubber-edge");
        rubberEdge.setFill(null);
        rubberEdge.setVisible(false);
        rubberEdge.setMouseTransparent(true);
        band.getStyleClass().add("rubber-band");
        band.setId("rubber-band");
        band.setVisible(false);
        band.setManaged(false);
        band.setMouseTransparent(true);
        totalParameters.setId("total-parameters");
        totalParameters.getStyleClass().addAll("canvas-info", "total-parameters");
        zoomLevel.setId("zoom-level");
        zoomLevel.getStyleClass().addAll("canvas-info", "zoom-level");
        emptyHint.setId("canvas-empty-hint");
        emptyHint.getStyleClass().add("canvas-empty-hint");
        emptyHint.setText(i18n.text("canvas.empty"));
        emptyHint.setWrapText(true);
        message.setId("canvas-message");
        message.getStyleClass().add("canvas-message");
        message.setWrapText(true);
        message.setVisible(false);
        messageTimer.setOnFinished(e -> message.setVisible(false));
        for (Node n : List.of(totalParameters, zoomLevel, emptyHint, message)) {
            n.setMouseTransparent(true);
        }
        getChildren().addAll(background, dirtyPixel, world, band, emptyHint, totalParameters, zoomLevel, message);
        flowPhase.addListener(o -> dirtyPixel.touch());

        installMouse();
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventHandler(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = false;
                // Space held for panning is a drag; Space pressed and let go without one is Play/Pause.
                if (!pannedWithSpace && onSpaceTap != null) {
                    onSpaceTap.run();
                }
                pannedWithSpace = false;
            }
        });
        workspace.selection().addListener((SetChangeListener<String>) this::selectionChanged);
        workspace.addReplacedListener(this::documentReplaced);
        workspace.addDocumentListener(this::refresh);
        applyViewport();
        refresh();
    }

    // =========================================================================================================
    // Commands for the toolbar, the palette and the problems list
    // =========================================================================================================

    /** Accepts nodes dragged from the palette: a dragboard string "stepwise-node:&lt;type&gt;" adds that type. */
    public void acceptPaletteDrops() {
        if (paletteDrops) {
            return;
        }
        paletteDrops = true;
        addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (paletteType(e.getDragboard()) != null) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            String type = paletteType(e.getDragboard());
            if (type == null) {
                return;
            }
            Point2D at = local(e.getSceneX(), e.getSceneY());
            Point2D w = viewport.toWorld(at.getX(), at.getY());
            e.setDropCompleted(addNodeAt(type, w.getX() - NodeView.WIDTH / 2, w.getY() - NodeView.PORT_Y));
            e.consume();
        });
    }

    /** The node type a palette drag carries, or null for anything else. */
    private static String paletteType(Dragboard board) {
        if (board == null || !board.hasString()) {
            return null;
        }
        String s = board.getString();
        if (s == null || !s.startsWith(PALETTE_PREFIX)) {
            return null;
        }
        String type = s.substring(PALETTE_PREFIX.length()).strip();
        return NodeTypes.find(type) != null ? type : null;
    }

    /** Adds a node of this type at a free place in the visible area and selects it: the keyboard's route. */
    public void addNode(String type) {
        Point2D at = freeSpot();
        addNodeAt(type, at.getX(), at.getY());
    }

    public void zoomIn() {
        zoomAbout(Viewport.STEP, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoomAbout(1 / Viewport.STEP, getWidth() / 2, getHeight() / 2);
    }

    /** Zooms and pans so that every node is visible (an empty graph shows the origin at 100%). */
    public void fitToView() {
        if (getWidth() <= 0 || getHeight() <= 0) {
            fitPending = true;
            requestLayout();
            return;
        }
        fitPending = false;
        Bounds all = graphBounds();
        if (all == null) {
            viewport.fit(new BoundingBox(0, 0, getWidth(), getHeight()), getWidth(), getHeight(), 0);
        } else {
            // The parameter count and zoom sit over the bottom edge: nodes are fitted above them.
            double overlays = Math.max(totalParameters.prefHeight(-1), zoomLevel.prefHeight(-1)) + OVERLAY_INSET;
            viewport.fit(all, getWidth(), getHeight(), FIT_MARGIN, overlays);
        }
        applyViewport();
    }

    /** Places every node by AutoLayout as one undoable edit, then fits the view. */
    public void autoLayout() {
        if (!graph().nodes().isEmpty()) {
            run(AutoLayout.command(graph()));
        }
        fitToView();
    }

    /**
     * Shows where training stands: the node the last phase computed is lit (forward, loss or backward) and the
     * edges into it carry moving dashes, towards the node for the forward pass and away from it for the gradient
     * going back. After the update every node with parameters is lit. Null kind clears it.
     *
     * @param kind "forward", "loss", "backward", "update", or null
     */
    public void showPhase(String node, String kind) {
        phaseNode = node;
        phaseKind = kind;
        applyPhase();
    }

    /** Lights what showPhase asked for; again after views are rebuilt, so the highlight survives an edit. */
    private void applyPhase() {
        dirtyPixel.touch();
        String node = phaseNode;
        String kind = phaseKind;
        for (NodeView v : nodeViews.values()) {
            v.toggle("phase-forward", false);
            v.toggle("phase-backward", false);
            v.toggle("phase-update", false);
            v.toggle("phase-loss", false);
        }
        for (EdgeView e : edgeViews.values()) {
            e.setFlow(0, flowPhase);
        }
        if (kind == null) {
            flow.stop();
            return;
        }
        if (kind.equals("update")) {
            for (var n : graph().nodes()) {
                Long count = graph().analysis().parameters().get(n.name());
                NodeView v = nodeViews.get(n.name());
                if (v != null && count != null && count > 0) {
                    v.toggle("phase-update", true);
                }
            }
            flow.stop();
            return;
        }
        String lit = kind.equals("loss") ? graph().outputNode() : node;
        NodeView v = lit == null ? null : nodeViews.get(lit);
        if (v == null) {
            flow.stop();
            return;
        }
        boolean forward = !kind.equals("backward");
        v.toggle(kind.equals("loss") ? "phase-loss" : forward ? "phase-forward" : "phase-backward", true);
        if (!kind.equals("loss")) {
            for (EdgeView e : edgeViews.values()) {
                if (e.to.equals(lit)) {
                    e.setFlow(forward ? 1 : -1, flowPhase);
                }
            }
        }
        flow.play();
    }


    /**
     * Puts a node's diagnostic badges in its header, replacing what was there; nodes missing from {@code badges}
     * show none. The badges are made by the diagnostics view; the canvas only places them.
     */
    public void showBadges(Map<String, ? extends javafx.scene.Node> badges) {
        dirtyPixel.touch();
        for (NodeView v : nodeViews.values()) {
            v.setBadges(badges.get(v.name()));
        }
    }

    /** What a tap of Space does (Play/Pause in the studio); Space held while dragging pans instead. */
    public void setOnSpaceTap(Runnable action) {
        onSpaceTap = action;
    }

    /** Selects the node, centres it in the view and focuses it; nothing happens for an unknown name. */
    public void reveal(String node) {
        EditorNode n = graph().node(node);
        if (n == null) {
            return;
        }
        clearEdgeSelection();
        workspace.select(node);
        viewport.centreOn(n.x() + NodeView.WIDTH / 2, n.y() + NodeView.HEIGHT / 2, getWidth(), getHeight());
        applyViewport();
        NodeView v = nodeViews.get(node);
        if (v != null) {
            v.requestFocus();
        }
    }

    // =========================================================================================================
    // Following the workspace
    // =========================================================================================================

    private EditorGraph graph() {
        return workspace.graph();
    }

    private void documentReplaced() {
        cancelGesture();
        phaseNode = null;
        phaseKind = null;
        flow.stop();
        nodeViews.clear();
        edgeViews.clear();
        nodeLayer.getChildren().clear();
        edgeLayer.getChildren().clear();
        selectedEdge = null;
        shownAnalysis = null;
        shownNodes = List.of();
        placedAt = List.of();
        fitPending = true;
        requestLayout();
    }

    /** Brings the views in line with the graph, reusing every view whose node is still there. */
    private void refresh() {
        EditorGraph graph = graph();
        Analysis analysis = graph.analysis();
        List<EditorNode> nodes = graph.nodes();
        if (analysis == shownAnalysis && sameNodes(nodes)) {
            return; // the second notice of one edit, or a change of something the canvas does not show
        }
        shownAnalysis = analysis;
        shownNodes = List.copyOf(nodes);
        dirtyPixel.touch();
        List<Object> places = new ArrayList<>(3 * nodes.size());
        for (EditorNode n : nodes) {
            places.addAll(List.of(n.name(), n.x(), n.y()));
        }
        boolean moved = !places.equals(placedAt);
        placedAt = places;

        Set<String> selection = workspace.selection();
        List<Node> order = new ArrayList<>(nodes.size());
        Set<String> names = new HashSet<>();
        for (EditorNode n : nodes) {
            NodeView v = nodeViews.computeIfAbsent(n.name(), this::createNodeView);
            v.update(n, analysis, i18n);
            v.select(selection.contains(n.name()));
            order.add(v);
            names.add(n.name());
        }
        boolean lostFocus = false;
        for (Iterator<NodeView> it = nodeViews.values().iterator(); it.hasNext(); ) {
            NodeView v = it.next();
            if (!names.contains(v.name())) {
                lostFocus |= v.isFocused();
                it.remove();
            }
        }
        // Children follow graph order, which is the Tab order; most edits only append or remove.
        javafx.collections.ObservableList<Node> children = nodeLayer.getChildren();
        children.retainAll(order);
        if (!children.equals(order)) {
            if (order.subList(0, children.size()).equals(children)) {
                children.addAll(order.subList(children.size(), order.size()));
            } else {
                children.setAll(order);
            }
        }

        Set<String> edgeKeys = new HashSet<>();
        for (EditorNode n : nodes) {
            for (String in : n.inputs()) {
                String key = in + "\n" + n.name();
                if (!nodeViews.containsKey(in) || !edgeKeys.add(key)) {
                    continue;
                }
                EdgeView e = edgeViews.get(key);
                boolean fresh = e == null;
                if (fresh) {
                    e = createEdgeView(in, n.name());
                    edgeViews.put(key, e);
                    edgeLayer.getChildren().add(e);
                }
                e.setText(analysis.shapeText(in));
                if (fresh || moved) {
                    place(e);
                }
            }
        }
        for (Iterator<Map.Entry<String, EdgeView>> it = edgeViews.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, EdgeView> entry = it.next();
            if (!edgeKeys.contains(entry.getKey())) {
                edgeLayer.getChildren().remove(entry.getValue());
                if (entry.getValue() == selectedEdge) {
                    selectedEdge = null;
                }
                it.remove();
            }
        }

        if (phaseKind != null) {
            applyPhase();
        }
        totalParameters.setText(i18n.text("canvas.parameters.total", analysis.totalParameters()));
        emptyHint.setVisible(nodes.isEmpty());
        selection.removeIf(name -> !names.contains(name));
        if (lostFocus) {
            requestFocus();
        }
    }

    private boolean sameNodes(List<EditorNode> nodes) {
        if (nodes.size() != shownNodes.size()) {
            return false;
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) != shownNodes.get(i)) {
                return false;
            }
        }
        return true;
    }

    private void selectionChanged(SetChangeListener.Change<? extends String> change) {
        dirtyPixel.touch();
        if (change.wasAdded()) {
            NodeView v = nodeViews.get(change.getElementAdded());
            if (v != null) {
                v.select(true);
            }
            clearEdgeSelection();
        }
        if (change.wasRemoved()) {
            NodeView v = nodeViews.get(change.getElementRemoved());
            if (v != null) {
                v.select(false);
            }
        }
    }

    private NodeView createNodeView(String name) {
        NodeView v = new NodeView(name, frozenTip);
        v.setFar(far);
        v.setOnMousePressed(e -> nodePressed(v, e));
        v.setOnMouseDragged(e -> nodeDragged(e));
        v.setOnMouseReleased(e -> nodeReleased(v, e));
        v.setOnContextMenuRequested(e -> {
            if (!workspace.selection().contains(v.name())) {
                workspace.select(v.name());
            }
            menus.nodeMenu(v.name()).show(v, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        v.outPort.setOnMousePressed(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                startConnect(v, e);
            }
            e.consume();
        });
        v.outPort.setOnMouseDragged(e -> {
            dragConnect(e);
            e.consume();
        });
        v.outPort.setOnMouseReleased(e -> {
            endConnect(e);
            e.consume();
        });
        Tooltip.install(v.outPort, outPortTip);
        Tooltip.install(v.inPort, inPortTip);
        return v;
    }

    private EdgeView createEdgeView(String from, String to) {
        EdgeView e = new EdgeView(from, to);
        e.setFar(far);
        e.setAccessibleRole(javafx.scene.AccessibleRole.NODE);
        e.setAccessibleText(i18n.text("canvas.edge.accessible", from, to));
        e.setOnMousePressed(ev -> {
            if (ev.getButton() == MouseButton.PRIMARY) {
                selectEdge(e);
                requestFocus();
                ev.consume();
            }
        });
        e.setOnContextMenuRequested(ev -> {
            selectEdge(e);
            menus.edgeMenu(e.from, e.to).show(e, ev.getScreenX(), ev.getScreenY());
            ev.consume();
        });
        return e;
    }

    /** Lays the edge between its nodes' ports as they are drawn now, drag offsets included. */
    private void place(EdgeView e) {
        NodeView a = nodeViews.get(e.from);
        NodeView b = nodeViews.get(e.to);
        if (a == null || b == null) {
            return;
        }
        double x0 = a.getLayoutX() + a.getTranslateX() + NodeView.WIDTH;
        double y0 = a.getLayoutY() + a.getTranslateY() + NodeView.PORT_Y;
        double x1 = b.getLayoutX() + b.getTranslateX();
        double y1 = b.getLayoutY() + b.getTranslateY() + NodeView.PORT_Y;
        e.place(x0, y0, x1, y1, lift(e, x0, y0, x1, y1));
    }

    /**
     * How far to raise an edge's middle so it passes above the nodes its straight course would cross, such as a
     * skip connection along a row; 0 when nothing is in the way.
     */
    private double lift(EdgeView e, double x0, double y0, double x1, double y1) {
        if (x1 <= x0) {
            return 0;
        }
        double top = Double.MAX_VALUE;
        double lineTop = Math.min(y0, y1) - 4;
        double lineBottom = Math.max(y0, y1) + 4;
        for (NodeView v : nodeViews.values()) {
            if (v.name().equals(e.from) || v.name().equals(e.to)) {
                continue;
            }
            double x = v.getLayoutX() + v.getTranslateX();
            double y = v.getLayoutY() + v.getTranslateY();
            if (x < x1 && x + NodeView.WIDTH > x0 && y < lineBottom && y + NodeView.HEIGHT > lineTop) {
                top = Math.min(top, y);
            }
        }
        if (top == Double.MAX_VALUE) {
            return 0;
        }
        // The curve's middle rises by 3/4 of the lift; clear the highest blocker by a label's height.
        return Math.max(0, ((y0 + y1) / 2 - (top - 28)) / 0.75);
    }

    private void placeEdgesOf(Set<String> names) {
        for (EdgeView e : edgeViews.values()) {
            if (names.contains(e.from) || names.contains(e.to)) {
                place(e);
            }
        }
    }

    // =========================================================================================================
    // Editing through commands: never throws, whatever the graph's state
    // =========================================================================================================

    /** Executes the edit; an edit the model refuses shows its reason instead of escaping as an exception. */
    boolean run(EditCommand command) {
        try {
            workspace.execute(command);
            return true;
        } catch (RuntimeException e) {
            showMessage(String.valueOf(e.getMessage()), getWidth() / 2, OVERLAY_INSET);
            return false;
        }
    }

    private boolean addNodeAt(String type, double x, double y) {
        NodeTypes.NodeType t = NodeTypes.find(type);
        if (t == null) {
            showMessage(i18n.text("canvas.unknownType", type), getWidth() / 2, OVERLAY_INSET);
            return false;
        }
        String name = graph().freshName(type);
        EditorNode node = new EditorNode(name, t.create().get(), List.of(), false, Math.round(x), Math.round(y));
        if (!run(AddNodes.one(node))) {
            return false;
        }
        clearEdgeSelection();
        workspace.select(name);
        NodeView v = nodeViews.get(name);
        if (v != null) {
            v.requestFocus();
        }
        return true;
    }

    /** The first place in the visible area where a node overlaps nothing: right of the selection if possible. */
    private Point2D freeSpot() {
        Bounds visible = getWidth() > 0 ? viewport.visibleWorld(getWidth(), getHeight())
                : new BoundingBox(0, 0, 800, 600);
        List<String> selected = selectedInOrder();
        if (selected.size() == 1) {
            EditorNode s = graph().node(selected.get(0));
            Point2D right = new Point2D(s.x() + AutoLayout.COLUMN, s.y());
            if (isFree(right) && visible.contains(right.getX(), right.getY(), NodeView.WIDTH, NodeView.HEIGHT)) {
                return right;
            }
        }
        double step = 30;
        for (double y = visible.getMinY() + AutoLayout.MARGIN; y + NodeView.HEIGHT <= visible.getMaxY(); y += step) {
            for (double x = visible.getMinX() + AutoLayout.MARGIN; x + NodeView.WIDTH <= visible.getMaxX();
                 x += step) {
                Point2D p = new Point2D(x, y);
                if (isFree(p)) {
                    return p;
                }
            }
        }
        return new Point2D(visible.getCenterX() - NodeView.WIDTH / 2, visible.getCenterY() - NodeView.HEIGHT / 2);
    }

    private boolean isFree(Point2D p) {
        double gap = 24;
        for (EditorNode n : graph().nodes()) {
            if (p.getX() < n.x() + NodeView.WIDTH + gap && n.x() < p.getX() + NodeView.WIDTH + gap
                    && p.getY() < n.y() + NodeView.HEIGHT + gap && n.y() < p.getY() + NodeView.HEIGHT + gap) {
                return false;
            }
        }
        return true;
    }

    /** Deletes the selected edge, or else the selected nodes. */
    void deleteSelection() {
        if (selectedEdge != null) {
            EdgeView e = selectedEdge;
            selectedEdge = null;
            deleteEdge(e.from, e.to);
            return;
        }
        List<String> names = selectedInOrder();
        if (!names.isEmpty()) {
            run(new RemoveNodes(new LinkedHashSet<>(names)));
            requestFocus();
        }
    }

    void deleteEdge(String from, String to) {
        EditorNode consumer = graph().node(to);
        if (consumer != null && consumer.inputs().contains(from)) {
            run(Connect.remove(from, to));
        }
    }

    void connect(String from, String to) {
        Text refusal = Connect.refusal(graph(), from, to);
        if (refusal != null) {
            NodeView v = nodeViews.get(to);
            Point2D at = v == null ? new Point2D(getWidth() / 2, OVERLAY_INSET)
                    : viewport.toScreen(v.getLayoutX(), v.getLayoutY() + NodeView.HEIGHT + 8);
            showMessage(i18n.text(refusal), at.getX(), at.getY());
            return;
        }
        run(Connect.edge(from, to));
    }

    /** Nodes that can take {@code from}'s output, in graph order. */
    List<String> validTargets(String from) {
        List<String> targets = new ArrayList<>();
        for (EditorNode n : graph().nodes()) {
            if (Connect.refusal(graph(), from, n.name()) == null) {
                targets.add(n.name());
            }
        }
        return targets;
    }

    String titleOf(String node) {
        EditorNode n = graph().node(node);
        NodeTypes.NodeType t = n == null ? null : NodeTypes.find(n.type());
        if (t != null && i18n.has(t.titleKey())) {
            return i18n.text(t.titleKey());
        }
        return n == null ? "" : n.type();
    }

    boolean isFrozen(String node) {
        EditorNode n = graph().node(node);
        return n != null && n.frozen();
    }

    void setFrozen(String node, boolean frozen) {
        if (graph().contains(node)) {
            run(ChangeNode.frozen(graph(), node, frozen));
        }
    }

    void selectAll() {
        clearEdgeSelection();
        setSelection(graph().nodes().stream().map(EditorNode::name).collect(Collectors.toSet()));
    }

    void copy() {
        if (!workspace.selection().isEmpty()) {
            workspace.clipboard().copy(graph(), workspace.selection());
        }
    }

    void cut() {
        copy();
        if (selectedEdge == null) {
            deleteSelection();
        }
    }

    void paste() {
        pasteFrom(workspace.clipboard());
    }

    boolean canPaste() {
        return !workspace.clipboard().isEmpty();
    }

    /** Copies and pastes the selection in one go, leaving the Workspace's clipboard as it was. */
    void duplicate() {
        if (workspace.selection().isEmpty()) {
            return;
        }
        Clipboard once = new Clipboard();
        once.copy(graph(), workspace.selection());
        pasteFrom(once);
    }

    private void pasteFrom(Clipboard clipboard) {
        AddNodes paste = clipboard.paste(graph());
        if (paste != null && run(paste)) {
            setSelection(paste.nodes().stream().map(EditorNode::name)
                    .collect(Collectors.toSet()));
        }
    }

    private void nudge(double dx, double dy) {
        List<String> names = selectedInOrder();
        if (!names.isEmpty()) {
            run(MoveNodes.by(graph(), names, dx, dy));
        }
    }

    /** The selected nodes that exist, in graph order. */
    private List<String> selectedInOrder() {
        Set<String> selection = workspace.selection();
        return graph().nodes().stream().map(EditorNode::name).filter(selection::contains).toList();
    }

    private void setSelection(Set<String> names) {
        workspace.selection().retainAll(names);
        workspace.selection().addAll(names);
    }

    private void selectEdge(EdgeView e) {
        workspace.selection().clear();
        clearEdgeSelection();
        selectedEdge = e;
        e.toggle("selected", true);
    }

    private void clearEdgeSelection() {
        if (selectedEdge != null) {
            selectedEdge.toggle("selected", false);
            selectedEdge = null;
        }
    }

    // ---- renaming in place -----------------------------------------------------------------------------------

    void startRename(String node) {
        NodeView v = nodeViews.get(node);
        if (v == null || v.renaming()) {
            return;
        }
        TextField field = v.startRename();
        field.setPromptText(i18n.text("canvas.rename.prompt"));
        Tooltip hint = new Tooltip();
        field.textProperty().addListener((o, a, text) -> {
            Text refusal = ChangeNode.nameRefusal(graph(), node, text);
            boolean bad = refusal != null;
            if (bad != field.getStyleClass().contains("invalid")) {
                if (bad) {
                    field.getStyleClass().add("invalid");
                } else {
                    field.getStyleClass().remove("invalid");
                }
            }
            hint.setText(bad ? i18n.text(refusal) : "");
            field.setTooltip(bad ? hint : null);
        });
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                commitRename(v, field.getText().strip());
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                v.endRename();
                v.requestFocus();
                e.consume();
            }
        });
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                v.endRename();
            }
        });
    }

    private void commitRename(NodeView v, String newName) {
        String old = v.name();
        if (newName.equals(old)) {
            v.endRename();
            v.requestFocus();
            return;
        }
        Text refusal = ChangeNode.nameRefusal(graph(), old, newName);
        if (refusal != null) {
            Point2D at = viewport.toScreen(v.getLayoutX(), v.getLayoutY() + NodeView.HEIGHT + 8);
            showMessage(i18n.text(refusal), at.getX(), at.getY());
            return;
        }
        boolean selected = workspace.selection().contains(old);
        v.endRename();
        if (run(ChangeNode.rename(graph(), old, newName))) {
            if (selected) {
                workspace.select(newName);
            }
            NodeView renamed = nodeViews.get(newName);
            if (renamed != null) {
                renamed.requestFocus();
            }
        }
    }

    // =========================================================================================================
    // Keyboard
    // =========================================================================================================

    private void keyPressed(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl) {
            return;
        }
        KeyCode code = e.getCode();
        boolean shortcut = e.isShortcutDown();
        boolean handled = true;
        if (shortcut && !e.isAltDown()) {
            switch (code) {
                case A -> selectAll();
                case C -> copy();
                case X -> cut();
                case V -> paste();
                case D -> duplicate();
                case L -> connectChooser();
                // Ctrl+= and Ctrl+- are the UI scale's (View menu); the canvas zooms with the plain keys.
                case ADD -> zoomIn();
                case SUBTRACT -> zoomOut();
                case DIGIT0, NUMPAD0 -> fitToView();
                default -> handled = false;
            }
        } else {
            switch (code) {
                case SPACE -> spaceDown = true;
                case DELETE, BACK_SPACE -> deleteSelection();
                case ESCAPE -> {
                    cancelGesture();
                    clearEdgeSelection();
                    workspace.selection().clear();
                }
                case ENTER -> handled = enterOnFocused(e.isShiftDown());
                case F2 -> {
                    String target = focusedOrSelected();
                    if (target != null) {
                        startRename(target);
                    }
                }
                case PLUS, ADD, EQUALS -> zoomIn();
                case MINUS, SUBTRACT -> zoomOut();
                case DIGIT0, NUMPAD0 -> fitToView();
                // Plain arrows and PageUp/PageDown step training (a presenter's clicker): only Shift+arrows are ours.
                case UP, DOWN, LEFT, RIGHT -> {
                    if (e.isShiftDown()) {
                        nudge(code == KeyCode.LEFT ? -NUDGE : code == KeyCode.RIGHT ? NUDGE : 0,
                                code == KeyCode.UP ? -NUDGE : code == KeyCode.DOWN ? NUDGE : 0);
                    } else {
                        handled = false;
                    }
                }
                default -> handled = false;
            }
        }
        if (handled) {
            e.consume();
        }
    }

    private boolean enterOnFocused(boolean toggle) {
        if (!(getScene() != null && getScene().getFocusOwner() instanceof NodeView v)) {
            return false;
        }
        clearEdgeSelection();
        if (toggle) {
            if (!workspace.selection().remove(v.name())) {
                workspace.selection().add(v.name());
            }
        } else {
            workspace.select(v.name());
        }
        return true;
    }

    /** The focused node, or else the only selected one; null when neither. */
    private String focusedOrSelected() {
        if (getScene() != null && getScene().getFocusOwner() instanceof NodeView v && nodeViews.get(v.name()) == v) {
            return v.name();
        }
        List<String> selected = selectedInOrder();
        return selected.size() == 1 ? selected.get(0) : null;
    }

    /** Ctrl+L: a small menu of the nodes the focused or selected node can feed. */
    private void connectChooser() {
        String from = focusedOrSelected();
        if (from == null) {
            showMessage(i18n.text("canvas.connect.noSource"), getWidth() / 2, OVERLAY_INSET);
            return;
        }
        NodeView v = nodeViews.get(from);
        if (validTargets(from).isEmpty()) {
            Point2D at = viewport.toScreen(v.getLayoutX(), v.getLayoutY() + NodeView.HEIGHT + 8);
            showMessage(i18n.text("canvas.connect.noTarget", from), at.getX(), at.getY());
            return;
        }
        menus.connectChooser(from).show(v, javafx.geometry.Side.RIGHT, NodeView.PORT_RADIUS, 0);
    }

    // =========================================================================================================
    // Mouse: pan, rubber band, move, connect, zoom
    // =========================================================================================================

    private void installMouse() {
        // Panning wins over whatever is under the pointer, so it is decided in the filters.
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == MouseButton.MIDDLE || e.getButton() == MouseButton.PRIMARY && spaceDown) {
                pannedWithSpace |= spaceDown;
                cancelGesture();
                gesture = Gesture.PAN;
                lastPan = local(e);
                setCursor(Cursor.CLOSED_HAND);
                requestFocus();
                e.consume();
            }
        });
        addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> {
            if (gesture == Gesture.PAN) {
                Point2D p = local(e);
                viewport.panBy(p.getX() - lastPan.getX(), p.getY() - lastPan.getY());
                lastPan = p;
                applyViewport();
                e.consume();
            }
        });
        addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (gesture == Gesture.PAN) {
                gesture = Gesture.NONE;
                setCursor(null);
                e.consume();
            }
        });

        background.setOnMousePressed(e -> {
            requestFocus();
            if (e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            clearEdgeSelection();
            boolean adding = e.isShiftDown() || e.isShortcutDown();
            bandBase = adding ? Set.copyOf(workspace.selection()) : Set.of();
            if (!adding) {
                workspace.selection().clear();
            }
            gesture = Gesture.BAND;
            press = local(e);
            band.resizeRelocate(press.getX(), press.getY(), 0, 0);
        });
        background.setOnMouseDragged(e -> {
            if (gesture == Gesture.BAND) {
                dragBand(local(e));
            }
        });
        background.setOnMouseReleased(e -> {
            if (gesture == Gesture.BAND) {
                gesture = Gesture.NONE;
                band.setVisible(false);
            }
        });
        background.setOnContextMenuRequested(e -> {
            menus.backgroundMenu().show(this, e.getScreenX(), e.getScreenY());
            e.consume();
        });

        addEventHandler(ScrollEvent.SCROLL, e -> {
            Point2D p = local(e.getSceneX(), e.getSceneY());
            if (e.isShortcutDown()) {
                if (e.getDeltaY() != 0) {
                    zoomAbout(e.getDeltaY() > 0 ? Viewport.STEP : 1 / Viewport.STEP, p.getX(), p.getY());
                }
            } else {
                viewport.panBy(e.getDeltaX(), e.getDeltaY());
                applyViewport();
            }
            e.consume();
        });
        addEventHandler(ZoomEvent.ZOOM, e -> {
            Point2D p = local(e.getSceneX(), e.getSceneY());
            zoomAbout(e.getZoomFactor(), p.getX(), p.getY());
            e.consume();
        });
    }

    private Point2D local(MouseEvent e) {
        return local(e.getSceneX(), e.getSceneY());
    }

    private Point2D local(double sceneX, double sceneY) {
        return sceneToLocal(sceneX, sceneY);
    }

    private Point2D worldAt(MouseEvent e) {
        Point2D p = local(e);
        return viewport.toWorld(p.getX(), p.getY());
    }

    private void dragBand(Point2D at) {
        double x = Math.min(press.getX(), at.getX());
        double y = Math.min(press.getY(), at.getY());
        double w = Math.abs(at.getX() - press.getX());
        double h = Math.abs(at.getY() - press.getY());
        band.resizeRelocate(x, y, w, h);
        band.setVisible(true);
        Point2D a = viewport.toWorld(x, y);
        Point2D b = viewport.toWorld(x + w, y + h);
        Set<String> chosen = new HashSet<>(bandBase);
        for (EditorNode n : graph().nodes()) {
            if (n.x() < b.getX() && a.getX() < n.x() + NodeView.WIDTH && n.y() < b.getY()
                    && a.getY() < n.y() + NodeView.HEIGHT) {
                chosen.add(n.name());
            }
        }
        if (!chosen.equals(workspace.selection())) {
            setSelection(chosen);
        }
    }

    private void nodePressed(NodeView v, MouseEvent e) {
        if (v.renaming() || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        v.requestFocus();
        clearEdgeSelection();
        String name = v.name();
        pressWasSelected = workspace.selection().contains(name);
        if (e.isShiftDown() || e.isShortcutDown()) {
            if (pressWasSelected) {
                workspace.selection().remove(name);
            } else {
                workspace.selection().add(name);
            }
        } else if (!pressWasSelected) {
            workspace.select(name);
        }
        if (e.getClickCount() == 2 && !e.isShiftDown()) {
            startRename(name);
            e.consume();
            return;
        }
        moving.clear();
        if (workspace.selection().contains(name)) {
            for (String s : selectedInOrder()) {
                NodeView m = nodeViews.get(s);
                if (m != null) {
                    moving.add(m);
                }
            }
            gesture = Gesture.MOVE;
            press = local(e);
            moveDx = 0;
            moveDy = 0;
        }
        e.consume();
    }

    private void nodeDragged(MouseEvent e) {
        if (gesture != Gesture.MOVE) {
            return;
        }
        Point2D p = local(e);
        moveDx = (p.getX() - press.getX()) / viewport.zoom();
        moveDy = (p.getY() - press.getY()) / viewport.zoom();
        Set<String> names = new HashSet<>();
        for (NodeView m : moving) {
            m.setTranslateX(moveDx);
            m.setTranslateY(moveDy);
            names.add(m.name());
        }
        placeEdgesOf(names);
        dirtyPixel.touch();
        e.consume();
    }

    private void nodeReleased(NodeView v, MouseEvent e) {
        if (gesture != Gesture.MOVE) {
            return;
        }
        gesture = Gesture.NONE;
        for (NodeView m : moving) {
            m.setTranslateX(0);
            m.setTranslateY(0);
        }
        long dx = Math.round(moveDx);
        long dy = Math.round(moveDy);
        List<String> names = moving.stream().map(NodeView::name).filter(graph()::contains).toList();
        moving.clear();
        if ((dx != 0 || dy != 0) && !names.isEmpty()) {
            run(MoveNodes.by(graph(), names, dx, dy));
        } else {
            placeEdgesOf(new HashSet<>(names));
            // A plain click on one node of a multiple selection picks that node alone.
            if (pressWasSelected && !e.isShiftDown() && !e.isShortcutDown() && workspace.selection().size() > 1) {
                workspace.select(v.name());
            }
        }
        e.consume();
    }

    private void startConnect(NodeView from, MouseEvent e) {
        cancelGesture();
        gesture = Gesture.CONNECT;
        connectFrom = from;
        from.requestFocus();
        Set<String> targets = new HashSet<>(validTargets(from.name()));
        for (NodeView v : nodeViews.values()) {
            v.toggle("connect-target", targets.contains(v.name()));
        }
        dragConnect(e);
        rubberEdge.setVisible(true);
    }

    private void dragConnect(MouseEvent e) {
        if (gesture != Gesture.CONNECT) {
            return;
        }
        Point2D p = worldAt(e);
        EdgeView.shape(rubberEdge, connectFrom.getLayoutX() + NodeView.WIDTH,
                connectFrom.getLayoutY() + NodeView.PORT_Y, p.getX(), p.getY(), 0);
        NodeView over = viewAt(p);
        if (over != connectHover) {
            if (connectHover != null) {
                connectHover.toggle("connect-hover", false);
            }
            connectHover = over;
            if (over != null && over != connectFrom) {
                over.toggle("connect-hover", true);
            }
        }
    }

    private void endConnect(MouseEvent e) {
        if (gesture != Gesture.CONNECT) {
            return;
        }
        NodeView from = connectFrom;
        NodeView target = viewAt(worldAt(e));
        cancelGesture();
        if (target != null && target != from) {
            connect(from.name(), target.name());
        } else if (target == from && from.outPort.localToScene(0, 0).distance(e.getSceneX(), e.getSceneY())
                > NodeView.PORT_RADIUS * 2) {
            connect(from.name(), from.name()); // dragged back onto itself: say why that cannot be
        }
    }

    /** The node drawn at this world point, the topmost when several overlap; ports count as part of it. */
    private NodeView viewAt(Point2D world) {
        javafx.collections.ObservableList<Node> children = nodeLayer.getChildren();
        for (int i = children.size() - 1; i >= 0; i--) {
            NodeView v = (NodeView) children.get(i);
            double x = v.getLayoutX();
            double y = v.getLayoutY();
            if (world.getX() >= x - 2 * NodeView.PORT_RADIUS && world.getX() <= x + NodeView.WIDTH
                    + 2 * NodeView.PORT_RADIUS && world.getY() >= y && world.getY() <= y + Math.max(v.getHeight(),
                    NodeView.HEIGHT)) {
                return v;
            }
        }
        return null;
    }

    private void cancelGesture() {
        switch (gesture) {
            case MOVE -> {
                for (NodeView m : moving) {
                    m.setTranslateX(0);
                    m.setTranslateY(0);
                }
                Set<String> names = new HashSet<>();
                moving.forEach(m -> names.add(m.name()));
                moving.clear();
                placeEdgesOf(names);
            }
            case CONNECT -> {
                rubberEdge.setVisible(false);
                for (NodeView v : nodeViews.values()) {
                    v.toggle("connect-target", false);
                    v.toggle("connect-hover", false);
                }
                connectFrom = null;
                connectHover = null;
            }
            case BAND -> band.setVisible(false);
            case PAN -> setCursor(null);
            case NONE -> {
            }
        }
        gesture = Gesture.NONE;
    }

    // =========================================================================================================
    // Viewport and overlay
    // =========================================================================================================

    private void zoomAbout(double factor, double x, double y) {
        viewport.zoomAt(factor, x, y);
        applyViewport();
    }

    private void applyViewport() {
        dirtyPixel.touch();
        boolean nowFar = viewport.zoom() < FAR_ZOOM;
        if (nowFar != far) {
            far = nowFar;
            nodeViews.values().forEach(v -> v.setFar(nowFar));
            edgeViews.values().forEach(e -> e.setFar(nowFar));
        }
        pan.setX(viewport.offsetX());
        pan.setY(viewport.offsetY());
        zoom.setX(viewport.zoom());
        zoom.setY(viewport.zoom());
        zoomLevel.setText(i18n.text("canvas.zoom", Math.round(viewport.zoom() * 100)));
    }

    /** The box around every node in world units, or null for an empty graph. */
    private Bounds graphBounds() {
        List<EditorNode> nodes = graph().nodes();
        if (nodes.isEmpty()) {
            return null;
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (EditorNode n : nodes) {
            minX = Math.min(minX, n.x() - NodeView.PORT_RADIUS);
            minY = Math.min(minY, n.y());
            maxX = Math.max(maxX, n.x() + NodeView.WIDTH + NodeView.PORT_RADIUS);
            maxY = Math.max(maxY, n.y() + NodeView.HEIGHT);
        }
        return new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    /** A short message near a screen point that disappears by itself: why a connection or a name was refused. */
    void showMessage(String text, double x, double y) {
        message.setText(text);
        message.setVisible(true);
        message.toFront();
        messageX = x;
        messageY = y;
        messageTimer.playFromStart();
        requestLayout();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 600;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        background.resizeRelocate(0, 0, w, h);
        clip.setWidth(w);
        clip.setHeight(h);
        if (fitPending && w > 0 && h > 0) {
            fitToView();
        }
        totalParameters.autosize();
        totalParameters.relocate(OVERLAY_INSET, h - totalParameters.getHeight() - OVERLAY_INSET);
        zoomLevel.autosize();
        zoomLevel.relocate(w - zoomLevel.getWidth() - OVERLAY_INSET, h - zoomLevel.getHeight() - OVERLAY_INSET);
        double hintWidth = Math.min(420, Math.max(0, w - 4 * OVERLAY_INSET));
        double hintHeight = emptyHint.prefHeight(hintWidth);
        emptyHint.resizeRelocate((w - hintWidth) / 2, (h - hintHeight) / 2, hintWidth, hintHeight);
        if (message.isVisible()) {
            double mw = Math.min(message.prefWidth(-1), Math.max(120, w - 2 * OVERLAY_INSET));
            double mh = message.prefHeight(mw);
            double mx = Math.max(OVERLAY_INSET, Math.min(messageX - mw / 2, w - mw - OVERLAY_INSET));
            double my = Math.max(OVERLAY_INSET, Math.min(messageY, h - mh - OVERLAY_INSET));
            message.resizeRelocate(mx, my, mw, mh);
        }
    }

    /** The current zoom, 1 = 100%; for tests in this package. */
    double zoomFactor() {
        return viewport.zoom();
    }
}
