// The inspector's Node section: the selected node's settings in a PropertySheet, its output shape, parameter count
// and problems; a summary when several nodes are selected and a hint when none is. Edits are ChangeNode commands.
package org.stepwise.app.studio.inspector;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.editor.Analysis;
import org.stepwise.app.editor.ChangeNode;
import org.stepwise.app.editor.EditorGraph;
import org.stepwise.app.editor.EditorNode;
import org.stepwise.app.editor.Text;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.NodeTypes;
import org.stepwise.app.studio.ProblemTexts;
import org.stepwise.app.studio.Workspace;
import org.stepwise.core.graph.Problem;
import org.stepwise.core.tensor.Shape;

final class NodePane extends VBox {
    /** Proper names of the activations, the same in every language. */
    private static final Map<String, String> ACTIVATIONS = Map.of("relu", "ReLU", "leaky_relu", "Leaky ReLU",
            "sigmoid", "Sigmoid", "tanh", "Tanh", "gelu", "GELU", "softmax", "Softmax");
    /** Sheets kept for types not on show: enough for every type a usual graph has. */
    private static final int KEPT_SHEETS = 8;
    /** Types whose nodes have parameters, the only ones freezing means anything for. */
    private static final Set<String> TRAINABLE = Set.of("dense", "conv2d", "batchnorm", "layernorm",
            "token_embedding", "positional_embedding", "attention", "feedforward", "lm_head");

