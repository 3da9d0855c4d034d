// The attention side of the Transformer tab: every head of every block as a heatmap for one sample of the current
// batch (rows = blocks, columns = heads), each with its previous-token score and the best such head marked; the colour
// bar; the residual stream's norms; and the sample's text. It draws only the snapshot's copies, never live buffers.
package org.stepwise.app.studio.transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.detail.ColorBar;

final class AttentionView extends BorderPane {
    /** One head's heatmap with its title and score. */
    record Card(int layer, int head, VBox box, Label title, Label score, AttentionMap map) {
    }

    private final I18n i18n;
    private final java.util.function.IntConsumer watch;
    private final Spinner<Integer> sample = new Spinner<>();
    private final Label readout = new Label();
    private final Label status = new Label();
    private final HeadGrid grid = new HeadGrid();
    private final List<Card> cards = new ArrayList<>();
    private final ResidualChart residual;
    private final TextFlow sampleText = new TextFlow();
    private final List<Text> characters = new ArrayList<>();
    private final BorderPane enlargedPane = new BorderPane();
    private final AttentionMap enlargedMap = new AttentionMap();
    private final Label enlargedTitle = new Label();
    private final StackPane centre = new StackPane();
    private TransformerSnapshot shown;
    /** The card shown large, or null for the grid of every head. */
    private Card enlarged;
    private int[] shownTokens;

