// The .stepwise project file: a ZIP of JSON and safetensors entries, written atomically and read as untrusted input.
//
// Entries (format version 2):
//   manifest.json          {"format": "stepwise-project", "version": 2, "app": "<Stepwise version>"}
//   graph.json             the network description, as ModelWriter writes it
//   project.json           name, data reference, training settings, normalization, names, training position
//   weights.safetensors    parameters ("<node>.<param>") and node state ("<node>.running_mean", …)
//   optimizer.safetensors  the optimizer's buffers ("<node>.<param>.<slot>"), once training has started
//   history.json           measured epochs
//   layout.json            editor node positions
//   data/<file>            a small data file copied in, so the project opens elsewhere
//   lesson/<file>          a lesson bundle's lesson (the studio's LessonBundle); skipped here, never inflated
// Version 1 files are the run files of `stepwise train` before projects existed; they are migrated on reading.
//
// Reading never deserializes objects or loads classes: JSON is read as a Jackson tree, tensors as float32 numbers.
// Entry names are checked before anything is inflated, every entry and the sum are size-capped while inflating,
// and all sizes are checked against the graph before a Project is returned, so a bad file changes nothing.
package org.stepwise.core.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.CRC32;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.stepwise.core.StepwiseVersion;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.eval.ClassificationMetrics;
import org.stepwise.core.eval.History;
import org.stepwise.core.eval.Metrics;
import org.stepwise.core.eval.RegressionMetrics;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.io.AtomicFiles;
import org.stepwise.core.io.ModelFormatException;
import org.stepwise.core.io.ModelReader;
import org.stepwise.core.io.ModelWriter;
import org.stepwise.core.io.RunFile;
import org.stepwise.core.io.Safetensors;
import org.stepwise.core.layers.BatchNorm;
import org.stepwise.core.optim.Optimizers;

public final class ProjectFile {
    public static final String FORMAT = "stepwise-project";
    /** The version this build writes and the newest it reads. Version 1 is the older run file. */
    public static final int VERSION = 2;
    public static final String EXTENSION = ".stepwise";

    /** Inflated size caps: a larger entry is damage or a zip bomb. */
    public static final long MAX_JSON_BYTES = 4L << 20;
    public static final long MAX_TENSOR_BYTES = 256L << 20;
    public static final long MAX_TOTAL_BYTES = 640L << 20;
    public static final int MAX_ENTRIES = 32;
    public static final int MAX_HISTORY_EPOCHS = 100_000;
    public static final int MAX_CLASSES = 10_000;

    static final String MANIFEST = "manifest.json";
    static final String GRAPH = "graph.json";
    static final String PROJECT = "project.json";
    static final String WEIGHTS = "weights.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String HISTORY = "history.json";
    static final String LAYOUT = "layout.json";
    static final String DATA_FOLDER = "data/";
    /** A lesson bundle's lesson files (the studio reads and checks them); a project load skips them unread. */
    public static final String LESSON_FOLDER = "lesson/";
    private static final List<String> NAMES = List.of(MANIFEST, GRAPH, PROJECT, WEIGHTS, OPTIMIZER, HISTORY, LAYOUT);
    private static final List<String> REQUIRED = List.of(MANIFEST, GRAPH, PROJECT, WEIGHTS);

    // Decimals are read as BigDecimal so a float written by Float.toString comes back bit for bit.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** How to treat a file whose weights hold NaN or infinity (a diverged run): refuse unless asked to open it. */
    public record Options(boolean allowNonFiniteWeights) {
        public static Options defaults() {
            return new Options(false);
        }
    }

    /**
     * @param project     the project as read
     * @param fileVersion the format version of the file: 1 for a migrated run file
     * @param warnings    things the user should know, one sentence each (a migration, NaN weights opened anyway)
     */
    public record Loaded(Project project, int fileVersion, List<String> warnings) {
    }

