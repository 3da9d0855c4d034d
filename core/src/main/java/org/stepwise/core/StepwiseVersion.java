// The Stepwise version this build carries, from a resource Maven fills in; project files record it when written.
package org.stepwise.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

public final class StepwiseVersion {
    private static final String RESOURCE = "/org/stepwise/core/version.properties";
    private static final String VERSION = read();

    private StepwiseVersion() {
    }

    /** The project version, e.g. "0.1.0-SNAPSHOT"; "unknown" when run from classes Maven did not build. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = StepwiseVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
