// The Workflows menu: each training workflow in miniature opens in a window of its own over the studio, working on
// the open project. Windows are kept per studio window, so choosing an item again brings its window forward.
package org.stepwise.app.studio.workflows;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.TrainingController;
import org.stepwise.app.studio.Workspace;

public final class WorkflowsMenu {
    /** The thread the workflows' simulations run on, one after another; never the FX thread. */
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stepwise-workflows");
        t.setDaemon(true);
        return t;
    });

    private final Stage owner;
    private final Workspace workspace;
    private final TrainingController training;
    private final I18n i18n;
    private final Map<String, Stage> open = new HashMap<>();
    private final java.util.function.Predicate<org.stepwise.core.project.Project> openProject;

    /** @param openProject opens a project in the studio, asking about unsaved work first; false when declined */
    public WorkflowsMenu(Stage owner, Workspace workspace, TrainingController training, I18n i18n,
                         java.util.function.Predicate<org.stepwise.core.project.Project> openProject) {
        this.openProject = openProject;
        this.owner = owner;
        this.workspace = workspace;
        this.training = training;
        this.i18n = i18n;
    }

    public Menu menu() {
        Menu menu = new Menu(i18n.text("menu.workflows"));
        menu.getItems().addAll(
                item("menu.workflows.finetune", "menu-finetune", this::fineTune),
                item("menu.workflows.recipe", "menu-recipe", this::recipe),
                item("menu.workflows.continual", "menu-continual", this::continual),
                new javafx.scene.control.SeparatorMenuItem(),
                item("menu.workflows.precision", "menu-precision", this::mixedPrecision),
                item("menu.workflows.zero", "menu-zero", this::zeroCalculator),
                item("menu.workflows.parallel", "menu-parallel", this::parallelism));
        return menu;
    }

    private MenuItem item(String key, String id, Runnable action) {
        MenuItem item = new MenuItem(i18n.text(key));
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    public FineTuneView fineTune() {
        org.stepwise.core.project.Project p = training.snapshotProject();
        return show("menu.workflows.finetune", () -> new FineTuneView(i18n, p, WORKER, openProject), 620, 420);
    }

    public RecipeView recipe() {
        return show("menu.workflows.recipe", () -> {
            RecipeView v = new RecipeView(i18n, WORKER);
            v.setOnCompared(training.signals()::recipeCompared);
            return v;
        }, 780, 820);
    }

    public ContinualView continual() {
        return show("menu.workflows.continual", () -> {
            ContinualView v = new ContinualView(i18n, WORKER);
            v.setOnTrained(training.signals()::continualTrained);
            return v;
        }, 780, 820);
    }

    public MixedPrecisionView mixedPrecision() {
        org.stepwise.core.project.Project p = training.snapshotProject();
        return show("menu.workflows.precision", () -> {
            MixedPrecisionView v = new MixedPrecisionView(i18n, p, WORKER);
            v.setOnCompared(() -> training.signals().record("precision_compared"));
            return v;
        }, 780, 820);
    }

    public ZeroCalculatorView zeroCalculator() {
        return show("menu.workflows.zero", () -> {
            ZeroCalculatorView v = new ZeroCalculatorView(i18n, workspace.graph().analysis().totalParameters());
            v.setOnCalculated(training.signals()::zeroCalculated);
            return v;
        }, 720, 560);
    }

    public ParallelismView parallelism() {
        var d = workspace.document();
        return show("menu.workflows.parallel", () -> {
            ParallelismView v = new ParallelismView(i18n, training, d.graph().toGraphDef(), d.settings().seed(),
                    d.settings().batchSize(), WORKER);
            v.setOnSimulated(() -> training.signals().record("parallel_simulated"));
            return v;
        }, 760, 680);
    }

    /** Opens the view in its window, or brings forward the one already open (rebuilt, so it shows this project). */
    private <T extends Parent> T show(String titleKey, Supplier<T> view, double width, double height) {
        Stage stage = open.computeIfAbsent(titleKey, k -> {
            Stage s = new Stage();
            s.initOwner(owner);
            s.setTitle(i18n.text(titleKey));
            s.setOnHidden(e -> open.remove(titleKey));
            return s;
        });
        T content = view.get();
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        Scene scene = new Scene(scroll, width, height);
        scene.getStylesheets().add(WorkflowsMenu.class.getResource("workflows.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        stage.toFront();
        return content;
    }

    /** Closes every workflow window, when the studio window is rebuilt or closed. */
    public void closeAll() {
        new java.util.ArrayList<>(open.values()).forEach(Stage::close);
    }
}
