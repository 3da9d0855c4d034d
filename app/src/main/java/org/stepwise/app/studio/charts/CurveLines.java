// Turns recorded curves into the lines a chart draws, per step or per epoch. A long run is averaged in buckets so a
// line keeps a few hundred points; per step, the epoch measurements sit at each epoch's last step.
package org.stepwise.app.studio.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.stepwise.core.eval.History;

public final class CurveLines {
    /** The most points a per-step line keeps; more batches are averaged in equal buckets. */
    public static final int MAX_POINTS = 500;

    public enum Kind { TRAINING, VALIDATION }

    /** One line: x in steps (from 1) or epochs (from 1), with its y values; NaN values are left out. */
    public record Line(Kind kind, double[] x, double[] y) {
        public int size() {
            return x.length;
        }
    }

    private CurveLines() {
    }

    public static List<Line> loss(RunCurves c, boolean perEpoch) {
        List<Line> lines = new ArrayList<>();
        lines.add(perEpoch ? epochs(c, Kind.TRAINING, e -> RunCurves.loss(e.train()), true)
                : steps(c.stepLoss()));
        if (c.hasValidation()) {
            lines.add(epochs(c, Kind.VALIDATION, e -> RunCurves.loss(e.validation()), perEpoch));
        }
        return lines;
    }

    public static List<Line> accuracy(RunCurves c, boolean perEpoch) {
        List<Line> lines = new ArrayList<>();
        lines.add(epochs(c, Kind.TRAINING, e -> RunCurves.accuracy(e.train()), perEpoch));
        if (c.hasValidation()) {
            lines.add(epochs(c, Kind.VALIDATION, e -> RunCurves.accuracy(e.validation()), perEpoch));
        }
        return lines;
    }

    /** Where an epoch's end sits on the x axis. */
    public static double epochX(RunCurves c, int epoch, boolean perEpoch) {
        return perEpoch ? epoch : (double) epoch * c.batchesPerEpoch();
    }

    /** The batch losses, averaged over buckets of ⌈n / MAX_POINTS⌉ steps; x is each bucket's last step. */
    static Line steps(float[] loss) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < loss.length; i++) {
            if (Float.isFinite(loss[i])) {
                points.add(new double[] {i + 1, loss[i]});
            }
        }
        return thinned(Kind.TRAINING, points);
    }

    private static Line epochs(RunCurves c, Kind kind, ToDoubleFunction<History.Epoch> value, boolean perEpoch) {
        List<double[]> points = new ArrayList<>();
        for (History.Epoch e : c.epochs()) {
            double y = value.applyAsDouble(e);
            if (Double.isFinite(y)) {
                points.add(new double[] {epochX(c, e.epoch(), perEpoch), y});
            }
        }
        return thinned(kind, points);
    }

    /** At most MAX_POINTS: beyond that, equal buckets of points become their mean at the bucket's last x. */
    private static Line thinned(Kind kind, List<double[]> points) {
        int bucket = Math.max(1, (points.size() + MAX_POINTS - 1) / MAX_POINTS);
        if (bucket == 1) {
            return line(kind, points);
        }
        List<double[]> means = new ArrayList<>();
        for (int start = 0; start < points.size(); start += bucket) {
            int end = Math.min(points.size(), start + bucket);
            double sum = 0;
            for (int i = start; i < end; i++) {
                sum += points.get(i)[1];
            }
            means.add(new double[] {points.get(end - 1)[0], sum / (end - start)});
        }
        return line(kind, means);
    }

    private static Line line(Kind kind, List<double[]> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new Line(kind, x, y);
    }
}
