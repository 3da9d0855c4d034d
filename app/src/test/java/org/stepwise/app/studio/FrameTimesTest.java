// The figures the window benchmarks report, on intervals whose answers are known.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameTimesTest {

    @Test
    void percentilesMaximumRateAndLateFramesOfKnownIntervals() {
        double[] millis = new double[100];
        for (int i = 0; i < 100; i++) {
            millis[i] = i < 90 ? 10 : 60; // 90 frames at 10 ms, 10 at 60 ms
        }
        FrameTimes f = new FrameTimes(millis);
        millis[0] = 1000; // the record keeps its own copy
        assertEquals(100, f.count());
        assertEquals(10, f.percentile(0.5));
        assertEquals(60, f.percentile(0.95));
        assertEquals(60, f.max());
        assertEquals(10, f.over(50));
        assertEquals(0, f.over(60));
        // 100 frames in 900 + 600 ms
        assertEquals(100 / 1.5, f.perSecond(), 1e-9);
    }

    @Test
    void theLateFramesAreNamedByTheirPlaceAndTheEditTheyCarried() {
        double[] millis = new double[12];
        java.util.Arrays.fill(millis, 16.7);
        millis[2] = 61.2;
        millis[9] = 50.0; // exactly at the limit is not late
        millis[10] = 50.1;
        FrameTimes f = new FrameTimes(millis);
        assertArrayEquals(new int[] {2, 10}, f.indicesOver(50));
        assertEquals(f.over(50), f.indicesOver(50).length);
        assertArrayEquals(new int[0], new FrameTimes(new double[] {10, 20}).indicesOver(50));
        // The edits cycle through six kinds, the same in the second pass (FRAMES is a multiple of six).
        assertEquals("units", EditingBenchmark.editName(2));
        assertEquals("undo", EditingBenchmark.editName(3));
        assertEquals("redo", EditingBenchmark.editName(10));
        assertEquals(0, EditingBenchmark.FRAMES % 6);
        assertEquals(EditingBenchmark.editName(1), EditingBenchmark.editName(EditingBenchmark.FRAMES + 1));
    }
}
