// Built-in 2-D toy datasets in the manner of TensorFlow Playground: small, seeded, and drawn on the plane.
//
// Coordinates lie roughly in [-6, 6] so the studio can plot every set on the same axes. Classification sets have two
// classes, labelled alternately (sample i has class i % 2) so the data is already mixed and class 0 gets the odd
// sample. The label is always the class a point was drawn for: noise moves points, possibly across the boundary, but
// never relabels them, so with noise 0 every set follows its geometric rule exactly.
package org.stepwise.core.data;

import java.util.List;
import java.util.SplittableRandom;
import org.stepwise.core.tensor.Shape;

public final class Generators {
    /** Enough for any plot or lesson; larger requests are almost certainly a typo. */
    public static final int MAX_SAMPLES = 1_000_000;
    /** True weights of the "plane" set, so a lesson can compare what a linear model learns with the truth. */
    public static final double PLANE_A = 0.1;
    public static final double PLANE_B = 0.05;

    private static final List<String> NAMES =
            List.of("circle", "xor", "gaussians", "spiral", "moons", "checkerboard", "plane", "sine");
    private static final Shape PLANE = Shape.of(2);
    private static final Shape LINE = Shape.of(1);

    private Generators() {
    }

    /** The names {@link #generate} accepts: six classification sets, then the regression sets "plane" and "sine". */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Draws {@code n} samples of the named set. {@code noise} runs from 0 (exact geometry) to 1 (classes overlap
     * heavily); each generator says what it scales. The same (name, n, noise, seed) always gives the same data.
     */
    public static Dataset generate(String name, int n, double noise, long seed) {
        if (n < 2 || n > MAX_SAMPLES) {
            throw new IllegalArgumentException("A generated dataset needs between 2 and " + MAX_SAMPLES
                    + " samples, not " + n);
        }
        if (!(noise >= 0 && noise <= 1)) {
            throw new IllegalArgumentException("Noise must be between 0 and 1, not " + noise);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        return switch (name == null ? "" : name) {
            case "circle" -> circle(n, noise, rnd);
            case "xor" -> xor(n, noise, rnd);
            case "gaussians" -> gaussians(n, noise, rnd);
            case "spiral" -> spiral(n, noise, rnd);
            case "moons" -> moons(n, noise, rnd);
            case "checkerboard" -> checkerboard(n, noise, rnd);
            case "plane" -> plane(n, noise, rnd);
            case "sine" -> sine(n, noise, rnd);
            default -> throw new IllegalArgumentException("There is no built-in dataset '" + name
                    + "'; choose one of " + String.join(", ", NAMES));
        };
    }

    // ---- classification ----

    /** Class 1 inside radius 2.5, class 0 in the ring from 3.5 to 5; noise shifts each coordinate by up to ±5·noise. */
    private static Dataset circle(int n, double noise, SplittableRandom rnd) {
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double r = c == 1 ? rnd.nextDouble(0, 2.5) : rnd.nextDouble(3.5, 5);
            double angle = rnd.nextDouble(0, 2 * Math.PI);
            put(x, i, r * Math.sin(angle) + uniform(rnd, 5 * noise), r * Math.cos(angle) + uniform(rnd, 5 * noise));
            labels[i] = c;
        }
        return Dataset.classification("circle", PLANE, x, labels, 2);
    }

