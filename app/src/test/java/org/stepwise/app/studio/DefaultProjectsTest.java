// Every template the File menu offers opens as a project whose network fits its data and can train.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.Session;
import org.stepwise.core.project.TrainingSettings;

class DefaultProjectsTest {
    @Test
    void everyMenuTemplateFitsItsDataAndTakesAStep() throws Exception {
        for (String name : DefaultProjects.MENU) {
            Project p = DefaultProjects.fromTemplate(name);
            Session session = Session.open(p, 0);
            assertTrue(session.stepper().finishStep(), name);
            assertEquals(1, session.stepper().step(), name);
        }
    }

    @ParameterizedTest
    @CsvSource({"gpt-moby-dick, moby-dick, 78", "gpt-tang-poems, tang-poems, 2566"})
    void theTinyGptsAreSizedToTheirTextAndTrainWithAdamW(String name, String data, int vocabulary) {
        Project p = DefaultProjects.fromTemplate(name);
        assertEquals(data, p.data().spec());
        assertEquals(GptConfig.small(vocabulary).graph(), p.graph());
        TrainingSettings s = p.settings();
        assertEquals("adamw", s.optimizer());
        assertEquals(0.001f, s.learningRate());
        assertEquals(32, s.batchSize());
        assertEquals(0.1, s.validationFraction());
    }

    @Test
    void theDefaultIsTheSpiralWithATwoEightEightOneNet() {
        Project p = DefaultProjects.standard();
        assertEquals("spiral", p.name());
        assertEquals("spiral", p.data().spec());
        assertEquals(105, p.network().parameterCount());
    }
}
