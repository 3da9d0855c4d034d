// Reads a network description into a valid GraphDef, or fails with one ModelFormatException saying where and why.
//
// Three forms: a template by name ({"template": "lenet"}, or just "lenet" on the command line), a layer list
// ({"input": [2], "layers": [...]}) and a node graph ({"nodes": [...]}). Files come from other people, so they are
// size-limited, parsed without data binding, and the graph is checked whole before it is handed out: never a
// half-built graph.
package org.stepwise.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Problem;

public final class ModelReader {
    /** The "format" header value, written by {@link ModelWriter} and optional when reading. */
    public static final String FORMAT = "stepwise-model";
    /** The format version this build reads and writes; files of a newer version are refused. */
    public static final int VERSION = 1;
    /** LeNet is under 2 KiB; anything near this limit is not a hand-written model. */
    public static final int MAX_BYTES = 1 << 20;
    public static final int MAX_NODES = 10_000;

    private static final List<String> TOP_KEYS = List.of("format", "version", "template", "input", "layers", "nodes");
    private static final List<String> FORMS = List.of("template", "layers", "nodes");

    /** What a form read, before the graph as a whole is checked: each node with where it was written. */
    record Draft(List<NodeDef> nodes, List<LocatedTree.Position> places, List<String> contexts,
                 LocatedTree.Position list) {
    }

    private ModelReader() {
    }

    /** The command line's {@code --model}: a template name, or else the path of a JSON file. */
    public static GraphDef load(String argument) {
        Optional<Templates.Template> template = Templates.find(argument);
        if (template.isPresent()) {
            return template.get().graph();
        }
        try {
            Path file = Path.of(argument);
            if (Files.exists(file) || argument.endsWith(".json")) {
                return read(file);
            }
        } catch (InvalidPathException e) {
            // Not a usable path either: fall through to the message about templates.
        }
        throw new ModelFormatException(null, 0, 0, "'" + argument + "' is neither a template nor a file"
                + DidYouMean.hint(argument, Templates.names()) + "; the templates are "
                + String.join(", ", Templates.names()));
    }

    /** Reads a UTF-8 JSON file; messages name the file as given. */
    public static GraphDef read(Path file) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(source, 0, 0, "this is a folder, not a model file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(source, 0, 0, "there is no such file");
        } catch (AccessDeniedException e) {
            throw new ModelFormatException(source, 0, 0, "the file cannot be read: permission denied");
        } catch (IOException e) {
            throw new ModelFormatException(source, 0, 0, "the file cannot be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(source);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(source, 0, 0, "the file is not UTF-8 text; save it as UTF-8 JSON");
        }
        // Some editors start UTF-8 files with a byte-order mark, which JSON does not allow but means no harm.
        return read(text.startsWith("\uFEFF") ? text.substring(1) : text, source);
    }

    /**
     * Reads a description held in memory (the editor's text, a test).
     *
     * @param source how messages name it: a file name, or something like "<editor>"
     */
    public static GraphDef read(String json, String source) {
        if (json.length() > MAX_BYTES) {
            throw tooLarge(source);
        }
        LocatedTree tree = LocatedTree.parse(json, source);
        Fields top = Fields.at(tree, "", null, "a model description",
                "a JSON object such as {\"template\": \"perceptron\"}");
        top.allowOnly(TOP_KEYS);
        checkHeader(top);
        List<String> forms = top.keys().stream().filter(FORMS::contains).toList();
        if (forms.size() > 1) {
            throw top.atKey(forms.get(1), "'" + forms.get(0) + "' and '" + forms.get(1) + "' cannot be combined: "
                    + "a model is a template, a layer list or a node graph");
        }
        String form = forms.isEmpty() ? (top.has("input") ? "layers" : "") : forms.get(0);
        if (!form.equals("layers") && top.has("input")) {
            throw top.atKey("input", form.equals("template") ? "a template brings its own input: remove 'input'"
                    : "in a node graph the input is a node of \"type\": \"input\": remove the top-level 'input'");
        }
        return switch (form) {
            case "template" -> template(top);
            case "layers" -> checked(tree, LayerListForm.read(top));
            case "nodes" -> checked(tree, GraphForm.read(top));
            default -> throw top.here("a model needs 'template', 'layers' (with 'input') or 'nodes'; for example "
                    + "{\"template\": \"perceptron\"}");
        };
    }

    private static void checkHeader(Fields top) {
        if (top.has("format")) {
            JsonNode format = top.get("format");
            if (!format.isTextual() || !format.textValue().equals(FORMAT)) {
                throw top.atValue("format", "'format' must be \"" + FORMAT + "\", not " + Fields.show(format));
            }
        }
        int version = top.integer("version", 1, VERSION);
        if (version > VERSION) {
            throw top.atValue("version", "this file uses version " + version + " of the model format, but this "
                    + "Stepwise reads version " + VERSION + " only; open it with a newer Stepwise");
        }
    }

    private static GraphDef template(Fields top) {
        String name = top.text("template");
        return Templates.find(name).map(Templates.Template::graph)
                .orElseThrow(() -> top.atValue("template", "unknown template '" + name + "'"
                        + DidYouMean.hint(name, Templates.names()) + "; the templates are "
                        + String.join(", ", Templates.names())));
    }

    // The graph as a whole: unique names first (the graph's own check cannot say which of two is meant), then
    // everything GraphDef finds, reported at the node it names.
    private static GraphDef checked(LocatedTree tree, Draft draft) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < draft.nodes().size(); i++) {
            String name = draft.nodes().get(i).name();
            if (index.putIfAbsent(name, i) != null) {
                throw at(tree, draft, i, "a second node is named '" + name + "'; names must be unique");
            }
        }
        GraphDef graph = new GraphDef(draft.nodes());
        GraphDef.Inferred inferred = graph.infer();
        if (!inferred.ok()) {
            Problem first = inferred.problems().get(0);
            Integer i = first.node() == null ? null : index.get(first.node());
            if (i == null) {
                throw tree.error(draft.list(), first.message());
            }
            throw at(tree, draft, i, first.message());
        }
        return graph;
    }

    private static ModelFormatException at(LocatedTree tree, Draft draft, int i, String message) {
        String context = draft.contexts().get(i);
        return tree.error(draft.places().get(i), context == null ? message : context + ": " + message);
    }

    private static ModelFormatException tooLarge(String source) {
        return new ModelFormatException(source, 0, 0, "the description is larger than " + (MAX_BYTES >> 20)
                + " MiB, the limit for a model; a hand-written one is a few KiB");
    }
}
