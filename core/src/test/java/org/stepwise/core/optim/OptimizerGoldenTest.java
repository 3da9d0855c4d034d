// Optimizers, schedules and clipping against PyTorch 1.13 itself, from golden/optim_golden.json.
//
// src/test/resources/golden/make_optim_golden.py wrote the file (this test never runs it); its case names and
// hyperparameters are mirrored here. Weight decay reaches the weight only, as the script's parameter groups do.
package org.stepwise.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stepwise.core.optim.OptimizerFixture.KERNELS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.core.graph.Param;
import org.stepwise.core.tensor.Shape;

class OptimizerGoldenTest {

    private static final JsonNode GOLDEN = load("/golden/optim_golden.json");

    @ParameterizedTest
    @CsvSource({
            "sgd,      sgd,      0.1,  false",
            "momentum, momentum, 0.1,  false",
            "nesterov, momentum, 0.1,  true",
            "rmsprop,  rmsprop,  0.01, false",
            "adam,     adam,     0.1,  false",
            "adamw,    adamw,    0.1,  false"})
    void threeStepsMatchPyTorch(String golden, String id, float learningRate, boolean nesterov) {
        JsonNode inputs = GOLDEN.get("inputs");
        Param weight = param("weight", Shape.of(2, 3), true, inputs.get("weight"));
        Param bias = param("bias", Shape.of(3), false, inputs.get("bias"));
        List<Param> params = List.of(weight, bias);
        Map<String, Object> settings = id.equals("momentum")
                ? Map.of("weight_decay", 0.01, "momentum", 0.9, "nesterov", nesterov)
                : Map.of("weight_decay", 0.01);
        Optimizer optimizer = Optimizers.create(id, params, KERNELS, settings);
        for (int t = 0; t < 3; t++) {
            copy(inputs.get("weight_grads").get(t), weight.grad());
            copy(inputs.get("bias_grads").get(t), bias.grad());
            optimizer.update(params, learningRate);
        }
        JsonNode expected = GOLDEN.get("optimizers").get(golden);
        assertClose(golden + " weight", expected.get("weight"), weight.size(), weight.value());
        assertClose(golden + " bias", expected.get("bias"), bias.size(), bias.value());
    }

    @ParameterizedTest
    @CsvSource({"step", "cosine", "warmup_cosine"})
    void schedulesMatchPyTorchsSchedulers(String golden) {
        Schedule schedule = switch (golden) {
            case "step" -> new StepSchedule(3, 0.5f);
            case "cosine" -> new CosineSchedule(8, 0.01f);
            default -> new WarmupSchedule(4, new CosineSchedule(6, 0.01f));
        };
        JsonNode rates = GOLDEN.get("schedules").get(golden);
        for (int step = 0; step < rates.size(); step++) {
            assertEquals(rates.get(step).doubleValue(), schedule.rate(0.1f, step), 1e-8, golden + " at " + step);
        }
    }

    @Test
    void clippingMatchesClipGradNorm() {
        JsonNode inputs = GOLDEN.get("inputs");
        JsonNode expected = GOLDEN.get("clipping");
        Param weight = param("weight", Shape.of(2, 3), true, inputs.get("weight"));
        Param bias = param("bias", Shape.of(3), false, inputs.get("bias"));
        copy(inputs.get("weight_grads").get(0), weight.grad());
        copy(inputs.get("bias_grads").get(0), bias.grad());
        float norm = GradientClipping.clipGlobalNorm(List.of(weight, bias), expected.get("max_norm").floatValue());
        assertEquals(expected.get("norm").floatValue(), norm, 1e-6f);
        assertClose("clipped weight grad", expected.get("weight_grad"), 6, weight.grad());
        assertClose("clipped bias grad", expected.get("bias_grad"), 3, bias.grad());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Within a few float32 rounding steps of PyTorch's float32 result: both did the same float arithmetic. */
    private static void assertClose(String what, JsonNode expected, int size, float[] actual) {
        assertEquals(size, expected.size(), what + ": values in the fixture");
        for (int i = 0; i < size; i++) {
            double e = expected.get(i).doubleValue();
            double tolerance = 1e-6 * Math.max(1, Math.abs(e));
            int at = i;
            assertTrue(Math.abs(e - actual[i]) <= tolerance,
                    () -> what + "[" + at + "]: PyTorch " + e + ", Stepwise " + actual[at]);
        }
    }

    private static Param param(String name, Shape shape, boolean isWeight, JsonNode values) {
        Param p = new Param(name, shape, isWeight);
        copy(values, p.value());
        return p;
    }

    private static void copy(JsonNode values, float[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = values.get(i).floatValue();
        }
    }

    private static JsonNode load(String resource) {
        try (InputStream in = OptimizerGoldenTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("There is no fixture " + resource
                        + "; run src/test/resources/golden/make_optim_golden.py");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
