// A tokenizer turns text into the token ids a language model reads and writes, and back.
package org.stepwise.core.text;

import java.util.List;

public interface Tokenizer {
    /** "char" or "bpe": how the tokenizer is written to a project file and named in the UI. */
    String id();

    /** The text of every token, in id order. */
    List<String> symbols();

    default int vocabularySize() {
        return symbols().size();
    }

    /**
     * The ids of the text's tokens.
     *
     * @throws IllegalArgumentException naming the first character the vocabulary lacks
     */
    int[] encode(String text);

    /** The text the ids stand for: encode and decode round-trip any text of known characters. */
    default String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            text.append(token(id));
        }
        return text.toString();
    }

    /** The text of one token, for display. */
    default String token(int id) {
        List<String> symbols = symbols();
        if (id < 0 || id >= symbols.size()) {
            throw new IllegalArgumentException("Token " + id + " is outside the vocabulary of " + symbols.size()
                    + " tokens (0.." + (symbols.size() - 1) + ")");
        }
        return symbols.get(id);
    }

    /**
     * The distinct characters of the text that the vocabulary lacks, in order of first appearance ("" when every
     * character is known), so the UI can show them before encoding fails.
     */
    String unknownCharacters(String text);
}
