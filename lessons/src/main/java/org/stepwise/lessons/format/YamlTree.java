// A YAML document as Jackson's tree plus where each value and each key starts, so every mistake gets its line.
//
// The YAML is read as parser events only: no tag ever chooses a Java type. Aliases are refused (Jackson reports an
// alias as the anchor's name, which would silently mean something else), and so are anchors where Jackson shows
// them (on mappings and lists). Keys may not repeat.
package org.stepwise.lessons.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

final class YamlTree {
    /** A lesson header is four levels deep; far deeper is a mistake. */
    static final int MAX_DEPTH = 16;

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A 1-based place in the text. */
    record Position(int line, int column) {
    }

    /** The text is not a YAML document this reader accepts. */
    static final class YamlException extends Exception {
        final Position at;

        YamlException(Position at, String message) {
            super(message);
            this.at = at;
        }
    }

    private final Map<String, Position> values = new HashMap<>();
    private final Map<String, Position> keys = new HashMap<>();
    private JsonNode root;

    static YamlTree parse(String text) throws YamlException {
        YamlTree tree = new YamlTree();
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                tree.root = NODES.nullNode();
                return tree;
            }
            tree.root = tree.value((YAMLParser) parser, "", 0);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage();
            // SnakeYAML appends a drawing of the line; the first line says what is wrong.
            throw new YamlException(position(e.getLocation()), "invalid YAML: " + message.lines().findFirst()
                    .orElse(message).strip());
        } catch (IOException e) {
            throw new YamlException(new Position(1, 1), "invalid YAML: " + e.getMessage());
        }
        return tree;
    }

    JsonNode root() {
        return root;
    }

    /** Where the value at this pointer starts ("/steps/2/goal"). */
    Position valueAt(String pointer) {
        return values.getOrDefault(pointer, new Position(1, 1));
    }

    /** Where the key of the member at this pointer starts; the value's place for list entries. */
    Position keyAt(String pointer) {
        Position p = keys.get(pointer);
        return p != null ? p : valueAt(pointer);
    }

    static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    private JsonNode value(YAMLParser p, String pointer, int depth) throws IOException, YamlException {
        Position at = position(p.currentTokenLocation());
        values.put(pointer, at);
        if (depth > MAX_DEPTH) {
            throw new YamlException(at, "the YAML nests more than " + MAX_DEPTH + " levels deep");
        }
        if (p.isCurrentAlias() || p.getObjectId() != null) {
            throw new YamlException(at, "YAML anchors and aliases (& and *) are not allowed in lessons; write the "
                    + "value out");
        }
        JsonToken token = p.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Position keyAt = position(p.currentTokenLocation());
                    if (object.has(key)) {
                        throw new YamlException(keyAt, "the key '" + key + "' appears twice in the same mapping");
                    }
                    String member = child(pointer, key);
                    keys.put(member, keyAt);
                    p.nextToken();
                    object.set(key, value(p, member, depth + 1));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(p, child(pointer, array.size()), depth + 1));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.INT
                    ? NODES.numberNode(p.getIntValue()) : NODES.numberNode(p.getDoubleValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new YamlException(at, "unexpected " + token + " in the YAML");
        };
    }

    private static Position position(JsonLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return new Position(1, 1);
        }
        return new Position(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }
}
