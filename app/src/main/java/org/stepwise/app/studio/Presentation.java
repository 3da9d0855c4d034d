// Presentation mode (F5, Esc to leave): the studio full screen for a classroom. Type is larger and lines thicker;
// the teacher keeps only the panels the demo needs; Right, Page Down and Space run the next phase and Left and Page
// Up go back, so a presenter's clicker drives the demo; the forward and backward pass can play in slow motion; a
// laser pointer and a pen mark the screen; and a lock keeps anyone from changing the network or its settings.
package org.stepwise.app.studio;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Tab;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.stepwise.app.studio.present.Annotations;

final class Presentation {
    /** The panels a teacher can keep beside the canvas; the canvas itself always stays. */
    static final List<String> PANELS = List.of("palette", "inspector", "values", "math", "charts", "evaluation",
            "inference", "transformer", "problems");
    /** What stays when presenting starts: the values and the math under the canvas. */
    static final Set<String> DEFAULT_PANELS = Set.of("values", "math");
    /** One phase of the slow-motion pass, long enough to say what it does. */
    static final Duration SLOW_PHASE = Duration.millis(900);

    private final MainWindow window;
    private final Annotations annotations = new Annotations();
    private final Set<String> shown = new LinkedHashSet<>(DEFAULT_PANELS);
    private final List<Tab> hiddenTabs = new ArrayList<>();
    private final EventHandler<KeyEvent> keys = this::key;
    private final EventHandler<MouseEvent> pointer = e -> annotations.pointerAt(e.getSceneX(), e.getSceneY());
    private final Timeline slowMotion = new Timeline(new KeyFrame(SLOW_PHASE, e -> slowPhase()));
    private StackPane stack;
    private HBox bar;
    private ToggleButton laserButton;
    private ToggleButton penButton;
    private ToggleButton lockButton;
    private ToggleButton slowButton;
    private boolean active;
    private boolean locked;
    private Node bottom;
    private long slowStartStep = -1;

    Presentation(MainWindow window) {
        this.window = window;
        slowMotion.setCycleCount(Timeline.INDEFINITE);
    }

    boolean active() {
        return active;
    }

    Annotations annotations() {
        return annotations;
    }

    boolean locked() {
        return locked;
    }

    Set<String> shownPanels() {
        return Set.copyOf(shown);
    }

    // ---- entering and leaving ----------------------------------------------------------------------------------

