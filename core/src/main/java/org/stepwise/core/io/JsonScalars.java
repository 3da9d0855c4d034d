// The one place that turns a JSON scalar token into Jackson's tree node, for the readers that build their trees token
// by token (LocatedTree for model files, the studio's settings): the node types match what ObjectMapper.readTree
// makes, so a tree read either way compares equal.
package org.stepwise.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

public final class JsonScalars {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonScalars() {
    }

    /** The scalar at the parser's current token, or null when that token is not a scalar (or there is none). */
    public static JsonNode at(JsonParser p) throws IOException {
        if (p.currentToken() == null) {
            return null;
        }
        return switch (p.currentToken()) {
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> null;
        };
    }
}
