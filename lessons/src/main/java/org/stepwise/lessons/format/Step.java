// One step of a lesson, as the header declares it: what the UI points at and what must be true to complete it.
// Its words (title, text, hints, quiz) are in each language's Markdown file, under the step's id.
package org.stepwise.lessons.format;

import java.util.List;
import org.stepwise.lessons.goal.Goal;

/**
 * @param pointAt    a control or panel id, or "node:NAME", for the UI to highlight; null for none
 * @param goals      all must hold, each ticked on its own; empty for a step the learner only reads
 * @param quizAnswer the correct choice of the step's quiz, 1-based; 0 when the step has no quiz
 */
public record Step(String id, String pointAt, List<Goal> goals, int quizAnswer) {
    public Step {
        goals = List.copyOf(goals);
    }

    public boolean hasQuiz() {
        return quizAnswer > 0;
    }
}
