// The goal language: what parses, what is refused (with the column of the mistake), and what holds when.
package org.stepwise.lessons.goal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.stepper.Phase;

class GoalTest {
    private final FakeStudio studio = new FakeStudio();

    private boolean holds(String goal) {
        Goal g = Goal.parse(goal);
        return g.holds(studio, Map.of());
    }

    @Test
    void theIssuesExamplesParseAndHoldOnTheStateTheyDescribe() {
        studio.validation = ClassificationMetrics.ofOneLogit(new float[] {1, -1, 1, -1}, new int[] {1, 0, 1, 1}, 4,
                1, Double.NaN);
        studio.lastPhase = new Phase.Backward(1, "hidden1");
        studio.settings = studio.settings.withOptimizer("adam", Map.of());
        studio.emit("gradient_check_passed", null);
        studio.emit("exported", "onnx");

        assertFalse(holds("val_accuracy >= 0.9"), "3 of 4 right is 0.75");
        assertTrue(holds("val_accuracy >= 0.75 and val_accuracy < 0.76"));
        assertTrue(holds("hidden_units <= 16"), "8 + 8 hidden units in mlp-2-8-8-1");
        assertFalse(holds("hidden_units <= 6"));
        assertTrue(holds("stepper.phase == backward and stepper.node == \"hidden1\""));
        assertTrue(holds("event: gradient_check_passed"));
        assertTrue(holds("event: exported(onnx)"));
        assertFalse(holds("event: exported(pytorch)"));
        assertTrue(holds("optimizer == adam"));
    }

    @Test
    void valF1IsTheMacroAverageOfTheClassesF1AndUnavailableForRegression() {
        // Predicted 1, 0, 1, 0 against 1, 0, 1, 1: class 0 has F1 2/3 (precision 1/2, recall 1), class 1 has 4/5.
        studio.validation = ClassificationMetrics.ofOneLogit(new float[] {1, -1, 1, -1}, new int[] {1, 0, 1, 1}, 4,
                1, Double.NaN);

        assertTrue(holds("val_f1 > 0.7333 and val_f1 < 0.7334"));
        assertFalse(holds("val_f1 >= val_accuracy"), "the macro F1 0.733 is below the accuracy 0.75 here");

        studio.validation = new org.stepwise.core.eval.RegressionMetrics(4, 0.5, 0.5, 0.25, 0.9);
        assertFalse(holds("val_f1 >= 0"));
        assertFalse(holds("val_f1 < 1"));
    }

    @Test
    void sweepFinishedIsAnEventOfTheStep() {
        assertFalse(holds("event: sweep_finished"));
        studio.emit("sweep_finished", null);
        assertTrue(holds("event: sweep_finished"));
    }

    @Test
    void andBindsTighterThanOrAndNotAndParenthesesWork() {
        studio.step = 5;
        studio.epoch = 1;

        assertTrue(holds("step == 5 or step == 6 and epoch == 9"), "or(step == 5, and(…))");
        assertFalse(holds("(step == 5 or step == 6) and epoch == 9"));
        assertTrue(holds("not epoch == 9 and not (step < 5)"));
        assertTrue(holds("train_accuracy >= 0 or step > 4"), "an unavailable value only fails its own comparison");
    }

    @Test
    void unavailableValuesMakeEveryComparisonFalseNotEqualIncluded() {
        assertFalse(holds("val_accuracy >= 0"));
        assertFalse(holds("val_accuracy != 0.5"));
        assertFalse(holds("selected == hidden1"));
        assertFalse(holds("selected != hidden1"));
        assertFalse(holds("units.nosuchnode > 0"));
    }

    @Test
    void numbersAreEqualWithinFloat32Rounding() {
        studio.inference = new StudioState.Inference(new float[] {0.1f, 2}, new float[] {0.3f});

        assertTrue(holds("inference.input.0 == 0.1"), "0.1f is 0.10000000149 as a double");
        assertTrue(holds("inference.output.0 == 0.3 and inference.input.1 == 2"));
        assertFalse(holds("inference.output.0 == 0.3001"));
        assertFalse(holds("inference.output.0 < 0.3"));
        assertTrue(holds("inference.output.0 <= 0.3"));
    }

