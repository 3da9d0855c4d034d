// One YAML mapping of a lesson file, read key by key: a wrong or missing value is added to the problems at its
// line and column, and reads as absent, so the rest of the file is still checked.
package org.stepwise.lessons.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.stepwise.core.io.DidYouMean;

final class YamlFields {
    private final YamlTree tree;
    private final String pointer;
    private final ObjectNode node;
    private final String file;
    private final Problems problems;
    /** How messages about this mapping begin ("step 'bias': "), or "" at the top. */
    private final String context;

    private YamlFields(YamlTree tree, String pointer, ObjectNode node, String file, Problems problems,
                       String context) {
        this.tree = tree;
        this.pointer = pointer;
        this.node = node;
        this.file = file;
        this.problems = problems;
        this.context = context;
    }

    /** The mapping at {@code pointer}, or empty (with a problem) when the value there is something else. */
    static Optional<YamlFields> at(YamlTree tree, String pointer, String file, Problems problems, String context,
                                   String expected) {
        JsonNode value = pointer.isEmpty() ? tree.root() : tree.root().at(pointer);
        if (value instanceof ObjectNode object) {
            return Optional.of(new YamlFields(tree, pointer, object, file, problems, context));
        }
        problems.add(file, tree.valueAt(pointer), context + "expected " + expected + ", not " + show(value));
        return Optional.empty();
    }

    YamlTree tree() {
        return tree;
    }

    String file() {
        return file;
    }

    Problems problems() {
        return problems;
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    JsonNode get(String key) {
        return node.get(key);
    }

    String pointer(String key) {
        return YamlTree.child(pointer, key);
    }

    YamlTree.Position here() {
        return tree.valueAt(pointer);
    }

    YamlTree.Position valueAt(String key) {
        return tree.valueAt(pointer(key));
    }

    YamlTree.Position keyAt(String key) {
        return tree.keyAt(pointer(key));
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Adds a problem for every key not in {@code allowed}, suggesting the nearest. */
    void allowOnly(List<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String hint = DidYouMean.hint(key, allowed);
                problemAtKey(key, "unknown key '" + key + "'" + (hint.isEmpty()
                        ? "; the keys allowed here are " + String.join(", ", allowed) : hint));
            }
        }
    }

    /** A required or optional non-blank string; empty (with a problem if required or of the wrong kind). */
    Optional<String> text(String key, boolean required) {
        if (!has(key)) {
            if (required) {
                problem(here(), "missing key '" + key + "'");
            }
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
            problemAt(key, "'" + key + "' must be text, not " + show(v));
            return Optional.empty();
        }
        if (v.asText().isBlank()) {
            problemAt(key, "'" + key + "' must not be empty");
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    /** An optional whole number within [min, max]. */
    Optional<Integer> integer(String key, int min, int max, boolean required) {
        if (!has(key)) {
            if (required) {
                problem(here(), "missing key '" + key + "'");
            }
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            problemAt(key, "'" + key + "' must be a whole number from " + min + " to " + max + ", not " + show(v));
            return Optional.empty();
        }
        return Optional.of(v.intValue());
    }

    /** An optional number; empty (with a problem) when it is not one or fails {@code check}. */
    Optional<Double> number(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isNumber()) {
            problemAt(key, "'" + key + "' must be a number, not " + show(v));
            return Optional.empty();
        }
        return Optional.of(v.doubleValue());
    }

    /** A list of strings; a single string counts as a list of one. Empty when absent. */
    List<String> texts(String key) {
        if (!has(key)) {
            return List.of();
        }
        JsonNode v = node.get(key);
        if (v.isTextual()) {
            return List.of(v.textValue());
        }
        if (!v.isArray()) {
            problemAt(key, "'" + key + "' must be a list such as [a, b], not " + show(v));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || item.textValue().isBlank()) {
                problems.add(file, tree.valueAt(YamlTree.child(pointer(key), i)), context + "'" + key
                        + "' must list text, but entry " + (i + 1) + " is " + show(item));
            } else {
                out.add(item.textValue());
            }
        }
        return out;
    }

    /** Where entry {@code i} of a list value starts. */
    YamlTree.Position entryAt(String key, int i) {
        return tree.valueAt(YamlTree.child(pointer(key), i));
    }

    void problemAt(String key, String message) {
        problem(valueAt(key), message);
    }

    void problemAtKey(String key, String message) {
        problem(keyAt(key), message);
    }

    void problem(YamlTree.Position at, String message) {
        problems.add(file, at, context + message);
    }

    static String show(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        String text = value.isTextual() ? "'" + value.textValue() + "'" : value.toString();
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
