// A piece of user-facing text as a resource-bundle key with arguments, so the model stays free of any language and
// the UI renders it in the current one.
package org.stepwise.app.editor;

import java.util.List;

public record Text(String key, List<Object> args) {
    public Text {
        args = List.copyOf(args);
    }

    public static Text of(String key, Object... args) {
        return new Text(key, List.of(args));
    }
}
