// The optimizer factory: ids, PyTorch's defaults, settings reaching the optimizer, and readable errors.
package org.stepwise.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stepwise.core.optim.OptimizerFixture.KERNELS;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.stepwise.core.graph.Param;

class OptimizersTest {

    /** Each id, its optimizer with PyTorch's default hyperparameters spelled out, and its short constructor. */
    static Stream<Arguments> pyTorchDefaults() {
        return Stream.of(
                defaults("sgd", p -> new Sgd(p, KERNELS, 0f), p -> new Sgd(p, KERNELS)),
                defaults("momentum", p -> new Momentum(p, KERNELS, 0.9f, 0f, false), p -> new Momentum(p, KERNELS)),
                defaults("rmsprop", p -> new RmsProp(p, KERNELS, 0.99f, 1e-8f, 0f), p -> new RmsProp(p, KERNELS)),
                defaults("adam", p -> new Adam(p, KERNELS, 0.9f, 0.999f, 1e-8f, 0f), p -> new Adam(p, KERNELS)),
                defaults("adamw", p -> new AdamW(p, KERNELS, 0.9f, 0.999f, 1e-8f, 0.01f), p -> new AdamW(p, KERNELS)));
    }

    private static Arguments defaults(String id, Function<List<Param>, Optimizer> explicit,
                                      Function<List<Param>, Optimizer> shortConstructor) {
        return Arguments.of(id, explicit, shortConstructor);
    }

    @ParameterizedTest
    @MethodSource("pyTorchDefaults")
    void factoryAndShortConstructorsUsePyTorchsDefaults(String id, Function<List<Param>, Optimizer> explicit,
                                                         Function<List<Param>, Optimizer> shortConstructor) {
        OptimizerFixture expected = new OptimizerFixture();
        OptimizerFixture viaFactory = new OptimizerFixture();
        OptimizerFixture viaConstructor = new OptimizerFixture();
        expected.train(explicit.apply(expected.params), 0.1f);
        Optimizer made = Optimizers.create(id, viaFactory.params, KERNELS, null);
        viaFactory.train(made, 0.1f);
        viaConstructor.train(shortConstructor.apply(viaConstructor.params), 0.1f);
        assertEquals(id, made.id());
        assertArrayEquals(expected.weight.value(), viaFactory.weight.value());
        assertArrayEquals(expected.weight.value(), viaConstructor.weight.value());
    }

    @Test
    void settingsReachTheOptimizer() {
        OptimizerFixture expected = new OptimizerFixture();
        OptimizerFixture actual = new OptimizerFixture();
        expected.train(new Momentum(expected.params, KERNELS, 0.5f, 0.1f, true), 0.1f);
        actual.train(Optimizers.create("momentum", actual.params, KERNELS,
                Map.of("momentum", 0.5, "nesterov", true, "weight_decay", 0.1)), 0.1f);
        assertArrayEquals(expected.weight.value(), actual.weight.value());
    }

    @Test
    void idsIgnoreCase() {
        assertEquals("adamw", Optimizers.create(" AdamW", new OptimizerFixture().params, KERNELS, Map.of()).id());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "adamax   | beta1        | 0.9 | Unknown optimizer 'adamax'; use sgd, momentum, rmsprop, adam, adamw",
            "sgd      | momentum     | 0.9 | The optimizer sgd has no setting 'momentum'; its settings are "
                    + "weight_decay",
            "adam     | weight_decy  | 0.1 | The optimizer adam has no setting 'weight_decy'; its settings are beta1, "
                    + "beta2, eps, weight_decay",
            "adam     | beta1        | 1   | Adam's beta1 must lie in [0, 1), not 1.0",
            "adamw    | eps          | 0   | AdamW's eps must be a finite number > 0, not 0.0",
            "rmsprop  | alpha        | -1  | RMSprop's alpha must lie in [0, 1), not -1.0",
            "momentum | weight_decay | -1  | Momentum's weight_decay must be a finite number ≥ 0, not -1.0"})
    void badIdsSettingsAndValuesAreNamedInTheError(String id, String setting, double value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create(id, new OptimizerFixture().params, KERNELS, Map.of(setting, value)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void settingsOfTheWrongTypeAreNamedInTheError() {
        List<Param> params = new OptimizerFixture().params;
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("momentum", params, KERNELS, Map.of("nesterov", 1)));
        assertEquals("The optimizer momentum's setting 'nesterov' must be true or false, not '1'", flag.getMessage());
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("adam", params, KERNELS, Map.of("beta2", "high")));
        assertEquals("The optimizer adam's setting 'beta2' must be a number, not 'high'", number.getMessage());
    }

    @Test
    void aParameterListedTwiceIsRejected() {
        OptimizerFixture f = new OptimizerFixture();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(List.of(f.weight, f.bias, f.weight), KERNELS));
        assertEquals("The parameter 'weight' (2, 2) is listed twice; an optimizer needs each parameter once",
                e.getMessage());
    }
}
