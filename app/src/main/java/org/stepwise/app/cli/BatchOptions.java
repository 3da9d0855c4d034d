// The options train and finetune share: batch size, optimizer, and the validation and test splits, with their checks
// and the settings they make. A picocli mixin, so both commands spell and explain them the same way.
package org.stepwise.app.cli;

import java.util.Map;
import org.stepwise.core.optim.Optimizers;
import org.stepwise.core.project.TrainingSettings;
import picocli.CommandLine.Option;

final class BatchOptions {
    @Option(names = "--batch-size", paramLabel = "N", description = "Samples per batch (default: ${DEFAULT-VALUE}).")
    int batchSize = 32;

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "sgd, momentum, rmsprop, adam or adamw (default: ${DEFAULT-VALUE}).")
    String optimizer = "adam";

    @Option(names = "--val-split", paramLabel = "F", description = "Fraction held out for validation "
            + "(default: ${DEFAULT-VALUE}).")
    double validationFraction = 0.2;

    @Option(names = "--test-split", paramLabel = "F", description = "Fraction held out for a final test "
            + "(default: ${DEFAULT-VALUE}).")
    double testFraction = 0;

    /** @throws IllegalArgumentException naming the option whose value cannot be used */
    void check() {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("--batch-size must be at least 1, not " + batchSize);
        }
        Optimizers.settings(optimizer);
    }

    /** The settings with this batch size, optimizer (with its defaults) and split. */
    TrainingSettings apply(TrainingSettings settings) {
        return settings.withOptimizer(optimizer, Map.of()).withBatchSize(batchSize)
                .withSplit(validationFraction, testFraction);
    }
}
