// A lesson as read from its folder: the header's structure (steps, goals, starting state) and its text in every
// language it is written in. Plain data: nothing in it runs.
package org.stepwise.lessons.format;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * @param id            stable, used by prerequisites and saved progress: "neuron"
 * @param prerequisites ids of lessons to take first
 * @param panels        the panels shown while the lesson runs (the rest are hidden); empty shows them all
 * @param locked        the controls the learner cannot change during the lesson
 * @param texts         by language tag ("en", "zh-CN"), in the order the header lists the languages
 * @param source        where its files are, for images
 */
public record Lesson(String id, Level level, int minutes, List<String> prerequisites, Start start,
                     List<String> panels, List<String> locked, List<Step> steps, Map<String, LessonText> texts,
                     LessonSource source) {

    public enum Level {
        BEGINNER, INTERMEDIATE, ADVANCED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Lesson {
        prerequisites = List.copyOf(prerequisites);
        panels = List.copyOf(panels);
        locked = List.copyOf(locked);
        steps = List.copyOf(steps);
        texts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(texts));
    }

    /** The languages the lesson is written in, the first being the one shown when another is asked for. */
    public List<String> languages() {
        return List.copyOf(texts.keySet());
    }

    /** The text in this language, or in the lesson's first language when it has no such translation. */
    public LessonText text(String language) {
        LessonText text = texts.get(language);
        return text != null ? text : texts.values().iterator().next();
    }

    public String title(String language) {
        return text(language).title();
    }

    public Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public int indexOf(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }
}
