// The character-level tokenizer: one token per Unicode code point, so a Chinese character outside the Basic
// Multilingual Plane (two Java chars) is still one token.
package org.stepwise.core.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class CharTokenizer implements Tokenizer {
    private final List<String> symbols;
    private final Map<Integer, Integer> ids;

    /** A vocabulary in the given order, as saved by {@link #symbols()}: each symbol one code point, none twice. */
    public CharTokenizer(List<String> symbols) {
        this.symbols = List.copyOf(symbols);
        this.ids = new HashMap<>();
        for (int i = 0; i < this.symbols.size(); i++) {
            String symbol = this.symbols.get(i);
            if (symbol.isEmpty() || symbol.codePointCount(0, symbol.length()) != 1) {
                throw new IllegalArgumentException("Symbol " + i + " of a character vocabulary must be one character, "
                        + "but is \"" + symbol + "\"");
            }
            Integer earlier = ids.put(symbol.codePointAt(0), i);
            if (earlier != null) {
                throw new IllegalArgumentException("A character vocabulary has " + describe(symbol.codePointAt(0))
                        + " twice, at " + earlier + " and " + i);
            }
        }
    }

    public static CharTokenizer of(List<String> symbols) {
        return new CharTokenizer(symbols);
    }

    /** The vocabulary of a corpus: its distinct code points, sorted by code point so the ids never depend on order. */
    public static CharTokenizer of(String text) {
        return new CharTokenizer(text.codePoints().distinct().sorted().mapToObj(Character::toString).toList());
    }

    @Override
    public List<String> symbols() {
        return symbols;
    }

    @Override
    public String id() {
        return "char";
    }

    /** @throws IllegalArgumentException naming the first unknown character and its position, counted in characters */
    @Override
    public int[] encode(String text) {
        int[] codePoints = text.codePoints().toArray();
        int[] out = new int[codePoints.length];
        for (int i = 0; i < codePoints.length; i++) {
            Integer id = ids.get(codePoints[i]);
            if (id == null) {
                throw new IllegalArgumentException("The text has " + describe(codePoints[i]) + " at position " + i
                        + ", which is not in the vocabulary of " + symbols.size() + " characters");
            }
            out[i] = id;
        }
        return out;
    }

    @Override
    public String unknownCharacters(String text) {
        StringBuilder unknown = new StringBuilder();
        text.codePoints().filter(c -> !ids.containsKey(c)).distinct().forEach(unknown::appendCodePoint);
        return unknown.toString();
    }

    /** 'é' (U+00E9): the character and its code point, which names it even when it is invisible, like a tab. */
    private static String describe(int codePoint) {
        return "'" + Character.toString(codePoint) + "' (U+" + String.format("%04X", codePoint) + ")";
    }
}