    @Test
    void nodeVariablesReadTheGraphAndParameters() {
        studio.graph = new GraphDef(java.util.List.of(
                new NodeDef("input", new org.stepwise.core.layers.Input.Spec(org.stepwise.core.tensor.Shape.of(2))),
                new NodeDef("hidden", new Dense.Spec(3, Activation.RELU), "input").withFrozen(true),
                new NodeDef("output", new Dense.Spec(1, Activation.IDENTITY), "hidden")));
        studio.parameters.put("hidden.weight", new float[] {1, 2, 3, 4, 5, 6});
        studio.parameters.put("hidden.bias", new float[] {-1, 0, 1});

        assertTrue(holds("activation.hidden == relu and activation.output == identity and activation.input == none"));
        assertTrue(holds("units.hidden == 3 and layers == 2 and parameters == 13"));
        assertTrue(holds("frozen.hidden and not frozen.output"));
        assertTrue(holds("weight.hidden.1.0 == 3 and weight.hidden.2.1 == 6 and bias.hidden.0 == -1"));
        assertFalse(holds("weight.hidden.3.0 == 0"), "unit 3 does not exist");
    }

    @Test
    void eventsCountOnlyBeyondTheBaselineTakenWhenTheStepStarted() {
        Goal goal = Goal.parse("event: predicted");
        studio.emit("predicted", null);
        Map<Expr.Event, Long> baseline = goal.eventCounts(studio);

        assertFalse(goal.holds(studio, baseline));
        studio.emit("predicted", null);
        assertTrue(goal.holds(studio, baseline));
    }

    @Test
    void aNumberVariableComparesWithAnother() {
        studio.train = ClassificationMetrics.ofOneLogit(new float[] {1, 1}, new int[] {1, 1}, 2, 1, Double.NaN);
        studio.validation = ClassificationMetrics.ofOneLogit(new float[] {1, 1}, new int[] {1, 0}, 2, 1, Double.NaN);

        assertTrue(holds("train_accuracy > val_accuracy"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            val_acuracy >= 0.9                  |  1 | unknown variable 'val_acuracy' (did you mean 'val_accuracy'?)
            activaton.hidden1 == relu           |  1 | unknown variable 'activaton.hidden1' (did you mean 'activation.hidden1'?)
            optimizer == adm                    | 14 | 'optimizer' is never 'adm' (did you mean 'adam'?)
            loss = 0.5                          |  6 | use == to compare, not =
            loss < 0.5 && step > 1              | 12 | write 'and' and 'or' as words, not &&
            loss < low                          |  8 | unknown variable 'low'
            optimizer > adam                    | 11 | 'optimizer' is text: compare it with == or !=, not >
            loss                                |  1 | 'loss' is a number; compare it, as in loss >= 0.9
            event: exported(onxx)               | 17 | unknown format 'onxx' (did you mean 'onnx'?)
            event: predicted(x)                 | 17 | the event 'predicted' takes no argument
            event: predictd                     |  8 | unknown event 'predictd' (did you mean 'predicted'?)
            event predicted                     |  7 | write events as 'event: name', with a colon after 'event'
            (loss < 0.5                         | 12 | expected ')' to close the '(' at column 1, not the end of the goal
            loss < 0.5 step > 1                 | 12 | unexpected 'step'; join conditions with 'and' or 'or'
            stepper.node == 'hidden1            | 17 | the string starting here has no closing '
            halted == maybe                     | 11 | 'halted' is true or false, not 'maybe'
            ``                                  |  1 | the goal is empty
            """)
    void mistakesAreRefusedAtTheirColumn(String goal, int column, String message) {
        GoalException e = assertThrows(GoalException.class, () -> Goal.parse(goal));

        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void everyVariableHasADescriptionAndTextVariablesTheirWords() {
        for (Variables.Variable v : Variables.all()) {
            assertFalse(v.description().isBlank(), v.pattern());
            assertTrue(Variables.match(v.pattern().replace("<node>", "n").replaceAll("<[a-z]+>", "0")).isPresent(),
                    v.pattern());
        }
        assertEquals(java.util.List.of("none", "forward", "loss", "backward", "update"),
                Variables.match("stepper.phase").orElseThrow().variable().values());
    }
}
