// Suggests the name a student probably meant: "unit" → "units", "relu6" → "relu", "activation" → "act".
// Public because lesson files name things too (fields, variables, panels) and their mistakes read the same way.
package org.stepwise.core.io;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

public final class DidYouMean {
    private DidYouMean() {
    }

    /**
     * The closest of {@code known}: within two edits, or one of them a prefix of the other (at least three letters
     * shared), ignoring case. Empty when nothing is close enough to be a helpful guess.
     */
    private static Optional<String> closest(String given, Collection<String> known) {
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String k : known) {
            String c = k.toLowerCase(Locale.ROOT);
            int distance = distance(g, c);
            boolean prefix = Math.min(g.length(), c.length()) >= 3 && (g.startsWith(c) || c.startsWith(g));
            // Two edits turn any short word into another ("act" → "add"), so short names get one.
            int allowed = Math.min(g.length(), c.length()) <= 4 ? 1 : 2;
            int score = distance <= allowed ? distance : prefix ? allowed + 1 : Integer.MAX_VALUE;
            if (score < bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return Optional.ofNullable(best);
    }

    /** " (did you mean 'units'?)" or nothing. */
    public static String hint(String given, Collection<String> known) {
        return closest(given, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    // Levenshtein distance, two rows.
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