    /** @param watch tells training which sample to copy attention for (−1: none) */
    AttentionView(I18n i18n, java.util.function.IntConsumer watch) {
        this.i18n = i18n;
        this.watch = watch;
        this.residual = new ResidualChart(i18n);
        getStyleClass().add("transformer-attention");
        setId("transformer-attention");

        Label sampleLabel = new Label(i18n.text("transformer.sample"));
        sample.setId("transformer-sample");
        sample.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 1, 1));
        sample.setEditable(false);
        sample.setPrefWidth(90);
        sample.valueProperty().addListener((o, was, is) -> {
            if (is != null) {
                watch.accept(is - 1);
            }
        });
        sampleLabel.setLabelFor(sample);
        sampleLabel.setMinWidth(Region.USE_PREF_SIZE);
        sample.setMinWidth(Region.USE_PREF_SIZE);
        Label axes = new Label(i18n.text("transformer.axes"));
        axes.getStyleClass().add("transformer-note");
        axes.setWrapText(true);
        HBox.setHgrow(axes, Priority.ALWAYS);
        HBox bar = new HBox(10, sampleLabel, sample, axes);
        bar.setMinHeight(Region.USE_PREF_SIZE);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("transformer-bar");
        readout.setId("transformer-readout");
        readout.getStyleClass().add("transformer-readout");
        readout.setMinHeight(Region.USE_PREF_SIZE);
        status.setId("transformer-status");
        status.getStyleClass().add("transformer-note");
        status.setText(i18n.text("transformer.waiting"));
        setTop(new VBox(4, bar, readout));

        enlargedMap.setId("transformer-enlarged");
        enlargedMap.setOnHover(this::hovered);
        enlargedMap.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                enlarge(null);
            }
        });
        Button back = new Button(i18n.text("transformer.allHeads"));
        back.setId("transformer-all-heads");
        back.setOnAction(e -> enlarge(null));
        enlargedTitle.getStyleClass().add("transformer-head-title");
        HBox enlargedBar = new HBox(12, back, enlargedTitle);
        enlargedBar.setAlignment(Pos.CENTER_LEFT);
        enlargedPane.setTop(enlargedBar);
        enlargedPane.setCenter(enlargedMap);
        BorderPane.setMargin(enlargedMap, new Insets(6, 0, 0, 0));
        centre.getChildren().setAll(status);
        centre.setMinSize(0, 0);
        setCenter(centre);
        BorderPane.setMargin(centre, new Insets(8, 12, 0, 0));

        ColorBar colours = new ColorBar();
        colours.show(AttentionMap.SCALE);
        sampleText.setId("transformer-sample-text");
        sampleText.getStyleClass().add("transformer-sample-text");
        sampleText.setMaxWidth(330);
        VBox side = new VBox(8, title("transformer.weight"), colours, title("transformer.residual"),
                residual.viewer(), title("transformer.sampleText"), sampleText);
        side.getStyleClass().add("transformer-side");
        side.setMinWidth(Region.USE_PREF_SIZE);
        side.setPrefWidth(350);
        setRight(side);
    }

    // ---- Commands ---------------------------------------------------------------------------------------------

    /** Shows the snapshot's copies for the watched sample; a snapshot without them leaves the waiting note. */
    void follow(StepSnapshot snapshot) {
        TransformerSnapshot t = snapshot == null ? null : snapshot.transformer();
        if (snapshot != null && snapshot.rows() > 0) {
            var range = (SpinnerValueFactory.IntegerSpinnerValueFactory) sample.getValueFactory();
            range.setMax(snapshot.rows());
        }
        if (t == null) {
            shown = null;
            cards.clear();
            enlarged = null;
            status.setText(i18n.text("transformer.waiting"));
            centre.getChildren().setAll(status);
            return;
        }
        shown = t;
        if (cards.size() != t.layers().stream().mapToInt(TransformerSnapshot.Layer::heads).sum()) {
            buildCards(t);
        }
        int bestLayer = 0;
        int bestHead = 0;
        for (int l = 0; l < t.layers().size(); l++) {
            TransformerSnapshot.Layer layer = t.layers().get(l);
            int h = layer.bestPreviousHead();
            if (layer.previousScores()[h] > t.layers().get(bestLayer).previousScores()[bestHead]) {
                bestLayer = l;
                bestHead = h;
            }
        }
        for (Card c : cards) {
            TransformerSnapshot.Layer layer = t.layers().get(c.layer());
            boolean best = c.layer() == bestLayer && c.head() == bestHead;
            c.score().setText(i18n.text(best ? "transformer.previous.best" : "transformer.previous",
                    format(layer.previousScores()[c.head()])));
            c.box().getStyleClass().remove("transformer-best");
            if (best) {
                c.box().getStyleClass().add("transformer-best");
            }
            c.map().show(layer.patterns()[c.head()], layer.positions(), t::symbol);
        }
        if (enlarged != null) {
            TransformerSnapshot.Layer layer = t.layers().get(enlarged.layer());
            enlargedMap.show(layer.patterns()[enlarged.head()], layer.positions(), t::symbol);
        }
        residual.show(t.residual());
        showSampleText(t);
    }

    /** Shows one head large, or every head again for null. */
    void enlarge(Card card) {
        enlarged = card;
        if (card == null) {
            centre.getChildren().setAll(shown == null ? status : grid);
            return;
        }
        enlargedTitle.setText(card.title().getText() + " · " + card.score().getText());
        TransformerSnapshot.Layer layer = shown.layers().get(card.layer());
        enlargedMap.show(layer.patterns()[card.head()], layer.positions(), shown::symbol);
        centre.getChildren().setAll(enlargedPane);
    }

    /** Shown: copy attention for the chosen sample; hidden: for none, which saves the copies. */
    void watching(boolean on) {
        watch.accept(on ? sample.getValue() - 1 : -1);
    }

    // ---- reading, for tests and screenshots -------------------------------------------------------------------

    List<Card> cards() {
        return List.copyOf(cards);
    }

    TransformerSnapshot shown() {
        return shown;
    }

    ResidualChart residual() {
        return residual;
    }

    AttentionMap enlargedMap() {
        return enlarged == null ? null : enlargedMap;
    }

    Spinner<Integer> sampleSpinner() {
        return sample;
    }

    String readout() {
        return readout.getText();
    }

    // ---- building ---------------------------------------------------------------------------------------------

    private void buildCards(TransformerSnapshot t) {
        cards.clear();
        enlarged = null;
        int heads = 0;
        for (int l = 0; l < t.layers().size(); l++) {
            TransformerSnapshot.Layer layer = t.layers().get(l);
            heads = Math.max(heads, layer.heads());
            for (int h = 0; h < layer.heads(); h++) {
                Label title = new Label(i18n.text("transformer.head", l + 1, h + 1));
                title.getStyleClass().add("transformer-head-title");
                Label score = new Label();
                score.getStyleClass().add("transformer-score");
                score.setId("transformer-score-" + l + "-" + h);
                AttentionMap map = new AttentionMap();
                map.setId("attention-" + l + "-" + h);
                map.setOnHover(this::hovered);
                VBox header = new VBox(0, title, score);
                VBox box = new VBox(2, header, map);
                box.getStyleClass().add("transformer-card");
                VBox.setVgrow(map, Priority.ALWAYS);
                Card card = new Card(l, h, box, title, score, map);
                map.setOnMouseClicked(e -> {
                    if (e.getButton() == MouseButton.PRIMARY) {
                        enlarge(card);
                    }
                });
                cards.add(card);
            }
        }
        grid.show(cards.stream().map(Card::box).toList(), heads);
        centre.getChildren().setAll(grid);
    }

    private void hovered(AttentionMap map, int row, int col) {
        characters.forEach(c -> c.getStyleClass().removeAll("transformer-query", "transformer-key"));
        if (row < 0 || shown == null) {
            readout.setText("");
            return;
        }
        Card card = map == enlargedMap ? enlarged
                : cards.stream().filter(c -> c.map() == map).findFirst().orElse(null);
        if (card == null) {
            return;
        }
        String where = card.title().getText();
        String value = col > row ? i18n.text("transformer.masked")
                : String.format(Locale.ROOT, "%.2f", map.value(row, col));
        readout.setText(i18n.text("transformer.hover", where, row, shown.symbol(row), col, shown.symbol(col), value));
        if (row < characters.size() && col < characters.size()) {
            characters.get(col).getStyleClass().add("transformer-key");
            characters.get(row).getStyleClass().add("transformer-query");
        }
    }

    private void showSampleText(TransformerSnapshot t) {
        if (java.util.Arrays.equals(t.tokens(), shownTokens)) {
            return;
        }
        shownTokens = t.tokens();
        characters.clear();
        if (t.tokens() != null) {
            for (int i = 0; i < t.tokens().length; i++) {
                Text c = new Text(t.symbol(i));
                c.getStyleClass().add("transformer-char");
                characters.add(c);
            }
        }
        sampleText.getChildren().setAll(characters);
    }

    private Label title(String key) {
        Label l = new Label(i18n.text(key));
        l.getStyleClass().add("transformer-title");
        l.setWrapText(true);
        return l;
    }

    private String format(double score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }

    /** The cards in rows of {@code across} (one row per block), each as large as the room allows. */
    private static final class HeadGrid extends Region {
        private static final double GAP = 14;
        private int across = 1;

        HeadGrid() {
            setMinSize(0, 0);
        }

        void show(List<? extends Node> boxes, int perRow) {
            across = Math.max(1, perRow);
            getChildren().setAll(boxes);
        }

        @Override
        protected void layoutChildren() {
            List<Node> boxes = getChildren();
            if (boxes.isEmpty()) {
                return;
            }
            int down = (boxes.size() + across - 1) / across;
            double header = ((VBox) boxes.get(0)).getChildren().get(0).prefHeight(-1) + 2;
            double w = getWidth();
            double h = getHeight();
            double side = Math.min((w - (across - 1) * GAP) / across, (h - (down - 1) * GAP) / down - header);
            side = Math.max(80, Math.floor(side));
            for (int i = 0; i < boxes.size(); i++) {
                Node box = boxes.get(i);
                box.resizeRelocate((i % across) * (side + GAP), (i / across) * (side + header + GAP),
                        side, side + header);
            }
        }
    }
}
