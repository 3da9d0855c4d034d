// The Stepwise version, as core records it, and the JDK it runs on.
package org.stepwise.app.cli;

import org.stepwise.core.StepwiseVersion;
import picocli.CommandLine.IVersionProvider;

public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
                "Stepwise " + stepwiseVersion(),
                "JDK " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
        };
    }

    /** The project version, e.g. "0.1.0-SNAPSHOT". */
    public static String stepwiseVersion() {
        return StepwiseVersion.get();
    }
}
