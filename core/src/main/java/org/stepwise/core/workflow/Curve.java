// A named series of measurements taken while a workflow trained, oldest first: what a chart draws as one line.
package org.stepwise.core.workflow;

import java.util.List;

/**
 * @param name   what the line shows, e.g. "fine-tuned · held-out" or "task A · with replay"
 * @param points the measurements, oldest first; the first is taken before the stage's first step
 */
public record Curve(String name, List<Point> points) {

    /**
     * One measurement of a network on one dataset.
     *
     * @param step     training steps taken when it was measured, counted from the start of the workflow's run
     * @param epoch    the same moment in epochs, fractional between epoch ends
     * @param loss     the mean loss per sample
     * @param accuracy the share of samples classified right, 0 to 1
     */
    public record Point(long step, double epoch, double loss, double accuracy) {
    }

    public Curve {
        points = List.copyOf(points);
    }

    /** The newest point, or null when nothing was measured. */
    public Point last() {
        return points.isEmpty() ? null : points.get(points.size() - 1);
    }

    /** The newest point measured at or before {@code step}, or null. */
    public Point at(long step) {
        Point found = null;
        for (Point p : points) {
            if (p.step() <= step) {
                found = p;
            }
        }
        return found;
    }
}
