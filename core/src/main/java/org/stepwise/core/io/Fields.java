// One JSON object of a model description, read key by key: every wrong or missing value becomes a
// ModelFormatException at its line and column, phrased for a student ("'units' must be at least 1, not -3").
package org.stepwise.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.DoublePredicate;
import org.stepwise.core.layers.Activation;
import org.stepwise.core.layers.Init;
import org.stepwise.core.tensor.Shape;

final class Fields {
    private static final List<String> ACTIVATIONS = Arrays.stream(Activation.values()).map(Activation::id).toList();
    private static final List<String> INITS = List.of("glorot", "he", "zeros", "constant");

    private final LocatedTree tree;
    private final String pointer;
    private final ObjectNode node;
    private final String context;

    private Fields(LocatedTree tree, String pointer, ObjectNode node, String context) {
        this.tree = tree;
        this.pointer = pointer;
        this.node = node;
        this.context = context;
    }

    /**
     * The object at {@code pointer}.
     *
     * @param context  how messages about its contents begin ("layer 3"), or null at the top level
     * @param subject  how a message names it when it is not an object at all ("layer 3", "a model description")
     * @param expected what it should be then: "an object such as {\"dense\": 8}"
     */
    static Fields at(LocatedTree tree, String pointer, String context, String subject, String expected) {
        JsonNode value = pointer.isEmpty() ? tree.root() : tree.root().at(pointer);
        if (!(value instanceof ObjectNode object)) {
            throw tree.error(tree.valueAt(pointer), subject + " must be " + expected + ", not " + show(value));
        }
        return new Fields(tree, pointer, object, context);
    }

    LocatedTree tree() {
        return tree;
    }

    LocatedTree.Position position() {
        return tree.valueAt(pointer);
    }

    boolean has(String key) {
        return node.has(key);
    }

    JsonNode get(String key) {
        return node.get(key);
    }

