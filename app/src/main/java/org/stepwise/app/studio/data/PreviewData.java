// What the Data tab's preview shows, taken from loaded data off the FX thread: every point of 2-D data, the first
// images, or the first rows of a table. It keeps only those, so a large dataset is not held twice for a preview.
package org.stepwise.app.studio.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.LoadedData;
import org.stepwise.core.tensor.Shape;

/**
 * @param kind     how to show it
 * @param samples  the samples in the dataset
 * @param count    the points, images or rows shown
 * @param values   points: x, y pairs; images: the pixels of each image, one after another; table: unused (empty)
 * @param classes  the class of each point or image, or null for numeric targets
 * @param targets  the numeric target of each point, or null
 * @param shape    images: (channels, height, width); otherwise null
 * @param columns  table: the feature names (the target, last in each row, is named by the view)
 * @param rows     table: the first rows as text, the target last
 */
public record PreviewData(Kind kind, int samples, int count, float[] values, int[] classes, float[] targets,
                          Shape shape, List<String> columns, List<List<String>> rows, List<String> classNames) {

    public enum Kind { SCATTER, IMAGES, TABLE }

    /** Images shown at most. */
    public static final int MAX_IMAGES = 24;
    /** Table rows shown at most. */
    public static final int MAX_ROWS = 10;

    public static PreviewData of(LoadedData loaded) {
        Dataset d = loaded.dataset();
        Shape shape = d.featureShape();
        int features = d.features();
        if (shape.rank() == 3) {
            int count = Math.min(MAX_IMAGES, d.n());
            return new PreviewData(Kind.IMAGES, d.n(), count, Arrays.copyOf(d.x(), count * features),
                    d.labels() == null ? null : Arrays.copyOf(d.labels(), count), null, shape, List.of(), List.of(),
                    loaded.classNames());
        }
        if (features == 2) {
            return new PreviewData(Kind.SCATTER, d.n(), d.n(), Arrays.copyOf(d.x(), d.n() * 2),
                    d.labels() == null ? null : d.labels().clone(),
                    d.y() == null || d.labels() != null ? null : Arrays.copyOf(d.y(), d.n()), null, List.of(),
                    List.of(), loaded.classNames());
        }
        int count = Math.min(MAX_ROWS, d.n());
        List<String> columns = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            columns.add(loaded.featureNames() != null && f < loaded.featureNames().size()
                    ? loaded.featureNames().get(f) : "x" + (f + 1));
        }
        int outputs = d.labels() != null ? 1 : d.outputs();
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            List<String> row = new ArrayList<>();
            for (int f = 0; f < features; f++) {
                row.add(number(d.x()[r * features + f]));
            }
            row.add(d.labels() != null ? className(loaded, d.labels()[r]) : number(d.y()[r * outputs]));
            rows.add(row);
        }
        return new PreviewData(Kind.TABLE, d.n(), count, new float[0], null, null, null, columns, rows,
                loaded.classNames());
    }

    private static String className(LoadedData loaded, int label) {
        List<String> names = loaded.classNames();
        return names != null && label < names.size() ? names.get(label) : Integer.toString(label);
    }

    private static String number(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e7 ? Integer.toString((int) v) : String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
