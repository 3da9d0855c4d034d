// Writes text with a trained GPT, one token at a time, keeping what a learner wants to see at each step: the token
// chosen and the probabilities of the strongest candidates.
//
// The network reads a fixed number of positions (its context). A text shorter than that fills the first positions and
// the rest are padding, which causal attention keeps from influencing anything before it; the next token is read off
// the last real position. A longer text keeps its last `context` tokens.
package org.stepwise.core.gpt;

import java.util.ArrayList;
import java.util.List;
import org.stepwise.core.data.DataSources;
import org.stepwise.core.graph.Network;
import org.stepwise.core.project.Project;
import org.stepwise.core.text.CharTokenizer;
import org.stepwise.core.text.Sampler;
import org.stepwise.core.text.Tokenizer;

public final class Generation {

    /** One candidate for the next token: its id, its text, and its probability after temperature and top-k. */
    public record Candidate(int token, String text, double probability) {
    }

    /** One generated token and the candidates it was drawn from, strongest first. */
    public record Step(int token, String text, List<Candidate> candidates) {
    }

    private final Network net;
    private final Tokenizer tokenizer;
    private final Sampler sampler;
    private final int context;
    private final int vocabulary;

    /**
     * @param net       a GPT: token ids (context) in, logits (context, vocabulary) out
     * @param tokenizer the tokenizer its data was made with
     * @param seed      the sampler's seed: the same seed and settings write the same text
     */
    public Generation(Network net, Tokenizer tokenizer, long seed) {
        this.net = net;
        this.tokenizer = tokenizer;
        this.sampler = new Sampler(seed);
        if (net.input().shape().rank() != 1) {
            throw new IllegalArgumentException("Generating text needs a network that reads token ids (one per "
                    + "position), but its input is " + net.input().shape());
        }
        this.context = net.input().shape().dim(0);
        int outputs = net.output().size();
        if (outputs != context * tokenizer.vocabularySize()) {
            throw new IllegalArgumentException("The network's output gives " + outputs + " values per sample, but "
                    + "generating needs a score for each of the " + tokenizer.vocabularySize() + " tokens at each of "
                    + context + " positions");
        }
        this.vocabulary = tokenizer.vocabularySize();
    }

    /**
     * The tokenizer a project's text was cut with: made again from its text built-in, or, for text from elsewhere, one
     * character per class name. Either way its symbols are the project's classes, in order.
     *
     * @throws IllegalArgumentException when the project's classes are not what its built-in's tokenizer makes
     */
    public static Tokenizer tokenizerOf(Project project) {
        return tokenizerOf(project.data() == null ? null : project.data().spec(), project.classNames());
    }

    /** As {@link #tokenizerOf(Project)}, from the data's spec (null for none) and the class names. */
    public static Tokenizer tokenizerOf(String dataSpec, List<String> classNames) {
        Tokenizer tokenizer = DataSources.tokenizer(dataSpec).orElse(null);
        if (tokenizer == null) {
            return CharTokenizer.of(classNames);
        }
        if (!tokenizer.symbols().equals(classNames)) {
            throw new IllegalArgumentException("The project's " + classNames.size() + " tokens are not those of the "
                    + "built-in '" + dataSpec + "' (" + tokenizer.vocabularySize() + ")");
        }
        return tokenizer;
    }

    public int context() {
        return context;
    }

    /**
     * The token that follows {@code text}, drawn with this temperature (0: always the likeliest) and top-k (0: no
     * cut), and the strongest candidates.
     *
     * @throws IllegalArgumentException when the text is empty or has a character the vocabulary lacks
     */
    public Step next(String text, double temperature, int topK) {
        return next(tokenizer.encode(text), temperature, topK);
    }

    /** As {@link #next(String, double, int)}, for token ids. */
    public Step next(int[] tokens, double temperature, int topK) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("Give at least one character to continue from");
        }
        int used = Math.min(tokens.length, context);
        float[] x = new float[context];
        for (int i = 0; i < used; i++) {
            x[i] = tokens[tokens.length - used + i];
        }
        float[] logits = net.predict(x, 1);
        Sampler.Choice choice = sampler.next(logits, (used - 1) * vocabulary, vocabulary, temperature, topK);
        List<Candidate> candidates = choice.candidates().stream()
                .map(c -> new Candidate(c.token(), tokenizer.token(c.token()), c.probability())).toList();
        return new Step(choice.token(), tokenizer.token(choice.token()), candidates);
    }

    /** {@code count} tokens after the prompt, each fed back as the next step's last input. */
    public List<Step> generate(String prompt, int count, double temperature, int topK) {
        int[] start = tokenizer.encode(prompt);
        List<Integer> tokens = new ArrayList<>();
        for (int t : start) {
            tokens.add(t);
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] ids = tokens.stream().skip(Math.max(0, tokens.size() - context)).mapToInt(Integer::intValue)
                    .toArray();
            Step step = next(ids, temperature, topK);
            steps.add(step);
            tokens.add(step.token());
        }
        return steps;
    }
}
