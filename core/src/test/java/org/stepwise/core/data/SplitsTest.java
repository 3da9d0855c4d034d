// Checks train/validation/test splitting: exact stratified counts, seeded determinism, and disjoint complete parts.
package org.stepwise.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.core.tensor.Shape;

class SplitsTest {
    /** n samples whose single feature is the sample's index, so a part's x tells which samples it took. */
    private static Dataset indexed(int[] labels, int classes) {
        float[] x = new float[labels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return Dataset.classification("toy", Shape.of(1), x, labels, classes);
    }

    /** 60 samples of class 0 and 40 of class 1, mixed in a fixed pattern. */
    private static Dataset sixtyForty() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i % 5 < 3 ? 0 : 1;
        }
        return indexed(labels, 2);
    }

    private static int[] classCounts(Dataset d) {
        int[] counts = new int[d.classes()];
        for (int label : d.labels()) {
            counts[label]++;
        }
        return counts;
    }

    @Test
    void stratifiedSplitKeepsEachClassProportion() {
        Splits.Split s = Splits.split(sixtyForty(), 0.2, 0.1, 42);
        assertArrayEquals(new int[] {42, 28}, classCounts(s.train()));
        assertArrayEquals(new int[] {12, 8}, classCounts(s.validation()));
        assertArrayEquals(new int[] {6, 4}, classCounts(s.test()));
        assertEquals("toy/train", s.train().name());
        assertEquals("toy/validation", s.validation().name());
        assertEquals("toy/test", s.test().name());
    }

    @Test
    void partsAreDisjointCompleteAndKeepLabelsWithTheirSamples() {
        Dataset data = sixtyForty();
        Splits.Split s = Splits.split(data, 0.2, 0.1, 42);
        boolean[] seen = new boolean[data.n()];
        for (Dataset part : new Dataset[] {s.train(), s.validation(), s.test()}) {
            for (int i = 0; i < part.n(); i++) {
                int index = (int) part.x()[i];
                assertFalse(seen[index], "sample " + index + " is in two parts");
                seen[index] = true;
                assertEquals(data.labels()[index], part.labels()[i]);
            }
        }
        for (int i = 0; i < seen.length; i++) {
            assertTrue(seen[i], "sample " + i + " is in no part");
        }
    }

    @Test
    void eachPartKeepsTheDatasetOrder() {
        Splits.Split s = Splits.split(sixtyForty(), 0.3, 0.2, 9);
        for (Dataset part : new Dataset[] {s.train(), s.validation(), s.test()}) {
            for (int i = 1; i < part.n(); i++) {
                assertTrue(part.x()[i - 1] < part.x()[i]);
            }
        }
    }

    @Test
    void sameSeedGivesSameSplitAndAnotherSeedDoesNot() {
        Splits.Split a = Splits.split(sixtyForty(), 0.2, 0.1, 42);
        Splits.Split b = Splits.split(sixtyForty(), 0.2, 0.1, 42);
        Splits.Split c = Splits.split(sixtyForty(), 0.2, 0.1, 43);
        assertArrayEquals(a.train().x(), b.train().x());
        assertArrayEquals(a.validation().x(), b.validation().x());
        assertArrayEquals(a.test().x(), b.test().x());
        assertFalse(Arrays.equals(a.validation().x(), c.validation().x()));
    }

    @Test
    void everyClassKeepsAtLeastOneSampleInTrain() {
        // Class 1 has two samples: rounding 0.4 of 2 gives one each to validation and test, leaving train none,
        // so one comes back from validation. Class 2 has one sample, which stays in train.
        int[] labels = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2};
        Splits.Split s = Splits.split(indexed(labels, 3), 0.4, 0.4, 1);
        assertArrayEquals(new int[] {2, 1, 1}, classCounts(s.train()));
        assertArrayEquals(new int[] {4, 0, 0}, classCounts(s.validation()));
        assertArrayEquals(new int[] {4, 1, 0}, classCounts(s.test()));
    }

    @Test
    void aPartWithNoSamplesIsNull() {
        Splits.Split s = Splits.split(sixtyForty(), 0.25, 0.0, 3);
        assertEquals(75, s.train().n());
        assertEquals(25, s.validation().n());
        assertNull(s.test());
        assertNull(Splits.split(sixtyForty(), 0, 0, 3).validation());
    }

    @Test
    void regressionSplitShufflesAllSamplesAndKeepsTargetsWithThem() {
        float[] x = new float[50];
        float[] y = new float[50];
        for (int i = 0; i < 50; i++) {
            x[i] = i;
            y[i] = 2 * i + 1;
        }
        Splits.Split s = Splits.split(Dataset.regression("line", Shape.of(1), x, y, 50), 0.2, 0.3, 5);
        assertEquals(25, s.train().n());
        assertEquals(10, s.validation().n());
        assertEquals(15, s.test().n());
        for (Dataset part : new Dataset[] {s.train(), s.validation(), s.test()}) {
            for (int i = 0; i < part.n(); i++) {
                assertEquals(2 * part.x()[i] + 1, part.y()[i]);
            }
        }
        assertFalse(Arrays.equals(Arrays.copyOf(x, 25), s.train().x()), "the train part is not simply the first 25");
    }

    @ParameterizedTest
    @CsvSource({
        "-0.1, 0, 'The validation fraction must be at least 0 and below 1, not -0.1'",
        "0, 1.0, 'The test fraction must be at least 0 and below 1, not 1.0'",
        "NaN, 0, 'The validation fraction must be at least 0 and below 1, not NaN'",
        "0.6, 0.4, 'The validation fraction (0.6) and the test fraction (0.4) must leave something to train on: "
                + "their sum is 1.0, which must be below 1'"
    })
    void invalidFractionsAreRejectedWithAReadableMessage(double validation, double test, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.split(sixtyForty(), validation, test, 1));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aLabelOutsideTheClassesIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.split(indexed(new int[] {0, 1, 2}, 2), 0.2, 0, 1));
        assertEquals("Sample 2 of dataset 'toy' has label 2, outside the 2 classes 0..1", e.getMessage());
    }
}
