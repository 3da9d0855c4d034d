// Checks BytePairTokenizer by hand on the classic "aaabdaaabac", against a recount-every-merge reference on the
// bundled corpora, and by how much it shortens English.
package org.stepwise.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.stepwise.core.text.BytePairTokenizer.Merge;

class BytePairTokenizerTest {
    @Test
    void classicExampleMergesAaThenAbThenAaab() {
        // a=0 b=1 c=2 d=3. "aa" is the most frequent pair; then "aa"+a·b ties with a·b, and the smaller ids (a, b)
        // win; then "aa"+"ab" occurs twice and nothing else does.
        BytePairTokenizer bpe = BytePairTokenizer.train("aaabdaaabac", 10);
        assertEquals(List.of(new Merge(0, 0), new Merge(0, 1), new Merge(4, 5)), bpe.merges());
        assertEquals(List.of("a", "b", "c", "d", "aa", "ab", "aaab"), bpe.symbols());
        assertArrayEquals(new int[] {6, 3, 6, 0, 2}, bpe.encode("aaabdaaabac"));
        assertEquals("aaabdaaabac", bpe.decode(bpe.encode("aaabdaaabac")));
        assertArrayEquals(new int[] {4, 4, 1, 2}, bpe.encode("aaaabc")); // merges replay in order, left to right
        assertEquals("bpe", bpe.id());
        assertEquals(7, bpe.vocabularySize());
    }

    @Test
    void restoresFromCharactersAndMerges() {
        BytePairTokenizer trained = BytePairTokenizer.train("aaabdaaabac", 10);
        BytePairTokenizer restored = BytePairTokenizer.of(trained.characters().symbols(), trained.merges());
        assertEquals(trained.symbols(), restored.symbols());
        assertArrayEquals(trained.encode("dabaaaac"), restored.encode("dabaaaac"));
        assertEquals("Merge 1 joins tokens 0 and 5, but only tokens 0..4 exist before it",
                assertThrows(IllegalArgumentException.class,
                        () -> BytePairTokenizer.of(List.of("a", "b", "c", "d"), List.of(new Merge(0, 0),
                                new Merge(0, 5)))).getMessage());
    }

    @Test
    void incrementalCountsLearnTheSameMergesAsRecountingEveryTime() {
        for (String id : Corpus.ids()) {
            String text = Corpus.load(id).text();
            String slice = text.substring(0, Math.min(text.length(), 12_000));
            assertEquals(referenceMerges(slice, 60), BytePairTokenizer.train(slice, 60).merges(), id);
        }
        String runs = "aaaa aaa aaaaa bbbb abab ababab";
        assertEquals(referenceMerges(runs, 8), BytePairTokenizer.train(runs, 8).merges());
    }

    @Test
    void mergesShortenTheEnglishCorpusAndRoundTrip() {
        String text = Corpus.load("english").text();
        BytePairTokenizer bpe = BytePairTokenizer.train(text, 200);
        assertEquals(200, bpe.merges().size());
        assertEquals(78 + 200, bpe.vocabularySize());
        int[] ids = bpe.encode(text);
        int characters = text.codePointCount(0, text.length());
        assertTrue(ids.length < 0.6 * characters, ids.length + " tokens for " + characters + " characters");
        assertEquals(text, bpe.decode(ids));
        assertTrue(bpe.symbols().containsAll(List.of("e ", "th", " the ", "Queequeg")), bpe.symbols().toString());
    }

    @Test
    void stopsWhenNoPairRepeatsAndReportsUnknownCharacters() {
        BytePairTokenizer bpe = BytePairTokenizer.train("abcd", 5);
        assertEquals(List.of(), bpe.merges());
        assertEquals("é", bpe.unknownCharacters("abé"));
        assertEquals("The text has 'é' (U+00E9) at position 2, which is not in the vocabulary of 4 characters",
                assertThrows(IllegalArgumentException.class, () -> bpe.encode("abé")).getMessage());
    }

    /** The algorithm's plain statement: recount every adjacent pair before each merge. */
    private static List<Merge> referenceMerges(String text, int merges) {
        CharTokenizer characters = CharTokenizer.of(text);
        List<Integer> sequence = new ArrayList<>(Arrays.stream(characters.encode(text)).boxed().toList());
        List<Merge> learned = new ArrayList<>();
        while (learned.size() < merges) {
            Map<List<Integer>, Integer> counts = new TreeMap<>((p, q) -> p.get(0).equals(q.get(0))
                    ? Integer.compare(p.get(1), q.get(1)) : Integer.compare(p.get(0), q.get(0)));
            for (int i = 0; i + 1 < sequence.size(); i++) {
                counts.merge(List.of(sequence.get(i), sequence.get(i + 1)), 1, Integer::sum);
            }
            List<Integer> best = null;
            for (Map.Entry<List<Integer>, Integer> e : counts.entrySet()) {
                if (e.getValue() >= 2 && (best == null || e.getValue() > counts.get(best))) {
                    best = e.getKey();
                }
            }
            if (best == null) {
                break;
            }
            int z = characters.vocabularySize() + learned.size();
            List<Integer> merged = new ArrayList<>();
            for (int i = 0; i < sequence.size(); i++) {
                if (i + 1 < sequence.size() && sequence.get(i).equals(best.get(0))
                        && sequence.get(i + 1).equals(best.get(1))) {
                    merged.add(z);
                    i++;
                } else {
                    merged.add(sequence.get(i));
                }
            }
            sequence = merged;
            learned.add(new Merge(best.get(0), best.get(1)));
        }
        return learned;
    }
}
