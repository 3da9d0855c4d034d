// Checks the built-in 2-D datasets: seeded determinism, sizes and balance, and the exact geometry at noise 0.
package org.stepwise.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorsTest {
    static List<String> names() {
        return Generators.names();
    }

    @Test
    void namesListsSixClassificationSetsThenTwoRegressionSets() {
        assertEquals(List.of("circle", "xor", "gaussians", "spiral", "moons", "checkerboard", "plane", "sine"),
                Generators.names());
    }

    @ParameterizedTest
    @MethodSource("names")
    void sameSeedGivesSameDataAndAnotherSeedDoesNot(String name) {
        Dataset first = Generators.generate(name, 200, 0.2, 7);
        Dataset again = Generators.generate(name, 200, 0.2, 7);
        Dataset other = Generators.generate(name, 200, 0.2, 8);
        assertArrayEquals(first.x(), again.x());
        assertArrayEquals(first.labels(), again.labels());
        assertArrayEquals(first.y(), again.y());
        assertFalse(Arrays.equals(first.x(), other.x()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"circle", "xor", "gaussians", "spiral", "moons", "checkerboard"})
    void classificationSetsHaveTwoBalancedClassesWithClassZeroTakingTheOddSample(String name) {
        Dataset d = Generators.generate(name, 101, 0.1, 3);
        assertEquals(name, d.name());
        assertEquals(101, d.n());
        assertEquals(2, d.features());
        assertEquals(2, d.classes());
        assertEquals(202, d.x().length);
        assertNull(d.y());
        int[] counts = new int[2];
        for (int label : d.labels()) {
            counts[label]++;
        }
        assertArrayEquals(new int[] {51, 50}, counts);
    }

    @ParameterizedTest
    @CsvSource({"plane, 2", "sine, 1"})
    void regressionSetsHaveOneTargetPerSample(String name, int features) {
        Dataset d = Generators.generate(name, 40, 0.1, 3);
        assertFalse(d.isClassification());
        assertEquals(features, d.features());
        assertEquals(40 * features, d.x().length);
        assertEquals(40, d.y().length);
        assertEquals(1, d.outputs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"circle", "xor", "spiral", "moons", "checkerboard", "plane", "sine"})
    void pointsWithoutNoiseStayInsideThePlotRange(String name) {
        for (float v : Generators.generate(name, 1000, 0, 11).x()) {
            assertTrue(v >= -6 && v <= 6, name + " value " + v + " is outside [-6, 6]");
        }
    }

    @Test
    void circleWithoutNoiseLabelsInsideRadiusThreeAsClassOne() {
        Dataset d = Generators.generate("circle", 500, 0, 1);
        for (int i = 0; i < d.n(); i++) {
            double r = Math.hypot(d.x()[2 * i], d.x()[2 * i + 1]);
            assertTrue(r <= 5.0001);
            assertEquals(r < 3 ? 1 : 0, d.labels()[i], "radius " + r);
        }
    }

    @Test
    void xorWithoutNoiseLabelsSameSignQuadrantsAsClassOne() {
        Dataset d = Generators.generate("xor", 500, 0, 1);
        for (int i = 0; i < d.n(); i++) {
            float x1 = d.x()[2 * i];
            float x2 = d.x()[2 * i + 1];
            assertTrue(Math.abs(x1) >= 0.3f && Math.abs(x2) >= 0.3f);
            assertEquals(x1 * x2 > 0 ? 1 : 0, d.labels()[i]);
        }
    }

    @Test
    void checkerboardWithoutNoiseLabelsByCellParity() {
        Dataset d = Generators.generate("checkerboard", 500, 0, 1);
        for (int i = 0; i < d.n(); i++) {
            int cells = (int) Math.floor(d.x()[2 * i] / 3.0) + (int) Math.floor(d.x()[2 * i + 1] / 3.0);
            assertEquals(Math.floorMod(cells, 2), d.labels()[i]);
        }
    }

    @Test
    void moonsWithoutNoiseLieOnTheirUnitHalfCircles() {
        Dataset d = Generators.generate("moons", 300, 0, 1);
        for (int i = 0; i < d.n(); i++) {
            double mx = d.x()[2 * i] / 3.5 + 0.5;
            double my = d.x()[2 * i + 1] / 3.5 + 0.25;
            boolean upper = d.labels()[i] == 0;
            double cx = upper ? 0 : 1;
            double cy = upper ? 0 : 0.5;
            assertEquals(1, Math.hypot(mx - cx, my - cy), 1e-5);
            assertTrue(upper ? my >= -1e-6 : my <= 0.5 + 1e-6);
        }
    }

    @Test
    void spiralWithoutNoiseLiesOnItsArmHalfATurnFromTheOther() {
        Dataset d = Generators.generate("spiral", 300, 0, 1);
        for (int i = 0; i < d.n(); i++) {
            double x1 = d.x()[2 * i];
            double x2 = d.x()[2 * i + 1];
            double r = Math.hypot(x1, x2);
            double angle = 1.75 * 2 * Math.PI * r / 5 + (d.labels()[i] == 1 ? Math.PI : 0);
            assertTrue(r < 5);
            assertEquals(r * Math.sin(angle), x1, 1e-4);
            assertEquals(r * Math.cos(angle), x2, 1e-4);
        }
    }

    @Test
    void gaussiansCentreOnTheirMeansWithVarianceOneHalfAtNoiseZero() {
        Dataset d = Generators.generate("gaussians", 20000, 0, 5);
        double[] sum = new double[2];
        double[] squares = new double[2];
        for (int i = 0; i < d.n(); i++) {
            int c = d.labels()[i];
            double centre = c == 1 ? 2 : -2;
            sum[c] += d.x()[2 * i] + d.x()[2 * i + 1];
            squares[c] += Math.pow(d.x()[2 * i] - centre, 2) + Math.pow(d.x()[2 * i + 1] - centre, 2);
        }
        int perClassValues = d.n(); // two coordinates of n/2 samples per class
        assertEquals(-2, sum[0] / perClassValues, 0.05);
        assertEquals(2, sum[1] / perClassValues, 0.05);
        assertEquals(0.5, squares[0] / perClassValues, 0.03);
        assertEquals(0.5, squares[1] / perClassValues, 0.03);
    }

    @Test
    void planeWithoutNoiseIsExactlyItsLinearFunction() {
        Dataset d = Generators.generate("plane", 200, 0, 1);
        for (int i = 0; i < d.n(); i++) {
            double expected = Generators.PLANE_A * d.x()[2 * i] + Generators.PLANE_B * d.x()[2 * i + 1];
            assertEquals(expected, d.y()[i], 1e-6);
        }
    }

    @Test
    void sineWithoutNoiseIsTheSineOfItsOnlyFeature() {
        Dataset d = Generators.generate("sine", 200, 0, 1);
        for (int i = 0; i < d.n(); i++) {
            assertEquals(Math.sin(d.x()[i]), d.y()[i], 1e-6);
        }
    }

    @Test
    void noiseMovesPointsAcrossTheBoundaryButKeepsTheirLabels() {
        Dataset d = Generators.generate("circle", 1000, 0.5, 1);
        long crossed = 0;
        for (int i = 0; i < d.n(); i++) {
            double r = Math.hypot(d.x()[2 * i], d.x()[2 * i + 1]);
            if ((r < 3 ? 1 : 0) != d.labels()[i]) {
                crossed++;
            }
        }
        assertTrue(crossed > 50, crossed + " of 1000 points crossed the boundary");
    }

    @Test
    void unknownNameIsRejectedWithTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Generators.generate("donut", 100, 0, 1));
        assertEquals("There is no built-in dataset 'donut'; choose one of "
                + "circle, xor, gaussians, spiral, moons, checkerboard, plane, sine", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "1, 0, 'A generated dataset needs between 2 and 1000000 samples, not 1'",
        "1000001, 0, 'A generated dataset needs between 2 and 1000000 samples, not 1000001'",
        "100, -0.1, 'Noise must be between 0 and 1, not -0.1'",
        "100, 1.5, 'Noise must be between 0 and 1, not 1.5'",
        "100, NaN, 'Noise must be between 0 and 1, not NaN'"
    })
    void invalidSizeOrNoiseIsRejectedWithAReadableMessage(int n, double noise, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Generators.generate("circle", n, noise, 1));
        assertEquals(message, e.getMessage());
    }
}
