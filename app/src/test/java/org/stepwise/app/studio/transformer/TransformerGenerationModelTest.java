// The Generate view's model without a window: the prompt it starts from for each text built-in, the characters it
// names as unknown, and the same text from the same seed after a reset.
package org.stepwise.app.studio.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.gpt.Generation;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.graph.Network;
import org.stepwise.core.project.DataRef;

class TransformerGenerationModelTest {

    private static GenerationModel model(String data) throws Exception {
        List<String> symbols = DataRef.builtIn(data).load(1).data().classNames();
        Network net = Network.build(new GptConfig(symbols.size(), 64, 8, 2, 1, 16).graph(), 3);
        return new GenerationModel(net, Generation.tokenizerOf(data, symbols));
    }

    @Test
    void eachTextBuiltInStartsFromAPromptInItsOwnLanguage() throws Exception {
        assertEquals("Call me ", model("moby-dick").defaultPrompt());
        assertEquals("春眠不觉晓，", model("tang-poems").defaultPrompt());
    }

    @Test
    void charactersTheVocabularyLacksAreNamedOnceEach() throws Exception {
        GenerationModel english = model("moby-dick");
        assertEquals("Ψ€", english.unknown("Call Ψ me Ψ €"));
        assertEquals("", english.unknown("Call me"));
    }

    @Test
    void aResetWritesTheSameTextAgainFromTheSameSeed() throws Exception {
        GenerationModel m = model("moby-dick");
        m.start("Call me ");
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            first.append(m.next(1.0, 0, m.run()).text());
        }
        m.start("Call me ");
        String again = String.join("", m.steps().stream().map(Generation.Step::text).toList());
        assertEquals("", again, "a reset forgets what was written");
        StringBuilder second = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            second.append(m.next(1.0, 0, m.run()).text());
        }
        assertEquals(first.toString(), second.toString());
    }
}
