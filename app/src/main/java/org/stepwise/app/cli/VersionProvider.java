// The Stepwise version, read from the resource Maven fills in at build time, and the JDK it runs on.
package org.stepwise.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

public final class VersionProvider implements IVersionProvider {

    private static final String RESOURCE = "/org/stepwise/app/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
                "Stepwise " + stepwiseVersion(),
                "JDK " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
        };
    }

    /** The project version, e.g. "0.1.0-SNAPSHOT". */
    public static String stepwiseVersion() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath; rebuild with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
