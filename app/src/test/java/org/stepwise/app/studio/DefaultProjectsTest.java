// Every template the File menu offers opens as a project whose network fits its data and can train.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.Session;

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

    @Test
    void theDefaultIsTheSpiralWithATwoEightEightOneNet() {
        Project p = DefaultProjects.standard();
        assertEquals("spiral", p.name());
        assertEquals("spiral", p.data().spec());
        assertEquals(105, p.network().parameterCount());
    }
}
