// One thing wrong with a graph, tied to the node it concerns (null for the graph as a whole).
package org.stepwise.core.graph;

public record Problem(String node, String message) {
}
