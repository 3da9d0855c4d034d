// Checks TokenWindows: exact windows and next-token labels, strides, the contiguous split and too-short texts.
package org.stepwise.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.tensor.Shape;

class TokenWindowsTest {
    private static int[] range(int n) {
        return IntStream.range(0, n).toArray();
    }

    @Test
    void disjointWindowsLabelEachPositionWithTheNextToken() {
        Dataset d = TokenWindows.of("ten", range(10), 3, 12);
        assertEquals(3, d.n());
        assertEquals(Shape.of(3), d.featureShape());
        assertEquals(12, d.classes());
        assertEquals(3, d.labelsPerSample());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, d.x());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, d.labels());
    }

    @Test
    void aSmallerStrideGivesOverlappingWindows() {
        Dataset d = TokenWindows.of("eight", range(8), 3, 2, 8);
        assertEquals(3, d.n());
        assertArrayEquals(new float[] {0, 1, 2, 2, 3, 4, 4, 5, 6}, d.x());
        assertArrayEquals(new int[] {1, 2, 3, 3, 4, 5, 5, 6, 7}, d.labels());
        assertEquals(6, TokenWindows.of("eight", range(8), 2, 1, 8).n());
    }

    @Test
    void oneWindowNeedsContextPlusOneTokens() {
        assertEquals(1, TokenWindows.of("four", range(4), 3, 4).n());
        assertEquals("'three' has 3 tokens, but a window of 3 tokens needs 4: the window and the token after it",
                assertThrows(IllegalArgumentException.class, () -> TokenWindows.of("three", range(3), 3, 4))
                        .getMessage());
    }

    @Test
    void splitTrainsOnTheStartAndValidatesOnTheUnseenEnd() {
        TokenWindows.Split split = TokenWindows.split("hundred", range(100), 4, 4, 100, 0.9);
        Dataset train = split.train();
        Dataset validation = split.validation();
        assertEquals("hundred (training)", train.name());
        assertEquals(22, train.n()); // windows in tokens 0..89
        assertEquals(88, train.labels()[train.labels().length - 1]); // token 89 is left over, not leaked
        assertEquals(2, validation.n()); // windows in tokens 90..99
        assertArrayEquals(new float[] {90, 91, 92, 93, 94, 95, 96, 97}, validation.x());
        assertArrayEquals(new int[] {91, 92, 93, 94, 95, 96, 97, 98}, validation.labels());
    }

    @Test
    void splitSaysWhichPartIsTooShort() {
        assertEquals("'hundred (validation)' has 10 tokens, but a window of 16 tokens needs 17: the window and the "
                        + "token after it",
                assertThrows(IllegalArgumentException.class,
                        () -> TokenWindows.split("hundred", range(100), 16, 16, 100, 0.9)).getMessage());
        assertEquals("The training fraction must be between 0 and 1 (exclusive), not 1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> TokenWindows.split("hundred", range(100), 4, 4, 100, 1.0)).getMessage());
    }
}