    void enter() {
        if (active) {
            return;
        }
        active = true;
        Parent root = window.scene().getRoot();
        bar = bar();
        stack = new StackPane(root, annotations, bar);
        stack.getStyleClass().add("presenting");
        StackPane.setAlignment(bar, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(bar, new Insets(0, 18, 18, 0));
        window.scene().setRoot(stack);
        window.scene().addEventFilter(KeyEvent.KEY_PRESSED, keys);
        window.scene().addEventFilter(MouseEvent.MOUSE_MOVED, pointer);
        window.scene().addEventFilter(MouseEvent.MOUSE_DRAGGED, pointer);
        window.chrome(false);
        applyPanels();
        var stage = window.stage();
        stage.setFullScreenExitHint("");
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreen(true);
        window.canvas().requestFocus();
        javafx.application.Platform.runLater(() -> window.canvas().fitToView());
    }

    void exit() {
        if (!active) {
            return;
        }
        active = false;
        slowMotion.stop();
        annotations.use(Annotations.Tool.NONE);
        annotations.clear();
        setLocked(false);
        shown.clear();
        shown.addAll(PANELS); // give every panel back
        applyPanels();
        shown.clear();
        shown.addAll(DEFAULT_PANELS);
        window.scene().removeEventFilter(KeyEvent.KEY_PRESSED, keys);
        window.scene().removeEventFilter(MouseEvent.MOUSE_MOVED, pointer);
        window.scene().removeEventFilter(MouseEvent.MOUSE_DRAGGED, pointer);
        Parent root = (Parent) stack.getChildren().get(0);
        stack.getChildren().clear();
        window.scene().setRoot(root);
        window.chrome(true);
        window.stage().setFullScreen(false);
        javafx.application.Platform.runLater(() -> window.canvas().fitToView());
    }

    // ---- the keys a clicker sends ------------------------------------------------------------------------------

    private void key(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        switch (e.getCode()) {
            case RIGHT, PAGE_DOWN, SPACE -> window.nextPhase();
            case LEFT, PAGE_UP -> window.previousPhase();
            case ESCAPE -> exit();
            case L -> toggleTool(Annotations.Tool.LASER);
            case P -> toggleTool(Annotations.Tool.PEN);
            case C -> annotations.clear();
            case M -> setSlowMotion(!slowMotion.getStatus().equals(javafx.animation.Animation.Status.RUNNING));
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void toggleTool(Annotations.Tool tool) {
        annotations.use(annotations.tool() == tool ? Annotations.Tool.NONE : tool);
        laserButton.setSelected(annotations.tool() == Annotations.Tool.LASER);
        penButton.setSelected(annotations.tool() == Annotations.Tool.PEN);
    }

    // ---- slow motion -------------------------------------------------------------------------------------------

    /** Plays the rest of the current step one phase at a time, {@link #SLOW_PHASE} apart, then stops. */
    void setSlowMotion(boolean on) {
        if (on) {
            StepSnapshot s = window.training().snapshot();
            slowStartStep = s == null ? 0 : s.step();
            slowMotion.playFromStart();
        } else {
            slowMotion.stop();
        }
        if (slowButton != null) {
            slowButton.setSelected(on);
        }
    }

    boolean slowMotionRunning() {
        return slowMotion.getStatus() == javafx.animation.Animation.Status.RUNNING;
    }

    private void slowPhase() {
        StepSnapshot s = window.training().snapshot();
        if (s != null && s.step() > slowStartStep && s.phaseIndex() == 0) {
            setSlowMotion(false); // the step is done: the update ran
            return;
        }
        window.nextPhase();
    }

    // ---- the lock ----------------------------------------------------------------------------------------------

    /** While locked, no edit is made (the workspace refuses them) and the inspector and palette are disabled. */
    void setLocked(boolean on) {
        locked = on;
        window.workspace().setLocks(on ? List.of("edits") : List.of());
        window.setEditingDisabled(on);
        if (lockButton != null) {
            lockButton.setSelected(on);
        }
    }

    // ---- panels ------------------------------------------------------------------------------------------------

    void show(String panel, boolean on) {
        if (on) {
            shown.add(panel);
        } else {
            shown.remove(panel);
        }
        applyPanels();
    }

    private void applyPanels() {
        window.showSidePanels(shown.contains("palette"), shown.contains("inspector"));
        var inspection = window.inspection();
        for (Tab t : List.copyOf(hiddenTabs)) {
            if (shown.contains(t.getId().substring(4))) {
                hiddenTabs.remove(t);
                MainWindow.putBack(inspection, t);
            }
        }
        for (Tab t : List.copyOf(inspection.getTabs())) {
            if (t.getId() != null && !shown.contains(t.getId().substring(4))) {
                inspection.getTabs().remove(t);
                hiddenTabs.add(t);
            }
        }
        window.showInspection(!inspection.getTabs().isEmpty());
        window.showBottom(shown.contains("problems"));
    }

    // ---- the bar -----------------------------------------------------------------------------------------------

    private HBox bar() {
        I18n i18n = window.i18n();
        Button back = button("mdi2c-chevron-left", "present.back", "present-back", window::previousPhase);
        Button next = button("mdi2c-chevron-right", "present.next", "present-next", window::nextPhase);
        slowButton = toggle("mdi2m-motion-play-outline", "present.slow", "present-slow",
                on -> setSlowMotion(on));
        laserButton = toggle("mdi2c-circle-medium", "present.laser", "present-laser",
                on -> toggleTool(Annotations.Tool.LASER));
        penButton = toggle("mdi2d-draw", "present.pen", "present-pen", on -> toggleTool(Annotations.Tool.PEN));
        Button clear = button("mdi2e-eraser", "present.clear", "present-clear", annotations::clear);
        lockButton = toggle("mdi2l-lock-outline", "present.lock", "present-lock", this::setLocked);
        MenuButton panels = new MenuButton(null, new FontIcon("mdi2v-view-dashboard-outline"));
        panels.setId("present-panels");
        panels.setTooltip(new Tooltip(i18n.text("present.panels")));
        for (String p : PANELS) {
            CheckMenuItem item = new CheckMenuItem(i18n.text("present.panel." + p));
            item.setId("present-panel-" + p);
            item.setSelected(shown.contains(p));
            item.selectedProperty().addListener((o, was, is) -> show(p, is));
            panels.getItems().add(item);
        }
        Button leave = button("mdi2f-fullscreen-exit", "present.exit", "present-exit", this::exit);
        HBox box = new HBox(6, back, next, slowButton, laserButton, penButton, clear, lockButton, panels, leave);
        box.setId("present-bar");
        box.getStyleClass().add("present-bar");
        box.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }

    private Button button(String icon, String key, String id, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(window.i18n().text(key)));
        b.setAccessibleText(window.i18n().text(key));
        b.setFocusTraversable(false); // the clicker's keys must reach the presentation, not press a focused button
        b.setOnAction(e -> action.run());
        return b;
    }

    private ToggleButton toggle(String icon, String key, String id, java.util.function.Consumer<Boolean> action) {
        ToggleButton b = new ToggleButton(null, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(window.i18n().text(key)));
        b.setAccessibleText(window.i18n().text(key));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.accept(b.isSelected()));
        return b;
    }
}
