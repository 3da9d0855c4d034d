// Several edits that the user made as one choice (a sweep's settings and widths), undone and redone together.
package org.stepwise.app.editor;

import java.util.List;

public final class EditGroup implements EditCommand {
    private final List<EditCommand> edits;
    private final Text description;

    public EditGroup(List<? extends EditCommand> edits, Text description) {
        this.edits = List.copyOf(edits);
        this.description = description;
    }

    @Override
    public void execute(Document document) {
        edits.forEach(e -> e.execute(document));
    }

    @Override
    public void undo(Document document) {
        for (int i = edits.size() - 1; i >= 0; i--) {
            edits.get(i).undo(document);
        }
    }

    @Override
    public Text description() {
        return description;
    }
}