    /**
     * Class 1 where x1 and x2 share a sign, class 0 where they differ. Each coordinate keeps at least 0.3 from the
     * axes, as in Playground, so noise 0 leaves a visible margin; noise shifts by up to ±5·noise.
     */
    private static Dataset xor(int n, double noise, SplittableRandom rnd) {
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double s1 = rnd.nextBoolean() ? 1 : -1;
            double s2 = c == 1 ? s1 : -s1;
            put(x, i, s1 * rnd.nextDouble(0.3, 5.3) + uniform(rnd, 5 * noise),
                    s2 * rnd.nextDouble(0.3, 5.3) + uniform(rnd, 5 * noise));
            labels[i] = c;
        }
        return Dataset.classification("xor", PLANE, x, labels, 2);
    }

    /** Class 1 around (2, 2), class 0 around (-2, -2); noise raises the variance from 0.5 to 7.5. */
    private static Dataset gaussians(int n, double noise, SplittableRandom rnd) {
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        double std = Math.sqrt(0.5 + 7 * noise);
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double centre = c == 1 ? 2 : -2;
            put(x, i, centre + std * gaussian(rnd), centre + std * gaussian(rnd));
            labels[i] = c;
        }
        return Dataset.classification("gaussians", PLANE, x, labels, 2);
    }

    /**
     * Two arms turning 1.75 times out to radius 5, class 1 rotated half a turn from class 0. Points are spaced evenly
     * along each arm; noise shifts each coordinate by up to ±noise (the arms are only about 1.4 apart).
     */
    private static Dataset spiral(int n, double noise, SplittableRandom rnd) {
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        int[] perArm = {(n + 1) / 2, n / 2};
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double t = (double) (i / 2) / perArm[c];
            double r = 5 * t;
            double angle = 1.75 * 2 * Math.PI * t + (c == 1 ? Math.PI : 0);
            put(x, i, r * Math.sin(angle) + uniform(rnd, noise), r * Math.cos(angle) + uniform(rnd, noise));
            labels[i] = c;
        }
        return Dataset.classification("spiral", PLANE, x, labels, 2);
    }

    /**
     * Two interleaved half circles of radius 1 as in scikit-learn (class 0 the upper one centred at (0, 0), class 1
     * the lower one centred at (1, 0.5)), then centred and scaled by 3.5. Noise is a Gaussian jitter of standard
     * deviation noise in the unscaled units, so 0.1 to 0.3 matches scikit-learn's usual settings.
     */
    private static Dataset moons(int n, double noise, SplittableRandom rnd) {
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double t = rnd.nextDouble(0, Math.PI);
            double mx = c == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double my = c == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            mx += noise * gaussian(rnd);
            my += noise * gaussian(rnd);
            put(x, i, 3.5 * (mx - 0.5), 3.5 * (my - 0.25));
            labels[i] = c;
        }
        return Dataset.classification("moons", PLANE, x, labels, 2);
    }

    /**
     * A 4×4 board of 3-wide cells over [-6, 6]²; the class is the parity floor(x1/3) + floor(x2/3). Each point picks a
     * random column, then a random row of the right parity, so both classes fill the whole board. Noise shifts each
     * coordinate by up to ±3·noise, one cell width at noise 1.
     */
    private static Dataset checkerboard(int n, double noise, SplittableRandom rnd) {
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double x1 = rnd.nextDouble(-6, 6);
            int column = (int) Math.floor((x1 + 6) / 3);
            int row = 2 * rnd.nextInt(2) + (c + column) % 2;
            double x2 = -6 + 3 * row + rnd.nextDouble(0, 3);
            put(x, i, x1 + uniform(rnd, 3 * noise), x2 + uniform(rnd, 3 * noise));
            labels[i] = c;
        }
        return Dataset.classification("checkerboard", PLANE, x, labels, 2);
    }

    // ---- regression ----

    /** x uniform in [-6, 6]², y = PLANE_A·x1 + PLANE_B·x2 plus Gaussian noise of standard deviation 0.5·noise. */
    private static Dataset plane(int n, double noise, SplittableRandom rnd) {
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double x1 = rnd.nextDouble(-6, 6);
            double x2 = rnd.nextDouble(-6, 6);
            put(x, i, x1, x2);
            y[i] = (float) (PLANE_A * x1 + PLANE_B * x2 + 0.5 * noise * gaussian(rnd));
        }
        return Dataset.regression("plane", PLANE, x, y, n);
    }

    /**
     * x1 uniform in [-6, 6], y = sin(x1) plus Gaussian noise of standard deviation 0.5·noise. The input has one
     * feature, not two: the natural plot is the curve y over x1, and a padding column would be a dead input whose
     * weights never receive a gradient, which would only confuse a learner inspecting them.
     */
    private static Dataset sine(int n, double noise, SplittableRandom rnd) {
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double x1 = rnd.nextDouble(-6, 6);
            x[i] = (float) x1;
            y[i] = (float) (Math.sin(x1) + 0.5 * noise * gaussian(rnd));
        }
        return Dataset.regression("sine", LINE, x, y, n);
    }

    // ---- sampling helpers ----

    private static void put(float[] x, int i, double x1, double x2) {
        x[2 * i] = (float) x1;
        x[2 * i + 1] = (float) x2;
    }

    /** Uniform in [-halfWidth, halfWidth]; zero when there is no noise, since nextDouble rejects an empty range. */
    private static double uniform(SplittableRandom rnd, double halfWidth) {
        return halfWidth == 0 ? 0 : rnd.nextDouble(-halfWidth, halfWidth);
    }

    /**
     * A standard normal draw by Box–Muller. The second value of each pair is dropped so every call consumes exactly
     * two uniforms, which keeps the stream simple to reason about when a generator changes.
     */
    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1 - rnd.nextDouble(); // in (0, 1]: log(0) would be infinite
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
