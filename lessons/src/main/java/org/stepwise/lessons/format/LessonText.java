// A lesson's words in one language, from lesson.<language>.md: the title, an introduction, and per step its
// title, Markdown text, hints and quiz. Markdown is kept as written, LaTeX ($…$, $$…$$) included, for the UI to
// render.
package org.stepwise.lessons.format;

import java.util.List;
import java.util.Map;

/**
 * @param language a tag such as "en" or "zh-CN"
 * @param intro    Markdown shown above the first step; may be empty
 * @param steps    by step id
 */
public record LessonText(String language, String title, String intro, Map<String, StepText> steps) {

    public LessonText {
        steps = Map.copyOf(steps);
    }

    /** @param hints Markdown, revealed one at a time; @param quiz null when the step has none */
    public record StepText(String title, String markdown, List<String> hints, Quiz quiz) {
        public StepText {
            hints = List.copyOf(hints);
        }
    }

    /** @param question Markdown; @param choices in the order shown, numbered from 1 */
    public record Quiz(String question, List<Choice> choices) {
        public Quiz {
            choices = List.copyOf(choices);
        }
    }

    /** @param text the answer as shown; @param explanation why it is right or wrong, shown once it is chosen */
    public record Choice(String text, String explanation) {
    }

    public StepText step(String id) {
        return steps.get(id);
    }
}
