// Looks losses up by name and checks that a batch carries the targets a loss needs.
package org.stepwise.core.train;

import java.util.Locale;

public final class Losses {
    private Losses() {
    }

    public static Loss parse(String id) {
        return switch (id.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "mse" -> new MeanSquaredError();
            case "bce", "bce_with_logits", "binary_cross_entropy" -> new BinaryCrossEntropyWithLogits();
            case "ce", "cross_entropy", "softmax_cross_entropy" -> new SoftmaxCrossEntropy();
            default -> throw new IllegalArgumentException("Unknown loss '" + id
                    + "'; use mse, bce_with_logits or softmax_cross_entropy");
        };
    }

    static float[] requireTargets(Batch batch, int cols, String loss) {
        if (batch.y() == null) {
            throw new IllegalArgumentException("The loss " + loss + " needs numeric targets or two classes, but the "
                    + "data has more class labels: use softmax_cross_entropy");
        }
        if (batch.y().length < batch.rows() * cols) {
            throw new IllegalArgumentException("The loss " + loss + " needs " + cols + " target values per sample, "
                    + "but the data has " + batch.y().length / Math.max(1, batch.rows()));
        }
        return batch.y();
    }

    static int[] requireLabels(Batch batch, String loss) {
        if (batch.labels() == null) {
            throw new IllegalArgumentException("The loss " + loss + " needs class labels, but the data has numeric "
                    + "targets: use mse or bce_with_logits");
        }
        return batch.labels();
    }
}
