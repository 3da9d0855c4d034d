// The palette: every node type in its section, with icon, title and one-line description, to drag onto the canvas
// or add with Enter. It only offers types; the canvas decides where a dropped or added node goes.
package org.stepwise.app.studio.palette;

import atlantafx.base.controls.CustomTextField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.NodeTypes;
import org.stepwise.app.studio.Workspace;

public final class PaletteView extends VBox {
    /** What a palette drag carries: this prefix and the node type, e.g. "stepwise-node:dense". */
    public static final String DRAG_PREFIX = "stepwise-node:";
    private static final List<String> GROUPS = List.of("layers", "activations", "merges", "transformer");

    private final I18n i18n;
    private final CustomTextField filter = new CustomTextField();
    private final Label noMatch = new Label();
    private final List<Section> sections = new ArrayList<>();
    private final ScrollPane scroller;
    private Consumer<String> onAdd = type -> { };

    /** One section: its header and its rows, hidden together when the filter leaves no row. */
    private record Section(Label header, List<Row> rows) {
    }

    private record Row(NodeTypes.NodeType type, HBox node, String searchText) {
    }

    // The workspace is not read yet: the palette offers the same types whatever the graph holds.
    public PaletteView(Workspace workspace, I18n i18n) {
        Objects.requireNonNull(workspace);
        this.i18n = i18n;
        setId("palette");
        getStyleClass().add("palette");
        getStylesheets().add(Objects.requireNonNull(PaletteView.class.getResource("palette.css")).toExternalForm());

        Label title = new Label(i18n.text("palette.title"));
        title.getStyleClass().add("palette-title");

        filter.setId("palette-filter");
        filter.setPromptText(i18n.text("palette.filter.prompt"));
        filter.setLeft(new FontIcon("mdi2m-magnify"));
        filter.textProperty().addListener((o, was, now) -> applyFilter(now));
        filter.addEventHandler(KeyEvent.KEY_PRESSED, this::filterKey);

        VBox list = new VBox();
        list.getStyleClass().add("palette-list");
        for (String group : GROUPS) {
            Label header = new Label(i18n.text("palette.section." + group));
            header.getStyleClass().add("palette-section");
            List<Row> rows = new ArrayList<>();
            list.getChildren().add(header);
            for (NodeTypes.NodeType type : NodeTypes.all()) {
                if (type.group().equals(group)) {
                    Row row = row(type);
                    rows.add(row);
                    list.getChildren().add(row.node());
                }
            }
            sections.add(new Section(header, rows));
        }
        noMatch.getStyleClass().add("palette-empty");
        noMatch.setWrapText(true);
        show(noMatch, false);
        list.getChildren().add(noMatch);

        scroller = new ScrollPane(list);
        scroller.setFitToWidth(true);
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.getStyleClass().add("palette-scroller");
        VBox.setVgrow(scroller, Priority.ALWAYS);

        Label hint = new Label(i18n.text("palette.hint"));
        hint.getStyleClass().add("palette-hint");
        hint.setWrapText(true);
        hint.setMinHeight(USE_PREF_SIZE);

        VBox top = new VBox(title, filter);
        top.getStyleClass().add("palette-top");
        getChildren().addAll(top, scroller, hint);
    }

    /** Called with the type when a row is chosen from the keyboard (Enter) or by double-click. */
    public void setOnAdd(Consumer<String> onAdd) {
        this.onAdd = onAdd == null ? type -> { } : onAdd;
    }

    /** The drag's payload for a type, as the canvas reads it. */
    static ClipboardContent dragContent(String type) {
        ClipboardContent content = new ClipboardContent();
        content.putString(DRAG_PREFIX + type);
        return content;
    }

    private Row row(NodeTypes.NodeType type) {
        String titleText = i18n.text(type.titleKey());
        String descriptionText = i18n.text(type.descriptionKey());

        FontIcon icon = new FontIcon(type.icon());
        icon.getStyleClass().add("palette-icon");
        StackPane iconBox = new StackPane(icon);
        iconBox.getStyleClass().add("palette-icon-box");
        iconBox.setMinSize(USE_PREF_SIZE, USE_PREF_SIZE);
        iconBox.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);

