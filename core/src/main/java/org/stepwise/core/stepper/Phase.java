// One phase of a training step: the forward of one node, the loss, the backward of one node, or the update.
package org.stepwise.core.stepper;

public sealed interface Phase {

    /** "forward", "loss", "backward" or "update": what the phase indicator and lesson goals read. */
    String kind();

    /** The node the phase computes, or null for the loss and the update. */
    String node();

    /** The forward of the node at topological position {@code index}; index 0 is the input (loading the batch). */
    record Forward(int index, String node) implements Phase {
        @Override
        public String kind() {
            return "forward";
        }
    }

    record Loss() implements Phase {
        @Override
        public String kind() {
            return "loss";
        }

        @Override
        public String node() {
            return null;
        }
    }

    record Backward(int index, String node) implements Phase {
        @Override
        public String kind() {
            return "backward";
        }
    }

    record Update() implements Phase {
        @Override
        public String kind() {
            return "update";
        }

        @Override
        public String node() {
            return null;
        }
    }
}
