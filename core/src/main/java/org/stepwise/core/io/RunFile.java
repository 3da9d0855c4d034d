// A trained run in one ZIP file: what data and settings trained it, the graph, its weights and its final metrics.
//
// Entries: run.json (settings, names, normalization, metrics, and the list of tensors in the binary entries),
// graph.json (ModelWriter's graph form), weights.bin (every parameter in network order) and state.bin (node state
// such as batch norm's running statistics), both float32 little-endian. Files come from other people: entries are
// size-capped while read, names are checked, JSON is read as a Jackson tree (never data binding, never Java
// serialization), and every tensor size is checked against the graph before anything is returned.
package org.stepwise.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;

public final class RunFile {
    public static final String FORMAT = "stepwise-run";
    /** The version this build writes and the newest it reads. */
    public static final int VERSION = 1;
    /** Network.MAX_PARAMETERS float32 values fit well below this; a larger entry is damage or a zip bomb. */
    public static final long MAX_TENSOR_BYTES = 256L << 20;
    public static final long MAX_JSON_BYTES = ModelReader.MAX_BYTES;

    static final String RUN = "run.json";
    static final String GRAPH = "graph.json";
    static final String WEIGHTS = "weights.bin";
    static final String STATE = "state.bin";
    private static final List<String> ENTRIES = List.of(RUN, GRAPH, WEIGHTS, STATE);

    // Decimals are read as BigDecimal so a float written by Float.toString comes back bit for bit, without the
    // detour through double rounding.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * @param normalization null when the inputs were used as they are
     * @param classNames    null for regression
     * @param dataSpec      the data argument as DataSources.load took it
     * @param metrics       final metrics by name, in the order they should be shown
     */
    public record Contents(GraphDef graph, Network network, Normalization normalization, List<String> classNames,
                           List<String> featureNames, String dataSpec, long seed, double validationFraction,
                           double testFraction, String lossId, Map<String, Double> metrics) {
    }

    private RunFile() {
    }

