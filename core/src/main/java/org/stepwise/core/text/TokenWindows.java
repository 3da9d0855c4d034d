// Cuts a token sequence into windows for next-token training: each sample is `context` tokens, and its labels are
// the same window shifted by one, so every position learns to predict the token after it.
package org.stepwise.core.text;

import java.util.Arrays;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.tensor.Shape;

public final class TokenWindows {
    /** Training windows from the start of the text, validation windows from the unseen end. */
    public record Split(Dataset train, Dataset validation) {
    }

    private TokenWindows() {
    }

    /** Non-overlapping windows: the stride is the context. */
    public static Dataset of(String name, int[] tokens, int context, int vocabularySize) {
        return of(name, tokens, context, context, vocabularySize);
    }

    /**
     * Windows starting at 0, stride, 2·stride, … while a whole window and its next token fit. Sample s has
     * x = tokens[s·stride, s·stride + context) as floats and labels = tokens[s·stride + 1, s·stride + context].
     *
     * @param stride tokens between window starts: the context for disjoint windows, less for more (overlapping) ones
     */
    public static Dataset of(String name, int[] tokens, int context, int stride, int vocabularySize) {
        if (context < 1) {
            throw new IllegalArgumentException("The context must be at least 1 token, not " + context);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("The stride must be at least 1 token, not " + stride);
        }
        if (tokens.length < context + 1) {
            throw new IllegalArgumentException("'" + name + "' has " + tokens.length + " tokens, but a window of "
                    + context + " tokens needs " + (context + 1) + ": the window and the token after it");
        }
        int n = (tokens.length - context - 1) / stride + 1;
        float[] x = new float[n * context]; // (n, context) token ids
        int[] labels = new int[n * context]; // (n, context) the next token at each position
        for (int s = 0; s < n; s++) {
            int start = s * stride;
            for (int j = 0; j < context; j++) {
                x[s * context + j] = tokens[start + j];
            }
            System.arraycopy(tokens, start + 1, labels, s * context, context);
        }
        return new Dataset(name, Shape.of(context), x, labels, null, n, vocabularySize);
    }

    /**
     * Splits the text where the training fraction ends, so validation windows come from text the model never trains
     * on (a random split of overlapping windows would leak it).
     *
     * @param trainFraction share of the tokens for training, e.g. 0.9
     */
    public static Split split(String name, int[] tokens, int context, int stride, int vocabularySize,
            double trainFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("The training fraction must be between 0 and 1 (exclusive), not "
                    + trainFraction);
        }
        int cut = (int) Math.round(tokens.length * trainFraction);
        return new Split(
                of(name + " (training)", Arrays.copyOfRange(tokens, 0, cut), context, stride, vocabularySize),
                of(name + " (validation)", Arrays.copyOfRange(tokens, cut, tokens.length), context, stride,
                        vocabularySize));
    }
}
