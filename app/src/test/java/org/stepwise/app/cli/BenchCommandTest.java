// How `stepwise bench --only editor` lists the frames that came late, on intervals whose answer is known.
package org.stepwise.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.stepwise.app.studio.FrameTimes;

class BenchCommandTest {

    @Test
    void lateFramesAreListedWithTheirEditAndTheRestCounted() {
        double[] millis = new double[30];
        Arrays.fill(millis, 16.7);
        millis[2] = 61.2;
        millis[10] = 50.4;
        FrameTimes two = new FrameTimes(millis);
        assertEquals("frame 2 (units) 61 ms, frame 10 (redo) 50 ms",
                BenchCommand.lateFrames(two, two.indicesOver(50)));

        Arrays.fill(millis, 0, 10, 70);
        FrameTimes ten = new FrameTimes(millis);
        assertEquals("frame 0 (move) 70 ms, frame 1 (select) 70 ms, frame 2 (units) 70 ms, frame 3 (undo) 70 ms, "
                + "frame 4 (redo) 70 ms, frame 5 (move selection) 70 ms, frame 6 (move) 70 ms, frame 7 (select) 70 ms"
                + " and 3 more", BenchCommand.lateFrames(ten, ten.indicesOver(50)));
    }
}
