// The detail pane's pieces without a scene: histograms count every value, scales centre gradients on zero, grids
// index buffers as the layers lay them out, and freshness follows the phases of a step.
package org.stepwise.app.studio.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.StepSnapshot.NodeState;
import org.stepwise.core.stepper.Phase;
import org.stepwise.core.tensor.Shape;

class DetailModelTest {

    @Test
    void histogramCountsEveryValueAndFindsItsPercentiles() {
        float[] v = new float[1001];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 1000f;
        }
        v[7] = Float.NaN;
        Histogram h = Histogram.of(v, 0, v.length, 30);
        assertEquals(1000, Arrays.stream(h.counts()).sum());
        assertEquals(1, h.nonFinite());
        assertEquals(1001, h.total());
        assertEquals(0.5, h.quantiles()[2], 0.01);
        assertEquals(0.05, h.quantiles()[0], 0.01);
        assertEquals(1.0, h.max());
    }

    @Test
    void aConstantBufferFallsInOneBin() {
        Histogram h = Histogram.of(new float[] {2, 2, 2}, 0, 3, 10);
        assertEquals(3, h.largest());
        assertEquals(2f, h.quantiles()[4]);
        assertEquals(0, h.std());
    }

    @Test
    void divergingScalesAreSymmetricAndWhiteIsZero() {
        Scale s = Scale.of(new float[] {-0.5f, 2f, Float.NaN}, 0, 3, ColorMap.DIVERGING);
        assertEquals(-2, s.min());
        assertEquals(2, s.max());
        assertEquals(0.5, s.position(0f));
        assertEquals(0xFFF7F7F7, s.argb(0f));
        assertEquals(ColorMap.NOT_FINITE, s.argb(Float.NaN));
        Scale seq = Scale.of(new float[] {1, 3}, 0, 2, ColorMap.SEQUENTIAL);
        assertEquals(0xFF440154, seq.argb(1f));
        assertEquals(0xFFFDE725, seq.argb(3f));
    }

    @ParameterizedTest
    @CsvSource({"6, 6, 1", "16, 8, 2", "3, 3, 1", "10, 5, 2", "1, 1, 1"})
    void featureMapsWrapIntoBalancedRows(int channels, int across, int rowsOfTiles) {
        NodeState n = new NodeState("c", "conv2d", Shape.of(channels, 4, 4), false, 2, new float[2 * channels * 16],
                null, null, List.of());
        Grid g = Grid.of(n, 1);
        assertEquals(across, g.across());
        assertEquals(rowsOfTiles, g.tileRows());
        assertEquals(channels * 16, g.base());
    }

    @Test
    void gridsIndexLikeTheLayersStoreTheirBuffers() {
        Grid filters = Grid.ofParam(Shape.of(16, 6, 5, 5));
        assertEquals(((3 * 6 + 2) * 5 + 4) * 5 + 1, filters.index(3 * 6 + 2, 4, 1));
        Grid matrix = Grid.ofParam(Shape.of(8, 2));
        assertEquals(7 * 2 + 1, matrix.index(0, 7, 1));
        Grid column = Grid.ofParam(Shape.of(8));
        assertEquals(Grid.Kind.COLUMN, column.kind());
        assertEquals(5, column.index(0, 5, 0));
    }

    private static StepSnapshot at(long step, int phaseIndex, Phase last) {
        Map<String, NodeState> nodes = new LinkedHashMap<>();
        for (String name : List.of("input", "hidden1", "hidden2", "output")) {
            nodes.put(name, new NodeState(name, "dense", Shape.of(1), false, 1, new float[1], null, new float[1],
                    List.of()));
        }
        return new StepSnapshot(step, phaseIndex, last, null, "", 0, 0, 1, Float.NaN, 0, null, null, null, 1, nodes,
                0, null, 1);
    }

    @Test
    void freshnessFollowsThePhasesOfAStep() {
        assertEquals(Freshness.NONE, Freshness.activations(at(0, 0, null), "hidden1"));
        assertEquals(Freshness.PENDING, Freshness.activations(at(0, 1, new Phase.Forward(0, "input")), "hidden1"));
        assertEquals(Freshness.EARLIER, Freshness.activations(at(4, 1, new Phase.Forward(0, "input")), "hidden1"));
        assertEquals(Freshness.FRESH, Freshness.activations(at(4, 2, new Phase.Forward(1, "hidden1")), "hidden1"));
        assertEquals(Freshness.FRESH, Freshness.activations(at(4, 5, new Phase.Loss()), "hidden1"));
        assertEquals(Freshness.STEP_END, Freshness.activations(at(5, 0, null), "hidden1"));
        List<String> readsHidden1 = List.of("hidden2");
        assertEquals(Freshness.EARLIER, Freshness.gradients(at(4, 2, new Phase.Forward(1, "hidden1")), "hidden1",
                readsHidden1));
        assertEquals(Freshness.PENDING, Freshness.gradients(at(4, 5, new Phase.Loss()), "hidden1", readsHidden1));
        // The loss gives the output its gradient; the backward of hidden2 gives hidden1 the gradient at its output.
        assertEquals(Freshness.OUTPUT_GRADIENT, Freshness.gradients(at(4, 5, new Phase.Loss()), "output", List.of()));
        assertEquals(Freshness.PENDING, Freshness.gradients(at(4, 6, new Phase.Backward(3, "output")), "hidden1",
                readsHidden1));
        assertEquals(Freshness.OUTPUT_GRADIENT, Freshness.gradients(at(4, 7, new Phase.Backward(2, "hidden2")),
                "hidden1", readsHidden1));
        assertEquals(Freshness.FRESH, Freshness.gradients(at(4, 8, new Phase.Backward(1, "hidden1")), "hidden1",
                readsHidden1));
        assertEquals(Freshness.STEP_END, Freshness.update(at(5, 0, null)));
        assertEquals(Freshness.PENDING, Freshness.update(at(5, 3, new Phase.Forward(2, "hidden2"))));
    }

    @Test
    void numbersAreShortInLegendsAndExactOnHover() {
        assertEquals("0.0123", Numbers.brief(0.012345));
        assertEquals("−1.5e−5", Numbers.brief(-1.5e-5));
        assertEquals("2e+6", Numbers.brief(2e6));
        assertEquals("1", Numbers.brief(1.0));
        assertEquals("0.1", Numbers.exact(0.1f));
    }
}
