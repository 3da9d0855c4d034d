// The JavaFX rendering settings the launcher's entry point makes before JavaFX starts.
package org.stepwise.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MainTest {
    private static final String KEY = "prism.dirtyregioncount";

    @Test
    void theDirtyRegionCountIsRaisedUnlessTheCommandLineSetIt() {
        String before = System.getProperty(KEY);
        try {
            System.clearProperty(KEY);
            Main.configureRendering();
            assertEquals("12", System.getProperty(KEY));

            System.setProperty(KEY, "3");
            Main.configureRendering();
            assertEquals("3", System.getProperty(KEY));
        } finally {
            if (before == null) {
                System.clearProperty(KEY);
            } else {
                System.setProperty(KEY, before);
            }
        }
    }
}
