// Turns recorded curves into the lines a chart draws, per step or per epoch. Per step, the batch losses are averaged
// in buckets so a long run keeps a few hundred points, and the epoch measurements sit at each epoch's last step.
package org.stepwise.app.studio.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.stepwise.core.eval.History;

public final class CurveLines {
    /** The most points a per-step line keeps; more batches are averaged in equal buckets. */
    public static final int MAX_POINTS = 600;

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
        int bucket = Math.max(1, (loss.length + MAX_POINTS - 1) / MAX_POINTS);
        List<double[]> points = new ArrayList<>();
        for (int start = 0; start < loss.length; start += bucket) {
            int end = Math.min(loss.length, start + bucket);
            double sum = 0;
            int n = 0;
            for (int i = start; i < end; i++) {
                if (Float.isFinite(loss[i])) {
                    sum += loss[i];
                    n++;
                }
            }
            if (n > 0) {
                points.add(new double[] {end, sum / n});
            }
        }
        return line(Kind.TRAINING, points);
    }

    private static Line epochs(RunCurves c, Kind kind, ToDoubleFunction<History.Epoch> value, boolean perEpoch) {
        List<double[]> points = new ArrayList<>();
        for (History.Epoch e : c.epochs()) {
            double y = value.applyAsDouble(e);
            if (Double.isFinite(y)) {
                points.add(new double[] {epochX(c, e.epoch(), perEpoch), y});
            }
        }
        return line(kind, points);
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
