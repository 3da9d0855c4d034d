// The Generate side of the Transformer tab: a prompt, the temperature and top-k, and text written one token at a time
// on a copy of the network, off the FX thread. The prompt shows in normal weight and each written character
// highlighted; the bars show the candidates of the last token, or of any written character clicked.
package org.stepwise.app.studio.transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.evaluation.ModelSource;
import org.stepwise.app.studio.inference.ProbabilityBars;
import org.stepwise.core.gpt.Generation;

final class GenerationView extends BorderPane {
    static final int WRITE_COUNT = 50;

    private final ModelSource source;
    private final I18n i18n;
    private final TextField prompt = new TextField();
    private final Slider temperature = new Slider(0, 2, 0.8);
    private final Label temperatureValue = new Label();
    private final Spinner<Integer> topK = new Spinner<>(0, 10_000, 10);
    private final Button next = new Button();
    private final Button write = new Button();
    private final Button reset = new Button();
    private final Label message = new Label();
    private final TextFlow text = new TextFlow();
    private final List<Text> written = new ArrayList<>();
    private final Label chosen = new Label();
    private final ProbabilityBars bars = new ProbabilityBars();
    private final FlowPane controls;
    private GenerationModel model;
    private boolean stale = true;
    private boolean preparing;
    /** Raised to stop a running Write; each run gets a fresh one. */
    private volatile boolean[] cancelled = {false};
    private boolean busy;
    private List<Generation.Candidate> shownCandidates = List.of();

    GenerationView(ModelSource source, I18n i18n) {
        this.source = source;
        this.i18n = i18n;
        getStyleClass().add("transformer-generate");
        setId("transformer-generate");

        prompt.setId("generate-prompt");
        prompt.setPrefColumnCount(18);
        prompt.textProperty().addListener((o, was, is) -> checkPrompt());
        Label promptLabel = new Label(i18n.text("transformer.prompt"));
        promptLabel.setLabelFor(prompt);
        temperature.setId("generate-temperature");
        temperature.setPrefWidth(150);
        temperature.setMajorTickUnit(0.5);
        temperature.setShowTickMarks(true);
        temperatureValue.setMinWidth(Region.USE_PREF_SIZE);
        temperature.valueProperty().addListener((o, was, is) -> showTemperature());
        showTemperature();
        Label temperatureLabel = new Label(i18n.text("transformer.temperature"));
        temperatureLabel.setLabelFor(temperature);
        topK.setId("generate-topk");
        topK.setEditable(true);
        // Digits only, so typing can never make the spinner throw; an empty field means 0, keep all.
        topK.getEditor().setTextFormatter(new javafx.scene.control.TextFormatter<>(
                change -> change.getControlNewText().matches("\\d{0,5}") ? change : null));
        topK.setPrefWidth(90);
        Label topKLabel = new Label(i18n.text("transformer.topK"));
        topKLabel.setLabelFor(topK);
        next.setText(i18n.text("transformer.next"));
        next.setId("generate-next");
        next.setDefaultButton(false);
        next.setOnAction(e -> write(1));
        write.setText(i18n.text("transformer.write", WRITE_COUNT));
        write.setId("generate-write");
        write.setOnAction(e -> write(WRITE_COUNT));
        reset.setText(i18n.text("transformer.reset"));
        reset.setId("generate-reset");
        reset.setOnAction(e -> reset());
        controls = new FlowPane(16, 8, group(promptLabel, prompt), group(temperatureLabel, temperature,
                temperatureValue), group(topKLabel, topK), group(next, write, reset));
        controls.getStyleClass().add("transformer-bar");
        message.setId("generate-message");
        message.getStyleClass().add("transformer-message");
        message.setWrapText(true);
        Label hint = new Label(i18n.text("transformer.topK.hint"));
        hint.getStyleClass().add("transformer-note");
        hint.setWrapText(true);
        setTop(new VBox(6, controls, hint, message));

        text.setId("generate-text");
        text.getStyleClass().add("transformer-written");
        ScrollPane textScroll = new ScrollPane(text);
        textScroll.setFitToWidth(true);
        textScroll.getStyleClass().add("transformer-text-scroll");
        HBox.setHgrow(textScroll, Priority.ALWAYS);
        bars.setId("generate-candidates");
        chosen.setId("generate-chosen");
        chosen.getStyleClass().add("transformer-title");
        chosen.setWrapText(true);
        VBox candidates = new VBox(8, chosen, bars);
        candidates.setMinWidth(Region.USE_PREF_SIZE);
        HBox body = new HBox(24, textScroll, candidates);
        setCenter(body);
        BorderPane.setMargin(body, new javafx.geometry.Insets(10, 0, 0, 0));
        controls.setDisable(true);
    }

    // ---- Commands ---------------------------------------------------------------------------------------------

    /** Takes a copy of the network and the data's tokenizer if the view has none or the network changed since. */
    void activate() {
        if (!stale || preparing) {
            return;
        }
        preparing = true;
        message.setText(i18n.text("transformer.loading"));
        source.prepare().whenComplete((p, failure) -> Platform.runLater(() -> {
            preparing = false;
            if (failure != null) {
                model = null;
                message.setText(ModelSource.reason(failure, i18n));
                return;
            }
            if (p.classNames() == null) {
                model = null;
                message.setText(i18n.text("transformer.noText"));
                return;
            }
            try {
                model = new GenerationModel(p.network(), Generation.tokenizerOf(p.dataSpec(), p.classNames()));
            } catch (IllegalArgumentException e) {
                model = null;
                message.setText(i18n.text("transformer.cannot", e.getMessage()));
                return;
            }
            stale = false;
            controls.setDisable(false);
            String start = prompt.getText().isEmpty() || !model.unknown(prompt.getText()).isEmpty()
                    ? model.defaultPrompt() : prompt.getText();
            prompt.setText(start);
            reset();
        }));
    }

