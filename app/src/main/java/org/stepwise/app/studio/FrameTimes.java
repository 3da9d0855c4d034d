// The intervals between a window's frames, in milliseconds, and the few figures the benchmarks report of them.
package org.stepwise.app.studio;

import java.util.Arrays;

public record FrameTimes(double[] millis) {
    public FrameTimes {
        millis = millis.clone();
    }

    public int count() {
        return millis.length;
    }

    /** The interval below which the share {@code p} of frames fall, nearest rank. */
    public double percentile(double p) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    public double max() {
        return Arrays.stream(millis).max().orElse(0);
    }

    /** Frames a second over the whole run: frames over the time they took. */
    public double perSecond() {
        double total = Arrays.stream(millis).sum();
        return total == 0 ? 0 : 1000 * millis.length / total;
    }

    /** Which frames, by their place in the run, came later than {@code limit} milliseconds after the one before. */
    public int[] indicesOver(double limit) {
        return java.util.stream.IntStream.range(0, millis.length).filter(i -> millis[i] > limit).toArray();
    }

    /** How many frames came later than {@code limit} milliseconds after the one before. */
    public long over(double limit) {
        return Arrays.stream(millis).filter(f -> f > limit).count();
    }
}
