// The Data tab's preview: a scatter of 2-D data coloured by class (or by target), a grid of the first images, or
// a table of the first rows. It draws a PreviewData and nothing else; loading happens elsewhere.
package org.stepwise.app.studio.data;

import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.stepwise.app.studio.I18n;

public final class DataPreview extends VBox {
    /** The scatter's side in pixels; the panel is about 300 wide. */
    static final double SCATTER_SIZE = 260;
    private static final double THUMB = 48;
    /** Class colours, as in the playground: blue and orange first, then distinct hues. */
    private static final List<Color> CLASS_COLORS = List.of(Color.web("#1f77b4"), Color.web("#ff7f0e"),
            Color.web("#2ca02c"), Color.web("#d62728"), Color.web("#9467bd"), Color.web("#8c564b"),
            Color.web("#e377c2"), Color.web("#7f7f7f"), Color.web("#bcbd22"), Color.web("#17becf"));

    private final I18n i18n;
    private final Label caption = new Label();
    private PreviewData shown;

    public DataPreview(I18n i18n) {
        this.i18n = i18n;
        setId("data-preview");
        getStyleClass().add("data-preview");
        setSpacing(6);
        caption.setId("data-preview-caption");
        caption.getStyleClass().add("inspector-muted");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
    }

    /** Shows {@code data}; null empties the preview. */
    public void show(PreviewData data) {
        shown = data;
        if (data == null) {
            getChildren().clear();
            return;
        }
        Region view = switch (data.kind()) {
            case SCATTER -> scatter(data);
            case IMAGES -> thumbnails(data);
            case TABLE -> table(data);
        };
        caption.setText(i18n.text("data.preview." + data.kind().name().toLowerCase(java.util.Locale.ROOT),
                data.count(), data.samples()));
        getChildren().setAll(view, caption);
    }

    /** What is shown now, or null. */
    public PreviewData shown() {
        return shown;
    }

    private Region scatter(PreviewData d) {
        Canvas canvas = new Canvas(SCATTER_SIZE, SCATTER_SIZE);
        float[] xy = d.values();
        float minX = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < d.count(); i++) {
            minX = Math.min(minX, xy[2 * i]);
            maxX = Math.max(maxX, xy[2 * i]);
            minY = Math.min(minY, xy[2 * i + 1]);
            maxY = Math.max(maxY, xy[2 * i + 1]);
        }
        float minT = Float.POSITIVE_INFINITY;
        float maxT = Float.NEGATIVE_INFINITY;
        if (d.targets() != null) {
            for (float t : d.targets()) {
                minT = Math.min(minT, t);
                maxT = Math.max(maxT, t);
            }
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.gray(0.5, 0.08));
        g.fillRect(0, 0, SCATTER_SIZE, SCATTER_SIZE);
        double pad = 6;
        double r = 2.5;
        double spanX = Math.max(1e-9, maxX - minX);
        double spanY = Math.max(1e-9, maxY - minY);
        for (int i = 0; i < d.count(); i++) {
            double px = pad + (xy[2 * i] - minX) / spanX * (SCATTER_SIZE - 2 * pad);
            double py = SCATTER_SIZE - pad - (xy[2 * i + 1] - minY) / spanY * (SCATTER_SIZE - 2 * pad);
            Color c = d.classes() != null ? CLASS_COLORS.get(d.classes()[i] % CLASS_COLORS.size())
                    : d.targets() != null ? CLASS_COLORS.get(0).interpolate(CLASS_COLORS.get(1),
                    (d.targets()[i] - minT) / Math.max(1e-9, maxT - minT)) : CLASS_COLORS.get(0);
            g.setFill(c.deriveColor(0, 1, 1, 0.8));
            g.fillOval(px - r, py - r, 2 * r, 2 * r);
        }
        canvas.setId("data-preview-scatter");
        canvas.getProperties().put("points", d.count());
        VBox box = new VBox(canvas);
        box.getStyleClass().add("data-preview-frame");
        return box;
    }

    private Region thumbnails(PreviewData d) {
        TilePane grid = new TilePane(4, 4);
        grid.setId("data-preview-thumbnails");
        grid.setPrefColumns(5);
        int channels = d.shape().dim(0);
        int height = d.shape().dim(1);
        int width = d.shape().dim(2);
        int size = channels * height * width;
        for (int i = 0; i < d.count(); i++) {
            WritableImage image = new WritableImage(width, height);
            PixelWriter w = image.getPixelWriter();
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < size; k++) {
                lo = Math.min(lo, d.values()[i * size + k]);
                hi = Math.max(hi, d.values()[i * size + k]);
            }
            float span = Math.max(1e-6f, hi - lo);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double[] rgb = new double[3];
                    for (int ch = 0; ch < 3; ch++) {
                        int c = Math.min(ch, channels - 1);
                        rgb[ch] = (d.values()[i * size + (c * height + y) * width + x] - lo) / span;
                    }
                    w.setColor(x, y, Color.color(rgb[0], rgb[1], rgb[2]));
                }
            }
            ImageView view = new ImageView(image);
            view.setFitWidth(THUMB);
            view.setFitHeight(THUMB);
            view.setSmooth(false);
            view.getStyleClass().add("data-thumbnail");
            if (d.classes() != null) {
                int label = d.classes()[i];
                String name = d.classNames() != null && label < d.classNames().size() ? d.classNames().get(label)
                        : Integer.toString(label);
                Tooltip.install(view, new Tooltip(i18n.classLabel(name)));
            }
            grid.getChildren().add(view);
        }
        return grid;
    }

    private Region table(PreviewData d) {
        TableView<List<String>> table = new TableView<>();
        table.setId("data-preview-table");
        for (int c = 0; c <= d.columns().size(); c++) {
            int column = c;
            String title = c < d.columns().size() ? d.columns().get(c) : i18n.text("data.preview.target");
            TableColumn<List<String>, String> col = new TableColumn<>(title);
            col.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().get(column)));
            col.setSortable(false);
            col.setPrefWidth(72);
            table.getColumns().add(col);
        }
        table.getItems().setAll(d.rows());
        table.setFixedCellSize(24);
        // The header, every row and a horizontal scroll bar: the rows never need a vertical one.
        table.setPrefHeight(24 * d.rows().size() + 60);
        table.setMinHeight(Region.USE_PREF_SIZE);
        return table;
    }
}
