// Where a learner stands in one lesson: what the progress store saves and a LessonRunner resumes from.
package org.stepwise.lessons.engine;

import java.util.List;

/**
 * @param lesson      the lesson's id
 * @param step        the id of the current step (the last one once the lesson is finished)
 * @param completed   ids of the steps completed, in order
 * @param goalsMet    for the current step, which goals have been met (ticked), by index
 * @param hintsShown  hints revealed in the current step
 * @param quizPassed  the current step's quiz was answered correctly
 * @param finished    every step is complete
 */
public record LessonProgress(String lesson, String step, List<String> completed, List<Boolean> goalsMet,
                             int hintsShown, boolean quizPassed, boolean finished) {
    public LessonProgress {
        completed = List.copyOf(completed);
        goalsMet = List.copyOf(goalsMet);
    }
}
