// The schedule factory: settings into records, a nested schedule after a warm-up, and readable errors.
package org.stepwise.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulesTest {

    @Test
    void settingsBecomeTheSchedulesFieldsWithPyTorchsDefaultsForTheRest() {
        assertEquals(new ConstantSchedule(), Schedules.create("constant", null));
        assertEquals(new StepSchedule(30, 0.1f), Schedules.create("step", Map.of("step_size", 30)));
        assertEquals(new CosineSchedule(100, 0.01f),
                Schedules.create("Cosine", Map.of("total_steps", 100, "min_rate", 0.01)));
    }

    @Test
    void aWarmupHandsOverToTheNestedScheduleOrToConstant() {
        assertEquals(new WarmupSchedule(10, new CosineSchedule(90, 0f)), Schedules.create("warmup",
                Map.of("warmup_steps", 10, "after", Map.of("id", "cosine", "total_steps", 90))));
        assertEquals(new WarmupSchedule(10, new ConstantSchedule()),
                Schedules.create("warmup", Map.of("warmup_steps", 10.0)));
    }

    @Test
    void badIdsAndSettingsAreNamedInTheError() {
        assertEquals("Unknown schedule 'linear'; use constant, step, cosine, warmup", message("linear", Map.of()));
        assertEquals("The schedule constant has no setting 'gamma'; it takes none",
                message("constant", Map.of("gamma", 0.5)));
        assertEquals("The schedule cosine needs the setting 'total_steps', a whole number ≥ 1",
                message("cosine", Map.of("min_rate", 0.0)));
        assertEquals("The schedule step's setting 'step_size' must be a whole number ≥ 1, not '2.5'",
                message("step", Map.of("step_size", 2.5)));
        assertEquals("The schedule after the warm-up needs an \"id\": one of constant, step, cosine, warmup",
                message("warmup", Map.of("warmup_steps", 5, "after", Map.of("total_steps", 10))));
        assertEquals("The schedule warmup's setting 'after' must be an object of settings, not 'cosine'",
                message("warmup", Map.of("warmup_steps", 5, "after", "cosine")));
    }

    private static String message(String id, Map<String, ?> settings) {
        return assertThrows(IllegalArgumentException.class, () -> Schedules.create(id, settings)).getMessage();
    }
}
