// Checks CharTokenizer: code points (not chars) as tokens, sorted ids, round trips and readable unknown-character errors.
package org.stepwise.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CharTokenizerTest {
    private static final String MIXED = "Call me Ishmael.\n床前明月光，疑是地上霜。𪭢";

    @Test
    void roundTripsEnglishAndChineseWithASurrogatePair() {
        CharTokenizer tokenizer = CharTokenizer.of(MIXED);
        int[] ids = tokenizer.encode(MIXED);
        assertEquals(MIXED.codePointCount(0, MIXED.length()), ids.length);
        assertEquals(MIXED, tokenizer.decode(ids));
        assertEquals(2, "𪭢".length());
        assertEquals(1, tokenizer.encode("𪭢").length);
        assertEquals("𪭢", tokenizer.token(tokenizer.encode("𪭢")[0]));
    }

    @Test
    void vocabularyIsTheDistinctCodePointsSortedByCodePoint() {
        assertEquals(List.of("a", "b", "n"), CharTokenizer.of("banana").symbols());
        assertEquals(List.of(" ", "a", "中", "𝄞"), CharTokenizer.of("𝄞中 a").symbols());
        CharTokenizer tokenizer = CharTokenizer.of("banana");
        assertArrayEquals(new int[] {1, 0, 2, 0, 2, 0}, tokenizer.encode("banana"));
        assertEquals(3, tokenizer.vocabularySize());
        assertEquals("char", tokenizer.id());
    }

    @Test
    void restoresFromSavedSymbolsInTheirOrder() {
        CharTokenizer restored = new CharTokenizer(List.of("n", "a", "b"));
        assertArrayEquals(new int[] {2, 1, 0, 1, 0, 1}, restored.encode("banana"));
        CharTokenizer trained = CharTokenizer.of(MIXED);
        assertArrayEquals(trained.encode(MIXED), CharTokenizer.of(trained.symbols()).encode(MIXED));
    }

    @Test
    void encodeNamesTheFirstUnknownCharacterAndItsPosition() {
        CharTokenizer tokenizer = CharTokenizer.of("abc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tokenizer.encode("𪭢abéb!"));
        assertEquals("The text has '𪭢' (U+2AB62) at position 0, which is not in the vocabulary of 3 characters",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("cabé!"));
        assertEquals("The text has 'é' (U+00E9) at position 3, which is not in the vocabulary of 3 characters",
                e.getMessage());
    }

    @Test
    void unknownCharactersAreDistinctInOrderOfAppearance() {
        CharTokenizer tokenizer = CharTokenizer.of("abc");
        assertEquals("xé𪭢", tokenizer.unknownCharacters("axébx𪭢é"));
        assertEquals("", tokenizer.unknownCharacters("cab"));
    }

    @Test
    void rejectsBadSymbolsAndIds() {
        assertEquals("Symbol 1 of a character vocabulary must be one character, but is \"ab\"",
                assertThrows(IllegalArgumentException.class, () -> CharTokenizer.of(List.of("a", "ab")))
                        .getMessage());
        assertEquals("A character vocabulary has 'a' (U+0061) twice, at 0 and 2",
                assertThrows(IllegalArgumentException.class, () -> CharTokenizer.of(List.of("a", "b", "a")))
                        .getMessage());
        assertEquals("Token 3 is outside the vocabulary of 3 tokens (0..2)",
                assertThrows(IllegalArgumentException.class, () -> CharTokenizer.of("abc").decode(new int[] {0, 3}))
                        .getMessage());
    }
}
