// The lesson panel's goals in words, in both languages, for every variable and event a goal can name and for every
// goal the course has.
package org.stepwise.app.studio.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.stepwise.app.studio.I18n;
import org.stepwise.lessons.course.Course;
import org.stepwise.lessons.format.LessonReader;
import org.stepwise.lessons.format.LessonSource;
import org.stepwise.lessons.format.Step;
import org.stepwise.lessons.goal.Events;
import org.stepwise.lessons.goal.Goal;
import org.stepwise.lessons.goal.Variables;

class GoalWordsTest {
    private final I18n en = new I18n(Locale.ENGLISH);
    private final I18n zh = new I18n(I18n.CHINESE);

    private String words(String goal, I18n i18n) {
        return GoalWords.of(Goal.parse(goal), i18n);
    }

    @Test
    void commonGoalsReadAsSentences() {
        assertEquals("Select neuron", words("selected == neuron", en));
        assertEquals("选中 neuron", words("selected == neuron", zh));
        assertEquals("Validation accuracy ≥ 0.9, and validation loss < 0.3",
                words("val_accuracy >= 0.9 and val_loss < 0.3", en));
        assertEquals("验证准确率 ≥ 0.9，且验证损失 < 0.3", words("val_accuracy >= 0.9 and val_loss < 0.3", zh));
        assertEquals("Reach the forward phase, and the stepper at output",
                words("stepper.phase == forward and stepper.node == output", en));
        assertEquals("走到前向阶段，且步进停在 output", words("stepper.phase == forward and stepper.node == output", zh));
        assertEquals("Learning rate ≤ 0.001, and epochs ≥ 10", words("learning_rate <= 0.001 and epoch >= 10", en));
        assertEquals("Units of hidden1 ≤ 2", words("units.hidden1 <= 2", en));
        assertEquals("hidden1 已冻结", words("frozen.hidden1", zh));
        assertEquals("Not: hidden1 is frozen", words("not frozen.hidden1", en));
        assertEquals("The weight of output from input 1 to unit 0 = -0.5", words("weight.output.0.1 == -0.5", en));
        assertEquals("The optimizer ≠ sgd", words("optimizer != sgd", en));
        assertEquals("Validation loss < training loss", words("val_loss < train_loss", en));
        assertEquals("验证损失 < 训练损失，或层数 ≥ 3", words("val_loss < train_loss or layers >= 3", zh));
        assertEquals("Training has halted = false", words("halted == false", en));
    }

    @Test
    void eventsSayWhatToDo() {
        assertEquals("Export the model as onnx", words("event: exported(onnx)", en));
        assertEquals("Export the model", words("event: exported", en));
        assertEquals("把模型导出为 onnx", words("event: exported(onnx)", zh));
        assertEquals("Inference input 0 = 2, and send one input through the network",
                words("inference.input.0 == 2 and event: predicted", en));
        assertEquals("Pass the gradient check, or run a gradient check that fails",
                words("event: gradient_check_passed or event: gradient_check_failed", en));
    }

    @Test
    void everyVariableAndEventHasWordsInBothLanguages() {
        for (I18n i18n : List.of(en, zh)) {
            List<String> missing = new ArrayList<>();
            for (String key : GoalWords.keys()) {
                if (!i18n.has(key)) {
                    missing.add(key);
                }
            }
            for (Variables.Variable v : Variables.all()) {
                if (!i18n.has(GoalWords.variableKey(v))) {
                    missing.add(GoalWords.variableKey(v));
                }
            }
            for (Events.Event e : Events.all()) {
                if (!i18n.has("goal.event." + e.name())) {
                    missing.add("goal.event." + e.name());
                }
                if (e.argument() != null && !i18n.has("goal.event." + e.name() + ".of")) {
                    missing.add("goal.event." + e.name() + ".of");
                }
            }
            assertEquals(List.of(), missing, i18n.locale().toString());
        }
    }

    @Test
    void everyGoalOfTheCourseReadsWithoutAKeyOrAnExpressionShowing() {
        int goals = 0;
        for (LessonSource source : Course.sources()) {
            for (Step step : LessonReader.read(source).orThrow().steps()) {
                for (Goal goal : step.goals()) {
                    for (I18n i18n : List.of(en, zh)) {
                        String words = GoalWords.of(goal, i18n);
                        assertFalse(words.contains("‹") || words.contains("event:") || words.contains(">=")
                                || words.contains("==") || words.contains("''"), goal.text() + " → " + words);
                    }
                    goals++;
                }
            }
        }
        assertTrue(goals >= 30, goals + " goals");
    }
}