    /** True for the names of a run file's entries, so the project reader can recognise and migrate one. */
    public static boolean isEntry(String name) {
        return ENTRIES.contains(name);
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /** Written through AtomicFiles: a crash never leaves half a run file. Kept to make version 1 files in tests. */
    public static void save(Path file, Contents contents) throws IOException {
        if (!contents.network().def().equals(contents.graph())) {
            throw new IllegalArgumentException("The network to save was not built from the graph to save");
        }
        AtomicFiles.write(file, out -> {
            var zip = new ZipOutputStream(out);
            put(zip, RUN, runJson(contents).getBytes(StandardCharsets.UTF_8));
            put(zip, GRAPH, ModelWriter.write(contents.graph()).getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(WEIGHTS));
            for (Param p : contents.network().params()) {
                writeFloats(zip, p.value());
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(STATE));
            for (Node n : contents.network().nodes()) {
                for (float[] s : n.state()) {
                    writeFloats(zip, s);
                }
            }
            zip.closeEntry();
            zip.finish();
        });
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static void writeFloats(OutputStream out, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (!buffer.hasRemaining()) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            buffer.putFloat(v);
        }
        out.write(buffer.array(), 0, buffer.position());
    }

    private static String runJson(Contents c) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("data", c.dataSpec());
        root.put("seed", c.seed());
        root.put("validationFraction", c.validationFraction());
        root.put("testFraction", c.testFraction());
        root.put("loss", c.lossId());
        putStrings(root, "classNames", c.classNames());
        putStrings(root, "featureNames", c.featureNames());
        if (c.normalization() == null) {
            root.putNull("normalization");
        } else {
            ObjectNode norm = root.putObject("normalization");
            norm.put("kind", c.normalization().kind().name());
            putFloats(norm.putArray("a"), c.normalization().a());
            putFloats(norm.putArray("b"), c.normalization().b());
        }
        ObjectNode metrics = root.putObject("metrics");
        if (c.metrics() != null) {
            // JSON has no NaN or infinity; a diverged run's NaN loss is kept as a string.
            c.metrics().forEach((k, v) -> {
                if (v == null || Double.isFinite(v)) {
                    metrics.put(k, v);
                } else {
                    metrics.put(k, v.toString());
                }
            });
        }
        ArrayNode weights = root.putArray("weights");
        for (Node n : c.network().nodes()) {
            for (Param p : n.params()) {
                weights.addObject().put("node", n.name()).put("param", p.name()).put("size", p.size());
            }
        }
        ArrayNode state = root.putArray("state");
        for (Node n : c.network().nodes()) {
            List<float[]> s = n.state();
            for (int i = 0; i < s.size(); i++) {
                state.addObject().put("node", n.name()).put("index", i).put("size", s.get(i).length);
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }

    private static void putStrings(ObjectNode parent, String key, List<String> values) {
        if (values == null) {
            parent.putNull(key);
        } else {
            ArrayNode array = parent.putArray(key);
            values.forEach(array::add);
        }
    }

    private static void putFloats(ArrayNode array, float[] values) {
        for (float v : values) {
            array.add(v);
        }
    }

    // ---- reading -------------------------------------------------------------------------------------------

    /** Reads and checks a run file whole; a damaged or foreign file fails with a ModelFormatException naming it. */
    public static Contents load(Path file) throws IOException {
        String source = file.toString();
        Map<String, byte[]> entries = readEntries(file, source);
        for (String name : ENTRIES) {
            if (!entries.containsKey(name)) {
                throw fail(source, name, "the entry is missing; a run file holds " + String.join(", ", ENTRIES));
            }
        }
        JsonNode run = parseJson(entries.get(RUN), source);
        checkHeader(run, source);
        GraphDef graph = ModelReader.read(new String(entries.get(GRAPH), StandardCharsets.UTF_8),
                source + " (" + GRAPH + ")");
        // Sized on paper before anything is built: a few bytes of graph.json can ask for 50 million weights, and
        // weights.bin must then hold them. The count covers dense and convolution weights, so it is a lower bound.
        long weightBytes = parameterCount(graph) * Float.BYTES;
        if (entries.get(WEIGHTS).length < weightBytes) {
            throw fail(source, WEIGHTS, "the entry holds " + entries.get(WEIGHTS).length + " bytes but the graph's"
                    + " tensors need at least " + weightBytes);
        }
        Network network;
        try {
            network = Network.build(graph, 0);
        } catch (GraphException e) {
            throw fail(source, GRAPH, e.getMessage());
        }
        List<float[]> params = network.params().stream().map(Param::value).toList();
        List<String> paramNames = new ArrayList<>();
        for (Node n : network.nodes()) {
            n.params().forEach(p -> paramNames.add(n.name() + "." + p.name()));
        }
        List<float[]> state = new ArrayList<>();
        List<String> stateNames = new ArrayList<>();
        for (Node n : network.nodes()) {
            List<float[]> s = n.state();
            for (int i = 0; i < s.size(); i++) {
                state.add(s.get(i));
                stateNames.add(n.name() + "." + i);
            }
        }
        checkListing(run, "weights", "param", params, paramNames, source);
        checkListing(run, "state", "index", state, stateNames, source);
        readFloats(entries.get(WEIGHTS), params, source, WEIGHTS);
        readFloats(entries.get(STATE), state, source, STATE);

        return new Contents(graph, network, normalization(run, source), strings(run, "classNames", source),
                strings(run, "featureNames", source), text(run, "data", source), integer(run, "seed", source),
                number(run, "validationFraction", source), number(run, "testFraction", source),
                text(run, "loss", source), metrics(run, source));
    }

    private static long parameterCount(GraphDef graph) {
        GraphDef.Inferred inferred = graph.infer();
        long count = 0;
        for (NodeDef d : inferred.order()) {
            count += d.spec().parameterCount(d.inputs().stream().map(inferred.shapes()::get).toList());
        }
        return count;
    }

    private static Map<String, byte[]> readEntries(Path file, String source) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (var zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (name.contains("..") || name.startsWith("/") || name.contains("\\") || name.contains(":")) {
                    throw fail(source, name, "the entry name points outside the archive; refusing the file");
                }
                if (!ENTRIES.contains(name)) {
                    throw fail(source, name, "unknown entry; a run file holds only " + String.join(", ", ENTRIES));
                }
                if (entries.containsKey(name)) {
                    throw fail(source, name, "the entry appears twice");
                }
                long limit = name.endsWith(".json") ? MAX_JSON_BYTES : MAX_TENSOR_BYTES;
                byte[] bytes = zip.readNBytes((int) limit + 1);
                if (bytes.length > limit) {
                    throw fail(source, name, "the entry is larger than the " + (limit >> 20) + " MiB allowed");
                }
                entries.put(name, bytes);
            }
        } catch (ZipException | EOFException e) {
            throw new ModelFormatException(source, 0, 0, "the file is not a complete run archive (" + e.getMessage()
                    + "); it may be truncated or not a .stepwise-run file");
        }
        if (entries.isEmpty()) {
            throw new ModelFormatException(source, 0, 0, "the file is not a run archive: it holds no ZIP entries");
        }
        return entries;
    }

    private static JsonNode parseJson(byte[] bytes, String source) {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw fail(source, RUN, "expected a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw fail(source, RUN, "the JSON cannot be read: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw fail(source, RUN, "the JSON cannot be read: " + e.getMessage());
        }
    }

    private static void checkHeader(JsonNode run, String source) {
        if (!FORMAT.equals(run.path("format").asText(null))) {
            throw fail(source, RUN, "'format' is " + run.path("format") + ", expected \"" + FORMAT + "\"");
        }
        JsonNode version = run.path("version");
        if (!version.canConvertToInt()) {
            throw fail(source, RUN, "'version' must be a whole number, not " + version);
        }
        if (version.asInt() > VERSION) {
            throw fail(source, RUN, "the file has run format version " + version.asInt() + ", newer than version "
                    + VERSION + " that this Stepwise reads; update Stepwise to open it");
        }
        if (version.asInt() < 1) {
            throw fail(source, RUN, "'version' must be 1 or more, not " + version.asInt());
        }
    }

