// The active lesson beside the canvas: where the learner is (step i of n), the step's words with formulas, its goals
// ticked live as the studio reaches them, hints one at a time, the quiz with an explanation for each answer, and
// Next once the step is done. Progress is saved per user after every change, so closing the studio and starting the
// lesson again resumes where the learner was.
package org.stepwise.app.studio.lessons;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Themes;
import org.stepwise.lessons.engine.LessonRunner;
import org.stepwise.lessons.engine.ProgressStore;
import org.stepwise.lessons.format.Lesson;
import org.stepwise.lessons.format.LessonSource;
import org.stepwise.lessons.format.LessonText;
import org.stepwise.lessons.goal.Goal;

public final class LessonPanel extends BorderPane {
    private final I18n i18n;
    private final LessonSource source;
    private final LessonRunner runner;
    private final ProgressStore store;
    private final Runnable onClose;
    private final Label title = new Label();
    private final Label position = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final VBox body = new VBox(12);
    private final VBox goals = new VBox(6);
    private final VBox hints = new VBox(6);
    private final Button hint = new Button();
    private final ScrollPane scroll = new ScrollPane();
    private final Label answerExplanation = new Label();
    private final Button next = new Button();
    private final Timeline ticker;
    private int shownStep = -1;
    /** Finds what a step points at ("node:hidden1", "step_phase", "values"), or null when it is not on screen. */
    private java.util.function.Function<String, javafx.scene.Node> pointer = id -> null;
    private javafx.scene.Node pointed;

