// A shape mismatch or an invalid shape; the message names the shapes involved and reads as a sentence.
package org.stepwise.core.tensor;

public class ShapeException extends IllegalArgumentException {
    public ShapeException(String message) {
        super(message);
    }
}
