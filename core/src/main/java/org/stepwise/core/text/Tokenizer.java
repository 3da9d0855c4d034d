// A tokenizer turns text into the token ids a language model reads and writes, and back.
package org.stepwise.core.text;

public interface Tokenizer {
    /** "char" or "bpe": how the tokenizer is written to a project file and named in the UI. */
    String id();

    int vocabularySize();

    /**
     * The ids of the text's tokens.
     *
     * @throws IllegalArgumentException naming the first character the vocabulary lacks
     */
    int[] encode(String text);

    /** The text the ids stand for: encode and decode round-trip any text of known characters. */
    String decode(int[] ids);

    /** The text of one token, for display. */
    String token(int id);

    /**
     * The distinct characters of the text that the vocabulary lacks, in order of first appearance ("" when every
     * character is known), so the UI can show them before encoding fails.
     */
    String unknownCharacters(String text);
}
