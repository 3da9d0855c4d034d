// A JSON document as Jackson's tree plus the line and column where each value and each key starts.
//
// Jackson's readTree forgets where things were, so the tree is built here token by token from a JsonParser, and
// every position is kept in a side map keyed by JSON pointer ("/layers/2/units"). Nothing is bound to Java types
// (no default typing, no polymorphism): model files come from other people.
package org.stepwise.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

final class LocatedTree {
    /** A model is four levels deep at most; a far deeper document is a mistake or an attack on the stack. */
    static final int MAX_DEPTH = 32;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A 1-based place in the text. */
    record Position(int line, int column) {
    }

    private final String source;
    private final Map<String, Position> values = new HashMap<>();
    private final Map<String, Position> keys = new HashMap<>();
    private JsonNode root;

    private LocatedTree(String source) {
        this.source = source;
    }

    /** Parses one JSON value; malformed JSON becomes a {@link ModelFormatException} at the parser's position. */
    static LocatedTree parse(String text, String source) {
        LocatedTree tree = new LocatedTree(source);
        try (JsonParser parser = FACTORY.createParser(text)) {
            try {
                if (parser.nextToken() == null) {
                    throw tree.error(new Position(1, 1), "the description is empty; a model is a JSON object such "
                            + "as {\"template\": \"perceptron\"}");
                }
                tree.root = tree.value(parser, "");
                if (parser.nextToken() != null) {
                    throw tree.error(position(parser.currentTokenLocation()), "there is more after the end of the "
                            + "model's JSON value; a file holds one model");
                }
            } catch (StreamConstraintsException e) {
                // This exception carries no location; the parser still knows where it stopped.
                throw tree.error(position(parser.currentLocation()), "the JSON is nested more than " + MAX_DEPTH
                        + " levels deep; a model needs four at most");
            }
        } catch (JsonProcessingException e) {
            throw tree.error(position(e.getLocation()), "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            // A String source cannot fail to read; anything else the parser throws is still the text's fault.
            throw tree.error(new Position(0, 0), "invalid JSON: " + e.getMessage());
        }
        return tree;
    }

    JsonNode root() {
        return root;
    }

    /** Where the value at this pointer starts. */
    Position valueAt(String pointer) {
        return values.getOrDefault(pointer, new Position(1, 1));
    }

    /** Where the key of the member at this pointer starts; its value's position for array elements. */
    Position keyAt(String pointer) {
        Position p = keys.get(pointer);
        return p != null ? p : valueAt(pointer);
    }

    ModelFormatException error(Position at, String message) {
        return new ModelFormatException(source, at.line(), at.column(), message);
    }

    static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    private JsonNode value(JsonParser p, String pointer) throws IOException {
        Position at = position(p.currentTokenLocation());
        values.put(pointer, at);
        JsonToken token = p.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Position keyAt = position(p.currentTokenLocation());
                    // Jackson would keep the last of two equal keys silently; a student would not know which counts.
                    if (object.has(key)) {
                        throw error(keyAt, "the key '" + key + "' appears twice in the same object");
                    }
                    String member = child(pointer, key);
                    keys.put(member, keyAt);
                    p.nextToken();
                    object.set(key, value(p, member));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(p, child(pointer, array.size())));
                }
                yield array;
            }
            default -> {
                JsonNode scalar = JsonScalars.at(p);
                if (scalar == null) {
                    throw error(at, "invalid JSON: unexpected " + token);
                }
                yield scalar;
            }
        };
    }

    private static Position position(JsonLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return new Position(0, 0);
        }
        return new Position(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }
}
