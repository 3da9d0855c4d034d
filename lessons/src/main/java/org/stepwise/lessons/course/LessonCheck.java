// What `stepwise lessons check` does: reads lessons as the studio will (files, goals, texts, images, starting
// state) and, when asked, plays each one through with its scripted learner. Every problem comes with its file and
// line; nothing is thrown for a broken lesson.
package org.stepwise.lessons.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.stepwise.lessons.format.Lesson;
import org.stepwise.lessons.format.LessonProblem;
import org.stepwise.lessons.format.LessonReader;
import org.stepwise.lessons.format.LessonSource;
import org.stepwise.lessons.format.PlayThrough;
import org.stepwise.lessons.headless.ScriptedLearner;

public final class LessonCheck {

    /** One lesson checked: its folder's name, the lesson when it reads, and every problem found. */
    public record Report(String folder, Optional<Lesson> lesson, List<LessonProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private LessonCheck() {
    }

    /** Checks the course shipped with Stepwise. */
    public static List<Report> course(boolean play) {
        return Course.sources().stream().map(s -> check(s, play)).toList();
    }

    /**
     * Checks a lesson folder (one holding lesson.yaml) or every lesson folder directly inside a folder.
     *
     * @throws IllegalArgumentException when the path is neither
     */
    public static List<Report> path(Path path, boolean play) throws IOException {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such file or folder: " + path);
        }
        Path folder = Files.isDirectory(path) ? path : path.getParent();
        if (folder != null && Files.isRegularFile(folder.resolve(LessonReader.HEADER))) {
            return List.of(check(LessonSource.folder(folder), play));
        }
        List<Path> lessons;
        try (Stream<Path> list = Files.list(path)) {
            lessons = list.filter(p -> Files.isRegularFile(p.resolve(LessonReader.HEADER))).sorted().toList();
        }
        if (lessons.isEmpty()) {
            throw new IllegalArgumentException(path + " is not a lesson folder (it has no " + LessonReader.HEADER
                    + ") and holds none");
        }
        List<Report> reports = new ArrayList<>();
        for (Path lesson : lessons) {
            reports.add(check(LessonSource.folder(lesson), play));
        }
        return reports;
    }

    /** Reads one lesson with its starting state and its play-through script; plays it when asked and it reads. */
    public static Report check(LessonSource source, boolean play) {
        LessonReader.Result read = LessonReader.read(source, true);
        if (read.lesson().isEmpty()) {
            return new Report(source.name(), Optional.empty(), read.problems());
        }
        Lesson lesson = read.lesson().get();
        PlayThrough.Result script = PlayThrough.read(source, lesson);
        List<LessonProblem> problems = new ArrayList<>(script.problems());
        if (play && script.playThrough().isPresent()) {
            try {
                problems.addAll(ScriptedLearner.play(lesson, script.playThrough().get()).failures());
            } catch (IOException e) {
                problems.add(new LessonProblem(source.describe(LessonReader.HEADER), 0, 0, "the starting state does "
                        + "not open: " + e.getMessage()));
            }
        } else if (play) {
            problems.add(new LessonProblem(source.describe(PlayThrough.FILE), 0, 0, "there is no " + PlayThrough.FILE
                    + " to play the lesson through with"));
        }
        return new Report(source.name(), problems.isEmpty() ? Optional.of(lesson) : Optional.empty(), problems);
    }
}
