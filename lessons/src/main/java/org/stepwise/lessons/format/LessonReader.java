// Reads a lesson folder: lesson.yaml (the structure) and lesson.<language>.md (the words), checking everything a
// teacher can get wrong and placing each problem at its file and line. A lesson with problems is never returned.
//
// lesson.yaml is data only: its goals are predicates over the studio's state (see goal.GoalParser), its network a
// template or a JSON description read by core's ModelReader. Nothing in a lesson can run code.
package org.stepwise.lessons.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.stepwise.core.data.DataSources;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;
import org.stepwise.core.io.DidYouMean;
import org.stepwise.core.io.ModelFormatException;
import org.stepwise.core.io.ModelReader;
import org.stepwise.core.io.Templates;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.Session;
import org.stepwise.core.project.TrainingSettings;
import org.stepwise.lessons.goal.Controls;
import org.stepwise.lessons.goal.Goal;
import org.stepwise.lessons.goal.GoalException;

public final class LessonReader {
    public static final String HEADER = "lesson.yaml";
    public static final String FORMAT = "stepwise-lesson";
    public static final int VERSION = 1;
    /** The studio's languages: a lesson that names no languages must be written in both. */
    public static final List<String> DEFAULT_LANGUAGES = List.of("en", "zh-CN");

    private static final List<String> TOP_KEYS = List.of("format", "version", "id", "level", "minutes",
            "prerequisites", "languages", "start", "panels", "locked", "steps");
    private static final List<String> START_KEYS = List.of("network", "dataset", "settings", "parameters");
    private static final List<String> SETTINGS_KEYS = List.of("loss", "optimizer", "learning_rate", "batch_size",
            "epochs", "seed", "split_seed", "validation", "test", "normalization", "l1", "l2", "clip_norm");
    private static final List<String> STEP_KEYS = List.of("id", "point_at", "goal", "quiz_answer");
    private static final List<String> LEVELS = List.of("beginner", "intermediate", "advanced");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Pattern TEXT_FILE = Pattern.compile("lesson\\.(.+)\\.md");

    /** What reading found: the lesson when there were no problems, and every problem otherwise. */
    public record Result(Optional<Lesson> lesson, List<LessonProblem> problems) {
        public Lesson orThrow() {
            return lesson.orElseThrow(() -> new LessonException(problems));
        }
    }

    private final LessonSource source;
    private final String file;
    private final boolean openStart;
    private final Problems problems = new Problems();
    private String[] lines = new String[0];

    private LessonReader(LessonSource source, boolean openStart) {
        this.source = source;
        this.file = source.describe(HEADER);
        this.openStart = openStart;
    }

    /** Reads and checks a lesson's files; files that cannot be read are problems too. */
    public static Result read(LessonSource source) {
        return read(source, false);
    }

    /**
     * Reads a lesson and, when asked, also opens its starting state on the core: loads the dataset and checks that
     * the network fits it, as starting the lesson will. That loads data, so listing lessons does not ask for it.
     */
    public static Result read(LessonSource source, boolean openStart) {
        LessonReader reader = new LessonReader(source, openStart);
        Lesson lesson = reader.read();
        List<LessonProblem> found = reader.problems.sorted();
        return new Result(found.isEmpty() ? Optional.ofNullable(lesson) : Optional.empty(), found);
    }

