// What every optimizer promises the stepper: frozen parameters stay put, snapshots restore exactly, biases undecayed.
package org.stepwise.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stepwise.core.optim.OptimizerFixture.KERNELS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.stepwise.core.graph.Param;
import org.stepwise.core.tensor.Shape;

class OptimizerContractTest {

    static final List<String> IDS = Optimizers.IDS;

    private static Optimizer make(String id, List<Param> params, double weightDecay) {
        return Optimizers.create(id, params, KERNELS, Map.of("weight_decay", weightDecay));
    }

    @ParameterizedTest
    @CsvSource({"sgd, 0", "momentum, 2", "rmsprop, 2", "adam, 4", "adamw, 4"})
    void stateHoldsEachMomentOfEachParameterInConstructionOrder(String id, int buffers) {
        OptimizerFixture f = new OptimizerFixture();
        List<float[]> state = make(id, f.params, 0).state();
        assertEquals(buffers, state.size());
        for (int b = 0; b < buffers; b++) {
            assertEquals(b < buffers / 2 ? 4 : 2, state.get(b).length, "buffer " + b);
        }
    }

    @ParameterizedTest
    @FieldSource("IDS")
    void updatingASubsetLeavesTheOtherParametersAndTheirStateUntouched(String id) {
        OptimizerFixture f = new OptimizerFixture();
        Optimizer optimizer = make(id, f.params, 0.1);
        f.setGradients(0);
        optimizer.update(List.of(f.weight), 0.1f);
        assertArrayEquals(OptimizerFixture.START[1], f.bias.value());
        assertArrayEquals(OptimizerFixture.GRADS[0][1], f.bias.grad());
        assertFalse(Arrays.equals(OptimizerFixture.START[0], f.weight.value()), "the weight moved");
        List<float[]> state = optimizer.state();
        for (float[] biasBuffer : state.subList(state.size() / 2, state.size())) {
            assertArrayEquals(new float[2], biasBuffer);
        }
        assertEquals(1, optimizer.steps());
    }

    @ParameterizedTest
    @FieldSource("IDS")
    void restoringStateAndStepCountRepeatsTheNextUpdateExactly(String id) {
        OptimizerFixture f = new OptimizerFixture();
        Optimizer optimizer = make(id, f.params, 0.1);
        for (int t = 0; t < 2; t++) {
            f.setGradients(t);
            optimizer.update(f.params, 0.1f);
        }
        List<float[]> values = copies(f.params.stream().map(Param::value).toList());
        List<float[]> state = copies(optimizer.state());
        long steps = optimizer.steps();

        f.setGradients(2);
        optimizer.update(f.params, 0.1f);
        List<float[]> expected = copies(f.params.stream().map(Param::value).toList());

        f.train(optimizer, 0.1f); // wander off, as stepping forward past the snapshot would
        restore(values, f.params.stream().map(Param::value).toList());
        restore(state, optimizer.state());
        optimizer.setSteps(steps);
        f.setGradients(2);
        optimizer.update(f.params, 0.1f);
        for (int p = 0; p < f.params.size(); p++) {
            assertArrayEquals(expected.get(p), f.params.get(p).value(), f.params.get(p).name());
        }
    }

    @ParameterizedTest
    @FieldSource("IDS")
    void weightDecayMovesWeightsButNotBiases(String id) {
        OptimizerFixture decayed = new OptimizerFixture();
        OptimizerFixture plain = new OptimizerFixture();
        decayed.train(make(id, decayed.params, 0.1), 0.1f);
        plain.train(make(id, plain.params, 0), 0.1f);
        assertArrayEquals(plain.bias.value(), decayed.bias.value());
        assertFalse(Arrays.equals(plain.weight.value(), decayed.weight.value()));
    }

    @ParameterizedTest
    @FieldSource("IDS")
    void aRateScaleMovesThatParameterAsItsOwnScaledRateWould(String id) {
        OptimizerFixture scaled = new OptimizerFixture();
        scaled.setGradients(0);
        make(id, scaled.params, 0.1).update(scaled.params, 0.1f, new float[] {1f, 0.25f});
        OptimizerFixture weightAlone = new OptimizerFixture();
        weightAlone.setGradients(0);
        make(id, weightAlone.params, 0.1).update(List.of(weightAlone.weight), 0.1f);
        OptimizerFixture biasAlone = new OptimizerFixture();
        biasAlone.setGradients(0);
        make(id, biasAlone.params, 0.1).update(List.of(biasAlone.bias), 0.025f);
        assertArrayEquals(weightAlone.weight.value(), scaled.weight.value());
        assertArrayEquals(biasAlone.bias.value(), scaled.bias.value());
    }

    @ParameterizedTest
    @FieldSource("IDS")
    void aParameterFromElsewhereIsRejectedBeforeAnythingMoves(String id) {
        OptimizerFixture f = new OptimizerFixture();
        Optimizer optimizer = make(id, f.params, 0);
        Param stranger = new Param("weight", Shape.of(3), true);
        f.setGradients(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> optimizer.update(List.of(f.weight, stranger), 0.1f));
        assertEquals("The parameter 'weight' (3) is not one this optimizer was made for; make it from the "
                + "network's parameters", e.getMessage());
        assertArrayEquals(OptimizerFixture.START[0], f.weight.value());
        assertEquals(0, optimizer.steps());
    }

    @ParameterizedTest
    @FieldSource("IDS")
    void aNegativeLearningRateIsRejected(String id) {
        OptimizerFixture f = new OptimizerFixture();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> make(id, f.params, 0).update(f.params, -0.1f));
        assertEquals("The learning rate must be a finite number ≥ 0, not -0.1", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"sgd", "momentum", "rmsprop"})
    void warmUpdatesAllocateNothing(String id) {
        // Adam's kernel takes an AdamStep record per call, which only escape analysis can keep off the heap.
        OptimizerFixture f = new OptimizerFixture();
        Optimizer optimizer = make(id, f.params, 0.1);
        f.setGradients(0);
        for (int i = 0; i < 20_000; i++) {
            optimizer.update(f.params, 1e-6f);
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
        for (int i = 0; i < 5_000; i++) {
            optimizer.update(f.params, 1e-6f);
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
        assertTrue(allocated < 5_000, "allocated " + allocated + " bytes over 5000 updates");
    }

    private static List<float[]> copies(List<float[]> buffers) {
        List<float[]> out = new ArrayList<>();
        buffers.forEach(b -> out.add(b.clone()));
        return out;
    }

    private static void restore(List<float[]> from, List<float[]> into) {
        for (int i = 0; i < from.size(); i++) {
            System.arraycopy(from.get(i), 0, into.get(i), 0, from.get(i).length);
        }
    }
}
