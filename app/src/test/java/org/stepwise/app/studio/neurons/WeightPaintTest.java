// The weight palette: blue for positive, orange for negative, wider and more opaque with magnitude, clamped.
package org.stepwise.app.studio.neurons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WeightPaintTest {

    @Test
    void signPicksTheHueAndMagnitudeTheWidthWithinBounds() {
        assertTrue(WeightPaint.edge(0.8).getBlue() > WeightPaint.edge(0.8).getRed());
        assertTrue(WeightPaint.edge(-0.8).getRed() > WeightPaint.edge(-0.8).getBlue());
        assertEquals(WeightPaint.MIN_WIDTH, WeightPaint.width(0), 1e-9);
        assertEquals(WeightPaint.MAX_WIDTH, WeightPaint.width(-40), 1e-9);
        assertTrue(WeightPaint.width(0.5) < WeightPaint.width(1.0));
        assertTrue(WeightPaint.edge(0.1).getOpacity() < WeightPaint.edge(1.5).getOpacity());
        assertEquals(0, WeightPaint.bias(0).getOpacity(), 1e-9);
    }

    @Test
    void theEditorReadsOnlyFiniteNumbersAndShowsFloatsExactly() {
        assertEquals(-1.25f, WeightEditor.parse(" -1.25 "));
        assertEquals(0.001f, WeightEditor.parse("1e-3"));
        for (String bad : new String[] {"", "abc", "NaN", "Infinity", "1e40", "0x1p3", "2f", "1,5"}) {
            assertNull(WeightEditor.parse(bad), bad);
        }
        assertEquals("0.123456", WeightEditor.format(0.123456f));
        assertEquals("0.00000001", WeightEditor.format(1e-8f));
        assertEquals("-2", WeightEditor.format(-2f));
    }
}
