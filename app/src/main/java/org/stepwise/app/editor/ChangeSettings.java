// Changes the training settings or the data reference as one undoable edit.
package org.stepwise.app.editor;

import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.TrainingSettings;

public final class ChangeSettings implements EditCommand {
    private final TrainingSettings settings;
    private final DataRef data;
    private final boolean changesData;
    private final Text description;
    private TrainingSettings settingsBefore;
    private DataRef dataBefore;

    private ChangeSettings(TrainingSettings settings, DataRef data, boolean changesData, Text description) {
        this.settings = settings;
        this.data = data;
        this.changesData = changesData;
        this.description = description;
    }

    /** @param what the setting's label key, for "Change learning rate" */
    public static ChangeSettings settings(TrainingSettings settings, String what) {
        return new ChangeSettings(settings, null, false, Text.of("edit.setting", Text.of(what)));
    }

    public static ChangeSettings data(DataRef data) {
        return new ChangeSettings(null, data, true, Text.of("edit.data", data == null ? "" : data.spec()));
    }

    /** Whether this edit changes the data (rather than the training settings). */
    public boolean changesData() {
        return changesData;
    }

    @Override
    public void execute(Document document) {
        settingsBefore = document.settings();
        dataBefore = document.data();
        if (changesData) {
            document.setData(data);
        } else {
            document.setSettings(settings);
        }
    }

    @Override
    public void undo(Document document) {
        document.setSettings(settingsBefore);
        document.setData(dataBefore);
    }

    @Override
    public Text description() {
        return description;
    }
}