    public LessonPanel(I18n i18n, Lesson lesson, LessonSource source, LessonRunner runner, ProgressStore store,
                       Runnable onClose) {
        this.i18n = i18n;
        this.source = source;
        this.runner = runner;
        this.store = store;
        this.onClose = onClose;
        setId("lesson-panel");
        getStyleClass().add("lesson-panel");
        getStylesheets().add(LessonPanel.class.getResource("lessons.css").toExternalForm());

        title.setId("lesson-title");
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        title.setText(lesson.title(language()));
        position.setId("lesson-position");
        position.getStyleClass().add("lesson-position");
        progress.setId("lesson-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        Button close = new Button(null, new FontIcon("mdi2c-close"));
        close.setId("lesson-close");
        close.getStyleClass().add("flat");
        close.setOnAction(e -> close());
        close.setAccessibleText(i18n.text("lesson.close"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(6, position, grow, close);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(6, top, title, progress);
        header.setPadding(new Insets(12, 14, 8, 14));
        setTop(header);

        body.setPadding(new Insets(6, 14, 14, 14));
        scroll.setContent(body);
        scroll.setFitToWidth(true);
        scroll.setId("lesson-scroll");
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        setCenter(scroll);

        hint.setId("lesson-hint");
        hint.setOnAction(e -> {
            if (runner.revealHint()) {
                showHints();
                save();
                if (!hints.getChildren().isEmpty()) {
                    reveal(hints.getChildren().get(hints.getChildren().size() - 1));
                }
            }
        });
        next.setId("lesson-next");
        next.getStyleClass().add("accent");
        next.setDefaultButton(false);
        next.setOnAction(e -> advance());
        Button reset = new Button(i18n.text("lesson.reset"));
        reset.setId("lesson-reset");
        reset.setOnAction(e -> {
            runner.reset();
            save();
            show();
        });
        Region space = new Region();
        HBox.setHgrow(space, Priority.ALWAYS);
        HBox bottom = new HBox(8, reset, space, next);
        bottom.setAlignment(Pos.CENTER_RIGHT);
        bottom.setPadding(new Insets(8, 14, 12, 14));
        setBottom(bottom);
        setMinWidth(320);
        setPrefWidth(400);

        // Goals are checked four times a second against what the studio shows; the runner latches a tick.
        ticker = new Timeline(new KeyFrame(Duration.millis(250), e -> tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        show();
        ticker.play();
    }

    private String language() {
        return i18n.isChinese() ? "zh-CN" : "en";
    }

    // ---- showing -----------------------------------------------------------------------------------------------

    private Runnable enforcer = () -> { };

    /** Run with every goal check: the studio re-applies the lesson's locks to controls it may have rebuilt. */
    public void setEnforcer(Runnable locks) {
        enforcer = locks;
        locks.run();
    }

    /** How the studio finds the control a step points at; the panel marks it while the step is current. */
    public void setPointer(java.util.function.Function<String, javafx.scene.Node> finder) {
        pointer = finder;
        point();
    }

    private void point() {
        if (pointed != null) {
            pointed.getStyleClass().remove("lesson-pointed");
            pointed = null;
        }
        String at = runner.finished() ? null : runner.step().pointAt();
        if (at != null) {
            pointed = pointer.apply(at);
            if (pointed != null && !pointed.getStyleClass().contains("lesson-pointed")) {
                pointed.getStyleClass().add("lesson-pointed");
            }
        }
    }

    /** What the current step points at, marked on screen, or null. */
    public javafx.scene.Node pointed() {
        return pointed;
    }

    private void show() {
        // Another step is read from its beginning, not from where the last one was scrolled to.
        if (shownStep != runner.stepIndex()) {
            scroll.setVvalue(0);
        }
        shownStep = runner.stepIndex();
        point();
        int n = runner.lesson().steps().size();
        position.setText(i18n.text("lesson.position", runner.stepIndex() + 1, n));
        progress.setProgress(runner.completedSteps() / (double) n);
        LessonText.StepText text = runner.text(language());
        Label stepTitle = new Label(text.title());
        stepTitle.setId("lesson-step-title");
        stepTitle.getStyleClass().add("lesson-step-title");
        stepTitle.setWrapText(true);
        Color ink = Themes.isDark() ? Color.web("#e6edf3") : Color.web("#1f2328");
        double scale = getScene() != null && getScene().getWindow() != null
                ? Math.max(1, getScene().getWindow().getOutputScaleX()) : 1;
        VBox words = new LessonMarkdown(source, ink, scale).render(text.markdown());
        words.setId("lesson-words");
        body.getChildren().setAll(stepTitle, words);

        goals.getChildren().clear();
        List<Goal> stepGoals = runner.step().goals();
        if (!stepGoals.isEmpty()) {
            Label heading = new Label(i18n.text("lesson.goals"));
            heading.getStyleClass().add("lesson-section");
            goals.getChildren().add(heading);
            for (int i = 0; i < stepGoals.size(); i++) {
                // In words; the expression the lesson checks is the tooltip, for teachers and the curious.
                Goal checked = stepGoals.get(i);
                Label goal = new Label(GoalWords.of(checked, i18n));
                org.stepwise.app.studio.LazyTooltip.install(goal, checked::text);
                goal.setId("lesson-goal-" + i);
                goal.getStyleClass().add("lesson-goal");
                goal.setWrapText(true);
                goals.getChildren().add(goal);
            }
            body.getChildren().add(goals);
        }
        if (text.quiz() != null && runner.step().hasQuiz()) {
            body.getChildren().add(quiz(text.quiz()));
        }
        if (!text.hints().isEmpty()) {
            body.getChildren().addAll(hint, hints);
        }
        showHints();
        refreshTicks();
    }

    private VBox quiz(LessonText.Quiz quiz) {
        Label heading = new Label(i18n.text("lesson.quiz"));
        heading.getStyleClass().add("lesson-section");
        VBox question = new LessonMarkdown(source, Themes.isDark() ? Color.web("#e6edf3") : Color.web("#1f2328"), 1)
                .render(quiz.question());
        ToggleGroup group = new ToggleGroup();
        VBox box = new VBox(6, heading, question);
        box.setId("lesson-quiz");
        answerExplanation.setId("lesson-answer");
        answerExplanation.setWrapText(true);
        answerExplanation.setText("");
        answerExplanation.getStyleClass().removeAll("right", "wrong");
        for (int c = 0; c < quiz.choices().size(); c++) {
            RadioButton choice = new RadioButton(quiz.choices().get(c).text());
            choice.setId("lesson-choice-" + (c + 1));
            choice.setWrapText(true);
            choice.setToggleGroup(group);
            int number = c + 1;
            choice.setOnAction(e -> answer(number));
            box.getChildren().add(choice);
        }
        box.getChildren().add(answerExplanation);
        return box;
    }

    private void answer(int choice) {
        LessonRunner.Answer a = runner.answer(choice, language());
        answerExplanation.getStyleClass().removeAll("right", "wrong");
        answerExplanation.getStyleClass().add(a.correct() ? "right" : "wrong");
        answerExplanation.setText(i18n.text(a.correct() ? "lesson.right" : "lesson.wrong") + " " + a.explanation());
        save();
        refreshTicks();
        reveal(answerExplanation);
    }

    /** Scrolls the step just far enough that an answer's explanation or a hint just asked for shows. */
    private void reveal(javafx.scene.Node node) {
        scroll.applyCss();
        scroll.layout();
        org.stepwise.app.studio.Scrolling.reveal(scroll, node, 8);
    }

    private void showHints() {
        List<String> all = runner.text(language()).hints();
        hints.getChildren().clear();
        for (int i = 0; i < runner.hintsShown() && i < all.size(); i++) {
            VBox shown = new LessonMarkdown(source, Themes.isDark() ? Color.web("#e6edf3") : Color.web("#1f2328"),
                    1).render(all.get(i));
            shown.getStyleClass().add("lesson-hint");
            shown.setId("lesson-hint-" + i);
            hints.getChildren().add(shown);
        }
        hint.setText(runner.hintsShown() < runner.hintCount()
                ? i18n.text("lesson.hint", runner.hintsShown() + 1, runner.hintCount()) : i18n.text("lesson.noHints"));
        hint.setDisable(runner.hintsShown() >= runner.hintCount());
    }

    /** The ticks, Next, and the progress bar, as the runner sees the step now. */
    private void refreshTicks() {
        List<Boolean> met = runner.goalsMet();
        for (int i = 0; i < met.size(); i++) {
            var node = goals.lookup("#lesson-goal-" + i);
            if (node instanceof Label l) {
                boolean done = met.get(i);
                l.setGraphic(new FontIcon(done ? "mdi2c-check-circle" : "mdi2c-circle-outline"));
                l.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("met"), done);
            }
        }
        boolean last = runner.stepIndex() == runner.lesson().steps().size() - 1;
        next.setText(i18n.text(runner.finished() ? "lesson.finished" : last ? "lesson.finish" : "lesson.next"));
        next.setDisable(!runner.stepComplete() || runner.finished());
        progress.setProgress(runner.completedSteps() / (double) runner.lesson().steps().size());
    }

    private void tick() {
        if (getScene() == null) {
            return;
        }
        if (runner.refresh()) {
            save();
        }
        enforcer.run();
        // The canvas may have rebuilt the node that was marked, or a view may have come on screen since.
        if (pointed == null || pointed.getScene() == null) {
            point();
        }
        refreshTicks();
    }

    private void advance() {
        if (runner.advance()) {
            save();
            if (runner.stepIndex() != shownStep) {
                show();
            } else {
                refreshTicks();
            }
        }
    }

    private void save() {
        try {
            store.save(runner.progress());
        } catch (java.io.IOException | RuntimeException e) {
            // Progress is a convenience: the lesson goes on, and the next change tries again.
            position.setTooltip(new javafx.scene.control.Tooltip(i18n.text("lesson.notSaved", e.getMessage())));
        }
    }

    /** Stops checking goals and hands the room back to the studio. */
    public void close() {
        dispose();
        onClose.run();
    }

    /** Stops checking goals, for a panel the window is replacing with a new one of the same lesson. */
    public void dispose() {
        ticker.stop();
        if (pointed != null) {
            pointed.getStyleClass().remove("lesson-pointed");
            pointed = null;
        }
        save();
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    public LessonRunner runner() {
        return runner;
    }

    List<String> goalTexts() {
        List<String> out = new ArrayList<>();
        runner.step().goals().forEach(g -> out.add(g.text()));
        return out;
    }
}
