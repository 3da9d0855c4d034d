// The Inference tab: one input at a time through a copy of the current weights. Image data gets a drawing pad of
// the dataset's size (draw, erase, clear, invert, or load a picture converted as the dataset's images were); 2-D data
// gets two number fields. Class probabilities update at most once a frame as the input changes, and the weights
// follow training through its snapshots. "Step through this input" shows every node's output for it.
package org.stepwise.app.studio.inference;

import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.StepSnapshot;
import org.stepwise.app.studio.evaluation.ModelSource;
import org.stepwise.core.data.ImageFolderImport;
import org.stepwise.core.graph.Network;
import org.stepwise.core.tensor.Shape;

public final class InferenceView extends BorderPane {
    private static final double PAD_CELL = 10;

    private final ModelSource source;
    private final I18n i18n;
    private final VBox input = new VBox(8);
    private final ProbabilityBars bars = new ProbabilityBars();
    private final ForwardTrace trace;
    private final Label message = new Label();
    private final Label prediction = new Label();
    private final Button stepThrough = new Button();
    private ModelSource.Prepared prepared;
    private boolean preparing;
    private boolean stale = true;
    private Supplier<float[]> features = () -> null;
    private DrawingPad pad;
    private float[] pending;
    private float[] shownProbabilities;
    private boolean dirty;

