// The inspector's field rules without a scene: what typed text becomes for a node's spec and the training
// settings, and which texts are refused with which reason.
package org.stepwise.app.studio.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.BatchNorm;
import org.stepwise.core.layers.CausalSelfAttention;
import org.stepwise.core.layers.Conv2D;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Dropout;
import org.stepwise.core.layers.FeedForward;
import org.stepwise.core.layers.Input;
import org.stepwise.core.layers.LanguageModelHead;
import org.stepwise.core.layers.LayerNorm;
import org.stepwise.core.layers.PositionalEmbedding;
import org.stepwise.core.layers.TokenEmbedding;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.core.tensor.Shape;

class FieldsTest {
    private static final Map<String, LayerSpec> SPECS = Map.ofEntries(
            Map.entry("dense", new Dense.Spec(8, Activation.TANH)),
            Map.entry("conv2d", new Conv2D.Spec(6, 5, 1, 2, Activation.RELU)),
            Map.entry("dropout", new Dropout.Spec(0.25f)),
            Map.entry("batchnorm", new BatchNorm.Spec()),
            Map.entry("input", new Input.Spec(Shape.of(2))),
            Map.entry("layernorm", new LayerNorm.Spec()),
            Map.entry("token_embedding", new TokenEmbedding.Spec(78, 64)),
            Map.entry("positional_embedding", new PositionalEmbedding.Spec(64, false)),
            Map.entry("attention", new CausalSelfAttention.Spec(2)),
            Map.entry("feedforward", new FeedForward.Spec(256)),
            Map.entry("lm_head", new LanguageModelHead.Spec(78)));

    /** An empty refusal column means the text is taken, and the field then shows the shown column. */
    @ParameterizedTest
    @CsvSource({
            "dense,     units,      16,           , 16",
            "dense,     units,      0,            refuse.count,",
            "dense,     units,      abc,          refuse.count,",
            "dense,     units,      2.5,          refuse.count,",
            "dense,     activation, relu,         , relu",
            "dense,     init,       constant,     , constant",
            "conv2d,    padding,    0,            , 0",
            "conv2d,    padding,    -1,           refuse.count,",
            "conv2d,    kernelSize, 0,            refuse.count,",
            "conv2d,    activation, softmax,      refuse.convSoftmax,",
            "dropout,   rate,       0.5,          , 0.5",
            "dropout,   rate,       1,            refuse.rate,",
            "dropout,   rate,       '0,1',        , 0.1",
            "batchnorm, momentum,   1.5,          refuse.momentum,",
            "batchnorm, epsilon,    0,            refuse.epsilon,",
            "batchnorm, epsilon,    1e-3,         , 0.001",
            "input,     shape,      '1, 28, 28',  , '1, 28, 28'",
            "input,     shape,      (3×32×32),    , '3, 32, 32'",
            "input,     shape,      '1, 28',      refuse.shape,",
            "input,     shape,      '0',          refuse.shape,",
            "layernorm, epsilon,    1e-6,         , 1e-6",
            "layernorm, epsilon,    -1,           refuse.epsilon,",
            "token_embedding, vocabulary, 2566,   , 2566",
            "token_embedding, dim,  0,            refuse.count,",
            "positional_embedding, context, 128,  , 128",
            "positional_embedding, sinusoidal, true, , true",
            "attention, heads,      4,            , 4",
            "attention, heads,      zero,         refuse.count,",
            "feedforward, hidden,   128,          , 128",
            "lm_head,   vocabulary, 0,            refuse.count,",
    })
    void nodeFieldsTakeValidTextAndRefuseTheRest(String type, String key, String text, String refusal,
                                                 String shown) {
        NodeFields.Outcome outcome = NodeFields.apply(SPECS.get(type), key, text);
        if (refusal == null) {
            assertNull(outcome.refusal(), () -> String.valueOf(outcome.refusal()));
            assertEquals(shown, NodeFields.value(outcome.spec(), key));
        } else {
            assertEquals(refusal, outcome.refusal().key());
            assertNull(outcome.spec());
        }
    }

    @ParameterizedTest
    @CsvSource({
            "learningRate,          0.1,      , 0.1",
            "learningRate,          0,        refuse.positive,",
            "learningRate,          fast,     refuse.number,",
            "batchSize,             64,       , 64",
            "batchSize,             0,        refuse.count,",
            "epochs,                5,        , 5",
            "l2,                    0.0001,   , 1e-4",
            "l1,                    -1,       refuse.nonNegative,",
            "validationFraction,    0.3,      , 0.3",
            "validationFraction,    1,        refuse.fraction,",
            "testFraction,          0.8,      refuse.split,",
            "seed,                  -42,      , -42",
            "seed,                  1.5,      refuse.seed,",
            "optimizer,             sgd,      , sgd",
            "optimizer,             lbfgs,    refuse.choice,",
            "optimizer.beta1,       0.8,      , 0.8",
            "optimizer.beta1,       1,        refuse.optimizer.beta1,",
            "optimizer.beta2,       '',       , ''",
            "schedule,              cosine,   , cosine",
            "normalization,         minmax,   , minmax",
            "loss,                  mse,      , mse",
    })
    void trainingFieldsTakeValidTextAndRefuseTheRest(String key, String text, String refusal, String shown) {
        TrainingFields.Outcome outcome = TrainingFields.apply(TrainingSettings.defaults(), key, text);
        if (refusal == null) {
            assertNull(outcome.refusal(), () -> String.valueOf(outcome.refusal()));
            assertEquals(shown == null ? "" : shown, TrainingFields.value(outcome.settings(), key));
        } else {
            assertEquals(refusal, outcome.refusal().key());
        }
    }

    @ParameterizedTest
    @CsvSource({"step, schedule.step_size", "cosine, schedule.total_steps", "warmup, schedule.warmup_steps"})
    void aChosenScheduleStartsWithSettingsItCanRunWith(String schedule, String field) {
        TrainingFields.Outcome outcome = TrainingFields.apply(TrainingSettings.defaults(), "schedule", schedule);
        assertNull(outcome.refusal());
        assertEquals(true, TrainingFields.of(outcome.settings()).stream().anyMatch(f -> f.key().equals(field)));
        assertEquals("refuse.count",
                TrainingFields.apply(outcome.settings(), field, "0").refusal().key());
    }
}
