// Per-feature input scaling fitted on training data only, kept as plain numbers so it can be saved with a model.
//
// Fitting on the training split alone matters: statistics taken from validation or test data would leak them into
// training and flatter the reported scores. This class only transforms features; targets are left as they are.
package org.stepwise.core.data;

import java.util.Arrays;

public final class Normalization {
    public enum Kind {
        /** z-score: (x − mean) / std, with the population standard deviation of the training data. */
        STANDARDIZE,
        /** (x − min) / (max − min), so the training data spans [0, 1]. */
        MIN_MAX
    }

    private final Kind kind;
    private final float[] a;
    private final float[] b;
    // x' = (x − offset) / divisor. Dividing rather than multiplying by a reciprocal maps the training maximum to
    // exactly 1 under MIN_MAX, since x − min and max − min then round to the same float.
    private final float[] offset;
    private final float[] divisor;

    private Normalization(Kind kind, float[] a, float[] b) {
        this.kind = kind;
        this.a = a;
        this.b = b;
        this.offset = a.clone();
        this.divisor = new float[a.length];
        for (int j = 0; j < a.length; j++) {
            float spread = kind == Kind.STANDARDIZE ? b[j] : b[j] - a[j];
            // A constant feature carries no information during training. It is shifted but not scaled, so it is 0 on
            // the training data and nothing is divided by zero; new data shows its plain distance from the constant.
            divisor[j] = spread > 0 ? spread : 1f;
        }
    }

    /** Fits per-feature statistics on {@code train}; pass the training split only, never validation or test. */
    public static Normalization fit(Dataset train, Kind kind) {
        if (train.n() == 0) {
            throw new IllegalArgumentException("Cannot fit a normalization on dataset '" + train.name()
                    + "': it has no samples");
        }
        int f = train.features();
        int n = train.n();
        float[] x = train.x();
        float[] a = new float[f];
        float[] b = new float[f];
        for (int j = 0; j < f; j++) {
            if (kind == Kind.STANDARDIZE) {
                // Two passes in double: the one-pass formula loses the variance to cancellation when |mean| >> std.
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += x[i * f + j];
                }
                double mean = sum / n;
                double squares = 0;
                for (int i = 0; i < n; i++) {
                    double d = x[i * f + j] - mean;
                    squares += d * d;
                }
                a[j] = (float) mean;
                b[j] = (float) Math.sqrt(squares / n);
            } else {
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    min = Math.min(min, x[i * f + j]);
                    max = Math.max(max, x[i * f + j]);
                }
                a[j] = min;
                b[j] = max;
            }
        }
        return new Normalization(kind, a, b);
    }

    /**
     * Restores a stored normalization: {@code a} and {@code b} are the mean and standard deviation for STANDARDIZE,
     * or the minimum and maximum for MIN_MAX, one value per feature, exactly as {@link #a()} and {@link #b()} return.
     */
    public static Normalization of(Kind kind, float[] a, float[] b) {
        if (kind == null) {
            throw new IllegalArgumentException("A normalization needs a kind: STANDARDIZE or MIN_MAX");
        }
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("A normalization needs the same positive number of values in both "
                    + "parameter arrays, not " + a.length + " and " + b.length);
        }
        for (int j = 0; j < a.length; j++) {
            if (!Float.isFinite(a[j]) || !Float.isFinite(b[j])) {
                throw new IllegalArgumentException("Normalization parameters of feature " + j
                        + " must be finite, not " + a[j] + " and " + b[j]);
            }
            if (kind == Kind.STANDARDIZE && b[j] < 0) {
                throw new IllegalArgumentException("The standard deviation of feature " + j
                        + " cannot be negative: " + b[j]);
            }
            if (kind == Kind.MIN_MAX && b[j] < a[j]) {
                throw new IllegalArgumentException("The maximum of feature " + j + " (" + b[j]
                        + ") is below its minimum (" + a[j] + ")");
            }
        }
        return new Normalization(kind, a.clone(), b.clone());
    }

    public Kind kind() {
        return kind;
    }

    public int features() {
        return a.length;
    }

    /** Per-feature mean (STANDARDIZE) or minimum (MIN_MAX); a copy. */
    public float[] a() {
        return a.clone();
    }

    /** Per-feature standard deviation (STANDARDIZE) or maximum (MIN_MAX); a copy. */
    public float[] b() {
        return b.clone();
    }

    /** Per-feature offset subtracted first: the mean or the minimum; a copy. */
    public float[] offset() {
        return offset.clone();
    }

    /** Per-feature divisor applied after the offset: the spread, or 1 for a constant feature; a copy. */
    public float[] divisor() {
        return divisor.clone();
    }

    /** A normalized copy of {@code data}; labels and targets are shared, since they are not transformed. */
    public Dataset apply(Dataset data) {
        if (data.features() != a.length) {
            throw new IllegalArgumentException("The normalization was fitted on " + a.length + " features but "
                    + "dataset '" + data.name() + "' has " + data.features());
        }
        float[] x = data.x().clone();
        applyInPlace(x, data.n());
        return new Dataset(data.name(), data.featureShape(), x, data.labels(), data.y(), data.n(), data.classes());
    }

    /** Normalizes the first {@code rows} rows of {@code x}, laid out (rows, features), as done before prediction. */
    public void applyInPlace(float[] x, int rows) {
        int f = a.length;
        if (rows < 0 || (long) rows * f > x.length) {
            throw new IllegalArgumentException("Cannot normalize " + rows + " rows of " + f + " features: the array "
                    + "holds " + x.length + " values");
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < f; j++) {
                x[i * f + j] = (x[i * f + j] - offset[j]) / divisor[j];
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization other && kind == other.kind && Arrays.equals(a, other.a)
                && Arrays.equals(b, other.b);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + Arrays.hashCode(a)) + Arrays.hashCode(b);
    }

    @Override
    public String toString() {
        return "Normalization " + kind + " a=" + Arrays.toString(a) + " b=" + Arrays.toString(b);
    }
}
