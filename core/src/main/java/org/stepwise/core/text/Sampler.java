// Picks the next token from one position's logits: softmax at a temperature, optionally cut to the k likeliest, then
// one draw. It also reports the likeliest candidates, so the UI can show what the model was choosing between.
package org.stepwise.core.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.stepwise.core.random.SplitMix64;

public final class Sampler {
    /** Candidates shown when neither top-k nor the caller asks for more. */
    public static final int SHOWN = 5;

    public record Candidate(int token, double probability) {
    }

    /** @param candidates the likeliest tokens after temperature and top-k, most probable first */
    public record Choice(int token, List<Candidate> candidates) {
    }

    private long state;

    /** The same seed draws the same tokens from the same logits. */
    public Sampler(long seed) {
        this.state = seed;
    }

    /** As {@link #next(float[], int, int, double, int, int)}, showing max(topK, 5) candidates. */
    public Choice next(float[] logits, int offset, int vocabularySize, double temperature, int topK) {
        return next(logits, offset, vocabularySize, temperature, topK, Math.max(topK, SHOWN));
    }

    /**
     * @param logits      holds the position's logits at [offset, offset + vocabularySize)
     * @param temperature divides the logits before softmax: below 1 sharpens, above 1 flattens, 0 is greedy (the
     *                    argmax with probability 1)
     * @param topK        keeps only the k likeliest tokens and renormalizes over them; 0 keeps all
     * @param shown       at most this many candidates are reported; their probabilities sum to 1 when shown covers
     *                    the kept tokens
     */
    public Choice next(float[] logits, int offset, int vocabularySize, double temperature, int topK, int shown) {
        validate(logits, offset, vocabularySize, temperature, topK, shown);
        // Likeliest first; equal logits keep the smaller id first, so greedy picks are reproducible.
        int[] order = IntStream.range(0, vocabularySize).boxed()
                .sorted(Comparator.comparingDouble((Integer t) -> -logits[offset + t]).thenComparingInt(t -> t))
                .mapToInt(Integer::intValue).toArray();
        int kept = temperature == 0 ? 1 : topK == 0 ? vocabularySize : Math.min(topK, vocabularySize);
        double[] probabilities = new double[kept];
        double max = logits[offset + order[0]];
        double sum = 0;
        for (int i = 0; i < kept; i++) {
            probabilities[i] = temperature == 0 ? 1 : Math.exp((logits[offset + order[i]] - max) / temperature);
            sum += probabilities[i];
        }
        for (int i = 0; i < kept; i++) {
            probabilities[i] /= sum;
        }
        int token = order[draw(probabilities)];
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < Math.min(kept, shown); i++) {
            candidates.add(new Candidate(order[i], probabilities[i]));
        }
        return new Choice(token, List.copyOf(candidates));
    }

    /** The index the next uniform number falls on in the cumulative probabilities. */
    private int draw(double[] probabilities) {
        state += SplitMix64.GAMMA;
        double u = (SplitMix64.mix(state) >>> 11) * 0x1.0p-53;
        double cumulative = 0;
        for (int i = 0; i < probabilities.length; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) {
                return i;
            }
        }
        return probabilities.length - 1; // u fell past a sum that rounding left just under 1
    }

    private static void validate(float[] logits, int offset, int vocabularySize, double temperature, int topK,
            int shown) {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("The vocabulary must have at least 1 token, not " + vocabularySize);
        }
        if (offset < 0 || (long) offset + vocabularySize > logits.length) {
            throw new IllegalArgumentException("Logits " + offset + ".." + ((long) offset + vocabularySize - 1)
                    + " do not fit in the " + logits.length + " logits given");
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("The temperature must be 0 (greedy) or more, and finite, not "
                    + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("Top-k must be 0 (no cut) or more, not " + topK);
        }
        if (shown < 1) {
            throw new IllegalArgumentException("At least 1 candidate must be shown, not " + shown);
        }
        for (int t = 0; t < vocabularySize; t++) {
            if (!Float.isFinite(logits[offset + t])) {
                throw new IllegalArgumentException("The logit of token " + t + " is " + logits[offset + t]
                        + ": sampling needs finite logits");
            }
        }
    }
}
