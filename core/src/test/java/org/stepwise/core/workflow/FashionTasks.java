// Test helper: fashion-mnist-small as the workflows' tests use it, read once for all of them.
package org.stepwise.core.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.stepwise.core.data.DataSources;
import org.stepwise.core.data.LoadedData;

final class FashionTasks {
    private static LoadedData data;

    private FashionTasks() {
    }

    /** The 10,000 training and 2,000 test images of the bundled subset. */
    static synchronized LoadedData data() {
        if (data == null) {
            try {
                data = DataSources.load("fashion-mnist-small", null, 28, 1, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return data;
    }
}
