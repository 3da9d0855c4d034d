// The stepper walks a GPT as it walks any network: the batch in, forward through every node of every block in order, the loss,
// backward through the same nodes in reverse, the update; and a step taken phase by phase leaves exactly the weights a
// step run at once does.
package org.stepwise.core.gpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.core.data.Batcher;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.kernels.Kernels;
import org.stepwise.core.optim.AdamW;
import org.stepwise.core.optim.ConstantSchedule;
import org.stepwise.core.stepper.Phase;
import org.stepwise.core.stepper.Stepper;
import org.stepwise.core.text.CharTokenizer;
import org.stepwise.core.text.TokenWindows;
import org.stepwise.core.train.SoftmaxCrossEntropy;

class GptSteppingTest {

    private static final String TEXT = "the whale, the sea, the ship; and the whale again, under the sea and the sky.";

    private static Stepper stepper() {
        CharTokenizer tokenizer = CharTokenizer.of(TEXT);
        Dataset data = TokenWindows.of("whale", tokenizer.encode(TEXT), 8, 4, tokenizer.vocabularySize());
        Network net = Network.build(new GptConfig(tokenizer.vocabularySize(), 8, 8, 2, 2, 16).graph(), 7,
                Kernels.active());
        return new Stepper(net, new Batcher(data, 4, 3, true), new SoftmaxCrossEntropy(),
                new AdamW(net.params(), net.kernels()), new ConstantSchedule(), Stepper.Settings.of(1e-2f));
    }

    @Test
    void aStepIsForwardThroughEveryBlockThenTheLossThenBackwardInReverseThenTheUpdate() {
        Stepper s = stepper();
        List<Phase> phases = new ArrayList<>();
        do {
            phases.add(s.nextPhase());
            s.next();
        } while (s.step() == 0);
        List<String> names = s.network().nodes().stream().skip(1).map(Node::name).toList();
        List<Phase> expected = new ArrayList<>();
        expected.add(new Phase.Forward(0, "tokens")); // the batch's token ids are loaded
        for (int i = 0; i < names.size(); i++) {
            expected.add(new Phase.Forward(i + 1, names.get(i)));
        }
        expected.add(new Phase.Loss());
        for (int i = names.size() - 1; i >= 0; i--) {
            expected.add(new Phase.Backward(i + 1, names.get(i)));
        }
        expected.add(new Phase.Update());
        assertEquals(expected.stream().map(Object::toString).toList(), phases.stream().map(Object::toString).toList());
        assertEquals(List.of("tok_emb", "pos_emb", "b0_ln1", "b0_attn", "b0_add1", "b0_ln2", "b0_ff", "b0_add2",
                "b1_ln1", "b1_attn", "b1_add1", "b1_ln2", "b1_ff", "b1_add2", "ln_f", "lm_head"), names);
    }

    @Test
    void stepsTakenPhaseByPhaseEndWithTheWeightsOfStepsRunAtOnce() {
        Stepper byPhase = stepper();
        while (byPhase.step() < 3) {
            byPhase.next();
        }
        Stepper atOnce = stepper();
        atOnce.runBatches(3);
        for (int i = 0; i < atOnce.network().params().size(); i++) {
            assertArrayEquals(atOnce.network().params().get(i).value(), byPhase.network().params().get(i).value(),
                    "parameter " + i);
        }
        assertEquals(atOnce.loss(), byPhase.loss());
    }
}