    private Lesson read() {
        Optional<String> text = readFile(HEADER);
        if (text.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(file, 0, 0, "there is no " + HEADER + " in the lesson folder");
            }
            return null;
        }
        lines = text.get().split("\r?\n|\r", -1);
        YamlTree tree;
        try {
            tree = YamlTree.parse(text.get());
        } catch (YamlTree.YamlException e) {
            problems.add(file, e.at, e.getMessage());
            return null;
        }
        Optional<YamlFields> top = YamlFields.at(tree, "", file, problems, "", "a mapping of keys such as "
                + "'id: neuron'");
        if (top.isEmpty()) {
            return null;
        }
        YamlFields h = top.get();
        h.allowOnly(TOP_KEYS);
        header(h);
        String id = h.text("id", true).filter(v -> checkId(h, "id", v)).orElse(null);
        Lesson.Level level = h.text("level", true).map(v -> level(h, v)).orElse(null);
        int minutes = h.integer("minutes", 1, 600, true).orElse(0);
        List<String> prerequisites = h.texts("prerequisites");
        for (int i = 0; i < prerequisites.size(); i++) {
            String p = prerequisites.get(i);
            if (!ID.matcher(p).matches() || p.equals(id)) {
                problems.add(file, h.entryAt("prerequisites", i), p.equals(id)
                        ? "a lesson cannot be its own prerequisite" : "'" + p + "' is not a lesson id");
            }
        }
        List<String> languages = languages(h);
        Start start = YamlFields.at(tree, "/start", file, problems, "start: ", "a mapping with network, "
                + "dataset and settings").map(this::start).orElse(null);
        List<String> panels = ids(h, "panels", Controls.PANELS, "panel");
        List<String> locked = ids(h, "locked", Controls.CONTROLS, "control");
        List<Step> steps = steps(h, start);
        Map<String, LessonText> texts = texts(h, languages, steps, tree);
        if (!problems.isEmpty()) {
            return null;
        }
        return new Lesson(id, level, minutes, prerequisites, start, panels, locked, steps, texts, source);
    }

    private void header(YamlFields h) {
        if (h.has("format") && !FORMAT.equals(h.get("format").asText())) {
            h.problemAt("format", "'format' must be " + FORMAT + ", not " + YamlFields.show(h.get("format")));
        }
        h.integer("version", 1, Integer.MAX_VALUE, false).filter(v -> v > VERSION).ifPresent(v -> h.problemAt(
                "version", "this lesson uses version " + v + " of the lesson format, but this Stepwise reads "
                        + "version " + VERSION + " only"));
    }

    private boolean checkId(YamlFields h, String key, String value) {
        if (!ID.matcher(value).matches()) {
            h.problemAt(key, "'" + value + "' is not a usable id: use lower-case letters, digits and '-', "
                    + "such as weighted-sum");
            return false;
        }
        return true;
    }

    private Lesson.Level level(YamlFields h, String value) {
        if (!LEVELS.contains(value)) {
            h.problemAt("level", "unknown level '" + value + "'" + hintOrList(value, LEVELS));
            return null;
        }
        return Lesson.Level.valueOf(value.toUpperCase(Locale.ROOT));
    }

    private List<String> languages(YamlFields h) {
        if (!h.has("languages")) {
            return DEFAULT_LANGUAGES;
        }
        List<String> languages = h.texts("languages");
        for (int i = 0; i < languages.size(); i++) {
            if (!LANGUAGE.matcher(languages.get(i)).matches()) {
                problems.add(file, h.entryAt("languages", i), "'" + languages.get(i) + "' is not a language "
                        + "tag such as en or zh-CN");
            }
        }
        if (languages.isEmpty()) {
            h.problemAt("languages", "a lesson needs at least one language");
        }
        return languages;
    }

    /** A list of ids from a catalogue (panels, controls); unknown ones are problems with a suggestion. */
    private List<String> ids(YamlFields h, String key, List<String> known, String what) {
        List<String> ids = h.texts(key);
        for (int i = 0; i < ids.size(); i++) {
            if (!known.contains(ids.get(i))) {
                problems.add(file, h.entryAt(key, i), "unknown " + what + " '" + ids.get(i) + "'"
                        + hintOrList(ids.get(i), known));
            }
        }
        return ids;
    }

    // ---- the starting state

    private Start start(YamlFields s) {
        s.allowOnly(START_KEYS);
        String network = s.text("network", true).orElse(null);
        GraphDef graph = network == null ? null : network(s, network);
        String dataset = s.text("dataset", true).orElse(null);
        List<String> builtIns = DataSources.builtIns().stream().map(DataSources.BuiltIn::name).toList();
        if (dataset != null && !builtIns.contains(dataset)) {
            s.problemAt("dataset", "unknown dataset '" + dataset + "'" + hintOrList(dataset, builtIns));
            dataset = null;
        }
        TrainingSettings settings = TrainingSettings.defaults();
        if (s.has("settings")) {
            settings = YamlFields.at(s.tree(), s.pointer("settings"), file, problems, "start: settings: ",
                    "a mapping such as {optimizer: sgd, learning_rate: 0.1}").map(this::settings).orElse(settings);
        }
        Map<String, float[]> parameters = Map.of();
        if (s.has("parameters") && graph != null) {
            long seed = settings.seed();
            parameters = YamlFields.at(s.tree(), s.pointer("parameters"), file, problems, "start: parameters: ",
                    "a mapping such as {output.bias: [0.5]}").map(p -> parameters(p, graph, seed)).orElse(Map.of());
        }
        if (graph == null || dataset == null) {
            return null;
        }
        Start start = new Start(network, graph, dataset, settings, parameters);
        if (openStart && problems.isEmpty()) {
            try {
                Project project = start.project("check");
                Session.open(project, 0, project.data().load(settings.seed()));
            } catch (IOException | IllegalArgumentException e) {
                s.problemAt("dataset", "the starting state does not open: " + e.getMessage());
            }
        }
        return start;
    }

    private GraphDef network(YamlFields s, String network) {
        if (!network.endsWith(".json")) {
            Optional<Templates.Template> template = Templates.find(network);
            if (template.isEmpty()) {
                s.problemAt("network", "unknown template '" + network + "'" + DidYouMean.hint(network,
                        Templates.names()) + "; name a template (" + String.join(", ", Templates.names())
                        + ") or a .json file of the lesson");
                return null;
            }
            return template.get().graph();
        }
        if (!LessonSource.safe(network)) {
            s.problemAt("network", "the network file '" + network + "' must be inside the lesson folder");
            return null;
        }
        Optional<String> json = readFile(network);
        if (json.isEmpty()) {
            s.problemAt("network", "there is no network file '" + network + "' in the lesson folder");
            return null;
        }
        try {
            return ModelReader.read(json.get(), source.describe(network));
        } catch (ModelFormatException e) {
            problems.add(source.describe(network), e.line(), e.column(), e.detail());
            return null;
        }
    }

    private TrainingSettings settings(YamlFields f) {
        f.allowOnly(SETTINGS_KEYS);
        TrainingSettings s = TrainingSettings.defaults();
        if (f.has("loss")) {
            s = s.withLoss(f.text("loss", false).orElse(s.loss()));
        }
        if (f.has("optimizer")) {
            s = s.withOptimizer(f.text("optimizer", false).orElse(s.optimizer()), Map.of());
        }
        s = s.withLearningRate(f.number("learning_rate").map(Double::floatValue).orElse(s.learningRate()));
        s = s.withBatchSize(f.integer("batch_size", 1, 1 << 16, false).orElse(s.batchSize()));
        s = s.withEpochs(f.integer("epochs", 1, 100_000, false).orElse(s.epochs()));
        s = s.withSeeds(f.integer("seed", 0, Integer.MAX_VALUE, false).map(Integer::longValue).orElse(s.seed()),
                f.integer("split_seed", 0, Integer.MAX_VALUE, false).map(Integer::longValue).orElse(s.splitSeed()));
        s = s.withSplit(f.number("validation").orElse(s.validationFraction()),
                f.number("test").orElse(s.testFraction()));
        if (f.has("normalization")) {
            s = s.withNormalization(f.text("normalization", false).orElse(s.normalization()));
        }
        s = s.withRegularization(f.number("l1").map(Double::floatValue).orElse(s.l1()),
                f.number("l2").map(Double::floatValue).orElse(s.l2()),
                f.number("clip_norm").map(Double::floatValue).orElse(s.clipNorm()));
        for (String problem : s.problems()) {
            f.problem(f.here(), problem);
        }
        return s;
    }

    private Map<String, float[]> parameters(YamlFields p, GraphDef graph, long seed) {
        Network net;
        try {
            net = Network.build(graph, seed);
        } catch (GraphException e) {
            p.problem(p.here(), e.getMessage());
            return Map.of();
        }
        Map<String, Param> known = new LinkedHashMap<>();
        for (Node node : net.nodes()) {
            for (Param param : node.params()) {
                known.put(node.name() + "." + param.name(), param);
            }
        }
        Map<String, float[]> out = new HashMap<>();
        for (String key : p.keys()) {
            Param param = known.get(key);
            if (param == null) {
                p.problemAtKey(key, "the network has no parameter '" + key + "'" + hintOrList(key,
                        List.copyOf(known.keySet())));
                continue;
            }
            JsonNode v = p.get(key);
            if (!v.isArray() || v.size() != param.size()) {
                p.problemAt(key, "'" + key + "' has " + param.size() + " values " + param.shape() + ", so it needs "
                        + "a list of " + param.size() + " numbers, row by row, not " + YamlFields.show(v)
                        + (v.isArray() ? " of " + v.size() : ""));
                continue;
            }
            float[] values = new float[param.size()];
            boolean ok = true;
            for (int i = 0; i < values.length && ok; i++) {
                ok = v.get(i).isNumber() && Float.isFinite(v.get(i).floatValue());
                values[i] = v.get(i).floatValue();
            }
            if (!ok) {
                p.problemAt(key, "'" + key + "' must list finite numbers only");
                continue;
            }
            out.put(key, values);
        }
        return out;
    }

    // ---- steps

    private List<Step> steps(YamlFields h, Start start) {
        if (!h.has("steps")) {
            h.problem(h.here(), "missing key 'steps': a lesson is a list of steps");
            return List.of();
        }
        JsonNode list = h.get("steps");
        if (!list.isArray() || list.isEmpty()) {
            h.problemAt("steps", "'steps' must be a list with at least one step");
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String pointer = YamlTree.child(h.pointer("steps"), i);
            int number = i + 1;
            Optional<YamlFields> f = YamlFields.at(h.tree(), pointer, file, problems, "step " + number + ": ",
                    "a mapping such as {id: weighted-sum, goal: ...}");
            if (f.isEmpty()) {
                continue;
            }
            Step step = step(f.get(), start, ids);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    private Step step(YamlFields f, Start start, Set<String> ids) {
        f.allowOnly(STEP_KEYS);
        String id = f.text("id", true).filter(v -> checkId(f, "id", v)).orElse(null);
        if (id != null && !ids.add(id)) {
            f.problemAt("id", "a second step has the id '" + id + "'; ids must be unique");
            id = null;
        }
        String pointAt = f.text("point_at", false).orElse(null);
        if (pointAt != null) {
            checkPointAt(f, pointAt, start);
        }
        List<Goal> goals = new ArrayList<>();
        List<String> goalTexts = f.texts("goal");
        for (int i = 0; i < goalTexts.size(); i++) {
            YamlTree.Position at = f.get("goal").isArray() ? f.entryAt("goal", i) : f.valueAt("goal");
            try {
                goals.add(Goal.parse(goalTexts.get(i)));
            } catch (GoalException e) {
                problems.add(file, at.line(), goalColumn(at, e.column()), "bad goal: " + e.getMessage());
            }
        }
        int answer = f.integer("quiz_answer", 1, 26, false).orElse(0);
        return id == null ? null : new Step(id, pointAt, goals, answer);
    }

    /** The column in the file of a goal's column: past the opening quote when the YAML scalar is quoted. */
    private int goalColumn(YamlTree.Position at, int column) {
        String line = at.line() - 1 < lines.length ? lines[at.line() - 1] : "";
        int start = at.column() - 1;
        boolean quoted = start < line.length() && (line.charAt(start) == '"' || line.charAt(start) == '\'');
        return at.column() + column - 1 + (quoted ? 1 : 0);
    }

    private void checkPointAt(YamlFields f, String pointAt, Start start) {
        if (pointAt.startsWith(Controls.NODE_PREFIX)) {
            String node = pointAt.substring(Controls.NODE_PREFIX.length());
            if (start != null) {
                List<String> names = start.graph().nodes().stream().map(NodeDef::name).toList();
                if (!names.contains(node)) {
                    f.problemAt("point_at", "the starting network has no node '" + node + "'"
                            + hintOrList(node, names));
                }
            }
            return;
        }
        if (!Controls.CONTROLS.contains(pointAt) && !Controls.PANELS.contains(pointAt)) {
            List<String> known = new ArrayList<>(Controls.CONTROLS);
            known.addAll(Controls.PANELS);
            f.problemAt("point_at", "unknown control '" + pointAt + "'" + DidYouMean.hint(pointAt, known)
                    + "; point at a control or panel id (FORMAT.md lists them) or at node:NAME");
        }
    }

    // ---- texts

    private Map<String, LessonText> texts(YamlFields h, List<String> languages, List<Step> steps, YamlTree tree) {
        Map<String, LessonText> texts = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> stepLines = new HashMap<>();
        Set<String> brokenQuizzes = new HashSet<>();
        YamlTree.Position languagesAt = h.has("languages") ? h.valueAt("languages") : h.here();
        for (String language : languages) {
            String name = "lesson." + language + ".md";
            Optional<String> text = readFile(name);
            if (text.isEmpty()) {
                problems.add(file, languagesAt, "missing translation: there is no " + name + " in the lesson folder");
                continue;
            }
            MarkdownText.Read read = MarkdownText.read(language, source.describe(name), text.get(), problems,
                    source);
            texts.put(language, read.text());
            stepLines.put(language, read.stepLines());
            read.brokenQuizzes().forEach(id -> brokenQuizzes.add(language + "/" + id));
        }
        source.files().ifPresent(files -> {
            for (String f : files) {
                var m = TEXT_FILE.matcher(f);
                if (m.matches() && !languages.contains(m.group(1))) {
                    problems.add(source.describe(f), 0, 0, "this translation is not listed in the 'languages' of "
                            + HEADER + " (" + String.join(", ", languages) + ")");
                }
            }
        });
        crossCheck(texts, stepLines, brokenQuizzes, steps, tree);
        return texts;
    }

    /** Every language has every step, the same number of hints, and the quiz the header expects. */
    private void crossCheck(Map<String, LessonText> texts, Map<String, Map<String, Integer>> stepLines,
                            Set<String> brokenQuizzes, List<Step> steps, YamlTree tree) {
        List<String> ids = steps.stream().map(Step::id).toList();
        LessonText reference = texts.isEmpty() ? null : texts.values().iterator().next();
        for (LessonText text : texts.values()) {
            String name = source.describe("lesson." + text.language() + ".md");
            Map<String, Integer> at = stepLines.get(text.language());
            for (String id : text.steps().keySet()) {
                if (!ids.contains(id)) {
                    problems.add(name, at.get(id), 1, "there is no step '" + id + "' in " + HEADER
                            + DidYouMean.hint(id, ids));
                }
            }
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                LessonText.StepText st = text.step(step.id());
                if (st == null) {
                    problems.add(file, tree.valueAt("/steps/" + indexOf(tree, step.id()) + "/id"),
                            "missing translation: step '" + step.id() + "' has no section '## … {#" + step.id()
                                    + "}' in lesson." + text.language() + ".md");
                    continue;
                }
                int line = at.get(step.id());
                if (brokenQuizzes.contains(text.language() + "/" + step.id())) {
                    continue;
                }
                if (step.hasQuiz() && st.quiz() == null) {
                    problems.add(name, line, 1, "step '" + step.id() + "' has a quiz_answer in " + HEADER
                            + " but no '### … {.quiz}' section here");
                } else if (!step.hasQuiz() && st.quiz() != null) {
                    problems.add(name, line, 1, "step '" + step.id() + "' has a quiz here but no quiz_answer in "
                            + HEADER);
                } else if (step.hasQuiz() && text == reference && step.quizAnswer() > st.quiz().choices().size()) {
                    problems.add(file, tree.valueAt("/steps/" + indexOf(tree, step.id()) + "/quiz_answer"),
                            "quiz_answer is " + step.quizAnswer() + " but the quiz in lesson." + text.language()
                                    + ".md has " + st.quiz().choices().size() + " choices");
                }
                LessonText.StepText ref = reference == null ? null : reference.step(step.id());
                if (ref == null || text == reference) {
                    continue;
                }
                if (ref.hints().size() != st.hints().size()) {
                    problems.add(name, line, 1, "missing translation: step '" + step.id() + "' has "
                            + st.hints().size() + " hints here but " + ref.hints().size() + " in lesson."
                            + reference.language() + ".md");
                }
                if (ref.quiz() != null && st.quiz() != null
                        && ref.quiz().choices().size() != st.quiz().choices().size()) {
                    problems.add(name, line, 1, "missing translation: the quiz of step '" + step.id() + "' has "
                            + st.quiz().choices().size() + " choices here but " + ref.quiz().choices().size()
                            + " in lesson." + reference.language() + ".md");
                }
            }
        }
    }

    private static int indexOf(YamlTree tree, String stepId) {
        JsonNode steps = tree.root().get("steps");
        for (int i = 0; i < steps.size(); i++) {
            if (stepId.equals(steps.get(i).path("id").asText(null))) {
                return i;
            }
        }
        return 0;
    }

    // ---- files

    private Optional<String> readFile(String name) {
        try {
            return source.read(name);
        } catch (IOException e) {
            problems.add(source.describe(name), 0, 0, "cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String hintOrList(String given, List<String> known) {
        String hint = DidYouMean.hint(given, known);
        return hint.isEmpty() && known.size() <= 16 ? "; use one of " + String.join(", ", known) : hint;
    }
}
