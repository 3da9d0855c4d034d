// Reads lesson.<language>.md: "# Title", an optional introduction, then one "## Title {#step-id}" section per
// step; inside a step, "### … {.hint}" sections are hints and one "### … {.quiz}" section is the quiz (a question,
// then a numbered list of choices, each with its explanation indented under it).
//
// Sections are kept as the raw Markdown lines the teacher wrote, so LaTeX reaches the UI untouched. Images must be
// files of the lesson (or of the assets), and every formula must be closed; both are reported with their line.
package org.stepwise.lessons.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.stepwise.core.io.DidYouMean;

final class MarkdownText {
    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();
    private static final Pattern HEADING = Pattern.compile(
            "^\\s{0,3}#{1,6}\\s*(.*?)\\s*(?:\\{\\s*([#.])([^}\\s]*)\\s*\\})?\\s*#*\\s*$");
    private static final List<String> KINDS = List.of("hint", "quiz");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)[^`].*?\\1");

    private enum Kind { INTRO, STEP, HINT, QUIZ }

    /** A heading and the top-level blocks under it, up to the next section heading. */
    private record Section(Kind kind, String stepId, String title, int line, List<Node> blocks) {
    }

    /**
     * The text; the line of each step's heading, for messages about a step as a whole; and the steps whose quiz
     * section was there but had problems (already reported, so the header's quiz_answer is not blamed as well).
     */
    record Read(LessonText text, Map<String, Integer> stepLines, java.util.Set<String> brokenQuizzes) {
    }

    private final String language;
    private final String file;
    private final String[] lines;
    private final Problems problems;
    private final LessonSource source;
    private final Map<String, Integer> stepLines = new LinkedHashMap<>();
    private final java.util.Set<String> brokenQuizzes = new java.util.HashSet<>();
    // The formula scan's state while it walks the lines of one paragraph.
    private int[] openAt;
    private String openDelimiter;
    private int braces;

    private MarkdownText(String language, String file, String text, Problems problems, LessonSource source) {
        this.language = language;
        this.file = file;
        this.lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        this.problems = problems;
        this.source = source;
    }

    /** The text with every problem found added to {@code problems}; parts with problems are left out. */
    static Read read(String language, String file, String text, Problems problems, LessonSource source) {
        MarkdownText reader = new MarkdownText(language, file, text, problems, source);
        return new Read(reader.read(text), reader.stepLines, reader.brokenQuizzes);
    }

    private LessonText read(String text) {
        Node document = PARSER.parse(text);
        checkImagesAndFormulas(document);
        String title = null;
        List<Section> sections = new ArrayList<>();
        Section current = new Section(Kind.INTRO, null, null, 0, new ArrayList<>());
        for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading h && (h.getLevel() <= 2 || (h.getLevel() == 3 && hasAttribute(h)))) {
                Matcher m = heading(h);
                if (h.getLevel() == 1) {
                    if (title != null) {
                        problems.add(file, line(h), 1, "a second '#' title; the file has one title, and steps "
                                + "start with '## Title {#step-id}'");
                    } else if (!current.blocks().isEmpty() || !sections.isEmpty()) {
                        problems.add(file, line(h), 1, "the title must come first in the file");
                    }
                    title = m.group(1);
                    continue;
                }
                sections.add(current);
                current = section(h, m, current);
                continue;
            }
            if (title == null && current.kind() == Kind.INTRO && sections.isEmpty()) {
                problems.add(file, line(block), 1, "the file must start with its title, as in '# The neuron'");
                title = "";
            }
            current.blocks().add(block);
        }
        sections.add(current);
        if (title == null) {
            problems.add(file, 1, 1, "the file has no title; start it with '# Title'");
            title = "";
        }
        return assemble(title, sections);
    }

    private Section section(Heading h, Matcher m, Section previous) {
        String mark = m.group(2);
        String name = m.group(3);
        if (h.getLevel() == 2) {
            if (!"#".equals(mark) || name.isEmpty()) {
                problems.add(file, line(h), 1, "a step heading needs the step's id, as in '## Weighted sum "
                        + "{#weighted-sum}'");
                return new Section(Kind.STEP, null, m.group(1), line(h), new ArrayList<>());
            }
            return new Section(Kind.STEP, name, m.group(1), line(h), new ArrayList<>());
        }
        String step = previous.kind() == Kind.INTRO ? null : previous.stepId();
        if (!".".equals(mark) || !KINDS.contains(name)) {
            problems.add(file, line(h), 1, "unknown section '{" + mark + name + "}'"
                    + DidYouMean.hint(name, KINDS) + "; inside a step, '### … {.hint}' starts a hint and "
                    + "'### … {.quiz}' the quiz");
            return new Section(Kind.HINT, null, m.group(1), line(h), new ArrayList<>());
        }
        if (previous.kind() == Kind.INTRO) {
            problems.add(file, line(h), 1, "a " + name + " must belong to a step: put it under a '## Title "
                    + "{#step-id}' heading");
        }
        return new Section(name.equals("hint") ? Kind.HINT : Kind.QUIZ, step, m.group(1), line(h),
                new ArrayList<>());
    }

    private LessonText assemble(String title, List<Section> sections) {
        String intro = "";
        Map<String, String> bodies = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        Map<String, List<String>> hints = new LinkedHashMap<>();
        Map<String, LessonText.Quiz> quizzes = new LinkedHashMap<>();
        for (Section s : sections) {
            switch (s.kind()) {
                case INTRO -> intro = raw(s.blocks());
                case STEP -> {
                    if (s.stepId() == null) {
                        continue;
                    }
                    if (bodies.containsKey(s.stepId())) {
                        problems.add(file, s.line(), 1, "a second section for step '" + s.stepId() + "'");
                        continue;
                    }
                    bodies.put(s.stepId(), raw(s.blocks()));
                    stepLines.put(s.stepId(), s.line());
                    titles.put(s.stepId(), s.title());
                    hints.put(s.stepId(), new ArrayList<>());
                }
                case HINT -> {
                    if (s.stepId() != null && hints.containsKey(s.stepId())) {
                        String hint = raw(s.blocks());
                        if (hint.isEmpty()) {
                            problems.add(file, s.line(), 1, "the hint is empty");
                        }
                        hints.get(s.stepId()).add(hint);
                    }
                }
                case QUIZ -> {
                    if (s.stepId() == null || !bodies.containsKey(s.stepId())) {
                        continue;
                    }
                    if (quizzes.containsKey(s.stepId())) {
                        problems.add(file, s.line(), 1, "step '" + s.stepId() + "' has a second quiz; a step "
                                + "has one at most");
                        continue;
                    }
                    LessonText.Quiz quiz = quiz(s);
                    if (quiz != null) {
                        quizzes.put(s.stepId(), quiz);
                    } else {
                        brokenQuizzes.add(s.stepId());
                    }
                }
            }
        }
        Map<String, LessonText.StepText> steps = new LinkedHashMap<>();
        bodies.forEach((id, body) -> steps.put(id, new LessonText.StepText(titles.get(id), body, hints.get(id),
                quizzes.get(id))));
        return new LessonText(language, title, intro, steps);
    }

    private LessonText.Quiz quiz(Section s) {
        List<Node> question = new ArrayList<>();
        OrderedList list = null;
        for (Node block : s.blocks()) {
            if (list != null) {
                problems.add(file, line(block), 1, "the quiz ends with its numbered choices; move this text "
                        + "above them");
                return null;
            }
            if (block instanceof OrderedList ordered) {
                list = ordered;
            } else if (block instanceof BulletList) {
                problems.add(file, line(block), 1, "number the quiz's choices (1. 2. 3.) rather than bulleting "
                        + "them");
                return null;
            } else {
                question.add(block);
            }
        }
        if (question.isEmpty()) {
            problems.add(file, s.line(), 1, "the quiz has no question: write it above the choices");
            return null;
        }
        if (list == null) {
            problems.add(file, s.line(), 1, "the quiz has no choices: list them as '1. …', each with its "
                    + "explanation indented under it");
            return null;
        }
        List<LessonText.Choice> choices = new ArrayList<>();
        int number = 0;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            number++;
            Node first = item.getFirstChild();
            if (!(item instanceof ListItem) || !(first instanceof Paragraph)) {
                problems.add(file, line(item), 1, "choice " + number + " must start with its answer text");
                return null;
            }
            List<Node> rest = new ArrayList<>();
            for (Node n = first.getNext(); n != null; n = n.getNext()) {
                rest.add(n);
            }
            if (rest.isEmpty()) {
                problems.add(file, line(item), 1, "choice " + number + " has no explanation: indent a paragraph "
                        + "under it saying why it is right or wrong");
                return null;
            }
            choices.add(new LessonText.Choice(raw(List.of(first)), raw(rest)));
        }
        if (choices.size() < 2) {
            problems.add(file, line(list), 1, "a quiz needs at least two choices");
            return null;
        }
        return new LessonText.Quiz(raw(question), choices);
    }

    // ---- checks over the whole document

    private void checkImagesAndFormulas(Node document) {
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                checkImage(image);
                visitChildren(image);
            }

            @Override
            public void visit(Paragraph paragraph) {
                checkFormulas(paragraph);
                visitChildren(paragraph);
            }

            @Override
            public void visit(Heading heading) {
                checkFormulas(heading);
                visitChildren(heading);
            }
        });
    }

    private void checkImage(Image image) {
        String target = image.getDestination();
        int line = line(image);
        int column = image.getSourceSpans().isEmpty() ? 1 : image.getSourceSpans().get(0).getColumnIndex() + 1;
        if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
            problems.add(file, line, column, "the image '" + target + "' is a link; images must be files of the "
                    + "lesson folder (images/x.png) or of the assets (assets/…), since the studio works offline");
        } else if (!LessonSource.safe(target)) {
            problems.add(file, line, column, "the image path '" + target + "' must stay inside the lesson folder: "
                    + "no '..', no leading '/', '/' between folders");
        } else if (!source.exists(target)) {
            problems.add(file, line, column, "missing image '" + target + "': no such file "
                    + (target.startsWith("assets/") ? "in the assets" : "in the lesson folder"));
        }
    }

    /** Every $…$ and $$…$$ is closed within its paragraph and balances its braces. */
    private void checkFormulas(Node block) {
        List<SourceSpan> spans = block.getSourceSpans();
        for (int s = 0; s < spans.size(); s++) {
            SourceSpan span = spans.get(s);
            // Formulas may run across the lines of a paragraph, so the scan keeps its state from line to line.
            if (s == 0) {
                openAt = null;
            }
            String text = lines[span.getLineIndex()];
            text = text.substring(span.getColumnIndex(), Math.min(text.length(), span.getColumnIndex()
                    + span.getLength()));
            scanFormulas(blankCodeSpans(text), span.getLineIndex() + 1, span.getColumnIndex());
        }
        if (openAt != null) {
            problems.add(file, openAt[0], openAt[1], "the formula starting here has no closing " + openDelimiter);
            openAt = null;
        }
    }

    private void scanFormulas(String text, int line, int offset) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c == '$') {
                boolean dollars = i + 1 < text.length() && text.charAt(i + 1) == '$';
                String delimiter = dollars ? "$$" : "$";
                if (openAt == null) {
                    openAt = new int[] {line, offset + i + 1};
                    openDelimiter = delimiter;
                    braces = 0;
                } else if (delimiter.equals(openDelimiter)) {
                    if (braces != 0) {
                        problems.add(file, openAt[0], openAt[1], "the formula starting here has unbalanced braces "
                                + "{ }");
                    }
                    openAt = null;
                }
                if (dollars) {
                    i++;
                }
            } else if (openAt != null && c == '{') {
                braces++;
            } else if (openAt != null && c == '}') {
                braces--;
            }
        }
    }

    private static String blankCodeSpans(String text) {
        Matcher m = CODE_SPAN.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, " ".repeat(m.group().length()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    // ---- source text

    private boolean hasAttribute(Heading h) {
        Matcher m = heading(h);
        return m.group(2) != null;
    }

    private Matcher heading(Heading h) {
        String text = lines[line(h) - 1];
        Matcher m = HEADING.matcher(text);
        if (!m.matches()) {
            // A setext heading (underlined): its text is the line itself.
            m = HEADING.matcher("# " + text.strip());
            m.matches();
        }
        return m;
    }

    /** The blocks' Markdown as written: their lines from the first to the last, blank lines at the ends dropped. */
    private String raw(List<Node> blocks) {
        if (blocks.isEmpty()) {
            return "";
        }
        Node first = blocks.get(0);
        Node last = blocks.get(blocks.size() - 1);
        List<SourceSpan> firstSpans = first.getSourceSpans();
        List<SourceSpan> lastSpans = last.getSourceSpans();
        if (firstSpans.isEmpty() || lastSpans.isEmpty()) {
            return "";
        }
        int from = firstSpans.get(0).getLineIndex();
        int to = lastSpans.get(lastSpans.size() - 1).getLineIndex();
        int indent = firstSpans.get(0).getColumnIndex();
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            String line = lines[i];
            // Text inside a list item is indented under its marker; the first line starts after the marker.
            int cut = i == from ? indent : Math.min(indent, leadingSpaces(line));
            sb.append(line.substring(Math.min(cut, line.length()))).append('\n');
        }
        return sb.toString().strip();
    }

    private static int leadingSpaces(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static int line(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        return spans.isEmpty() ? 1 : spans.get(0).getLineIndex() + 1;
    }
}