    private ProjectFile() {
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /** Saves atomically: a crash or kill at any moment leaves the previous file whole. */
    public static void save(Path file, Project project) throws IOException {
        AtomicFiles.write(file, out -> write(out, project));
    }

    /** Writes the project as a ZIP to {@code out}, which is left open. */
    public static void write(OutputStream out, Project project) throws IOException {
        var zip = new ZipOutputStream(new NonClosing(out));
        put(zip, MANIFEST, json(manifest()));
        put(zip, GRAPH, ModelWriter.write(project.graph()).getBytes(StandardCharsets.UTF_8));
        put(zip, PROJECT, json(projectJson(project)));
        zip.putNextEntry(new ZipEntry(WEIGHTS));
        Safetensors.write(zip, weightTensors(project.network()), Map.of("format", "pt", "producer", "Stepwise"));
        zip.closeEntry();
        if (project.training() != null) {
            zip.putNextEntry(new ZipEntry(OPTIMIZER));
            Safetensors.write(zip, optimizerTensors(project), Map.of("optimizer", project.training().optimizer()));
            zip.closeEntry();
        }
        put(zip, HISTORY, json(historyJson(project.history())));
        put(zip, LAYOUT, json(layoutJson(project.layout())));
        if (project.data() != null && project.data().embedded() != null) {
            put(zip, DATA_FOLDER + project.data().embeddedName(), project.data().embedded());
        }
        zip.finish();
    }

    private static ObjectNode manifest() {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("app", StepwiseVersion.get());
        return m;
    }

    private static ObjectNode projectJson(Project p) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("name", p.name());
        // Dropout masks derive from the seed the network was built with, so continuing needs it.
        root.put("networkSeed", p.network().seed());
        if (p.data() == null) {
            root.putNull("data");
        } else {
            DataRef d = p.data();
            ObjectNode data = root.putObject("data");
            data.put("spec", d.spec());
            data.put("target", d.target());
            data.put("imageSize", d.imageSize());
            data.put("sha256", d.sha256());
            data.put("embedded", d.embedded() == null ? null : DATA_FOLDER + d.embeddedName());
        }
        TrainingSettings s = p.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("loss", s.loss());
        settings.put("optimizer", s.optimizer());
        settings.set("optimizerSettings", JSON.valueToTree(s.optimizerSettings()));
        settings.put("learningRate", s.learningRate());
        settings.put("schedule", s.schedule());
        settings.set("scheduleSettings", JSON.valueToTree(s.scheduleSettings()));
        settings.put("batchSize", s.batchSize());
        settings.put("l1", s.l1());
        settings.put("l2", s.l2());
        settings.put("clipNorm", s.clipNorm());
        settings.put("seed", s.seed());
        settings.put("splitSeed", s.splitSeed());
        settings.put("validationFraction", s.validationFraction());
        settings.put("testFraction", s.testFraction());
        settings.put("normalization", s.normalization());
        settings.put("epochs", s.epochs());
        if (p.normalization() == null) {
            root.putNull("normalization");
        } else {
            ObjectNode norm = root.putObject("normalization");
            norm.put("kind", p.normalization().kind().name());
            floats(norm.putArray("a"), p.normalization().a());
            floats(norm.putArray("b"), p.normalization().b());
        }
        strings(root, "featureNames", p.featureNames());
        strings(root, "classNames", p.classNames());
        if (p.training() == null) {
            root.putNull("training");
        } else {
            ObjectNode t = root.putObject("training");
            t.put("step", p.training().step());
            t.put("optimizer", p.training().optimizer());
            t.put("optimizerSteps", p.training().optimizerSteps());
        }
        ArrayNode frozen = root.putArray("frozen");
        p.network().nodes().stream().filter(Node::frozen).forEach(n -> frozen.add(n.name()));
        return root;
    }

