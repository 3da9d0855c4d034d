// Facts about the machine that the JDK does not report itself, shared by `info` and `bench`.
package org.stepwise.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

final class MachineFacts {
    private MachineFacts() {
    }

    /** Linux names the CPU in /proc/cpuinfo; elsewhere, or when it cannot be read, the architecture has to do. */
    static String cpuModel() {
        String fallback = System.getProperty("os.arch");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return fallback;
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .filter(model -> !model.isEmpty())
                    .findFirst()
                    .orElse(fallback);
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }
}
