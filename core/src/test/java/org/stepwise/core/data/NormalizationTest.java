// Checks per-feature normalization: fitted on train only, exact on train, safe on constant features, restorable.
package org.stepwise.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stepwise.core.data.Normalization.Kind;
import org.stepwise.core.tensor.Shape;

class NormalizationTest {
    /** Three samples of two features: the first feature is 0, 2, 4; the second is 10, 20, 60. */
    private static Dataset train() {
        return Dataset.classification("train", Shape.of(2), new float[] {0, 10, 2, 20, 4, 60}, new int[] {0, 1, 0}, 2);
    }

    private static double mean(float[] x, int features, int feature) {
        double sum = 0;
        for (int i = feature; i < x.length; i += features) {
            sum += x[i];
        }
        return sum / (x.length / features);
    }

    private static double std(float[] x, int features, int feature) {
        double m = mean(x, features, feature);
        double squares = 0;
        for (int i = feature; i < x.length; i += features) {
            squares += (x[i] - m) * (x[i] - m);
        }
        return Math.sqrt(squares / (x.length / features));
    }

    @Test
    void standardizeGivesMeanZeroAndStandardDeviationOneOnTrain() {
        Dataset scaled = Normalization.fit(train(), Kind.STANDARDIZE).apply(train());
        for (int j = 0; j < 2; j++) {
            assertEquals(0, mean(scaled.x(), 2, j), 1e-6);
            assertEquals(1, std(scaled.x(), 2, j), 1e-6);
        }
    }

    @Test
    void standardizeStoresTheTrainMeanAndPopulationStandardDeviation() {
        Normalization n = Normalization.fit(train(), Kind.STANDARDIZE);
        assertArrayEquals(new float[] {2, 30}, n.a());
        assertArrayEquals(new float[] {(float) Math.sqrt(8.0 / 3), (float) Math.sqrt(1400.0 / 3)}, n.b(), 1e-5f);
    }

    @Test
    void minMaxMapsTrainOntoExactlyZeroToOne() {
        Normalization n = Normalization.fit(train(), Kind.MIN_MAX);
        assertArrayEquals(new float[] {0, 10}, n.a());
        assertArrayEquals(new float[] {4, 60}, n.b());
        assertArrayEquals(new float[] {0, 0, 0.5f, 0.2f, 1, 1}, n.apply(train()).x(), 1e-7f);
    }

    @Test
    void statisticsComeFromTrainOnlySoOtherDataKeepsItsOffset() {
        Normalization n = Normalization.fit(train(), Kind.STANDARDIZE);
        Dataset test = Dataset.classification("test", Shape.of(2), new float[] {10, 30, 12, 30, 14, 30},
                new int[] {0, 0, 1}, 2);
        float[] scaled = n.apply(test).x();
        double trainStd = Math.sqrt(8.0 / 3);
        assertEquals(10 / trainStd, mean(scaled, 2, 0), 1e-5);
        assertEquals(1, std(scaled, 2, 0), 1e-5);
        assertEquals(0, mean(scaled, 2, 1), 1e-6);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void constantFeatureIsShiftedToZeroWithoutDividingByZero(Kind kind) {
        Dataset constant = Dataset.regression("flat", Shape.of(1), new float[] {3, 3, 3}, new float[] {1, 2, 3}, 3);
        Normalization n = Normalization.fit(constant, kind);
        assertArrayEquals(new float[] {0, 0, 0}, n.apply(constant).x());
        float[] later = {5, 1};
        n.applyInPlace(later, 2);
        assertArrayEquals(new float[] {2, -2}, later);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void storedParametersRestoreAnIdenticalNormalization(Kind kind) {
        Normalization fitted = Normalization.fit(train(), kind);
        Normalization restored = Normalization.of(fitted.kind(), fitted.a(), fitted.b());
        assertEquals(fitted, restored);
        assertEquals(kind, restored.kind());
        assertEquals(2, restored.features());
        assertArrayEquals(fitted.apply(train()).x(), restored.apply(train()).x());
    }

    @Test
    void parametersAreCopiedInAndOut() {
        float[] mean = {1, 2};
        Normalization n = Normalization.of(Kind.STANDARDIZE, mean, new float[] {1, 1});
        mean[0] = 100;
        n.a()[1] = 100;
        assertArrayEquals(new float[] {1, 2}, n.a());
    }

    @Test
    void applyReturnsACopyAndKeepsLabels() {
        Dataset original = train();
        Dataset scaled = Normalization.fit(original, Kind.MIN_MAX).apply(original);
        assertArrayEquals(new float[] {0, 10, 2, 20, 4, 60}, original.x());
        assertSame(original.labels(), scaled.labels());
        assertEquals("train", scaled.name());
    }

    @Test
    void applyInPlaceTouchesOnlyTheGivenRows() {
        Normalization n = Normalization.of(Kind.MIN_MAX, new float[] {0, 0}, new float[] {2, 4});
        float[] x = {2, 4, 2, 4};
        n.applyInPlace(x, 1);
        assertArrayEquals(new float[] {1, 1, 2, 4}, x);
    }

    @Test
    void datasetWithOtherFeatureCountIsRejected() {
        Normalization n = Normalization.fit(train(), Kind.STANDARDIZE);
        Dataset wide = Dataset.regression("wide", Shape.of(3), new float[3], new float[1], 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.apply(wide));
        assertEquals("The normalization was fitted on 2 features but dataset 'wide' has 3", e.getMessage());
    }

    @Test
    void tooFewValuesForTheRowsAreRejected() {
        Normalization n = Normalization.fit(train(), Kind.STANDARDIZE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> n.applyInPlace(new float[5], 3));
        assertEquals("Cannot normalize 3 rows of 2 features: the array holds 5 values", e.getMessage());
    }

    @Test
    void invalidStoredParametersAreRejected() {
        assertEquals("The standard deviation of feature 0 cannot be negative: -1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> Normalization.of(Kind.STANDARDIZE, new float[] {0}, new float[] {-1})).getMessage());
        assertEquals("The maximum of feature 0 (1.0) is below its minimum (2.0)",
                assertThrows(IllegalArgumentException.class,
                        () -> Normalization.of(Kind.MIN_MAX, new float[] {2}, new float[] {1})).getMessage());
        assertEquals("A normalization needs the same positive number of values in both parameter arrays, not 2 and 1",
                assertThrows(IllegalArgumentException.class,
                        () -> Normalization.of(Kind.MIN_MAX, new float[2], new float[1])).getMessage());
        assertEquals("Normalization parameters of feature 0 must be finite, not NaN and 1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> Normalization.of(Kind.MIN_MAX, new float[] {Float.NaN}, new float[] {1})).getMessage());
    }
}
