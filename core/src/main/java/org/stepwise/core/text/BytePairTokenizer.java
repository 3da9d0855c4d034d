// Byte-pair encoding over characters: start from a corpus's characters and repeatedly merge the most frequent
// adjacent pair into a new token, so frequent pieces such as "th" or "the " become one token each.
//
// Merges cross spaces and lines: there is no splitting into words first, which keeps encode a plain replay of the
// merges. Each merge replaces pairs left to right without overlap, in training and in encode alike.
package org.stepwise.core.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class BytePairTokenizer implements Tokenizer {
    /** Tokens left and right, adjacent, become one new token, whose id follows the ids before it. */
    public record Merge(int left, int right) {
    }

    private final CharTokenizer characters;
    private final List<Merge> merges;
    private final List<String> tokens;

    /** A trained tokenizer as saved: its characters' vocabulary and its merges in learned order. */
    public BytePairTokenizer(CharTokenizer characters, List<Merge> merges) {
        this.characters = characters;
        this.merges = List.copyOf(merges);
        List<String> all = new ArrayList<>(characters.symbols());
        for (int i = 0; i < this.merges.size(); i++) {
            Merge m = this.merges.get(i);
            if (m.left() < 0 || m.left() >= all.size() || m.right() < 0 || m.right() >= all.size()) {
                throw new IllegalArgumentException("Merge " + i + " joins tokens " + m.left() + " and " + m.right()
                        + ", but only tokens 0.." + (all.size() - 1) + " exist before it");
            }
            all.add(all.get(m.left()) + all.get(m.right()));
        }
        this.tokens = List.copyOf(all);
    }

    public static BytePairTokenizer of(List<String> characters, List<Merge> merges) {
        return new BytePairTokenizer(CharTokenizer.of(characters), merges);
    }

    /**
     * Learns up to the given number of merges from a text, each time merging its most frequent adjacent pair (ties
     * go to the pair with the smaller left id, then the smaller right id). Stops early when no pair occurs twice.
     */
    public static BytePairTokenizer train(String text, int merges) {
        if (merges < 0) {
            throw new IllegalArgumentException("The number of merges must be 0 or more, not " + merges);
        }
        CharTokenizer characters = CharTokenizer.of(text);
        int[] sequence = characters.encode(text);
        int length = sequence.length;
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i + 1 < length; i++) {
            counts.merge(pair(sequence[i], sequence[i + 1]), 1, Integer::sum);
        }
        List<Merge> learned = new ArrayList<>();
        while (learned.size() < merges) {
            long best = mostFrequent(counts);
            if (best < 0) {
                break;
            }
            int a = (int) (best >>> 32);
            int b = (int) best;
            int z = characters.vocabularySize() + learned.size();
            length = replace(sequence, length, a, b, z);
            recount(counts, sequence, length, a, b, z);
            learned.add(new Merge(a, b));
        }
        return new BytePairTokenizer(characters, learned);
    }

    public CharTokenizer characters() {
        return characters;
    }

    public List<Merge> merges() {
        return merges;
    }

    /** The text of every token: the characters, then one per merge. */
    @Override
    public List<String> symbols() {
        return tokens;
    }

    @Override
    public String id() {
        return "bpe";
    }

    @Override
    public int[] encode(String text) {
        int[] sequence = characters.encode(text);
        int length = sequence.length;
        for (int i = 0; i < merges.size(); i++) {
            length = replace(sequence, length, merges.get(i).left(), merges.get(i).right(),
                    characters.vocabularySize() + i);
        }
        return Arrays.copyOf(sequence, length);
    }

    @Override
    public String unknownCharacters(String text) {
        return characters.unknownCharacters(text);
    }

    private static long pair(int left, int right) {
        return (long) left << 32 | right;
    }

    /** The most frequent pair occurring at least twice, the smallest on ties; -1 if none. */
    private static long mostFrequent(Map<Long, Integer> counts) {
        long best = -1;
        int bestCount = 1;
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            int c = e.getValue();
            if (c > bestCount || c == bestCount && best >= 0 && e.getKey() < best) {
                best = e.getKey();
                bestCount = c;
            }
        }
        return best;
    }

    /** Replaces each (a, b) in sequence[0, length) by z, left to right without overlap; returns the new length. */
    private static int replace(int[] sequence, int length, int a, int b, int z) {
        int out = 0;
        int i = 0;
        while (i < length) {
            if (i + 1 < length && sequence[i] == a && sequence[i + 1] == b) {
                sequence[out++] = z;
                i += 2;
            } else {
                sequence[out++] = sequence[i++];
            }
        }
        return out;
    }

    /**
     * Updates the pair counts after (a, b) became z, touching only the pairs around each z: z is new, so every z in
     * the sequence is a merged pair, and the pairs it broke are rebuilt from its neighbours. A run of z's shares its
     * inner pairs, so the pair before a z is counted only when the token before it is not a z too.
     */
    private static void recount(Map<Long, Integer> counts, int[] sequence, int length, int a, int b, int z) {
        for (int j = 0; j < length; j++) {
            if (sequence[j] != z) {
                continue;
            }
            add(counts, pair(a, b), -1);
            if (j + 1 < length) {
                int next = sequence[j + 1];
                add(counts, pair(b, next == z ? a : next), -1);
                add(counts, pair(z, next), 1);
            }
            if (j > 0 && sequence[j - 1] != z) {
                add(counts, pair(sequence[j - 1], a), -1);
                add(counts, pair(sequence[j - 1], z), 1);
            }
        }
    }

    private static void add(Map<Long, Integer> counts, long pair, int delta) {
        int c = counts.getOrDefault(pair, 0) + delta;
        if (c == 0) {
            counts.remove(pair);
        } else {
            counts.put(pair, c);
        }
    }
}
