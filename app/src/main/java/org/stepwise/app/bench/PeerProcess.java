// Runs one peer baseline script (our own tooling in ../shared/bench) as a child process and collects its output.
package org.stepwise.app.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

final class PeerProcess {
    private static final long TIMEOUT_MINUTES = 10;

    /** Standard output lines, standard error, and a failure reason (empty when the script succeeded). */
    record Output(List<String> lines, String stderr, String failure) {
    }

    private PeerProcess() {
    }

    /** The Python that has NumPy and PyTorch here: Debian's, else whatever python3 is on PATH. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** The script {@code name}: the one given, else ../shared/bench/NAME beside the working folder or the checkout. */
    static Optional<Path> locate(Path given, String name) {
        if (given != null) {
            return Files.isRegularFile(given) ? Optional.of(given) : Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("..", "shared", "bench", name));
        checkoutRoot().ifPresent(root -> candidates.add(root.resolve("../shared/bench/" + name)));
        return candidates.stream().filter(Files::isRegularFile).map(Path::normalize).findFirst();
    }

    static Output run(List<String> command, Map<String, String> environment) {
        List<String> lines = new ArrayList<>();
        StringBuilder errors = new StringBuilder();
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            Thread errorReader = Thread.ofVirtual().start(() -> {
                try {
                    errors.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    errors.append(e.getMessage());
                }
            });
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            }
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Output(lines, errors.toString(), "did not finish in " + TIMEOUT_MINUTES + " minutes");
            }
            errorReader.join();
            if (process.exitValue() != 0) {
                String[] err = errors.toString().strip().split("\n");
                return new Output(lines, errors.toString(), "failed (exit " + process.exitValue() + "): "
                        + err[err.length - 1]);
            }
            return new Output(lines, errors.toString(), "");
        } catch (IOException e) {
            return new Output(lines, errors.toString(), "could not run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Output(lines, errors.toString(), "interrupted");
        }
    }

    /** app/target/lib/stepwise-app.jar (or app/target/classes) → the checkout's root, when run from a build. */
    private static Optional<Path> checkoutRoot() {
        try {
            Path location = Path.of(PeerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = location.getParent();
            if (target != null && target.getFileName() != null && target.getFileName().toString().equals("lib")) {
                target = target.getParent();
            }
            Path app = target == null ? null : target.getParent();
            return app == null || app.getParent() == null ? Optional.empty() : Optional.of(app.getParent());
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
