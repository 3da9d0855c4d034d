// The Transformer tab under the canvas: Attention (every head's pattern, the residual stream) and Generate (text
// written token by token). It is made when first selected and enabled only while the network has attention.
package org.stepwise.app.studio.transformer;

import java.lang.ref.WeakReference;
import java.util.function.Consumer;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;
import org.stepwise.app.studio.evaluation.ModelSource;
import org.stepwise.core.layers.CausalSelfAttention;

public final class TransformerTab {
    private final Workspace workspace;
    private final I18n i18n;
    private final TrainingController training;
    private final Tab tab;
    private AttentionView attention;
    private GenerationView generation;

    private TransformerTab(Workspace workspace, I18n i18n, TrainingController training) {
        this.workspace = workspace;
        this.i18n = i18n;
        this.training = training;
        tab = new Tab(i18n.text("transformer.tab"));
        tab.setId("tab-transformer");
        tab.setClosable(false);
        tab.setTooltip(new Tooltip(i18n.text("transformer.tab.tooltip")));
        tab.selectedProperty().addListener((o, was, is) -> {
            if (is && tab.getContent() == null) {
                tab.setContent(content());
            }
            if (attention != null) {
                attention.watching(is);
            }
        });
        // The window rebuilds its views on a language switch and listeners cannot be removed: hold the tab weakly.
        WeakReference<TransformerTab> self = new WeakReference<>(this);
        Runnable follow = () -> ifAlive(self, TransformerTab::documentChanged);
        workspace.addDocumentListener(follow);
        workspace.addReplacedListener(follow);
        training.addSnapshotListener(s -> ifAlive(self, t -> {
            if (t.attention != null && t.tab.isSelected()) {
                t.attention.follow(s);
            }
            if (t.generation != null) {
                t.generation.follow(s);
            }
        }));
        documentChanged();
    }

    /** The tab, to add to the inspection pane. */
    public static Tab create(Workspace workspace, I18n i18n, TrainingController training) {
        return new TransformerTab(workspace, i18n, training).tab;
    }

    /** True when the document's network has an attention node. */
    static boolean hasAttention(Workspace workspace) {
        return workspace.document().graph().toGraphDef().nodes().stream()
                .anyMatch(n -> n.spec() instanceof CausalSelfAttention.Spec);
    }

    private void documentChanged() {
        boolean on = hasAttention(workspace);
        tab.setDisable(!on);
        if (!on && tab.isSelected() && tab.getTabPane() != null) {
            tab.getTabPane().getSelectionModel().select(0);
        }
        if (generation != null) {
            generation.invalidate();
        }
    }

    private TabPane content() {
        attention = new AttentionView(i18n, training::watchAttention);
        attention.follow(training.snapshot());
        Tab attentionTab = new Tab(i18n.text("transformer.attention"), attention);
        attentionTab.setId("tab-transformer-attention");
        Tab generateTab = new Tab(i18n.text("transformer.generate"));
        generateTab.setId("tab-transformer-generate");
        generateTab.selectedProperty().addListener((o, was, is) -> {
            if (is && generation == null) {
                generation = new GenerationView(new ModelSource(training), i18n);
                generateTab.setContent(generation);
            }
            if (is) {
                generation.activate();
            }
        });
        TabPane inner = new TabPane(attentionTab, generateTab);
        inner.setId("transformer-tabs");
        inner.getStyleClass().add("transformer");
        inner.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        inner.getStylesheets().addAll(
                TransformerTab.class.getResource("transformer.css").toExternalForm(),
                ModelSource.class.getResource("evaluation.css").toExternalForm());
        return inner;
    }

    private static void ifAlive(WeakReference<TransformerTab> ref, Consumer<TransformerTab> action) {
        TransformerTab t = ref.get();
        if (t != null) {
            action.accept(t);
        }
    }
}
