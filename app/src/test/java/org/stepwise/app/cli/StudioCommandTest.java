// Which studio command lines start JavaFX while picocli reads them: all but those asking for help or the version.
package org.stepwise.app.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StudioCommandTest {

    @Test
    void onlyHelpAndVersionSkipStartingJavaFx() {
        for (String asks : new String[] {"-h", "--help", "-V", "--version"}) {
            assertTrue(StudioCommand.asksForHelp(new String[] {"studio", asks}), asks);
            assertTrue(StudioCommand.asksForHelp(new String[] {"studio", "--lang", "zh-CN", asks}), asks);
        }
        assertFalse(StudioCommand.asksForHelp(new String[] {"studio"}));
        assertFalse(StudioCommand.asksForHelp(new String[] {"studio", "--lang", "zh-CN", "--timing", "net.stepwise"}));
        // A project file may be called help; it is opened, not taken for a request for help.
        assertFalse(StudioCommand.asksForHelp(new String[] {"studio", "help"}));
    }
}
