// The lessons the studio's explanations point to, in one place, so the lessons can be linked from here once they
// exist. Each has its number and a title in the diagnostics bundle ("Lesson 4: Activations and dead units").
package org.stepwise.app.studio.diagnostics;

import org.stepwise.app.studio.I18n;

public enum Lesson {
    BACKPROPAGATION(3),
    ACTIVATIONS(4),
    GRADIENT_FLOW(5),
    LEARNING_RATE(6);

    private final int number;

    Lesson(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The bundle key of the title, e.g. "lesson.4". */
    public String titleKey() {
        return "lesson." + number;
    }

    public String title(I18n i18n) {
        return i18n.text(titleKey());
    }
}
