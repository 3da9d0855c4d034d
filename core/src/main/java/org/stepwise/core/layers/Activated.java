// A node that ends in an activation function, so diagnostics can ask it for dead or saturated units.
package org.stepwise.core.layers;

public interface Activated {
    Activation activation();
}