    /** @param requestSnapshot asks training for fresh weights; called once a frame while this view shows */
    public InferenceView(ModelSource source, I18n i18n, Runnable requestSnapshot) {
        this.source = source;
        this.i18n = i18n;
        this.trace = new ForwardTrace(i18n);
        getStyleClass().add("inference");
        getStylesheets().add(ModelSource.class.getResource("evaluation.css").toExternalForm());
        message.setId("inference-message");
        message.getStyleClass().add("evaluation-note");
        message.setWrapText(true);
        message.setMaxWidth(320);
        prediction.setId("inference-prediction");
        prediction.getStyleClass().add("evaluation-metric");
        input.getChildren().add(message);
        stepThrough.setText(i18n.text("inference.stepThrough"));
        stepThrough.setId("step-through");
        stepThrough.setOnAction(e -> stepThrough());
        stepThrough.setDisable(true);
        Label barsTitle = title("inference.probabilities");
        stepThrough.setMinWidth(Region.USE_PREF_SIZE);
        // The trace grows under the bars, so the pad and the probabilities stay in view as it lengthens.
        VBox middle = new VBox(8, barsTitle, prediction, bars, stepThrough, title("inference.trace"), trace);
        middle.setMinWidth(Region.USE_PREF_SIZE);
        HBox content = new HBox(28, input, middle);
        content.getStyleClass().add("inference-content");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        AnimationTimer frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (prepared != null && isVisible()) {
                    requestSnapshot.run();
                }
                if (dirty) {
                    dirty = false;
                    predict();
                }
            }
        };
        // Runs only while in a window, so a view dropped by a language switch costs nothing.
        sceneProperty().addListener((o, was, is) -> {
            if (is != null) {
                frames.start();
            } else {
                frames.stop();
            }
        });
    }

    // ---- Commands ---------------------------------------------------------------------------------------------

    /** Takes a copy of the current weights if the view has none or the network changed since. */
    public void activate() {
        if (!stale || preparing) {
            return;
        }
        preparing = true;
        message.setText(i18n.text("inference.loading"));
        source.prepare().whenComplete((p, failure) -> Platform.runLater(() -> {
            preparing = false;
            if (failure != null) {
                prepared = null;
                message.setText(ModelSource.reason(failure, i18n));
                return;
            }
            stale = false;
            prepared = p;
            build();
        }));
    }

    /** The network, the settings or the data changed: the next activation takes a fresh copy. */
    public void invalidate() {
        stale = true;
    }

    /** Shows raw feature values (as in the data file) as the input, e.g. an example chosen in the evaluation. */
    public void open(float[] raw) {
        if (prepared == null) {
            pending = raw.clone();
            return;
        }
        if (pad != null) {
            pad.setPixels(raw);
        } else if (fields != null) {
            fields[0].setText(Float.toString(raw[0]));
            fields[1].setText(Float.toString(raw[1]));
        } else {
            float[] copy = raw.clone();
            features = () -> copy;
            dirty = true;
        }
    }

    /** Training published new weights: copy them into this view's network, which only this view uses. */
    public void follow(StepSnapshot snapshot) {
        if (snapshot != null && prepared != null && snapshot.copyParametersInto(prepared.network())) {
            dirty = true;
        }
    }

    /** Reads a PNG or JPEG off the FX thread, converted to grey and resized as the dataset's images are. */
    public void loadImage(Path file) {
        Shape shape = prepared.network().input().shape();
        ImageFolderImport.Options options = ImageFolderImport.Options.of(shape.dim(2), shape.dim(1), 1);
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return ImageFolderImport.readImage(file, options);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, source.worker()).whenComplete((pixels, failure) -> Platform.runLater(() -> {
            if (failure != null) {
                Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                t = t instanceof java.io.UncheckedIOException && t.getCause() != null ? t.getCause() : t;
                message.setText(i18n.text("inference.badImage", file.getFileName(), t.getMessage()));
                return;
            }
            message.setText(i18n.text("inference.loaded", file.getFileName()));
            pad.setPixels(pixels);
        }));
    }

    // ---- reading, for tests and screenshots ---------------------------------------------------------------------

    public DrawingPad pad() {
        return pad;
    }

    /** The probabilities the bars show now, or null. */
    public float[] shownProbabilities() {
        return shownProbabilities == null ? null : shownProbabilities.clone();
    }

    public ForwardTrace trace() {
        return trace;
    }

    // ---- building ---------------------------------------------------------------------------------------------

    private TextField[] fields;

    private void build() {
        Shape shape = prepared.network().input().shape();
        input.getChildren().clear();
        pad = null;
        fields = null;
        message.setText("");
        if (GreyImage.isGreyImage(shape)) {
            // About 280 px across at 100 %, larger with the UI scale.
            double across = 280.0 * org.stepwise.app.studio.Themes.fontSize() / org.stepwise.app.studio.Themes.BASE_FONT_SIZE;
            pad = new DrawingPad(shape.dim(2), shape.dim(1), Math.max(4, Math.floor(across / shape.dim(2))));
            pad.setAccessibleText(i18n.text("inference.pad.accessible", shape.dim(2), shape.dim(1)));
            pad.setOnChange(() -> dirty = true);
            DrawingPad drawn = pad;
            features = drawn::pixels;
            Button clear = new Button(i18n.text("inference.clear"));
            clear.setId("pad-clear");
            clear.setOnAction(e -> drawn.clear());
            Button invert = new Button(i18n.text("inference.invert"));
            invert.setId("pad-invert");
            invert.setOnAction(e -> drawn.invert());
            ToggleButton eraser = new ToggleButton(i18n.text("inference.eraser"));
            eraser.setId("pad-eraser");
            eraser.selectedProperty().addListener((o, was, is) -> drawn.setEraser(is));
            Button load = new Button(i18n.text("inference.load"));
            load.setId("pad-load");
            load.setOnAction(e -> chooseImage());
            FlowPane tools = new FlowPane(6, 6, clear, invert, eraser, load);
            tools.setPrefWrapLength(pad.getWidth());
            tools.getChildren().forEach(b -> ((Region) b).setMinWidth(Region.USE_PREF_SIZE));
            Label hint = new Label(i18n.text("inference.drawHint"));
            hint.getStyleClass().add("evaluation-note");
            hint.setWrapText(true);
            hint.setMaxWidth(pad.getWidth());
            VBox frame = new VBox(pad);
            frame.getStyleClass().add("pad-frame");
            frame.setMaxWidth(Region.USE_PREF_SIZE);
            input.getChildren().addAll(title("inference.draw"), frame, tools, hint, message);
        } else if (shape.size() == 2) {
            fields = new TextField[] {new TextField("0"), new TextField("0")};
            HBox row = new HBox(8);
            row.setAlignment(Pos.CENTER_LEFT);
            for (int i = 0; i < 2; i++) {
                fields[i].setId("input-x" + (i + 1));
                fields[i].setPrefColumnCount(7);
                fields[i].textProperty().addListener((o, was, is) -> dirty = true);
                row.getChildren().addAll(new Label("x" + (char) ('₁' + i)), fields[i]);
            }
            features = this::typedPoint;
            Label note = new Label(i18n.text("inference.pointNote"));
            note.getStyleClass().add("evaluation-note");
            note.setWrapText(true);
            note.setMaxWidth(320);
            input.getChildren().addAll(title("inference.point"), row, note, message);
        } else {
            features = () -> null;
            message.setText(i18n.text("inference.otherShape", shape.toString()));
            input.getChildren().addAll(title("inference.input"), message);
        }
        if (pending != null) {
            float[] raw = pending;
            pending = null;
            open(raw);
        }
        dirty = true;
    }

    private float[] typedPoint() {
        try {
            float[] x = {Float.parseFloat(fields[0].getText().strip().replace('−', '-')),
                    Float.parseFloat(fields[1].getText().strip().replace('−', '-'))};
            return x;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void chooseImage() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(i18n.text("inference.load"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(i18n.text("inference.images"),
                "*.png", "*.jpg", "*.jpeg", "*.PNG", "*.JPG", "*.JPEG"));
        java.io.File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            loadImage(file.toPath());
        }
    }

    // ---- predicting -------------------------------------------------------------------------------------------

    /** The input as the network takes it: the raw features with the project's normalization applied; or null. */
    private float[] networkInput() {
        float[] raw = features.get();
        if (raw == null || prepared == null) {
            return null;
        }
        float[] x = raw.clone();
        if (prepared.normalization() != null) {
            prepared.normalization().applyInPlace(x, 1);
        }
        return x;
    }

    /** Told of every prediction shown: the raw input as given and the network's output. */
    private java.util.function.BiConsumer<float[], float[]> onPredicted;

    public void setOnPredicted(java.util.function.BiConsumer<float[], float[]> listener) {
        onPredicted = listener;
    }

    private void predict() {
        float[] x = networkInput();
        stepThrough.setDisable(x == null);
        if (x == null) {
            if (fields != null) {
                message.setText(i18n.text("inference.notNumbers"));
            }
            return;
        }
        Network net = prepared.network();
        int width = net.output().size();
        float[] out = java.util.Arrays.copyOf(net.predict(x, 1), width);
        if (onPredicted != null) {
            onPredicted.accept(features.get(), out);
        }
        if (prepared.classifies()) {
            shownProbabilities = Probabilities.of(out, 0, width);
            bars.show(shownProbabilities, c -> i18n.classLabel(prepared.className(c)));
            int best = Probabilities.best(shownProbabilities);
            prediction.setText(i18n.text("inference.prediction", i18n.classLabel(prepared.className(best)),
                    ProbabilityBars.percent(shownProbabilities[best])));
        } else {
            shownProbabilities = null;
            bars.showValues(out, java.util.stream.IntStream.range(0, width).mapToObj(i -> "ŷ" + (i + 1)).toList());
            prediction.setText("");
        }
        if (fields != null) {
            message.setText("");
        }
    }

    private void stepThrough() {
        float[] x = networkInput();
        if (x != null) {
            trace.start(ForwardTrace.run(prepared.network(), x));
        }
    }

    private Label title(String key) {
        Label l = new Label(i18n.text(key));
        l.getStyleClass().add("evaluation-title");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