    /** The listing in run.json must name the graph's tensors in order, with the sizes the graph gives them. */
    private static void checkListing(JsonNode run, String key, String part, List<float[]> tensors,
                                     List<String> names, String source) {
        JsonNode listing = run.path(key);
        if (!listing.isArray()) {
            throw fail(source, RUN, "'" + key + "' must be a list of tensors");
        }
        if (listing.size() != tensors.size()) {
            throw fail(source, RUN, "'" + key + "' lists " + listing.size() + " tensors but the graph has "
                    + tensors.size());
        }
        for (int i = 0; i < tensors.size(); i++) {
            JsonNode t = listing.get(i);
            String name = t.path("node").asText() + "." + t.path(part).asText();
            if (!name.equals(names.get(i))) {
                throw fail(source, RUN, "'" + key + "' item " + (i + 1) + " is " + name + " but the graph has "
                        + names.get(i) + " there");
            }
            if (!t.path("size").canConvertToLong() || t.path("size").asLong() != tensors.get(i).length) {
                throw fail(source, RUN, "'" + key + "' gives " + name + " size " + t.path("size")
                        + " but the graph gives it " + tensors.get(i).length);
            }
        }
    }

    private static void readFloats(byte[] bytes, List<float[]> into, String source, String entry) {
        long expected = 0;
        for (float[] t : into) {
            expected += (long) t.length * Float.BYTES;
        }
        if (bytes.length != expected) {
            throw fail(source, entry, "the entry holds " + bytes.length + " bytes but the graph's tensors need "
                    + expected);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] t : into) {
            buffer.asFloatBuffer().get(t);
            buffer.position(buffer.position() + t.length * Float.BYTES);
        }
    }

    private static Normalization normalization(JsonNode run, String source) {
        JsonNode norm = run.path("normalization");
        if (norm.isNull() || norm.isMissingNode()) {
            return null;
        }
        Normalization.Kind kind;
        try {
            kind = Normalization.Kind.valueOf(norm.path("kind").asText());
        } catch (IllegalArgumentException e) {
            throw fail(source, RUN, "'normalization.kind' is " + norm.path("kind") + ", expected \"STANDARDIZE\" "
                    + "or \"MIN_MAX\"");
        }
        try {
            return Normalization.of(kind, floats(norm, "a", source), floats(norm, "b", source));
        } catch (IllegalArgumentException e) {
            throw fail(source, RUN, e.getMessage());
        }
    }

    private static float[] floats(JsonNode parent, String key, String source) {
        JsonNode array = parent.path(key);
        if (!array.isArray()) {
            throw fail(source, RUN, "'normalization." + key + "' must be a list of numbers");
        }
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            if (!array.get(i).isNumber()) {
                throw fail(source, RUN, "'normalization." + key + "' item " + (i + 1) + " is not a number");
            }
            values[i] = array.get(i).decimalValue().floatValue();
        }
        return values;
    }

    private static List<String> strings(JsonNode run, String key, String source) {
        JsonNode array = run.path(key);
        if (array.isNull() || array.isMissingNode()) {
            return null;
        }
        if (!array.isArray()) {
            throw fail(source, RUN, "'" + key + "' must be a list of names");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw fail(source, RUN, "'" + key + "' holds " + item + ", which is not a name");
            }
            values.add(item.asText());
        }
        return List.copyOf(values);
    }

    private static String text(JsonNode run, String key, String source) {
        JsonNode value = run.path(key);
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (!value.isTextual()) {
            throw fail(source, RUN, "'" + key + "' must be text, not " + value);
        }
        return value.asText();
    }

    private static long integer(JsonNode run, String key, String source) {
        JsonNode value = run.path(key);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw fail(source, RUN, "'" + key + "' must be a whole number, not " + value);
        }
        return value.asLong();
    }

    private static double number(JsonNode run, String key, String source) {
        JsonNode value = run.path(key);
        if (!value.isNumber()) {
            throw fail(source, RUN, "'" + key + "' must be a number, not " + value);
        }
        return value.doubleValue();
    }

    private static Map<String, Double> metrics(JsonNode run, String source) {
        JsonNode object = run.path("metrics");
        if (!object.isObject()) {
            throw fail(source, RUN, "'metrics' must be an object of names and numbers");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            JsonNode v = e.getValue();
            if (v.isNumber()) {
                metrics.put(e.getKey(), v.doubleValue());
            } else if (v.isNull()) {
                metrics.put(e.getKey(), null);
            } else if (v.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(v.asText())) {
                metrics.put(e.getKey(), Double.parseDouble(v.asText()));
            } else {
                throw fail(source, RUN, "metric '" + e.getKey() + "' is " + v + ", not a number");
            }
        }
        return Collections.unmodifiableMap(metrics);
    }

    private static ModelFormatException fail(String source, String entry, String detail) {
        return new ModelFormatException(source, 0, 0, "entry " + entry + ": " + detail);
    }
}
