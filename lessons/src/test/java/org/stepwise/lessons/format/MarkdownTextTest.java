// What lesson.<language>.md yields: the title, the introduction, each step's Markdown as written (LaTeX intact),
// its hints in order, and the quiz's question, choices and explanations.
package org.stepwise.lessons.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepwise.lessons.course.Course;

class MarkdownTextTest {

    @Test
    void aCourseLessonsTextKeepsItsMarkdownAndFormulasAsWritten() {
        Lesson lesson = LessonReader.read(LessonSource.classpath(Course.BASE + "/01-neuron")).orThrow();
        LessonText en = lesson.text("en");
        LessonText.StepText sum = en.step("weighted-sum");

        assertEquals("The neuron", en.title());
        assertEquals("神经元", lesson.title("zh-CN"));
        assertEquals("The neuron", lesson.title("fr"), "a missing language falls back to the first");
        assertTrue(en.intro().startsWith("Every network in Stepwise"), en.intro());
        assertEquals("The weighted sum", sum.title());
        assertTrue(sum.markdown().contains("$$z = w_1 x_1 + w_2 x_2 + b$$"), sum.markdown());
        assertEquals(List.of("Multiply first, then add: $0.5 \\cdot 2$, then $-1 \\cdot 1$, then the bias.",
                "$0.5 \\cdot 2 = 1$ and $-1 \\cdot 1 = -1$. Those two cancel out, so only the bias is left."),
                sum.hints());
        assertEquals("Take the input $x = (2, 1)$. What is $z$?", sum.quiz().question());
        assertEquals(new LessonText.Choice("$0.25$",
                "Right. $0.5 \\cdot 2 + (-1) \\cdot 1 + 0.25 = 1 - 1 + 0.25 = 0.25$."), sum.quiz().choices().get(1));
        assertTrue(en.step("meet").markdown().contains("![A neuron: two inputs"));
    }
}