    /** The network, the settings or the data changed: the next activation takes a fresh copy. */
    void invalidate() {
        stale = true;
        cancelled[0] = true;
    }

    /** New weights from training: the next token uses them. */
    void follow(StepSnapshot snapshot) {
        if (model != null) {
            model.follow(snapshot);
        }
    }

    /** Forgets what was written and starts from the prompt again, with the sampler's seed. */
    void reset() {
        cancelled[0] = true;
        if (model == null) {
            return;
        }
        model.start(prompt.getText());
        written.clear();
        shownCandidates = List.of();
        bars.getChildren().clear();
        chosen.setText("");
        showText();
        checkPrompt();
    }

    /** Writes {@code count} tokens, one after another on the worker, each shown as it comes. */
    void write(int count) {
        if (model == null || busy || !checkPrompt()) {
            return;
        }
        if (!prompt.getText().equals(model.prompt())) {
            reset();
        }
        GenerationModel m = model;
        double t = temperature.getValue();
        int k = topK.getValue() == null ? 0 : topK.getValue();
        int run = m.run();
        boolean[] stop = {false};
        cancelled = stop;
        setBusy(true);
        CompletableFuture.runAsync(() -> {
            for (int i = 0; i < count && !stop[0]; i++) {
                Generation.Step step = m.next(t, k, run);
                if (step == null) {
                    return;
                }
                Platform.runLater(() -> {
                    if (!stop[0] && m == model) {
                        append(step);
                    }
                });
            }
        }, source.worker()).whenComplete((done, failure) -> Platform.runLater(() -> {
            setBusy(false);
            if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                message.setText(i18n.text("transformer.cannot", cause.getMessage()));
            }
        }));
    }

    // ---- reading, for tests and screenshots -------------------------------------------------------------------

    /** The text shown: the prompt, then every character written. */
    String shownText() {
        StringBuilder s = new StringBuilder();
        text.getChildren().forEach(n -> s.append(((Text) n).getText()));
        return s.toString();
    }

    /** What was written after the prompt, as the model holds it. */
    List<Generation.Step> steps() {
        return model == null ? List.of() : model.steps();
    }

    /** The candidates the bars show now. */
    List<Generation.Candidate> shownCandidates() {
        return shownCandidates;
    }

    String message() {
        return message.getText();
    }

    boolean busy() {
        return busy;
    }

    boolean ready() {
        return model != null && !preparing;
    }

    // ---- showing ----------------------------------------------------------------------------------------------

    private void append(Generation.Step step) {
        Text c = new Text(step.text());
        c.getStyleClass().add("transformer-generated");
        int index = written.size();
        c.setOnMouseClicked(e -> showCandidates(index));
        written.add(c);
        text.getChildren().add(c);
        showCandidates(index);
    }

    private void showText() {
        Text start = new Text(prompt.getText());
        start.getStyleClass().add("transformer-prompt");
        text.getChildren().setAll(start);
        text.getChildren().addAll(written);
    }

    /** The candidates the written character at {@code index} was drawn from, the character itself marked. */
    private void showCandidates(int index) {
        List<Generation.Step> steps = model.steps();
        if (index >= steps.size()) {
            return;
        }
        written.forEach(t -> t.getStyleClass().remove("transformer-picked"));
        written.get(index).getStyleClass().add("transformer-picked");
        Generation.Step step = steps.get(index);
        shownCandidates = step.candidates();
        float[] p = new float[shownCandidates.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) shownCandidates.get(i).probability();
        }
        bars.show(p, i -> "'" + TransformerSnapshot.visible(shownCandidates.get(i).text()) + "'");
        double chance = shownCandidates.stream().filter(c -> c.token() == step.token())
                .mapToDouble(Generation.Candidate::probability).findFirst().orElse(Double.NaN);
        chosen.setText(i18n.text("transformer.chosen", index + 1, TransformerSnapshot.visible(step.text()),
                Double.isNaN(chance) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * chance)));
    }

    /** True when the prompt can be used; else the message names the characters the vocabulary lacks. */
    private boolean checkPrompt() {
        if (model == null) {
            return false;
        }
        String p = prompt.getText();
        String unknown = p.isEmpty() ? "" : model.unknown(p);
        if (p.isEmpty()) {
            message.setText(i18n.text("transformer.emptyPrompt"));
        } else if (!unknown.isEmpty()) {
            message.setText(i18n.text("transformer.unknown", quoted(unknown)));
        } else {
            message.setText("");
        }
        boolean ok = !p.isEmpty() && unknown.isEmpty();
        next.setDisable(!ok || busy);
        write.setDisable(!ok || busy);
        return ok;
    }

    /** Each character in the language's quotation marks: 'é' '$', or “é” “$”. */
    private String quoted(String characters) {
        String open = i18n.isChinese() ? "“" : "'";
        String close = i18n.isChinese() ? "”" : "'";
        return String.join(" ", characters.codePoints()
                .mapToObj(c -> open + TransformerSnapshot.visible(Character.toString(c)) + close).toList());
    }

    private void setBusy(boolean on) {
        busy = on;
        checkPrompt();
    }

    private void showTemperature() {
        temperatureValue.setText(String.format(Locale.ROOT, "%.2f", temperature.getValue()));
    }

    private static HBox group(javafx.scene.Node... nodes) {
        HBox box = new HBox(8, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