    private final Workspace workspace;
    private final I18n i18n;
    private final Label hint = new Label();
    private final VBox one = new VBox();
    private final FontIcon icon = new FontIcon("mdi2v-vector-square");
    private final Label title = new Label();
    private final Label description = new Label();
    /**
     * The sheet in the single-node view (null before the first node), and the sheets made for other types, kept
     * so that going back to a type makes nothing: making a sheet's editors costs tens of milliseconds.
     */
    private Sheet sheet;
    /**
     * Holds every kept sheet: the one on show first and visible, the others hidden after it. A sheet taken out of
     * the scene and put back is styled again from scratch, control by control, which cost 10–30 ms at every click
     * that went from a dense node to an add or back. Hidden sheets keep their editors' ids; the one on show comes
     * first, so a lookup by id finds its editor before a hidden sheet's.
     */
    private final VBox sheetSlot = new VBox();
    private final Map<List<String>, Sheet> sheets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, Sheet> eldest) {
            boolean evict = size() > KEPT_SHEETS;
            if (evict) {
                sheetSlot.getChildren().remove(eldest.getValue().view());
            }
            return evict;
        }
    };
    private final Label problemsTitle = new Label();
    private final VBox problems = new VBox();
    /** The node the sheet shows. */
    private String shownNode;
    /** The node whose values the sheet was last filled with, shown or not. */
    private String filledNode;

    NodePane(Workspace workspace, I18n i18n) {
        this.workspace = workspace;
        this.i18n = i18n;
        setId("inspector-node");

        hint.setId("inspector-node-hint");
        hint.getStyleClass().add("inspector-hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);

        icon.getStyleClass().add("inspector-node-icon");
        StackPane iconBox = new StackPane(icon);
        iconBox.getStyleClass().add("inspector-node-icon-box");
        iconBox.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        title.setId("inspector-node-title");
        title.getStyleClass().add("inspector-node-title");
        title.setWrapText(true);
        description.getStyleClass().add("inspector-muted");
        description.setWrapText(true);
        description.setMinHeight(Region.USE_PREF_SIZE);
        VBox texts = new VBox(title, description);
        texts.setMinWidth(0);
        HBox.setHgrow(texts, Priority.ALWAYS);
        HBox header = new HBox(iconBox, texts);
        header.getStyleClass().add("inspector-node-header");
        header.setAlignment(Pos.TOP_LEFT);

        problemsTitle.setText(i18n.text("node.problems"));
        problemsTitle.getStyleClass().add("inspector-group");
        problems.setId("inspector-node-problems");
        problems.getStyleClass().add("inspector-problems");

        one.getStyleClass().add("inspector-node-one");
        sheetSlot.setId("inspector-sheets");
        VBox.setVgrow(sheetSlot, Priority.ALWAYS);
        one.getChildren().addAll(header, sheetSlot, problemsTitle, problems);
        VBox.setVgrow(one, Priority.ALWAYS);
        getStyleClass().add("inspector-content");
        getChildren().addAll(hint, one);
        refresh();
    }

    /** Shows what the selection and the graph are now; keeps the editors (and focus) when only values changed. */
    void refresh() {
        EditorGraph graph = workspace.graph();
        // Names that left the graph (a rename, an undone add) no longer count as selected.
        List<String> selected = workspace.selection().stream().filter(graph::contains).sorted().toList();
        boolean single = selected.size() == 1;
        show(hint, !single);
        show(one, single);
        if (!single) {
            shownNode = null;
            hint.setText(selected.isEmpty()
                    ? i18n.text("node.none", count(graph.analysis().totalParameters()))
                    : i18n.text("node.many", selected.size()));
            return;
        }
        EditorNode node = graph.node(selected.get(0));
        shownNode = node.name();
        fill(node, graph.analysis());
    }

    /**
     * Makes one sheet ahead of the first click on a node, while nothing is selected: for the commonest kind of node
     * in the graph that has no sheet yet (those with settings first), filled with the first such node. The sheet
     * stays hidden, but the next pulse styles and lays it out, so the first click on a node of that kind only fills
     * in values instead of making a dozen controls and styling them cold (over 100 ms on a slow machine, a visible
     * hitch). Called once a pulse until it makes none, so no single frame makes more than one.
     *
     * @return whether it made a sheet
     */
    boolean prepare() {
        if (shownNode != null || sheets.size() >= KEPT_SHEETS) {
            return false;
        }
        EditorGraph graph = workspace.graph();
        Map<List<String>, List<EditorNode>> perStructure = new LinkedHashMap<>();
        for (EditorNode n : graph.nodes()) {
            perStructure.computeIfAbsent(structure(n), k -> new ArrayList<>()).add(n);
        }
        java.util.Comparator<List<EditorNode>> commonest = java.util.Comparator
                .<List<EditorNode>, Boolean>comparing(ns -> !NodeFields.of(ns.get(0).spec()).isEmpty())
                .thenComparingInt(List::size);
        var next = perStructure.entrySet().stream().filter(e -> !sheets.containsKey(e.getKey()))
                .map(Map.Entry::getValue).max(commonest);
        next.ifPresent(ns -> fill(ns.get(0), graph.analysis()));
        return next.isPresent();
    }

    /** What a sheet is made for: the node's type and the keys of its settings. */
    private static List<String> structure(EditorNode node) {
        return structure(node, NodeFields.of(node.spec()));
    }

    private static List<String> structure(EditorNode node, List<NodeFields.Field> fields) {
        List<String> keys = new ArrayList<>(List.of(node.type()));
        fields.forEach(f -> keys.add(f.key()));
        return keys;
    }

    /** Puts a node's settings, header and problems into the single-node view, shown or not. */
    private void fill(EditorNode node, Analysis analysis) {
        List<NodeFields.Field> fields = NodeFields.of(node.spec());
        List<String> keys = structure(node, fields);
        boolean fresh = !node.name().equals(filledNode);
        if (sheet == null || !keys.equals(sheet.structure())) {
            Sheet next = sheets.computeIfAbsent(keys, k -> newSheet(k, node, fields));
            if (sheet != null) {
                show(sheet.view(), false);
            }
            if (next.view().getParent() == null) {
                sheetSlot.getChildren().add(next.view());
            }
            next.view().toBack(); // a reorder, which restyles nothing
            show(next.view(), true);
            sheet = next;
            fresh = true;
        }
        filledNode = node.name();
        for (FieldItem item : sheet.items()) {
            item.setValue(value(node, analysis, item.key));
        }
        if (fresh) {
            // Another node (or a kept sheet back on show): refusals typed for the one before no longer apply.
            sheet.editors().forEach(e -> e.setValue(e.getValue()));
        }

        NodeTypes.NodeType type = NodeTypes.find(node.type());
        icon.setIconLiteral(type != null ? type.icon() : "mdi2v-vector-square");
        String typeTitle = type != null ? i18n.text(type.titleKey()) : node.type();
        title.setText(typeTitle + " \u00b7 " + node.name());
        description.setText(type != null ? i18n.text(type.descriptionKey()) : "");

        List<Problem> mine = analysis.problemsOf(node.name());
        show(problemsTitle, !mine.isEmpty());
        problems.getChildren().clear();
        for (Problem p : mine) {
            Label l = new Label(ProblemTexts.localize(p.message(), i18n));
            l.getStyleClass().add("inspector-problem");
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            problems.getChildren().add(l);
        }
    }

    /** A sheet with the editors of one structure: a node type and the keys of its settings. */
    private record Sheet(List<String> structure, PropertySheet view, List<FieldItem> items,
                         List<FieldEditor> editors) {
    }

    private Sheet newSheet(List<String> structure, EditorNode node, List<NodeFields.Field> fields) {
        List<FieldItem> items = new ArrayList<>();
        items.add(item("name", FieldKind.NAME, List.of(), this::rename));
        for (NodeFields.Field f : fields) {
            items.add(item(f.key(), f.kind(), f.choices(), text -> changeSpec(f.key(), text)));
        }
        if (TRAINABLE.contains(node.type())) {
            items.add(item("frozen", FieldKind.FLAG, List.of(), this::freeze));
        }
        items.add(item("outputShape", FieldKind.READ_ONLY, List.of(), text -> null));
        items.add(item("parameters", FieldKind.READ_ONLY, List.of(), text -> null));

        List<FieldEditor> editors = new ArrayList<>();
        PropertySheet view = new PropertySheet();
        view.setModeSwitcherVisible(false);
        view.setSearchBoxVisible(false);
        view.setFocusTraversable(false); // Tab goes straight to its fields; the sheet itself does nothing with focus
        view.setMode(PropertySheet.Mode.NAME);
        view.setPropertyEditorFactory(item -> {
            FieldEditor editor = new FieldEditor((FieldItem) item);
            editors.add(editor);
            return editor;
        });
        view.getStyleClass().add("inspector-sheet");
        // The sheet scrolls by itself, so it takes the height left after the header and the problems.
        view.setMinHeight(120);
        VBox.setVgrow(view, Priority.ALWAYS);
        view.getItems().setAll(items);
        return new Sheet(List.copyOf(structure), view, List.copyOf(items), editors);
    }

    private FieldItem item(String key, FieldKind kind, List<String> choices,
                           java.util.function.Function<String, String> commit) {
        String help = "prop." + key + ".help";
        return new FieldItem(key, "prop-" + key, kind, choices, id -> choiceLabel(key, id),
                i18n.text("prop." + key), i18n.has(help) ? i18n.text(help) : null, commit);
    }

    private String value(EditorNode node, Analysis analysis, String key) {
        return switch (key) {
            case "name" -> node.name();
            case "frozen" -> Boolean.toString(node.frozen());
            case "outputShape" -> {
                Shape s = analysis.shapes().get(node.name());
                yield s == null ? i18n.text("node.shape.unknown") : "(" + NodeFields.shapeText(s) + ")";
            }
            case "parameters" -> {
                Long p = analysis.parameters().get(node.name());
                yield p == null ? i18n.text("node.shape.unknown") : count(p);
            }
            default -> NodeFields.value(node.spec(), key);
        };
    }

    private String choiceLabel(String key, String id) {
        if (key.equals("init")) {
            return i18n.text("init." + id);
        }
        return id.equals("identity") ? i18n.text("activation.identity") : ACTIVATIONS.getOrDefault(id, id);
    }

    private String changeSpec(String key, String text) {
        EditorGraph graph = workspace.graph();
        EditorNode node = graph.node(shownNode);
        if (node == null) {
            return null;
        }
        NodeFields.Outcome outcome = NodeFields.apply(node.spec(), key, text);
        if (outcome.refusal() != null) {
            return i18n.text(outcome.refusal());
        }
        if (!outcome.spec().equals(node.spec())) {
            workspace.execute(ChangeNode.spec(graph, node.name(), outcome.spec()));
        }
        return null;
    }

    private String rename(String text) {
        EditorGraph graph = workspace.graph();
        String current = shownNode;
        String wanted = text.strip();
        Text refusal = ChangeNode.nameRefusal(graph, current, wanted);
        if (refusal != null) {
            return i18n.text(refusal);
        }
        if (!wanted.equals(current)) {
            // The selection follows the node. Names not in the graph do not count, so selecting the new name
            // first means the selection never looks empty or double, and the editors (and focus) stay.
            workspace.selection().add(wanted);
            workspace.execute(ChangeNode.rename(graph, current, wanted));
            workspace.selection().remove(current);
        }
        return null;
    }

    private String freeze(String text) {
        EditorNode node = workspace.graph().node(shownNode);
        boolean frozen = Boolean.parseBoolean(text);
        if (node != null && node.frozen() != frozen) {
            workspace.execute(ChangeNode.frozen(workspace.graph(), node.name(), frozen));
        }
        return null;
    }

    private String count(long n) {
        return NumberFormat.getIntegerInstance(i18n.locale()).format(n);
    }

    private static void show(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }
}
