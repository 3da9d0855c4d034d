// The sweep: grid and random points, ranking by validation score, determinism by seed, progress and cancellation.
package org.stepwise.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.train.SoftmaxCrossEntropy;

class SweepTest {
    private static final Dataset TRAIN = Blobs.of("train", 90, 0.8, 3);
    private static final Dataset VALIDATION = Blobs.of("validation", 45, 0.8, 4);
    private static final Sweep.Space SPACE = new Sweep.Space(List.of(0.05f, 0.0005f), List.of(2, 8), List.of(16),
            List.of("adam", "sgd"), List.of(0f));

    private static Sweep sweep() {
        return new Sweep(p -> Blobs.mlp(p.hiddenWidth()), SoftmaxCrossEntropy::new, TRAIN, VALIDATION, 3, -1);
    }

    @Test
    void gridHasEveryCombinationWithTheLearningRateVaryingSlowest() {
        List<Sweep.Point> grid = SPACE.grid();
        assertEquals(8, grid.size());
        assertEquals(new Sweep.Point(0.05f, 2, 16, "adam", 0f), grid.get(0));
        assertEquals(new Sweep.Point(0.0005f, 8, 16, "sgd", 0f), grid.get(7));
    }

    @Test
    void randomPointsComeFromTheListsAndRepeatWithTheSeed() {
        List<Sweep.Point> points = SPACE.random(20, 9);
        assertEquals(points, SPACE.random(20, 9));
        assertNotEquals(points, SPACE.random(20, 10));
        for (Sweep.Point p : points) {
            assertTrue(SPACE.learningRates().contains(p.learningRate()));
            assertTrue(SPACE.hiddenWidths().contains(p.hiddenWidth()));
            assertTrue(SPACE.optimizers().contains(p.optimizer()));
        }
    }

    @Test
    void runsAreRankedByValidationScoreAndTheSameSweepRanksTheSame() {
        List<String> progress = new ArrayList<>();
        Sweep.Result first = sweep().run(SPACE.grid(), 42, (run, of, point) -> progress.add(run + "/" + of));
        Sweep.Result second = sweep().run(SPACE.grid(), 42, (run, of, point) -> { });

        assertEquals(List.of("0/8", "1/8", "2/8", "3/8", "4/8", "5/8", "6/8", "7/8"), progress);
        assertEquals(8, first.ranked().size());
        for (int i = 1; i < first.ranked().size(); i++) {
            Sweep.Run before = first.ranked().get(i - 1);
            Sweep.Run after = first.ranked().get(i);
            assertTrue(before.score() > after.score()
                    || (before.score() == after.score() && before.index() < after.index()));
        }
        for (Sweep.Run run : first.ranked()) {
            assertEquals(run.result().bestValidation().score(), run.score());
        }
        assertEquals(0.05f, first.best().point().learningRate(), "a rate 100 times smaller cannot win in 3 epochs");
        for (int i = 0; i < 8; i++) {
            assertEquals(first.ranked().get(i).index(), second.ranked().get(i).index());
            assertEquals(first.ranked().get(i).score(), second.ranked().get(i).score());
            assertEquals(first.ranked().get(i).seed(), second.ranked().get(i).seed());
        }
    }

    @Test
    void eachRunHasItsOwnSeedFixedByItsIndex() {
        assertEquals(Sweep.runSeed(42, 3), Sweep.runSeed(42, 3));
        assertNotEquals(Sweep.runSeed(42, 3), Sweep.runSeed(42, 4));
        assertNotEquals(Sweep.runSeed(42, 3), Sweep.runSeed(43, 3));
    }

    @Test
    void cancellingBeforeARunKeepsOnlyTheFinishedOnes() {
        Sweep sweep = sweep();
        Sweep.Result result = sweep.run(SPACE.grid(), 42, (run, of, point) -> {
            if (run == 2) {
                sweep.cancel();
            }
        });
        assertTrue(result.cancelled());
        assertEquals(8, result.planned());
        assertEquals(2, result.ranked().size());
    }

    @Test
    void theHiddenWidthResizesEveryDenseLayerButTheOutputAndDropsTheInputCountItInvalidates() {
        GraphDef g = new GraphDef(List.of(
                new NodeDef("in", new Input.Spec(Shape.of(2))),
                new NodeDef("h1", new Dense.Spec(8, Activation.TANH), "in"),
                new NodeDef("h2", new Dense.Spec(8, Activation.RELU, null, 0, 8), "h1").withFrozen(true),
                new NodeDef("out", new Dense.Spec(3, Activation.IDENTITY, null, 0, 8), "h2")));
        assertEquals(List.of("h1", "h2"), Sweep.hiddenDense(g));
        GraphDef wide = Sweep.withHiddenWidth(g, 5);
        assertTrue(wide.validate().ok());
        assertEquals(List.of(5, 5, 3), wide.nodes().stream().skip(1)
                .map(n -> ((Dense.Spec) n.spec()).units()).toList());
        assertEquals(0, ((Dense.Spec) wide.node("out").spec()).inputs());
        assertEquals(Activation.RELU, ((Dense.Spec) wide.node("h2").spec()).activation());
        assertTrue(wide.node("h2").frozen());
    }
}