    private static ArrayNode historyJson(List<History.Epoch> history) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (History.Epoch e : history) {
            ObjectNode item = array.addObject();
            item.put("epoch", e.epoch());
            number(item, "meanBatchLoss", e.meanBatchLoss());
            item.set("train", metricsJson(e.train()));
            item.set("validation", metricsJson(e.validation()));
        }
        return array;
    }

    private static JsonNode metricsJson(Metrics m) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        switch (m) {
            case null -> {
                return JsonNodeFactory.instance.nullNode();
            }
            case ClassificationMetrics c -> {
                o.put("kind", "classification");
                number(o, "loss", c.loss());
                o.put("topK", c.topK());
                o.put("topKHits", Math.round(c.topKAccuracy() * c.samples()));
                ArrayNode confusion = o.putArray("confusion");
                for (int[] row : c.confusion()) {
                    ArrayNode r = confusion.addArray();
                    for (int v : row) {
                        r.add(v);
                    }
                }
            }
            case RegressionMetrics r -> {
                o.put("kind", "regression");
                o.put("samples", r.samples());
                number(o, "loss", r.loss());
                number(o, "mse", r.mse());
                number(o, "mae", r.mae());
                number(o, "r2", r.r2());
            }
        }
        return o;
    }

    private static ObjectNode layoutJson(Map<String, Project.Point> layout) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode nodes = root.putObject("nodes");
        layout.forEach((name, point) -> nodes.putArray(name).add(point.x()).add(point.y()));
        return root;
    }

    /** JSON has no NaN or infinity; a diverged run's NaN loss is kept as the string "NaN". */
    private static void number(ObjectNode parent, String key, double value) {
        if (Double.isFinite(value)) {
            parent.put(key, value);
        } else {
            parent.put(key, Double.toString(value));
        }
    }

    private static void floats(ArrayNode array, float[] values) {
        for (float v : values) {
            array.add(v);
        }
    }

    private static void strings(ObjectNode parent, String key, List<String> values) {
        if (values == null) {
            parent.putNull(key);
        } else {
            ArrayNode array = parent.putArray(key);
            values.forEach(array::add);
        }
    }

    /** Parameters, then node state, named as PyTorch's state_dict would name them. */
    static List<Safetensors.Tensor> weightTensors(Network net) {
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        for (Node n : net.nodes()) {
            for (Param p : n.params()) {
                tensors.add(new Safetensors.Tensor(n.name() + "." + p.name(), p.shape().dims(), p.value()));
            }
        }
        for (Node n : net.nodes()) {
            List<float[]> state = n.state();
            for (int i = 0; i < state.size(); i++) {
                tensors.add(new Safetensors.Tensor(stateName(n, i), new int[] {state.get(i).length}, state.get(i)));
            }
        }
        return tensors;
    }

    private static boolean hasNode(Network net, String name) {
        return net.nodes().stream().anyMatch(n -> n.name().equals(name));
    }

    static String stateName(Node n, int index) {
        if (n instanceof BatchNorm && index < 2) {
            return n.name() + (index == 0 ? ".running_mean" : ".running_var");
        }
        return n.name() + ".state" + index;
    }

    private static List<Safetensors.Tensor> optimizerTensors(Project p) {
        List<float[]> buffers = p.training().optimizerState();
        List<Param> params = p.network().params();
        List<String> names = Project.paramNames(p.network());
        int slots = params.isEmpty() ? 0 : buffers.size() / params.size();
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < buffers.size(); i++) {
            // Optimizers keep their buffers per parameter in order, each parameter's slots together.
            String name = slots == 0 ? "buffer" + i : names.get(i / slots) + "." + (i % slots);
            tensors.add(new Safetensors.Tensor(name, new int[] {buffers.get(i).length}, buffers.get(i)));
        }
        return tensors;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] json(JsonNode node) {
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }

    /** Lets the ZIP stream finish without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    // ---- reading -------------------------------------------------------------------------------------------

    public static Loaded load(Path file) throws IOException {
        return load(file, Options.defaults());
    }

    /**
     * Reads and checks a project file whole.
     *
     * @throws ModelFormatException     naming the file and entry, when the file is damaged, foreign or too new
     * @throws NonFiniteWeightsException when weights hold NaN or infinity and the options do not allow that
     * @throws IOException              when the file cannot be read at all
     */
    public static Loaded load(Path file, Options options) throws IOException {
        String source = file.getFileName() == null ? file.toString() : file.toString();
        Map<String, byte[]> entries = readEntries(file, source);
        if (!entries.containsKey(MANIFEST) && entries.containsKey("run.json")) {
            return migrateRunFile(file, source, options);
        }
        for (String name : REQUIRED) {
            if (!entries.containsKey(name)) {
                throw fail(source, name, "the entry is missing; a project file holds " + String.join(", ", REQUIRED)
                        + " at least");
            }
        }
        JsonNode manifest = object(entries.get(MANIFEST), source, MANIFEST);
        checkManifest(manifest, source);
        JsonNode project = object(entries.get(PROJECT), source, PROJECT);
        Reader r = new Reader(source, PROJECT);
        long networkSeed = r.whole(project, "networkSeed", Long.MIN_VALUE, Long.MAX_VALUE);

        GraphDef graph = ModelReader.read(new String(entries.get(GRAPH), StandardCharsets.UTF_8),
                source + " (" + GRAPH + ")");
        Network network;
        try {
            network = Network.build(graph, networkSeed);
        } catch (GraphException e) {
            throw fail(source, GRAPH, e.getMessage());
        }
        List<String> warnings = new ArrayList<>();
        readWeights(entries.get(WEIGHTS), network, source, options, warnings);
        for (JsonNode frozen : r.array(project, "frozen", true)) {
            String name = frozen.asText();
            if (!frozen.isTextual() || !hasNode(network, name)) {
                throw fail(source, PROJECT, "'frozen' names " + frozen + ", which is not a node of the graph");
            }
            network.node(name).setFrozen(true);
        }

        String name = r.text(project, "name", false);
        DataRef data = readData(project.path("data"), entries, r);
        TrainingSettings settings = readSettings(project.path("settings"), r);
        Normalization normalization = readNormalization(project.path("normalization"), network, r);
        List<String> featureNames = r.strings(project, "featureNames", network.input().size());
        List<String> classNames = r.strings(project, "classNames", MAX_CLASSES);
        Project.TrainingState training = readTraining(project.path("training"), entries.get(OPTIMIZER), network,
                r, source);
        List<History.Epoch> history = entries.containsKey(HISTORY)
                ? readHistory(parse(entries.get(HISTORY), source, HISTORY), new Reader(source, HISTORY))
                : List.of();
        Map<String, Project.Point> layout = entries.containsKey(LAYOUT)
                ? readLayout(object(entries.get(LAYOUT), source, LAYOUT), network, new Reader(source, LAYOUT))
                : Map.of();
        String projectName = name == null || name.isBlank() ? baseName(file) : name;
        return new Loaded(new Project(projectName, graph, network, data, settings, training, normalization,
                featureNames, classNames, history, layout), VERSION, warnings);
    }

    private static Map<String, byte[]> readEntries(Path file, String source) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        // ZipFile reads the central directory at the end, so a truncated file fails here rather than loading
        // whatever entries happen to come before the cut.
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                String name = entry.getName();
                checkEntryName(name, source);
                if (name.startsWith(LESSON_FOLDER)) {
                    continue; // never inflated here
                }
                if (entries.size() >= MAX_ENTRIES) {
                    throw fail(source, name, "the file has more than " + MAX_ENTRIES + " entries");
                }
                if (entries.containsKey(name)) {
                    throw fail(source, name, "the entry appears twice");
                }
                long limit = name.endsWith(".json") ? MAX_JSON_BYTES
                        : name.startsWith(DATA_FOLDER) ? DataRef.EMBED_LIMIT : MAX_TENSOR_BYTES;
                limit = Math.min(limit, MAX_TOTAL_BYTES - total);
                byte[] bytes = readCapped(zip, entry, limit, source);
                total += bytes.length;
                entries.put(name, bytes);
            }
        } catch (ZipException | EOFException e) {
            throw new ModelFormatException(source, 0, 0, "the file is not a complete project archive ("
                    + e.getMessage() + "); it may be truncated or damaged");
        } catch (IllegalArgumentException e) {
            // Entry names that are not valid in the archive's charset are reported this way.
            throw new ModelFormatException(source, 0, 0, "the file is not a readable project archive ("
                    + e.getMessage() + ")");
        }
        if (entries.isEmpty()) {
            throw new ModelFormatException(source, 0, 0, "the file is not a Stepwise project: it holds no ZIP "
                    + "entries");
        }
        return entries;
    }

    /**
     * An entry's bytes, inflating at most {@code limit} of them whatever its header declares, and checked against
     * its checksum; a ModelFormatException naming the file and the entry otherwise.
     */
    public static byte[] readCapped(ZipFile zip, ZipEntry entry, long limit, String source) throws IOException {
        String name = entry.getName();
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            // The declared size may lie: the cap applies to what actually inflates.
            bytes = in.readNBytes((int) limit + 1);
        }
        if (bytes.length > limit || entry.getSize() > limit) {
            throw fail(source, name, "the entry inflates to more than " + describeBytes(limit)
                    + "; refusing it as damaged or a zip bomb");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw fail(source, name, "the entry is corrupted (its checksum does not match)");
        }
        return bytes;
    }

    private static void checkEntryName(String name, String source) {
        boolean escapes = name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":")
                || name.contains("\0") || List.of(name.split("/", -1)).contains("..");
        if (escapes) {
            throw fail(source, name, "the entry name points outside the archive; refusing the file");
        }
        if (name.startsWith(LESSON_FOLDER)) {
            return;
        }
        if (name.startsWith(DATA_FOLDER)) {
            String file = name.substring(DATA_FOLDER.length());
            if (!file.matches("[A-Za-z0-9._-]{1,200}") || file.startsWith(".")) {
                throw fail(source, name, "an embedded data file must have a plain file name");
            }
            return;
        }
        if (!NAMES.contains(name) && !name.equals("run.json") && !RunFile.isEntry(name)) {
            throw fail(source, name, "unknown entry; a project file holds " + String.join(", ", NAMES)
                    + " and data/<file>");
        }
    }

    private static void checkManifest(JsonNode manifest, String source) {
        if (!FORMAT.equals(manifest.path("format").asText(null))) {
            throw fail(source, MANIFEST, "'format' is " + manifest.path("format") + ", expected \"" + FORMAT + "\"");
        }
        JsonNode version = manifest.path("version");
        if (!version.canConvertToInt() || !version.isIntegralNumber()) {
            throw fail(source, MANIFEST, "'version' must be a whole number, not " + version);
        }
        int v = version.asInt();
        if (v > VERSION) {
            String app = manifest.path("app").isTextual() ? " by Stepwise " + manifest.path("app").asText() : "";
            throw fail(source, MANIFEST, "the file was written" + app + " in project format version " + v
                    + "; this Stepwise " + StepwiseVersion.get() + " reads versions up to " + VERSION
                    + ". Update Stepwise to open it");
        }
        if (v < VERSION) {
            throw fail(source, MANIFEST, "'version' " + v + " is not a project format version; version 1 files "
                    + "have no manifest");
        }
    }

    private static void readWeights(byte[] bytes, Network net, String source, Options options,
                                    List<String> warnings) {
        Safetensors.Contents contents = Safetensors.read(bytes, source + " (" + WEIGHTS + ")");
        List<String> expected = new ArrayList<>();
        List<float[]> targets = new ArrayList<>();
        for (Node n : net.nodes()) {
            for (Param p : n.params()) {
                expected.add(n.name() + "." + p.name());
                targets.add(p.value());
            }
        }
        for (Node n : net.nodes()) {
            for (int i = 0; i < n.state().size(); i++) {
                expected.add(stateName(n, i));
                targets.add(n.state().get(i));
            }
        }
        if (contents.tensors().size() != expected.size()) {
            throw fail(source, WEIGHTS, "the entry holds " + contents.tensors().size() + " tensors but the graph has "
                    + expected.size());
        }
        List<String> nonFinite = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            Safetensors.Tensor t = contents.get(expected.get(i));
            if (t == null) {
                throw fail(source, WEIGHTS, "the tensor " + expected.get(i) + " is missing");
            }
            if (t.values().length != targets.get(i).length) {
                throw fail(source, WEIGHTS, "the tensor " + expected.get(i) + " holds " + t.values().length
                        + " values but the graph gives it " + targets.get(i).length);
            }
            int bad = 0;
            for (float v : t.values()) {
                bad += Float.isFinite(v) ? 0 : 1;
            }
            if (bad > 0) {
                nonFinite.add(expected.get(i) + " (" + bad + ")");
            }
            System.arraycopy(t.values(), 0, targets.get(i), 0, t.values().length);
        }
        if (!nonFinite.isEmpty()) {
            String what = "weights hold NaN or infinite values: " + String.join(", ", nonFinite)
                    + "; training probably diverged";
            if (!options.allowNonFiniteWeights()) {
                throw new NonFiniteWeightsException(source, what + ". Open it anyway to look at them, or train again "
                        + "with a smaller learning rate");
            }
            warnings.add("The " + what + ".");
        }
    }

    private static DataRef readData(JsonNode data, Map<String, byte[]> entries, Reader r) {
        if (data.isNull() || data.isMissingNode()) {
            return null;
        }
        Reader d = r.in("data");
        if (!data.isObject()) {
            throw d.fail("must be an object or null");
        }
        String spec = d.text(data, "spec", true);
        String embeddedEntry = d.text(data, "embedded", false);
        byte[] embedded = null;
        if (embeddedEntry != null) {
            embedded = entries.get(embeddedEntry);
            if (embedded == null || !embeddedEntry.startsWith(DATA_FOLDER)) {
                throw d.fail("'embedded' names " + embeddedEntry + ", which is not an entry of the file");
            }
        }
        int imageSize = (int) d.whole(data, "imageSize", 1, 4096);
        String sha = d.text(data, "sha256", false);
        if (sha != null && !sha.matches("[0-9a-f]{64}")) {
            throw d.fail("'sha256' must be 64 hex digits");
        }
        return new DataRef(spec, d.text(data, "target", false), imageSize, sha, embedded);
    }

    private static TrainingSettings readSettings(JsonNode s, Reader r) {
        Reader f = r.in("settings");
        if (!s.isObject()) {
            throw f.fail("must be an object");
        }
        TrainingSettings settings = new TrainingSettings(f.text(s, "loss", true), f.text(s, "optimizer", true),
                f.settingsMap(s, "optimizerSettings"), f.floatNumber(s, "learningRate"), f.text(s, "schedule", true),
                f.settingsMap(s, "scheduleSettings"), (int) f.whole(s, "batchSize", 1, 1 << 20),
                f.floatNumber(s, "l1"), f.floatNumber(s, "l2"), f.floatNumber(s, "clipNorm"),
                f.whole(s, "seed", Long.MIN_VALUE, Long.MAX_VALUE), f.whole(s, "splitSeed", Long.MIN_VALUE,
                Long.MAX_VALUE), f.decimal(s, "validationFraction"), f.decimal(s, "testFraction"),
                f.text(s, "normalization", true), (int) f.whole(s, "epochs", 1, 1_000_000));
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw f.fail(String.join("; ", problems));
        }
        return settings;
    }

    private static Normalization readNormalization(JsonNode norm, Network net, Reader r) {
        if (norm.isNull() || norm.isMissingNode()) {
            return null;
        }
        Reader f = r.in("normalization");
        Normalization.Kind kind;
        try {
            kind = Normalization.Kind.valueOf(norm.path("kind").asText());
        } catch (IllegalArgumentException e) {
            throw f.fail("'kind' is " + norm.path("kind") + ", expected \"STANDARDIZE\" or \"MIN_MAX\"");
        }
        int features = net.input().size();
        try {
            return Normalization.of(kind, f.floats(norm, "a", features), f.floats(norm, "b", features));
        } catch (IllegalArgumentException e) {
            throw f.fail(e.getMessage());
        }
    }

    private static Project.TrainingState readTraining(JsonNode t, byte[] optimizerBytes, Network net, Reader r,
                                                      String source) {
        if (t.isNull() || t.isMissingNode()) {
            return null;
        }
        Reader f = r.in("training");
        long step = f.whole(t, "step", 0, Long.MAX_VALUE / 2);
        String optimizer = f.text(t, "optimizer", true);
        long optimizerSteps = f.whole(t, "optimizerSteps", 0, Long.MAX_VALUE / 2);
        if (optimizerBytes == null) {
            throw fail(source, OPTIMIZER, "the entry is missing although training has started");
        }
        Safetensors.Contents contents = Safetensors.read(optimizerBytes, source + " (" + OPTIMIZER + ")");
        if (!Optimizers.IDS.contains(optimizer)) {
            throw f.fail("'optimizer' is \"" + optimizer + "\"; use one of " + String.join(", ", Optimizers.IDS));
        }
        List<Param> params = net.params();
        if (params.isEmpty() && !contents.tensors().isEmpty()) {
            throw fail(source, OPTIMIZER, "the graph has no parameters, so there can be no optimizer buffers");
        }
        if (!params.isEmpty() && contents.tensors().size() % params.size() != 0) {
            throw fail(source, OPTIMIZER, contents.tensors().size() + " buffers do not divide among the graph's "
                    + params.size() + " parameters");
        }
        int slots = params.isEmpty() ? 0 : contents.tensors().size() / params.size();
        if (slots > 4) {
            throw fail(source, OPTIMIZER, "no optimizer keeps " + slots + " buffers per parameter");
        }
        List<float[]> buffers = new ArrayList<>();
        List<String> names = Project.paramNames(net);
        for (int i = 0; i < contents.tensors().size(); i++) {
            String name = names.get(i / slots) + "." + (i % slots);
            Safetensors.Tensor tensor = contents.get(name);
            int size = params.get(i / slots).size();
            if (tensor == null || tensor.values().length != size) {
                throw fail(source, OPTIMIZER, "the buffer " + name + " is missing or does not hold " + size
                        + " values");
            }
            buffers.add(tensor.values());
        }
        return new Project.TrainingState(step, optimizer, optimizerSteps, buffers);
    }

    private static List<History.Epoch> readHistory(JsonNode array, Reader r) {
        if (!array.isArray()) {
            throw r.fail("expected a list of epochs");
        }
        if (array.size() > MAX_HISTORY_EPOCHS) {
            throw r.fail("more than " + MAX_HISTORY_EPOCHS + " epochs");
        }
        List<History.Epoch> epochs = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode e = array.get(i);
            Reader f = r.in("epoch " + (i + 1));
            epochs.add(new History.Epoch((int) f.whole(e, "epoch", 0, Integer.MAX_VALUE), f.decimal(e, "meanBatchLoss"),
                    readMetrics(e.path("train"), f.in("train")), readMetrics(e.path("validation"),
                    f.in("validation"))));
        }
        return epochs;
    }

    private static Metrics readMetrics(JsonNode m, Reader r) {
        if (m.isNull() || m.isMissingNode()) {
            return null;
        }
        String kind = r.text(m, "kind", true);
        if (kind.equals("regression")) {
            return new RegressionMetrics((int) r.whole(m, "samples", 0, Integer.MAX_VALUE), r.decimal(m, "loss"),
                    r.decimal(m, "mse"), r.decimal(m, "mae"), r.decimal(m, "r2"));
        }
        if (!kind.equals("classification")) {
            throw r.fail("'kind' must be \"classification\" or \"regression\", not \"" + kind + "\"");
        }
        JsonNode rows = m.path("confusion");
        if (!rows.isArray() || rows.size() == 0 || rows.size() > MAX_CLASSES) {
            throw r.fail("'confusion' must be a square table of counts");
        }
        int classes = rows.size();
        if ((long) classes * classes > 4_000_000) {
            throw r.fail("'confusion' is too large");
        }
        int[][] confusion = new int[classes][classes];
        for (int a = 0; a < classes; a++) {
            JsonNode row = rows.get(a);
            if (!row.isArray() || row.size() != classes) {
                throw r.fail("'confusion' row " + (a + 1) + " must hold " + classes + " counts");
            }
            for (int p = 0; p < classes; p++) {
                JsonNode v = row.get(p);
                if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
                    throw r.fail("'confusion' holds " + v + ", which is not a count");
                }
                confusion[a][p] = v.asInt();
            }
        }
        return ClassificationMetrics.fromCounts(confusion, r.whole(m, "topKHits", 0, Integer.MAX_VALUE),
                (int) r.whole(m, "topK", 1, classes + 1), r.decimal(m, "loss"));
    }

    private static Map<String, Project.Point> readLayout(JsonNode root, Network net, Reader r) {
        JsonNode nodes = root.path("nodes");
        if (!nodes.isObject()) {
            throw r.fail("'nodes' must be an object of positions");
        }
        Map<String, Project.Point> layout = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = nodes.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode xy = f.getValue();
            if (!hasNode(net, f.getKey())) {
                continue; // a position of a node that no longer exists is dropped, not an error
            }
            if (!xy.isArray() || xy.size() != 2 || !xy.get(0).isNumber() || !xy.get(1).isNumber()
                    || !Double.isFinite(xy.get(0).asDouble()) || !Double.isFinite(xy.get(1).asDouble())) {
                throw r.fail("the position of '" + f.getKey() + "' must be [x, y]");
            }
            layout.put(f.getKey(), new Project.Point(xy.get(0).asDouble(), xy.get(1).asDouble()));
        }
        return layout;
    }

    // ---- version 1: the run file -----------------------------------------------------------------------------

    private static Loaded migrateRunFile(Path file, String source, Options options) throws IOException {
        RunFile.Contents run = RunFile.load(file);
        List<String> warnings = new ArrayList<>();
        warnings.add("This file was written by an older Stepwise (run format 1) and has been converted; it holds no "
                + "optimizer state or training history, so further training starts a fresh optimizer. Saving "
                + "writes the new project format.");
        List<String> nonFinite = new ArrayList<>();
        for (Node n : run.network().nodes()) {
            for (Param p : n.params()) {
                for (float v : p.value()) {
                    if (!Float.isFinite(v)) {
                        nonFinite.add(n.name() + "." + p.name());
                        break;
                    }
                }
            }
        }
        if (!nonFinite.isEmpty()) {
            String what = "weights hold NaN or infinite values: " + String.join(", ", nonFinite);
            if (!options.allowNonFiniteWeights()) {
                throw new NonFiniteWeightsException(source, what + ". Open it anyway to look at them");
            }
            warnings.add("The " + what + ".");
        }
        TrainingSettings defaults = TrainingSettings.defaults();
        String normalization = run.normalization() == null ? "none"
                : run.normalization().kind() == Normalization.Kind.MIN_MAX ? "minmax" : "standardize";
        TrainingSettings settings = new TrainingSettings(run.lossId(), defaults.optimizer(), Map.of(),
                defaults.learningRate(), defaults.schedule(), Map.of(), defaults.batchSize(), 0f, 0f, 0f, run.seed(),
                run.seed(), run.validationFraction(), run.testFraction(), normalization, defaults.epochs());
        DataRef data = run.dataSpec() == null ? null : new DataRef(run.dataSpec(), null,
                DataRef.DEFAULT_IMAGE_SIZE, null, null);
        // Rebuilt with the run's seed, which seeds dropout masks when training continues.
        Network network = Project.copyOf(run.network(), run.seed());
        Project project = new Project(baseName(file), run.graph(), network, data, settings, null,
                run.normalization(), run.featureNames(), run.classNames(), List.of(), Map.of());
        return new Loaded(project, 1, warnings);
    }

    /** The file name without ".stepwise": the name a project gets from its file. */
    public static String baseName(Path file) {
        String name = file.getFileName() == null ? "project" : file.getFileName().toString();
        return name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length()) : name;
    }

    // ---- JSON helpers with messages that name the file, the entry and the key ------------------------------

    private static JsonNode parse(byte[] bytes, String source, String entry) {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null) {
                throw fail(source, entry, "the entry is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw fail(source, entry, "the JSON cannot be read: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw fail(source, entry, "the JSON cannot be read: " + e.getMessage());
        }
    }

    private static JsonNode object(byte[] bytes, String source, String entry) {
        JsonNode root = parse(bytes, source, entry);
        if (!root.isObject()) {
            throw fail(source, entry, "expected a JSON object");
        }
        return root;
    }

    static ModelFormatException fail(String source, String entry, String detail) {
        return new ModelFormatException(source + " (" + entry + ")", 0, 0, detail);
    }

    private static String describeBytes(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /** Reads typed values under a path such as "settings", failing with the file, entry and key. */
    private record Reader(String source, String entry, String path) {
        Reader(String source, String entry) {
            this(source, entry, "");
        }

        Reader in(String key) {
            return new Reader(source, entry, path.isEmpty() ? key : path + "." + key);
        }

        ModelFormatException fail(String detail) {
            return ProjectFile.fail(source, entry, (path.isEmpty() ? "" : "'" + path + "': ") + detail);
        }

        private String name(String key) {
            return "'" + (path.isEmpty() ? key : path + "." + key) + "'";
        }

        String text(JsonNode parent, String key, boolean required) {
            JsonNode v = parent.path(key);
            if (v.isNull() || v.isMissingNode()) {
                if (required) {
                    throw ProjectFile.fail(source, entry, name(key) + " is missing");
                }
                return null;
            }
            if (!v.isTextual() || v.asText().length() > 4096) {
                throw ProjectFile.fail(source, entry, name(key) + " must be a text of at most 4096 characters");
            }
            return v.asText();
        }

        long whole(JsonNode parent, String key, long min, long max) {
            JsonNode v = parent.path(key);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
                throw ProjectFile.fail(source, entry, name(key) + " must be a whole number from " + min + " to "
                        + max + ", not " + (v.isMissingNode() ? "missing" : v.toString()));
            }
            return v.asLong();
        }

        /** A finite number, or the strings "NaN", "Infinity", "-Infinity" that the writer uses for those. */
        double decimal(JsonNode parent, String key) {
            JsonNode v = parent.path(key);
            if (v.isNumber()) {
                double d = v.decimalValue().doubleValue();
                if (Double.isFinite(d)) {
                    return d;
                }
            } else if (v.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(v.asText())) {
                return Double.parseDouble(v.asText());
            }
            throw ProjectFile.fail(source, entry, name(key) + " must be a number, not "
                    + (v.isMissingNode() ? "missing" : v.toString()));
        }

        float floatNumber(JsonNode parent, String key) {
            JsonNode v = parent.path(key);
            if (!v.isNumber() || !Float.isFinite(v.decimalValue().floatValue())) {
                throw ProjectFile.fail(source, entry, name(key) + " must be a finite number, not "
                        + (v.isMissingNode() ? "missing" : v.toString()));
            }
            return v.decimalValue().floatValue();
        }

        float[] floats(JsonNode parent, String key, int size) {
            JsonNode array = parent.path(key);
            if (!array.isArray() || array.size() != size) {
                throw ProjectFile.fail(source, entry, name(key) + " must be a list of " + size + " numbers");
            }
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                JsonNode v = array.get(i);
                if (!v.isNumber()) {
                    throw ProjectFile.fail(source, entry, name(key) + " item " + (i + 1) + " is not a number");
                }
                values[i] = v.decimalValue().floatValue();
            }
            return values;
        }

        List<String> strings(JsonNode parent, String key, int maxSize) {
            JsonNode array = parent.path(key);
            if (array.isNull() || array.isMissingNode()) {
                return null;
            }
            if (!array.isArray() || array.size() > maxSize) {
                throw ProjectFile.fail(source, entry, name(key) + " must be a list of at most " + maxSize
                        + " names");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode item : array) {
                if (!item.isTextual()) {
                    throw ProjectFile.fail(source, entry, name(key) + " holds " + item + ", which is not a name");
                }
                values.add(item.asText());
            }
            return values;
        }

        List<JsonNode> array(JsonNode parent, String key, boolean optional) {
            JsonNode array = parent.path(key);
            if (array.isMissingNode() && optional) {
                return List.of();
            }
            if (!array.isArray()) {
                throw ProjectFile.fail(source, entry, name(key) + " must be a list");
            }
            List<JsonNode> items = new ArrayList<>();
            array.forEach(items::add);
            return items;
        }

        /** Plain JSON values as Java ones: Double for numbers, String, Boolean, nested maps. */
        Map<String, Object> settingsMap(JsonNode parent, String key) {
            JsonNode object = parent.path(key);
            if (object.isMissingNode() || object.isNull()) {
                return Map.of();
            }
            if (!object.isObject() || object.size() > 32) {
                throw ProjectFile.fail(source, entry, name(key) + " must be an object of at most 32 settings");
            }
            return plainMap(object, key, 0);
        }

        private Map<String, Object> plainMap(JsonNode object, String key, int depth) {
            if (depth > 3) {
                throw ProjectFile.fail(source, entry, name(key) + " is nested too deeply");
            }
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode v = f.getValue();
                Object value;
                if (v.isNumber()) {
                    value = v.decimalValue().doubleValue();
                } else if (v.isTextual()) {
                    value = v.asText();
                } else if (v.isBoolean()) {
                    value = v.asBoolean();
                } else if (v.isObject()) {
                    value = plainMap(v, key, depth + 1);
                } else {
                    throw ProjectFile.fail(source, entry, name(key) + " '" + f.getKey()
                            + "' must be a number, text, true/false or an object");
                }
                map.put(f.getKey(), value);
            }
            return map;
        }
    }
}
