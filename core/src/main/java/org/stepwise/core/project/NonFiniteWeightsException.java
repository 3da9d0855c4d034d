// A project whose weights hold NaN or infinity, usually from a run that diverged. Opening it is refused by default
// with this exception, so the studio can ask the user and open it anyway with ProjectFile.Options.
package org.stepwise.core.project;

import org.stepwise.core.io.ModelFormatException;

public final class NonFiniteWeightsException extends ModelFormatException {
    public NonFiniteWeightsException(String file, String detail) {
        super(file, 0, 0, detail);
    }
}
