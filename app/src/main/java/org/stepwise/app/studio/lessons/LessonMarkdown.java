// Lesson text on screen: the Markdown a teacher wrote, as JavaFX nodes. Paragraphs and list items become text flows
// (bold, italic and code kept), $…$ becomes an inline formula and a paragraph of $$…$$ a display formula, both
// typeset by JLaTeXMath, and images come from the lesson's folder. Formulas are taken out before the Markdown is
// parsed, so the underscores and stars of LaTeX never turn into emphasis.
package org.stepwise.app.studio.lessons;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.parser.Parser;
import org.stepwise.app.studio.math.TexImages;
import org.stepwise.lessons.format.LessonSource;

final class LessonMarkdown {
    private static final Parser PARSER = Parser.builder().build();
    /** $$…$$ first, then $…$; a dollar escaped as \$ is left alone. */
    private static final Pattern MATH = Pattern.compile("\\$\\$(.+?)\\$\\$|(?<!\\\\)\\$(.+?)(?<!\\\\)\\$", Pattern.DOTALL);
    private static final String MARK = "\uE000";
    private static final float INLINE_SIZE = 17f;
    private static final float DISPLAY_SIZE = 20f;

    private final LessonSource source;
    private final Color ink;
    private final double scale;

    /** @param ink the theme's text colour, which formulas are painted in */
    LessonMarkdown(LessonSource source, Color ink, double scale) {
        this.source = source;
        this.ink = ink;
        this.scale = scale;
    }

    /** The Markdown as a column of nodes. */
    VBox render(String markdown) {
        List<String[]> formulas = new ArrayList<>();
        Matcher m = MATH.matcher(markdown);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            boolean display = m.group(1) != null;
            formulas.add(new String[] {display ? m.group(1) : m.group(2), display ? "display" : "inline"});
            m.appendReplacement(text, Matcher.quoteReplacement(MARK + (formulas.size() - 1) + MARK));
        }
        m.appendTail(text);
        VBox column = new VBox(10);
        column.getStyleClass().add("lesson-text");
        org.commonmark.node.Node doc = PARSER.parse(text.toString());
        for (org.commonmark.node.Node block = doc.getFirstChild(); block != null; block = block.getNext()) {
            Node shown = block(block, formulas, 0);
            if (shown != null) {
                column.getChildren().add(shown);
            }
        }
        return column;
    }

    private Node block(org.commonmark.node.Node block, List<String[]> formulas, int depth) {
        if (block instanceof Heading h) {
            TextFlow flow = inline(h, formulas);
            flow.getStyleClass().add("lesson-heading");
            return flow;
        }
        if (block instanceof Paragraph p) {
            if (p.getFirstChild() instanceof org.commonmark.node.Image image) {
                return image(image);
            }
            return inline(p, formulas);
        }
        if (block instanceof BulletList || block instanceof OrderedList) {
            VBox items = new VBox(4);
            items.getStyleClass().add("lesson-list");
            int number = block instanceof OrderedList o && o.getMarkerStartNumber() != null
                    ? o.getMarkerStartNumber() : 1;
            for (org.commonmark.node.Node item = block.getFirstChild(); item != null; item = item.getNext()) {
                String marker = block instanceof OrderedList ? (number++) + ". " : "• ";
                VBox content = new VBox(4);
                for (org.commonmark.node.Node inner = item.getFirstChild(); inner != null; inner = inner.getNext()) {
                    Node shown = block(inner, formulas, depth + 1);
                    if (shown != null) {
                        content.getChildren().add(shown);
                    }
                }
                if (!content.getChildren().isEmpty() && content.getChildren().get(0) instanceof TextFlow first) {
                    first.getChildren().add(0, styled(marker, "lesson-marker"));
                }
                content.setStyle("-fx-padding: 0 0 0 " + (depth * 14 + 4) + ";");
                items.getChildren().add(content);
            }
            return items;
        }
        if (block instanceof FencedCodeBlock code) {
            Label l = new Label(code.getLiteral().stripTrailing());
            l.getStyleClass().add("lesson-code");
            return l;
        }
        if (block instanceof ListItem) {
            return null;
        }
        return null;
    }

    /** A paragraph's inline content: text runs with their style, and formulas as images. */
    private TextFlow inline(org.commonmark.node.Node parent, List<String[]> formulas) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add("lesson-paragraph");
        parent.accept(new AbstractVisitor() {
            private final List<String> styles = new ArrayList<>();

            @Override
            public void visit(org.commonmark.node.Text t) {
                addText(flow, t.getLiteral(), styles, formulas);
            }

            @Override
            public void visit(Emphasis e) {
                styles.add("lesson-em");
                visitChildren(e);
                styles.remove(styles.size() - 1);
            }

            @Override
            public void visit(StrongEmphasis e) {
                styles.add("lesson-strong");
                visitChildren(e);
                styles.remove(styles.size() - 1);
            }

            @Override
            public void visit(Code c) {
                flow.getChildren().add(styled(c.getLiteral(), "lesson-code"));
            }

            @Override
            public void visit(SoftLineBreak b) {
                flow.getChildren().add(new Text(" "));
            }

            @Override
            public void visit(HardLineBreak b) {
                flow.getChildren().add(new Text("\n"));
            }
        });
        return flow;
    }

    private void addText(TextFlow flow, String literal, List<String> styles, List<String[]> formulas) {
        String[] parts = literal.split(MARK, -1);
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 1) {
                String[] f = formulas.get(Integer.parseInt(parts[i]));
                flow.getChildren().add(formula(f[0], f[1].equals("display")));
            } else if (!parts[i].isEmpty()) {
                Text t = styled(parts[i], "lesson-run");
                t.getStyleClass().addAll(styles);
                flow.getChildren().add(t);
            }
        }
    }

    private Node formula(String latex, boolean display) {
        TexImages.Typeset t = TexImages.render(latex, display ? DISPLAY_SIZE : INLINE_SIZE, display, ink, scale);
        if (t == null) {
            return styled(latex, "lesson-code");
        }
        ImageView view = new ImageView(t.image());
        view.setFitWidth(t.width());
        view.setFitHeight(t.height());
        view.getStyleClass().add(display ? "lesson-display-formula" : "lesson-formula");
        view.setAccessibleText(latex);
        if (display) {
            // A display formula stands on its own line, centred by the flow's own alignment.
            TextFlow line = new TextFlow(view);
            line.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            return line;
        }
        // Inline: sit the formula's middle on the text's middle.
        view.setTranslateY(t.height() * 0.25);
        return view;
    }

    private Node image(org.commonmark.node.Image image) {
        String alt = image.getFirstChild() instanceof org.commonmark.node.Text t ? t.getLiteral() : "";
        try {
            var bytes = source.bytes(image.getDestination());
            if (bytes.isPresent()) {
                ImageView view = new ImageView(new Image(new ByteArrayInputStream(bytes.get())));
                view.setPreserveRatio(true);
                view.setFitWidth(Math.min(340, view.getImage().getWidth()));
                view.setAccessibleText(alt);
                view.getStyleClass().add("lesson-image");
                return view;
            }
        } catch (java.io.IOException e) {
            // shown as its description below
        }
        Label l = new Label(alt);
        l.getStyleClass().add("lesson-em");
        l.setWrapText(true);
        return l;
    }

    private static Text styled(String text, String styleClass) {
        Text t = new Text(text);
        t.getStyleClass().addAll("lesson-run", styleClass);
        return t;
    }
}
