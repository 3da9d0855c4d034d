// Shows the stepper's diagnostics in the window: badges on the canvas nodes they concern, and, when training halted
// on NaN or Inf, a message above the canvas naming the node, with the two ways out. It reads snapshots only.
package org.stepwise.app.studio.diagnostics;

import java.text.NumberFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.editor.ChangeSettings;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;
import org.stepwise.app.studio.canvas.GraphCanvas;
import org.stepwise.core.project.Project;
import org.stepwise.core.stepper.Halt;

public final class DiagnosisView {
    private static final String STYLESHEET = DiagnosisView.class.getResource("diagnostics.css").toExternalForm();

    private final Workspace workspace;
    private final TrainingController training;
    private final I18n i18n;
    private final GraphCanvas canvas;
    private final VBox banner = new VBox();
    private final Label message = new Label();
    private final Label help = new Label();
    /** What the badges show now, to rebuild them only when a symptom comes or goes. */
    private List<Symptom.Finding> shown = List.of();
    /** The halt the banner shows, or null. */
    private Halt halt;
    private long lastGoodStep;

    public DiagnosisView(Workspace workspace, TrainingController training, I18n i18n, GraphCanvas canvas) {
        this.workspace = workspace;
        this.training = training;
        this.i18n = i18n;
        this.canvas = canvas;
        banner.setId("halt-banner");
        banner.getStyleClass().add("halt-banner");
        banner.getStylesheets().add(STYLESHEET);
        message.setId("halt-message");
        message.getStyleClass().add("halt-message");
        help.getStyleClass().add("halt-help");
        for (Label l : new Label[] {message, help}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        FontIcon icon = new FontIcon(Symptom.NONFINITE.icon());
        icon.getStyleClass().add("halt-icon");
        VBox texts = new VBox(2, message, help);
        HBox.setHgrow(texts, Priority.ALWAYS);
        HBox top = new HBox(10, icon, texts);
        top.setAlignment(Pos.TOP_LEFT);
        Button rewind = new Button(i18n.text("diag.halt.rewind"), new FontIcon("mdi2h-history"));
        rewind.setId("halt-rewind");
        rewind.setOnAction(e -> goBack());
        Button lower = new Button(i18n.text("diag.halt.lowerRate"), new FontIcon("mdi2s-speedometer-slow"));
        lower.setId("halt-lower-rate");
        lower.setOnAction(e -> lowerLearningRate());
        FlowPane buttons = new FlowPane(8, 6, rewind, lower);
        buttons.getStyleClass().add("halt-buttons");
        banner.getChildren().addAll(top, buttons);
        showBanner(false);
    }

    /** The message shown above the canvas while training is halted on a non-finite value. */
    public Node banner() {
        return banner;
    }

    /** A new snapshot (or null when the session was dropped): badges and the halt message follow it. */
    public void show(StepSnapshot s) {
        List<Symptom.Finding> found = Symptom.find(s);
        if (found == null) {
            return; // between the phases of a step: the last boundary's badges stay
        }
        if (!sameSymptoms(found, shown)) {
            Map<String, Node> boxes = new HashMap<>();
            Symptom.byNode(found).forEach((node, findings) -> boxes.put(node, badges(node, findings)));
            canvas.showBadges(boxes);
        }
        shown = found;
        halt = s == null || s.diagnostics() == null ? null : s.diagnostics().halt();
        if (halt != null) {
            lastGoodStep = Math.max(Math.max(0, s.oldestStep()), halt.step() - 1);
            String key = halt.node() == null ? "diag.halt.loss" : "diag.halt." + halt.what();
            message.setText(i18n.text(key, halt.step(), halt.node()));
            help.setText(i18n.text("diag.halt.help", Symptom.NONFINITE.lesson().title(i18n)));
        }
        showBanner(halt != null);
    }

    /** The one-sentence explanation of a finding, naming its lesson. */
    public String explain(Symptom.Finding f) {
        String lesson = f.symptom().lesson().title(i18n);
        NumberFormat percent = NumberFormat.getPercentInstance(i18n.locale());
        return switch (f.symptom()) {
            case NONFINITE -> i18n.text(halt != null && !"gradient".equals(halt.what())
                    ? "diag.nan.output" : "diag.nan.gradient", lesson);
            case EXPLODING, VANISHING -> i18n.text("diag." + f.symptom().id(), String.format(i18n.locale(), "%.2g",
                    f.measure()), lesson);
            case DEAD, SATURATED -> i18n.text("diag." + f.symptom().id(), percent.format(f.measure()), lesson);
        };
    }

    private Node badges(String node, List<Symptom.Finding> findings) {
        HBox box = new HBox(2);
        box.getStylesheets().add(STYLESHEET);
        box.getStyleClass().add("diagnostic-badges");
        box.setAlignment(Pos.CENTER);
        for (Symptom.Finding f : findings) {
            FontIcon icon = new FontIcon(f.symptom().icon());
            icon.setId("badge-" + node + "-" + f.symptom().id());
            icon.getStyleClass().addAll("diagnostic-badge", f.symptom().danger() ? "danger" : "warning");
            // The text is made when the pointer comes: the measure may have moved on since the badge appeared.
            Tooltip tip = new Tooltip();
            tip.setWrapText(true);
            tip.setMaxWidth(360);
            tip.setShowDelay(Duration.millis(150));
            tip.setOnShowing(e -> tip.setText(explain(current(f))));
            Tooltip.install(icon, tip);
            icon.setAccessibleText(explain(f));
            box.getChildren().add(icon);
        }
        return box;
    }

    /** The latest finding of the same node and symptom (its measure now), or {@code f} itself. */
    private Symptom.Finding current(Symptom.Finding f) {
        return shown.stream().filter(g -> g.node().equals(f.node()) && g.symptom() == f.symptom()).findFirst()
                .orElse(f);
    }

    private static boolean sameSymptoms(List<Symptom.Finding> a, List<Symptom.Finding> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).node().equals(b.get(i).node()) || a.get(i).symptom() != b.get(i).symptom()) {
                return false;
            }
        }
        return true;
    }

    private void showBanner(boolean on) {
        banner.setVisible(on);
        banner.setManaged(on);
    }

    // ---- the two ways out ------------------------------------------------------------------------------------

    /** Returns to the start of the step before the one that went bad, through the kept history. */
    void goBack() {
        if (halt != null) {
            training.rewindTo(lastGoodStep);
        }
    }

    /**
     * Halves the learning rate, as one undoable settings change, from the last good step: the session rewinds
     * first, and the project it leaves behind carries that position into the session the new rate starts.
     */
    void lowerLearningRate() {
        if (halt == null) {
            return;
        }
        float rate = workspace.document().settings().learningRate() / 2;
        training.rewindTo(lastGoodStep);
        Project rewound = training.snapshotProject();
        if (rewound != null) {
            workspace.projectProperty().set(rewound);
        }
        workspace.execute(ChangeSettings.settings(workspace.document().settings().withLearningRate(rate),
                "setting.learningRate"));
    }
}