        // Two Texts in one flow, not two Labels in a box: every start makes and styles all the rows, which were a
        // third of the window's nodes, and a Label is a control that makes a skin of its own.
        Text title = new Text(titleText);
        title.getStyleClass().add("palette-row-title");
        Text description = new Text("\n" + descriptionText);
        description.getStyleClass().add("palette-row-description");
        TextFlow texts = new TextFlow(title, description);
        texts.getStyleClass().add("palette-row-texts");
        texts.setMinWidth(0);
        HBox.setHgrow(texts, Priority.ALWAYS);

        HBox node = new HBox(iconBox, texts);
        node.setId("palette-" + type.type());
        node.getStyleClass().add("palette-row");
        node.setAlignment(Pos.TOP_LEFT);
        node.setFocusTraversable(true);
        node.setAccessibleText(titleText + ". " + descriptionText);

        node.setOnMouseClicked(e -> {
            node.requestFocus();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                onAdd.accept(type.type());
            }
        });
        node.addEventHandler(KeyEvent.KEY_PRESSED, e -> rowKey(e, type.type(), node));
        node.focusedProperty().addListener((o, was, now) -> {
            if (now) {
                org.stepwise.app.studio.Scrolling.reveal(scroller, node, 0);
            }
        });
        node.setOnDragDetected(e -> {
            Dragboard board = node.startDragAndDrop(TransferMode.COPY);
            board.setContent(dragContent(type.type()));
            SnapshotParameters parameters = new SnapshotParameters();
            parameters.setFill(Color.TRANSPARENT);
            board.setDragView(node.snapshot(parameters, null), e.getX(), e.getY());
            e.consume();
        });
        String search = (type.type() + " " + titleText + " " + descriptionText).toLowerCase(Locale.ROOT);
        return new Row(type, node, search);
    }

    private void rowKey(KeyEvent e, String type, Node row) {
        switch (e.getCode()) {
            case ENTER, SPACE -> {
                onAdd.accept(type);
                e.consume();
            }
            case DOWN -> {
                focusNeighbour(row, 1);
                e.consume();
            }
            case UP -> {
                focusNeighbour(row, -1);
                e.consume();
            }
            default -> {
            }
        }
    }

    private void filterKey(KeyEvent e) {
        if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) {
            List<Node> rows = visibleRows();
            if (!rows.isEmpty()) {
                if (e.getCode() == KeyCode.ENTER && rows.size() == 1) {
                    rows.get(0).requestFocus();
                    onAdd.accept(rows.get(0).getId().substring("palette-".length()));
                } else {
                    rows.get(0).requestFocus();
                }
                e.consume();
            }
        } else if (e.getCode() == KeyCode.ESCAPE && !filter.getText().isEmpty()) {
            filter.clear();
            e.consume();
        }
    }

    /** Up and Down walk the visible rows; Up from the first returns to the filter. */
    private void focusNeighbour(Node row, int step) {
        List<Node> rows = visibleRows();
        int at = rows.indexOf(row) + step;
        if (at >= 0 && at < rows.size()) {
            rows.get(at).requestFocus();
        } else if (at < 0) {
            filter.requestFocus();
        }
    }

    private List<Node> visibleRows() {
        List<Node> rows = new ArrayList<>();
        for (Section s : sections) {
            for (Row r : s.rows()) {
                if (r.node().isVisible()) {
                    rows.add(r.node());
                }
            }
        }
        return rows;
    }

    private void applyFilter(String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        boolean any = false;
        for (Section s : sections) {
            boolean sectionShown = false;
            for (Row r : s.rows()) {
                boolean shown = needle.isEmpty() || r.searchText().contains(needle);
                show(r.node(), shown);
                sectionShown |= shown;
            }
            show(s.header(), sectionShown);
            any |= sectionShown;
        }
        noMatch.setText(i18n.text("palette.filter.empty", text == null ? "" : text.strip()));
        show(noMatch, !any);
    }

    private static void show(Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }
}
