// `stepwise lessons list` and `stepwise lessons check [PATH]`: the course's lessons, and the checker teachers run on
// the lessons they write, with every problem at its file and line.
package org.stepwise.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stepwise.lessons.course.Course;
import org.stepwise.lessons.course.LessonCheck;
import org.stepwise.lessons.format.Lesson;
import org.stepwise.lessons.format.LessonProblem;
import org.stepwise.lessons.format.LessonReader;
import org.stepwise.lessons.format.LessonSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "lessons",
        mixinStandardHelpOptions = true,
        description = "Lists the course's lessons, or checks lesson folders (lessons/FORMAT.md describes them).",
        subcommands = {LessonsCommand.List.class, LessonsCommand.Check.class})
public final class LessonsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the course's lessons in order.")
    static final class List implements Runnable {
        @Spec
        private CommandSpec spec;

        @Option(names = "--lang", defaultValue = "en", paramLabel = "LANG",
                description = "The language of the titles: en or zh-CN (default: ${DEFAULT-VALUE}).")
        private String language;

        @Option(names = "--json", description = "Print one JSON object per lesson instead of a table.")
        private boolean json;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            ObjectMapper mapper = new ObjectMapper();
            java.util.List<String> folders = Course.folders();
            if (!json) {
                out.printf("%-3s %-14s %-13s %7s %5s  %s%n", "#", "id", "level", "minutes", "steps", "title");
            }
            for (int i = 0; i < folders.size(); i++) {
                Lesson lesson = LessonReader.read(LessonSource.classpath(Course.BASE + "/" + folders.get(i)))
                        .orThrow();
                if (json) {
                    ObjectNode o = mapper.createObjectNode().put("number", i + 1).put("id", lesson.id())
                            .put("level", lesson.level().id()).put("minutes", lesson.minutes())
                            .put("steps", lesson.steps().size()).put("title", lesson.title(language));
                    lesson.prerequisites().forEach(o.putArray("prerequisites")::add);
                    lesson.languages().forEach(o.putArray("languages")::add);
                    out.println(o);
                } else {
                    out.printf("%-3d %-14s %-13s %7d %5d  %s%n", i + 1, lesson.id(), lesson.level().id(),
                            lesson.minutes(), lesson.steps().size(), lesson.title(language));
                }
            }
            out.flush();
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Checks lessons: unknown keys, bad goals, missing translations and images, a starting "
                    + "state that does not open. Without PATH, checks the course shipped with Stepwise.")
    static final class Check implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "PATH",
                description = "A lesson folder (holding lesson.yaml), or a folder of lesson folders.")
        private Path path;

        @Option(names = "--play", description = "Also play each lesson through with its playthrough.yaml, as "
                + "the tests do, to prove every goal can be reached.")
        private boolean play;

        @Override
        public Integer call() throws IOException {
            java.util.List<LessonCheck.Report> reports = path == null ? LessonCheck.course(play)
                    : LessonCheck.path(path, play);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int problems = 0;
            for (LessonCheck.Report r : reports) {
                if (r.ok()) {
                    Lesson lesson = r.lesson().orElseThrow();
                    out.println(r.folder() + ": ok, " + lesson.steps().size() + " steps in "
                            + String.join(" and ", lesson.languages()) + (play ? ", played through" : ""));
                }
                for (LessonProblem p : r.problems()) {
                    err.println(p);
                    problems++;
                }
            }
            out.flush();
            if (problems == 0) {
                return 0;
            }
            long broken = reports.stream().filter(r -> !r.ok()).count();
            err.println("stepwise: " + problems + " problem" + (problems == 1 ? "" : "s") + " in " + broken
                    + " lesson" + (broken == 1 ? "" : "s"));
            err.flush();
            return StepwiseCommand.BAD_INPUT;
        }
    }
}
