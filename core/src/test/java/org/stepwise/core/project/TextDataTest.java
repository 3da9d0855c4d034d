// The text built-ins as a project trains on them: windows of characters with the next character as labels, the
// characters as class names, splits cut in order, no normalization, and clear refusals of what cannot work.
package org.stepwise.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stepwise.core.data.DataSources;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.data.LoadedData;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.tensor.Shape;
import org.stepwise.core.text.Tokenizer;

class TextDataTest {

    private static LoadedData load(String name) throws IOException {
        return DataSources.load(name, null, 28, 1, 0);
    }

    @Test
    void mobyDickIsWindowsOfSixtyFourCharactersLabelledWithTheNextOnes() throws IOException {
        LoadedData loaded = load("moby-dick");
        Dataset d = loaded.dataset();
        assertEquals(Shape.of(64), d.featureShape());
        assertEquals(64, d.labelsPerSample());
        assertEquals(78, d.classes());
        assertEquals(78, loaded.classNames().size());
        assertEquals("CHAPTER 1. Loomings", decode(loaded, d, 0, 19));
        // Windows start every 32 characters and each label is the input one position later.
        for (int s = 0; s < 3; s++) {
            for (int j = 0; j < 63; j++) {
                assertEquals((int) d.x()[s * 64 + j + 1], d.labels()[s * 64 + j]);
            }
            assertEquals(d.x()[(s + 1) * 64], d.x()[s * 64 + 32]);
        }
        assertTrue(loaded.source().startsWith("built-in moby-dick: Herman Melville, Moby-Dick (1851)"),
                loaded.source());
    }

    private static String decode(LoadedData loaded, Dataset d, int from, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            text.append(loaded.classNames().get((int) d.x()[i]));
        }
        return text.toString();
    }

    @Test
    void theTangPoemsAreChineseCharacters() throws IOException {
        LoadedData loaded = load("tang-poems");
        assertEquals(2566, loaded.dataset().classes());
        assertTrue(loaded.classNames().contains("春") && loaded.classNames().contains("月"));
    }

    @Test
    void theBytePairBuiltInCutsTheSameTextIntoLongerPiecesItsTokenizerRestores() throws IOException {
        LoadedData loaded = load("moby-dick-bpe");
        Tokenizer bpe = DataSources.tokenizer("moby-dick-bpe").orElseThrow();
        assertEquals("bpe", bpe.id());
        assertEquals(78 + 200, loaded.dataset().classes());
        assertEquals(bpe.symbols(), loaded.classNames());
        int[] first = new int[64];
        for (int i = 0; i < 64; i++) {
            first[i] = (int) loaded.dataset().x()[i];
        }
        String text = bpe.decode(first);
        assertTrue(text.startsWith("CHAPTER 1. Loomings") && text.length() > 100,
                "64 byte-pair tokens hold well over 64 characters: " + text);
        assertEquals("char", DataSources.tokenizer("moby-dick").orElseThrow().id());
        assertTrue(DataSources.tokenizer("iris").isEmpty());
    }

    private static Project gpt(TrainingSettings settings) {
        return Project.create("gpt", new GptConfig(78, 64, 16, 2, 1, 32).graph(), DataRef.builtIn("moby-dick"),
                settings);
    }

    @Test
    void aSessionCutsTheTextInOrderAndLeavesTokenIdsUnnormalized() throws IOException {
        Session s = Session.open(gpt(TrainingSettings.defaults().withOptimizer("adamw", Map.of())
                .withSplit(0.1, 0.1)), 0);
        assertNull(s.normalization());
        Dataset all = s.data().dataset();
        int validation = (int) Math.round(all.n() * 0.1);
        assertEquals(all.n() - 2 * validation, s.train().n());
        // the validation windows are the ones right after the training windows, in the text's order
        assertEquals(all.x()[s.train().n() * 64], s.validation().x()[0]);
        assertEquals(all.x()[(s.train().n() + validation) * 64 + 5], s.test().x()[5]);
        s.stepper().runBatches(2);
        assertTrue(Float.isFinite(s.stepper().loss()));
    }

    @Test
    void normalizingTokenIdsOrAHeadOfTheWrongVocabularyIsRefusedWithTheFix() {
        IllegalArgumentException norm = assertThrows(IllegalArgumentException.class,
                () -> Session.open(gpt(TrainingSettings.defaults().withNormalization("standardize")), 0));
        assertEquals("The samples are token ids, which name tokens rather than measure anything: set normalization "
                + "to auto or none, not standardize", norm.getMessage());
        Project wrong = Project.create("gpt", new GptConfig(80, 64, 16, 2, 1, 32).graph(),
                DataRef.builtIn("moby-dick"), TrainingSettings.defaults());
        IllegalArgumentException head = assertThrows(IllegalArgumentException.class, () -> Session.open(wrong, 0));
        assertEquals("The network's output 'lm_head' gives 5120 values per sample but the text data needs a score for "
                + "each of its 78 tokens at each of its 64 positions (4992); give the LM head a vocabulary of 78",
                head.getMessage());
    }
}
