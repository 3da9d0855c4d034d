// One node on the canvas: its type, name, key settings, output shape and parameter count, with an input port on the
// left and an output port on the right. It only shows what update() hands it; GraphCanvas handles every gesture.
package org.stepwise.app.studio.canvas;

import java.util.List;
import java.util.Objects;
import javafx.css.PseudoClass;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.editor.Analysis;
import org.stepwise.app.editor.EditorNode;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.LazyTooltip;
import org.stepwise.app.studio.NodeTypes;
import org.stepwise.app.studio.ProblemTexts;
import org.stepwise.core.graph.Problem;

final class NodeView extends Region {
    /** Every node has the same size, so ports line up and edges can be placed from the model alone. */
    static final double WIDTH = 140;
    static final double HEIGHT = 108;
    static final double PORT_Y = HEIGHT / 2;
    static final double PORT_RADIUS = 8;
    /**
     * Selection is a pseudo-class, not a style class: picking a node then restyles it without matching the theme's
     * selectors again for the node and everything in it.
     */
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    // States an edit turns on and off are pseudo-classes, not style classes: a style class changed makes JavaFX
    // style the node and all it holds again from scratch, a pseudo-class only looks up the styles it already has.
    private static final PseudoClass HAS_PROBLEM = PseudoClass.getPseudoClass("has-problem");
    private static final PseudoClass FROZEN = PseudoClass.getPseudoClass("frozen");

    private final String name;
    private final VBox body = new VBox();
    /**
     * The body's shadow, a plain rounded fill laid behind it. A blurred drop shadow on every body cost software
     * rendering (Xvfb, a laptop without a GPU driver) 10–20 ms whenever a repaint crossed a few nodes.
     */
    private final Region shadow = new Region();
    private final Label title = new Label();
    private final FontIcon typeIcon = new FontIcon();
    private final FontIcon frozenIcon = new FontIcon("mdi2l-lock");
    private final FontIcon problemBadge = new FontIcon("mdi2a-alert-circle");
    /**
     * Made when the pointer first comes over the badge: a Tooltip is a window of its own, and the edit that gave a
     * node its first problem used to make one inside its frame.
     */
    private Tooltip problemTooltip;
    private boolean problemTooltipInstalled;
    private String problemText = "";
    private final HBox header;
    /**
     * The lock, the diagnostics' badges and the problem badge, on the top edge at the right. They sit on the border
     * rather than in the header, so the title keeps its room when a node has a problem ("Feed-forward" was cut to
     * "Feed-f…").
     */
    private final HBox corner;
    /** The diagnostics' badges, or null; placed before the problem badge. */
    private javafx.scene.Node badges;
    private final Label nameLabel = new Label();
    private final Label summary = new Label();
    private final Label shape = new Label();
    private final Label parameters = new Label();
    final Circle inPort = new Circle(PORT_RADIUS);
    final Circle outPort = new Circle(PORT_RADIUS);
    private TextField nameEditor;
    /** The node as last shown, to skip work when an edit did not touch it. */
    private EditorNode shown;
    private String shownType;
    /** The full title of the node's type, as the palette shows it. */
    private String typeTitle = "";
    /** The parameter count as last shown; its text is formatted only when it changes. */
    private Long shownCount = -1L;
    /** The shape and parameter lines' texts; their labels get them when they are in the scene (see setFar). */
    private String shapeLine = "";
    private String parametersLine = "";
    /** Zoomed far out: only the header and the name are in the body (see {@link #setFar}). */
    private boolean far;

    /** @param frozenTip the canvas's one tooltip for the lock, which every node shares */
    NodeView(String name, Tooltip frozenTip) {
        this.name = name;
        setId("node-" + name);
        getStyleClass().add("graph-node");
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.NODE);

        title.setGraphic(typeIcon);
        title.getStyleClass().add("node-title");
        title.setMinWidth(0);
        frozenIcon.getStyleClass().add("frozen-icon");
        Tooltip.install(frozenIcon, frozenTip);
        problemBadge.getStyleClass().add("problem-badge");
        problemBadge.setId("problem-" + name);
        header = new HBox(title);
        header.getStyleClass().add("node-header");
        corner = new HBox(2, frozenIcon, problemBadge);
        // Managed, so a badge that comes or goes lays the node out again and the corner takes its new width; the
        // node's own size comes from the body alone (computePrefWidth, computePrefHeight).
        corner.getStyleClass().add("node-corner");

