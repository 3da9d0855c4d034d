// Workflows ▸ Fine-tune this network: the open project's trained network becomes the start of a new one. Its body
// is frozen (a lock on each frozen node), its output layer is replaced by a fresh head with one unit per class of
// the chosen dataset, and the result opens as the project, ready to train with Play: only the head learns.
package org.stepwise.app.studio.workflows;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.stepwise.app.studio.I18n;
import org.stepwise.core.data.DataSources;
import org.stepwise.core.data.Dataset;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.workflow.FineTune;

public final class FineTuneView extends VBox {
    /** What preparing gives: the project to open and the words for what was done. */
    record Prepared(Project project, FineTune.Prepared surgery, int classes) {
    }

    private final I18n i18n;
    private final Project source;
    private final Executor worker;
    private final Predicate<Project> open;
    private final ComboBox<String> dataset = new ComboBox<>();
    private final CheckBox freezeBody = new CheckBox();
    private final Spinner<Double> learningRate = new Spinner<>(0.0001, 1.0, 0.01, 0.001);
    private final Button prepare = new Button();
    private final Label message = new Label();
    private Project opened;

    /**
     * @param source the open project with its trained weights, or null when its graph cannot train
     * @param open   opens a project in the studio (asking about unsaved work first); false when the user declined
     */
    public FineTuneView(I18n i18n, Project source, Executor worker, Predicate<Project> open) {
        this.i18n = i18n;
        this.source = source;
        this.worker = worker;
        this.open = open;
        WorkflowLayout.column(this, "fine-tune");
        Label intro = WorkflowLayout.paragraph(i18n, "finetune.intro", "workflow-intro");
        dataset.setId("finetune-dataset");
        dataset.getItems().setAll(DataSources.builtIns().stream().map(DataSources.BuiltIn::name).toList());
        String current = source == null || source.data() == null ? null : source.data().spec();
        dataset.setValue(current != null && dataset.getItems().contains(current) ? current
                : dataset.getItems().get(0));
        freezeBody.setId("finetune-freeze");
        freezeBody.setText(i18n.text("finetune.freezeBody"));
        freezeBody.setSelected(true);
        learningRate.setId("finetune-lr");
        GridPane form = WorkflowLayout.form(i18n, "finetune.dataset", dataset, null, freezeBody, "finetune.lr",
                learningRate);
        prepare.setText(i18n.text("finetune.prepare"));
        prepare.setId("finetune-prepare");
        prepare.setDefaultButton(true);
        prepare.setOnAction(e -> prepare());
        message.setId("finetune-message");
        message.setWrapText(true);
        message.getStyleClass().add("workflow-message");
        if (source == null) {
            prepare.setDisable(true);
            message.setText(i18n.text("precision.noNetwork"));
        }
        getChildren().setAll(intro, form, prepare, message);
    }

    public void prepare() {
        String name = dataset.getValue();
        boolean freeze = freezeBody.isSelected();
        float lr = learningRate.getValue().floatValue();
        prepare.setDisable(true);
        message.setText(i18n.text("finetune.loading", name));
        CompletableFuture.supplyAsync(() -> {
            DataRef ref = DataRef.builtIn(name);
            Dataset data;
            List<String> classNames;
            try {
                var loaded = ref.load(source.settings().seed()).data();
                data = loaded.dataset();
                classNames = loaded.classNames();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (!data.isClassification()) {
                throw new IllegalArgumentException(i18n.text("finetune.notClasses", name));
            }
            var input = source.network().input().shape();
            if (!input.equals(data.featureShape())) {
                throw new IllegalArgumentException(i18n.text("finetune.shape", name, data.featureShape(), input));
            }
            FineTune.Prepared surgery = FineTune.prepare(Project.copyOf(source.network()),
                    new FineTune.Plan(List.of(), freeze, new FineTune.Replace(data.classes()),
                            source.settings().seed()));
            Project p = FineTune.project(source, surgery, source.name() + "-fine-tuned", ref,
                    source.settings().withLearningRate(lr), classNames);
            return new Prepared(p, surgery, data.classes());
        }, worker).whenComplete((r, failure) -> Platform.runLater(() -> {
            prepare.setDisable(false);
            if (failure != null) {
                Throwable t = failure.getCause() != null ? failure.getCause() : failure;
                message.setText(t.getMessage() == null ? t.toString() : t.getMessage());
                return;
            }
            if (!open.test(r.project())) {
                message.setText(i18n.text("finetune.declined"));
                return;
            }
            opened = r.project();
            message.setText(i18n.text("finetune.ready", r.surgery().frozen().size(), r.surgery().head(),
                    r.classes()));
        }));
    }

    /** The project this view opened last, or null. */
    public Project opened() {
        return opened;
    }
}