    /** The JSON pointer of a member, to read nested values. */
    String pointer(String key) {
        return LocatedTree.child(pointer, key);
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Rejects any key not in {@code allowed}, suggesting the nearest one or listing them all. */
    void allowOnly(List<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String hint = DidYouMean.hint(key, allowed);
                throw atKey(key, "unknown key '" + key + "'" + (hint.isEmpty()
                        ? "; the keys allowed here are " + String.join(", ", allowed) : hint));
            }
        }
    }

    /** A required whole number of at least {@code min}. */
    int integer(String key, int min) {
        require(key);
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber()) {
            throw atValue(key, "'" + key + "' must be a whole number, not " + show(v));
        }
        if (!v.canConvertToInt() || v.intValue() < min) {
            throw atValue(key, "'" + key + "' must be " + (v.canConvertToInt() ? "at least " + min
                    : "between " + min + " and " + Integer.MAX_VALUE) + ", not " + v);
        }
        return v.intValue();
    }

    /** An optional whole number of at least {@code min}; {@code absent} when the key is missing. */
    int integer(String key, int min, int absent) {
        return node.has(key) ? integer(key, min) : absent;
    }

    /**
     * An optional number within a range.
     *
     * @param range the range in words, for the message: "at least 0 and below 1"
     */
    float decimal(String key, DoublePredicate within, String range, float absent) {
        if (!node.has(key)) {
            return absent;
        }
        JsonNode v = node.get(key);
        if (!v.isNumber()) {
            throw atValue(key, "'" + key + "' must be a number, not " + show(v));
        }
        if (!within.test(v.doubleValue())) {
            throw atValue(key, "'" + key + "' must be " + range + ", not " + v);
        }
        return v.floatValue();
    }

    /** A required number within a range. */
    float decimal(String key, DoublePredicate within, String range) {
        require(key);
        return decimal(key, within, range, Float.NaN);
    }

    boolean flag(String key, boolean absent) {
        if (!node.has(key)) {
            return absent;
        }
        JsonNode v = node.get(key);
        if (!v.isBoolean()) {
            throw atValue(key, "'" + key + "' must be true or false, not " + show(v));
        }
        return v.booleanValue();
    }

    /** A required, non-blank string. */
    String text(String key) {
        require(key);
        JsonNode v = node.get(key);
        if (!v.isTextual()) {
            throw atValue(key, "'" + key + "' must be a string, not " + show(v));
        }
        if (v.textValue().isBlank()) {
            throw atValue(key, "'" + key + "' must not be empty");
        }
        return v.textValue();
    }

    /** A required list of node names: "inputs": ["h1", "h2"]. */
    List<String> names(String key) {
        require(key);
        JsonNode v = node.get(key);
        if (!v.isArray()) {
            throw atValue(key, "'" + key + "' must be a list of node names such as [\"input\"], not " + show(v));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode name = v.get(i);
            if (!name.isTextual() || name.textValue().isBlank()) {
                throw error(tree.valueAt(LocatedTree.child(pointer(key), i)), "'" + key + "' must list node names, "
                        + "but entry " + (i + 1) + " is " + show(name));
            }
            names.add(name.textValue());
        }
        return names;
    }

    /** A required per-sample shape: [features] or [channels, height, width]. */
    Shape shape(String key) {
        require(key);
        JsonNode v = node.get(key);
        String form = "the shape of one sample, [features] or [channels, height, width], such as [2] or [1, 28, 28]";
        if (!v.isArray() || (v.size() != 1 && v.size() != 3)) {
            throw atValue(key, "'" + key + "' must be " + form + ", not " + show(v));
        }
        int[] dims = new int[v.size()];
        long size = 1;
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = v.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 1) {
                throw error(tree.valueAt(LocatedTree.child(pointer(key), i)), "'" + key + "' sizes must be whole "
                        + "numbers of at least 1, not " + show(d));
            }
            dims[i] = d.intValue();
            size *= dims[i];
            if (size > Integer.MAX_VALUE) {
                throw atValue(key, "'" + key + "' describes a sample of more than " + Integer.MAX_VALUE + " values");
            }
        }
        return Shape.of(dims);
    }

    /** An optional activation by name; identity when the key is missing. */
    Activation activation(String key) {
        if (!node.has(key)) {
            return Activation.IDENTITY;
        }
        JsonNode v = node.get(key);
        if (!v.isTextual()) {
            throw atValue(key, "'" + key + "' must name an activation such as \"relu\", not " + show(v));
        }
        return activation(v.textValue(), tree.valueAt(pointer(key)));
    }

    /** An activation named by a string found at {@code at}; the file's aliases (linear, leakyrelu) count. */
    Activation activation(String id, LocatedTree.Position at) {
        try {
            return Activation.parse(id);
        } catch (IllegalArgumentException e) {
            throw error(at, "unknown activation '" + id + "'" + DidYouMean.hint(id, ACTIVATIONS) + "; use one of "
                    + String.join(", ", ACTIVATIONS));
        }
    }

    /** An optional initialisation by name; null (the activation's default) when the key is missing. */
    Init init(String key) {
        if (!node.has(key)) {
            return null;
        }
        JsonNode v = node.get(key);
        if (!v.isTextual()) {
            throw atValue(key, "'" + key + "' must name an initialisation such as \"he\", not " + show(v));
        }
        try {
            return Init.parse(v.textValue());
        } catch (IllegalArgumentException e) {
            throw atValue(key, "unknown initialisation '" + v.textValue() + "'" + DidYouMean.hint(v.textValue(), INITS)
                    + "; use one of " + String.join(", ", INITS));
        }
    }

    ModelFormatException atValue(String key, String message) {
        return error(tree.valueAt(pointer(key)), message);
    }

    ModelFormatException atKey(String key, String message) {
        return error(tree.keyAt(pointer(key)), message);
    }

    /** A mistake in the object as a whole, placed at its opening brace. */
    ModelFormatException here(String message) {
        return error(position(), message);
    }

    private ModelFormatException error(LocatedTree.Position at, String message) {
        return tree.error(at, context == null ? message : context + ": " + message);
    }

    private void require(String key) {
        if (!node.has(key)) {
            throw here("missing key '" + key + "'");
        }
    }

    /** A value as a student would recognise it in the file: "\"8\"", "-3", "[2,2]", "an object". */
    static String show(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        if (value.isObject()) {
            return "an object";
        }
        String text = value.toString();
        if (text.length() <= 40) {
            return text;
        }
        return value.isArray() ? "a list of " + value.size() : text.substring(0, 37) + "...";
    }
}
