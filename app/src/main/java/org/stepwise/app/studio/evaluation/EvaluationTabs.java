// The Evaluation and Inference tabs under the canvas, each made when first selected, and the link between them: an
// example chosen in the evaluation opens in the inference tab. Each tab works on its own copy of the weights.
package org.stepwise.app.studio.evaluation;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;
import org.stepwise.app.studio.inference.InferenceView;

public final class EvaluationTabs {
    private final Tab evaluationTab;
    private final Tab inferenceTab;
    private EvaluationView evaluation;
    private InferenceView inference;

    private EvaluationTabs(Workspace workspace, I18n i18n, TrainingController training) {
        ModelSource source = new ModelSource(training);
        evaluationTab = lazyTab("tab-evaluation", i18n.text("inspection.evaluation"), () -> {
            evaluation = new EvaluationView(source, i18n);
            evaluation.setOnOpen(this::openInInference);
            evaluation.setOnProfiled(training.signals()::profiled);
            return evaluation;
        }, null);
        inferenceTab = lazyTab("tab-inference", i18n.text("inspection.inference"), () -> {
            inference = new InferenceView(source, i18n, training::requestSnapshot);
            inference.setOnPredicted(training.signals()::predicted);
            // The window rebuilds its views on a language switch and listeners cannot be removed: hold the view weakly.
            WeakReference<InferenceView> view = new WeakReference<>(inference);
            training.addSnapshotListener(s -> ifAlive(view, v -> v.follow(s)));
            workspace.addDocumentListener(() -> ifAlive(view, InferenceView::invalidate));
            workspace.addReplacedListener(() -> ifAlive(view, InferenceView::invalidate));
            return inference;
        }, () -> inference.activate());
    }

    private void openInInference(EvaluationView.Example example) {
        inferenceTab.getTabPane().getSelectionModel().select(inferenceTab);
        inference.open(example.raw());
    }

    /** The two tabs, to add to the inspection pane. */
    public static List<Tab> create(Workspace workspace, I18n i18n, TrainingController training) {
        EvaluationTabs tabs = new EvaluationTabs(workspace, i18n, training);
        return List.of(tabs.evaluationTab, tabs.inferenceTab);
    }

    private static void ifAlive(WeakReference<InferenceView> view, java.util.function.Consumer<InferenceView> action) {
        InferenceView v = view.get();
        if (v != null) {
            action.accept(v);
        }
    }

    private static Tab lazyTab(String id, String title, Supplier<Node> make, Runnable onShow) {
        Tab tab = new Tab(title);
        tab.setId(id);
        tab.setClosable(false);
        tab.selectedProperty().addListener((o, was, is) -> {
            if (is && tab.getContent() == null) {
                tab.setContent(make.get());
            }
            if (is && onShow != null) {
                onShow.run();
            }
        });
        return tab;
    }
}
