// One titled heatmap with its caption (what rows, columns and tiles are) and its colour bar right above it, the unit
// every page of the detail view is built from.
package org.stepwise.app.studio.detail;

import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

final class HeatmapSection extends VBox {
    private final Label title = new Label();
    private final Label caption = new Label();
    private final Label note = new Label();
    private final Heatmap heatmap;
    private final ColorBar legend = new ColorBar();

    HeatmapSection(String what) {
        super(6);
        heatmap = new Heatmap(what);
        getStyleClass().add("detail-section");
        title.getStyleClass().add("detail-section-title");
        caption.getStyleClass().add("detail-caption");
        caption.setWrapText(true);
        note.getStyleClass().add("detail-note");
        note.setWrapText(true);
        note.managedProperty().bind(note.visibleProperty());
        note.setVisible(false);
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        getChildren().addAll(title, caption, legend, heatmap, note);
        managedProperty().bind(visibleProperty());
    }

    void show(String titleText, String captionText, float[] data, Grid grid, ColorMap map) {
        title.setText(titleText);
        caption.setText(captionText);
        Scale scale = Scale.of(data, grid.base(), grid.base() + grid.size(), map);
        heatmap.show(data, grid, scale);
        legend.show(scale);
        // For a screen reader: what the map shows and the range its colours span, as the legend reads.
        heatmap.setAccessibleText(titleText + ". " + captionText + " " + Numbers.brief(scale.min()) + " … "
                + Numbers.brief(scale.max()));
    }

    /** A line under the legend (why values are greyed, say); null hides it. */
    void note(String text, String id) {
        note.setVisible(text != null);
        note.setText(text);
        note.setId(id);
    }

    Heatmap heatmap() {
        return heatmap;
    }

    ColorBar legend() {
        return legend;
    }
}
