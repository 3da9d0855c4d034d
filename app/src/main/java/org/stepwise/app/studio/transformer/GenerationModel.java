// The state behind the Generate view, free of JavaFX: a network of its own (a copy, which follows training through
// the snapshots' parameter copies), the data's tokenizer, the prompt and the tokens written after it. A fixed seed
// makes the same prompt and settings write the same text. Its methods that generate run on a worker thread.
package org.stepwise.app.studio.transformer;

import java.util.ArrayList;
import java.util.List;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.core.gpt.Generation;
import org.stepwise.core.graph.Network;
import org.stepwise.core.text.Tokenizer;

final class GenerationModel {
    /** The sampler's seed: Reset starts from it again. */
    static final long SEED = 7;
    static final String ENGLISH_PROMPT = "Call me ";
    static final String CHINESE_PROMPT = "春眠不觉晓，";

    private final Network network;
    private final Tokenizer tokenizer;
    private final List<Generation.Step> steps = new ArrayList<>();
    private Generation generation;
    private String prompt = "";
    /** Counts the starts, so a Write still running from before a Reset adds nothing to the new text. */
    private int run;
    private volatile StepSnapshot latest;
    private StepSnapshot applied;

    /** @param tokenizer the tokenizer the data was cut with: its symbols are the data's class names */
    GenerationModel(Network network, Tokenizer tokenizer) {
        this.network = network;
        this.tokenizer = tokenizer;
        this.generation = new Generation(network, tokenizer, SEED);
    }

    Tokenizer tokenizer() {
        return tokenizer;
    }

    /** "Call me " for English text, "春眠不觉晓，" for Chinese, else the first symbol. */
    String defaultPrompt() {
        for (String p : List.of(ENGLISH_PROMPT, CHINESE_PROMPT)) {
            if (tokenizer.unknownCharacters(p).isEmpty()) {
                return p;
            }
        }
        return tokenizer.token(0);
    }

    /** The characters of {@code text} the vocabulary lacks, "" when it can be used. */
    String unknown(String text) {
        return tokenizer.unknownCharacters(text);
    }

    /** Training published new weights; the next token is written with them. Any thread. */
    void follow(StepSnapshot snapshot) {
        if (snapshot != null) {
            latest = snapshot;
        }
    }

    /** Starts over from {@code text} with the sampler reseeded. */
    synchronized void start(String text) {
        prompt = text;
        run++;
        steps.clear();
        generation = new Generation(network, tokenizer, SEED);
    }

    synchronized String prompt() {
        return prompt;
    }

    /** The tokens written after the prompt so far. */
    synchronized List<Generation.Step> steps() {
        return List.copyOf(steps);
    }

    synchronized int run() {
        return run;
    }

    /**
     * Writes one token after the prompt and what was written so far, on the worker thread; null when the text was
     * started again since {@code expectedRun}.
     */
    synchronized Generation.Step next(double temperature, int topK, int expectedRun) {
        if (expectedRun != run) {
            return null;
        }
        applyLatest();
        StringBuilder text = new StringBuilder(prompt);
        steps.forEach(s -> text.append(s.text()));
        Generation.Step step = generation.next(text.toString(), temperature, topK);
        steps.add(step);
        return step;
    }

    /** Copies the latest snapshot's parameters into this model's own network, when they are new and fit. */
    private void applyLatest() {
        StepSnapshot s = latest;
        if (s == null || s == applied) {
            return;
        }
        applied = s;
        s.copyParametersInto(network);
    }
}
