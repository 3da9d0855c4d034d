// Checks Corpus: both bundled texts load with the sizes and provenance TEXTS.md states, and failures read clearly.
package org.stepwise.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusTest {
    @Test
    void listsEnglishThenChinese() {
        assertEquals(List.of("english", "chinese"), Corpus.ids());
    }

    @Test
    void englishIsMobyDickWithinItsStatedSize() {
        Corpus corpus = Corpus.load("english");
        assertEquals("english", corpus.id());
        assertEquals(247_794, corpus.text().getBytes(StandardCharsets.UTF_8).length);
        assertTrue(corpus.text().startsWith("CHAPTER 1. Loomings.\n\nCall me Ishmael."));
        assertEquals(78, CharTokenizer.of(corpus.text()).vocabularySize());
        assertTrue(corpus.source().contains("Herman Melville") && corpus.source().contains("public domain"),
                corpus.source());
    }

    @Test
    void chineseIsTang300InSimplifiedCharacters() {
        Corpus corpus = Corpus.load("chinese");
        assertEquals("唐诗三百首", corpus.name());
        assertEquals(79_466, corpus.text().getBytes(StandardCharsets.UTF_8).length);
        assertEquals(27_948, corpus.text().codePointCount(0, corpus.text().length()));
        assertEquals(2_566, CharTokenizer.of(corpus.text()).vocabularySize());
        assertTrue(corpus.text().contains("《登鹳雀楼》王之涣\n白日依山尽，黄河入海流。"));
        assertTrue(corpus.source().contains("public domain"), corpus.source());
    }

    @Test
    void unknownIdAndMissingResourceSayWhatIsWrong() {
        assertEquals("There is no bundled corpus 'klingon'; the bundled ones are english, chinese",
                assertThrows(IllegalArgumentException.class, () -> Corpus.load("klingon")).getMessage());
        assertEquals("The corpus 'lost' reads the resource /org/stepwise/assets/text/lost.txt, which is not on the "
                        + "class path: is the stepwise-assets jar missing?",
                assertThrows(IllegalStateException.class,
                        () -> Corpus.fromResource("lost", "Lost", "nowhere", "/org/stepwise/assets/text/lost.txt"))
                        .getMessage());
    }
}
