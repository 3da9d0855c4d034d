// `stepwise generate RUN --prompt TEXT`: writes text with a saved language model (a GPT trained on a text built-in),
// one character at a time, sampling with a temperature and top-k; --candidates shows the strongest candidates and
// their probabilities at every step.
package org.stepwise.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stepwise.core.gpt.Generation;
import org.stepwise.core.layers.TokenEmbedding;
import org.stepwise.core.project.Project;
import org.stepwise.core.text.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Writes text with a saved language model, e.g. one `stepwise train --data moby-dick` made.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN.stepwise", description = "A project whose network reads and writes "
            + "characters.")
    private Path runFile;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The text to continue.")
    private String prompt;

    @Option(names = "--tokens", paramLabel = "N", description = "Characters to write (default: ${DEFAULT-VALUE}).")
    private int tokens = 200;

    @Option(names = "--temperature", paramLabel = "T", description = "0 always takes the likeliest character; "
            + "higher spreads the choice (default: ${DEFAULT-VALUE}).")
    private double temperature = 0.8;

    @Option(names = "--top-k", paramLabel = "K", description = "Draw only from the K likeliest; 0 for all "
            + "(default: ${DEFAULT-VALUE}).")
    private int topK = 10;

    @Option(names = "--seed", paramLabel = "N", description = "The sampler's seed (default: ${DEFAULT-VALUE}).")
    private long seed = 1;

    @Option(names = "--candidates", description = "After the text, list each step's strongest candidates.")
    private boolean candidates;

    @Option(names = "--json", description = "One JSON object: the text and every step's candidates.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        if (tokens < 1 || tokens > 100_000) {
            throw new IllegalArgumentException("--tokens takes 1 to 100000, not " + tokens);
        }
        Project run = RunData.loadProject(runFile, spec.commandLine().getErr());
        List<String> symbols = run.classNames();
        boolean readsTokens = run.network().nodes().stream().anyMatch(n -> n instanceof TokenEmbedding);
        if (symbols == null || !readsTokens || run.network().input().shape().rank() != 1) {
            throw new IllegalArgumentException(runFile + " is not a language model: it was not trained on text "
                    + "(see `stepwise datasets`, kind text)");
        }
        Tokenizer tokenizer = Generation.tokenizerOf(run);
        String unknown = tokenizer.unknownCharacters(prompt);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("The prompt has characters the model never saw: " + unknown);
        }
        Generation generation = new Generation(run.network(), tokenizer, seed);
        List<Generation.Step> steps = generation.generate(prompt, tokens, temperature, topK);
        StringBuilder text = new StringBuilder(prompt);
        steps.forEach(s -> text.append(s.text()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode().put("prompt", prompt).put("text", text.toString())
                    .put("temperature", temperature).put("top_k", topK).put("seed", seed);
            ArrayNode array = root.putArray("steps");
            for (Generation.Step s : steps) {
                ObjectNode step = array.addObject().put("token", s.text());
                ArrayNode cands = step.putArray("candidates");
                s.candidates().forEach(c -> cands.addObject().put("token", c.text())
                        .put("probability", Math.round(c.probability() * 1e6) / 1e6));
            }
            out.println(root);
            return 0;
        }
        out.println(text);
        if (candidates) {
            out.println();
            for (int i = 0; i < steps.size(); i++) {
                Generation.Step s = steps.get(i);
                StringBuilder line = new StringBuilder(String.format("%4d  %-3s", i + 1, visible(s.text())));
                for (Generation.Candidate c : s.candidates()) {
                    line.append(String.format("  %s %5.1f%%", visible(c.text()), 100 * c.probability()));
                }
                out.println(line);
            }
        }
        return 0;
    }

    /** A character as a table shows it: a newline as ↵, a space as ·. */
    static String visible(String token) {
        return token.replace("\n", "↵").replace(" ", "·");
    }
}
