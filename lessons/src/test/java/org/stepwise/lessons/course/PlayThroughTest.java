// Every lesson of the course, played through by its scripted learner against the real core, headless: each goal is
// reachable within the lesson's settings. Lessons added to course.yaml are picked up without touching this test.
package org.stepwise.lessons.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.stepwise.lessons.format.Lesson;
import org.stepwise.lessons.format.LessonReader;
import org.stepwise.lessons.format.LessonSource;
import org.stepwise.lessons.format.PlayThrough;
import org.stepwise.lessons.headless.ScriptedLearner;

class PlayThroughTest {

    static List<String> lessons() {
        return Course.folders();
    }

    private static LessonSource source(String folder) {
        return LessonSource.classpath(Course.BASE + "/" + folder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void scriptedLearnerCompletesEveryStep(String folder) throws IOException {
        LessonReader.Result read = LessonReader.read(source(folder), true);
        assertEquals(List.of(), read.problems(), folder);
        Lesson lesson = read.orThrow();
        PlayThrough.Result script = PlayThrough.read(source(folder), lesson);
        assertEquals(List.of(), script.problems(), folder);
        assertTrue(script.playThrough().isPresent(), folder + " has no " + PlayThrough.FILE);

        ScriptedLearner.Outcome outcome = ScriptedLearner.play(lesson, script.playThrough().get());

        assertEquals(List.of(), outcome.failures(), folder);
        assertEquals(lesson.steps().size(), outcome.stepsCompleted());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void courseLessonsAreBilingualAndSizedForOneSitting(String folder) {
        Lesson lesson = LessonReader.read(source(folder)).orThrow();

        assertEquals(List.of("en", "zh-CN"), lesson.languages());
        assertTrue(lesson.minutes() >= 10 && lesson.minutes() <= 25, folder + ": " + lesson.minutes() + " minutes");
        assertTrue(lesson.steps().size() >= 4, folder + " has " + lesson.steps().size() + " steps");
    }

    @Test
    void everyLessonFolderIsInTheCourseIndexWithAUniqueIdAfterItsPrerequisites() throws IOException {
        Path base = Path.of("src/main/resources").resolve(Course.BASE);
        List<String> onDisk;
        try (Stream<Path> list = Files.list(base)) {
            onDisk = list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(onDisk, Course.folders().stream().sorted().toList());
        List<Lesson> course = Course.sources().stream().map(s -> LessonReader.read(s).orThrow()).toList();
        List<String> ids = course.stream().map(Lesson::id).toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), ids.toString());
        for (int i = 0; i < course.size(); i++) {
            List<String> earlier = ids.subList(0, i);
            assertTrue(earlier.containsAll(course.get(i).prerequisites()), course.get(i).id()
                    + "'s prerequisites must come before it in the course: " + course.get(i).prerequisites());
        }
    }
}