        nameLabel.getStyleClass().add("node-name");
        nameLabel.setText(name);
        summary.getStyleClass().add("node-summary");
        shape.getStyleClass().add("node-shape");
        shape.setGraphic(new FontIcon("mdi2a-arrow-right"));
        parameters.getStyleClass().add("node-parameters");
        for (Label l : List.of(nameLabel, summary, shape, parameters)) {
            l.setMaxWidth(Double.MAX_VALUE);
            l.setMinWidth(0);
        }
        // A long setting ("6@5×5 pad 2 · relu") takes a second line rather than an ellipsis.
        summary.setWrapText(true);
        body.getChildren().addAll(header, nameLabel, summary, shape, parameters);
        body.getStyleClass().add("node-body");

        inPort.setId("in-" + name);
        inPort.setAccessibleRole(AccessibleRole.NODE);
        outPort.setAccessibleRole(AccessibleRole.NODE);
        inPort.getStyleClass().addAll("port", "in-port");
        outPort.setId("out-" + name);
        outPort.getStyleClass().addAll("port", "out-port");
        shadow.getStyleClass().add("node-shadow");
        shadow.setMouseTransparent(true);
        getChildren().addAll(shadow, body, inPort, outPort, corner);
    }

    String name() {
        return name;
    }

    /** Shows {@code node} as the analysis sees it; cheap when nothing it shows has changed. */
    void update(EditorNode node, Analysis analysis, I18n i18n) {
        boolean changed = node != shown;
        if (changed) {
            relocate(node.x(), node.y());
            if (!node.type().equals(shownType)) {
                NodeTypes.NodeType type = NodeTypes.find(node.type());
                typeIcon.setIconLiteral(type != null ? type.icon() : "mdi2s-shape-outline");
                // The palette bundle owns the titles; until a type has one, its file name is the honest fallback.
                // The header shows the short title where there is one; a screen reader hears the full one.
                typeTitle = type != null && i18n.has(type.titleKey()) ? i18n.text(type.titleKey()) : node.type();
                title.setText(type != null && i18n.has(type.shortTitleKey()) ? i18n.text(type.shortTitleKey())
                        : typeTitle);
                shownType = node.type();
            }
            summary.setText(NodeTypes.summary(node.spec()));
            inPort.setVisible(node.spec().maxInputs() > 0 && !node.type().equals("input"));
            pseudoClassStateChanged(FROZEN, node.frozen());
            frozenIcon.setVisible(node.frozen());
            frozenIcon.setManaged(node.frozen());
            showCorner();
            shown = node;
        }
        String shapeText = analysis.shapeText(name);
        if (!shapeText.equals(shapeLine)) {
            shapeLine = shapeText;
            if (!far) {
                shape.setText(shapeText);
            }
            changed = true;
        }
        Long count = analysis.parameters().get(name);
        if (!Objects.equals(count, shownCount)) {
            parametersLine = count == null ? i18n.text("canvas.node.parametersUnknown")
                    : i18n.text("canvas.node.parameters", count);
            if (!far) {
                parameters.setText(parametersLine);
            }
            shownCount = count;
            changed = true;
        }
        List<Problem> problems = analysis.problemsOf(name);
        boolean bad = !problems.isEmpty();
        pseudoClassStateChanged(HAS_PROBLEM, bad);
        if (problemBadge.isManaged() != bad) {
            problemBadge.setVisible(bad);
            problemBadge.setManaged(bad);
            showCorner();
        }
        String text = bad ? String.join("\n", problems.stream()
                .map(p -> ProblemTexts.localize(p.message(), i18n)).toList()) : "";
        changed |= !text.equals(problemText);
        problemText = text;
        if (bad && !problemTooltipInstalled) {
            problemTooltipInstalled = true;
            LazyTooltip.install(problemBadge, () -> {
                problemTooltip = new Tooltip(problemText);
                problemTooltip.setShowDelay(Duration.millis(150));
                problemTooltip.setWrapText(true);
                problemTooltip.setMaxWidth(420);
                return problemTooltip;
            });
        }
        if (problemTooltip != null) {
            problemTooltip.setText(problemText);
        }
        // A screen reader hears the node as a sighted user reads it: type, name, settings, shape, parameters, problems.
        // Made again only when one of those changed: an edit elsewhere leaves the other nodes' texts as they were.
        if (changed || getAccessibleText() == null) {
            setAccessibleText(i18n.text("canvas.node.accessible", typeTitle, name, summary.getText(),
                    shapeLine, parametersLine) + (bad ? " " + problemText : ""));
        }
        if (inPort.getAccessibleText() == null) {
            inPort.setAccessibleText(i18n.text("canvas.port.inputOf", name));
            outPort.setAccessibleText(i18n.text("canvas.port.outputOf", name));
        }
    }

    /** Shows {@code box} (the diagnostics' badges for this node) in the header; null removes them. */
    void setBadges(javafx.scene.Node box) {
        if (box == badges) {
            return;
        }
        corner.getChildren().remove(badges);
        badges = box;
        if (box != null) {
            corner.getChildren().add(corner.getChildren().indexOf(problemBadge), box);
        }
        showCorner();
    }

    /** The corner shows while it holds something to show: its pill would otherwise sit empty on the border. */
    private void showCorner() {
        corner.setVisible(corner.getChildren().stream().anyMatch(javafx.scene.Node::isManaged));
    }

    /** The problems shown in the badge, one per line; empty when there are none. */
    String problemText() {
        return problemText;
    }

    /**
     * Zoomed far out, the node shows its header and name only: the settings, shape and parameter lines could not be
     * read at that size. They are taken out of the scene rather than hidden, because a hidden label whose text
     * changes still makes JavaFX repaint the area it covers, and an edit that changes every shape downstream would
     * then repaint every node. Out of the scene, the shape and parameter labels are not told of edits at all (a
     * label told of a new text lays it out, even out of the scene); they take the latest when they come back.
     */
    void setFar(boolean far) {
        if (far == this.far) {
            return;
        }
        this.far = far;
        if (far) {
            body.getChildren().removeAll(summary, shape, parameters);
        } else {
            shape.setText(shapeLine);
            parameters.setText(parametersLine);
            body.getChildren().addAll(summary, shape, parameters);
        }
    }

    void select(boolean on) {
        pseudoClassStateChanged(SELECTED, on);
    }

    void toggle(String styleClass, boolean on) {
        boolean has = getStyleClass().contains(styleClass);
        if (on && !has) {
            getStyleClass().add(styleClass);
        } else if (!on && has) {
            getStyleClass().remove(styleClass);
        }
    }

    // ---- inline rename ---------------------------------------------------------------------------------------

    /** Puts a text field over the name; the caller wires commit and cancel. */
    TextField startRename() {
        if (nameEditor == null) {
            nameEditor = new TextField();
            nameEditor.setId("rename-" + name);
            nameEditor.getStyleClass().add("node-name-editor");
        }
        nameEditor.setText(name);
        int index = body.getChildren().indexOf(nameLabel);
        if (index >= 0) {
            body.getChildren().set(index, nameEditor);
        }
        nameEditor.requestFocus();
        nameEditor.selectAll();
        return nameEditor;
    }

    void endRename() {
        if (nameEditor == null) {
            return;
        }
        int index = body.getChildren().indexOf(nameEditor);
        if (index >= 0) {
            body.getChildren().set(index, nameLabel);
        }
    }

    boolean renaming() {
        return nameEditor != null && nameEditor.getParent() != null;
    }

    // ---- layout ----------------------------------------------------------------------------------------------

    @Override
    protected double computePrefWidth(double height) {
        return WIDTH;
    }

    @Override
    protected double computePrefHeight(double width) {
        return Math.max(HEIGHT, body.prefHeight(WIDTH));
    }

    @Override
    protected void layoutChildren() {
        body.resizeRelocate(0, 0, WIDTH, getHeight());
        shadow.resizeRelocate(0, 0, WIDTH, getHeight());
        // A circle's centre is its local origin, so placing the origin puts the centre on the body's edge.
        inPort.setLayoutX(0);
        inPort.setLayoutY(PORT_Y);
        outPort.setLayoutX(WIDTH);
        outPort.setLayoutY(PORT_Y);
        // Centred on the top border, clear of the rounded corner.
        corner.autosize();
        corner.relocate(WIDTH - corner.getWidth() - 10, -corner.getHeight() / 2);
    }
}
