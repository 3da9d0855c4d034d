// Runs a class of the test classpath in a separate JVM that a test can kill outright, as a crash or power cut would.
package org.stepwise.core.project;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;

    ChildJvm(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules");
        command.add("jdk.incubator.vector");
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The child's next line of output; fails when it ends first. */
    String readLine() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException("The child JVM ended without the expected output (exit "
                    + (process.isAlive() ? "still running" : process.exitValue()) + ")");
        }
        return line;
    }

    /** SIGKILL on Unix: no shutdown hooks, no finally blocks, buffers not flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The child JVM did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
