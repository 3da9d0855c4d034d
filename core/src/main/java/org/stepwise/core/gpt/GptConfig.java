// The shape of a tiny GPT, and the graph it builds: a decoder-only Transformer in GPT-2's pre-norm arrangement.
//
//   tokens (T) → token embedding (T, dim) → + positional embedding
//   → per block i:  x = x + attention(LayerNorm(x));  x = x + feed-forward(LayerNorm(x))
//   → LayerNorm → LM head (T, vocabulary)
//
// Trained with softmax cross-entropy over the vocabulary at every position (the next token is the label).
package org.stepwise.core.gpt;

import java.util.ArrayList;
import java.util.List;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Add;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.layers.FeedForward;
import org.stepwise.core.layers.Input;
import org.stepwise.core.layers.LanguageModelHead;
import org.stepwise.core.layers.LayerNorm;
import org.stepwise.core.layers.PositionalEmbedding;
import org.stepwise.core.layers.TokenEmbedding;
import org.stepwise.core.tensor.Shape;

/**
 * @param vocabulary distinct tokens
 * @param context    positions per sample (T)
 * @param dim        the width of the residual stream
 * @param heads      attention heads per block; dim must divide by it
 * @param layers     Transformer blocks
 * @param hidden     the feed-forward block's inner width (GPT uses 4·dim)
 */
public record GptConfig(int vocabulary, int context, int dim, int heads, int layers, int hidden) {

    public GptConfig {
        if (vocabulary < 2 || context < 1 || dim < 1 || heads < 1 || layers < 0 || hidden < 1) {
            throw new IllegalArgumentException("A GPT needs a vocabulary of at least 2 and positive sizes, not "
                    + "vocabulary " + vocabulary + ", context " + context + ", width " + dim + ", heads " + heads
                    + ", blocks " + layers + ", hidden " + hidden);
        }
        if (dim % heads != 0) {
            throw new IllegalArgumentException("The width " + dim + " does not split into " + heads + " heads");
        }
    }

    /** The bench's and the lesson's model: 2 blocks, 2 heads, width 64, context 64, feed-forward 256. */
    public static GptConfig small(int vocabulary) {
        return new GptConfig(vocabulary, 64, 64, 2, 2, 256);
    }

    /** The names of block i's nodes: "b{i}_ln1", "b{i}_attn", "b{i}_add1", "b{i}_ln2", "b{i}_ff", "b{i}_add2". */
    public static String blockNode(int block, String part) {
        return "b" + block + "_" + part;
    }

    public GraphDef graph() {
        List<NodeDef> nodes = new ArrayList<>();
        nodes.add(new NodeDef("tokens", new Input.Spec(Shape.of(context))));
        nodes.add(new NodeDef("tok_emb", new TokenEmbedding.Spec(vocabulary, dim), "tokens"));
        nodes.add(new NodeDef("pos_emb", new PositionalEmbedding.Spec(context), "tok_emb"));
        String stream = "pos_emb";
        for (int i = 0; i < layers; i++) {
            nodes.add(new NodeDef(blockNode(i, "ln1"), new LayerNorm.Spec(), stream));
            nodes.add(new NodeDef(blockNode(i, "attn"), new CausalSelfAttention.Spec(heads), blockNode(i, "ln1")));
            nodes.add(new NodeDef(blockNode(i, "add1"), new Add.Spec(), stream, blockNode(i, "attn")));
            nodes.add(new NodeDef(blockNode(i, "ln2"), new LayerNorm.Spec(), blockNode(i, "add1")));
            nodes.add(new NodeDef(blockNode(i, "ff"), new FeedForward.Spec(hidden), blockNode(i, "ln2")));
            nodes.add(new NodeDef(blockNode(i, "add2"), new Add.Spec(), blockNode(i, "add1"), blockNode(i, "ff")));
            stream = blockNode(i, "add2");
        }
        nodes.add(new NodeDef("ln_f", new LayerNorm.Spec(), stream));
        nodes.add(new NodeDef("lm_head", new LanguageModelHead.Spec(vocabulary), "ln_f"));
        return new GraphDef(nodes);
    }
}
