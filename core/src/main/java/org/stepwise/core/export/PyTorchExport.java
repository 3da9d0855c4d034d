// Exports a trained network to PyTorch: model.safetensors with the weights under state_dict names, and model.py, a
// generated nn.Module that mirrors the graph node by node and loads those weights with plain torch.
//
// Weights need no conversion: Dense, Conv2D and BatchNorm already keep PyTorch's layouts. The input normalization
// travels with the weights, as buffers that forward() applies first, so the module takes raw inputs exactly as
// `stepwise predict` does. Nothing is exported for training: no optimizer state, no loss.
package org.stepwise.core.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.Param;
import org.stepwise.core.io.ModelWriter;
import org.stepwise.core.io.Safetensors;
import org.stepwise.core.layers.BatchNorm;
import org.stepwise.core.tensor.Shape;

public final class PyTorchExport {
    public static final String MODULE_FILE = "model.py";
    public static final String WEIGHTS_FILE = "model.safetensors";
    /** The submodule holding the normalization buffers: "input_norm.offset" and "input_norm.divisor". */
    static final String NORM = "input_norm";

    private PyTorchExport() {
    }

    /**
     * Writes model.py and model.safetensors into {@code folder}, creating it if needed; files of those names are
     * replaced.
     *
     * @param norm the normalization the network was trained with, or null when it takes inputs as they are
     * @throws IllegalArgumentException when {@code folder} is a file, the normalization does not fit the input, or
     *                                  the network has a node PyTorch export does not know
     */
    public static void write(Network net, Normalization norm, Path folder) throws IOException {
        if (Files.isRegularFile(folder)) {
            throw new IllegalArgumentException("Cannot export to " + folder + ": it is a file, and the export needs "
                    + "a folder for " + MODULE_FILE + " and " + WEIGHTS_FILE + "; give a folder name instead");
        }
        byte[] weights = safetensors(net, norm);
        String source = moduleSource(net, norm);
        Files.createDirectories(folder);
        Files.write(folder.resolve(WEIGHTS_FILE), weights);
        Files.writeString(folder.resolve(MODULE_FILE), source);
    }

    /**
     * The weights as safetensors: the normalization buffers if any, then per node its parameters ("conv1.weight",
     * "conv1.bias") and batch norm's running statistics. The metadata records the format "pt", the producer and the
     * graph in Stepwise's model form.
     */
    public static byte[] safetensors(Network net, Normalization norm) {
        Map<String, String> ids = names(net);
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        if (norm != null) {
            int[] shape = inputShape(net, norm).dims();
            tensors.add(new Safetensors.Tensor(NORM + ".offset", shape, norm.offset()));
            tensors.add(new Safetensors.Tensor(NORM + ".divisor", shape, norm.divisor()));
        }
        for (Node node : net.nodes()) {
            String id = ids.get(node.name());
            for (Param p : node.params()) {
                tensors.add(new Safetensors.Tensor(id + "." + p.name(), p.shape().dims(), p.value()));
            }
            if (node instanceof BatchNorm bn) {
                int[] channels = {bn.runningMean().length};
                tensors.add(new Safetensors.Tensor(id + ".running_mean", channels, bn.runningMean()));
                tensors.add(new Safetensors.Tensor(id + ".running_var", channels, bn.runningVar()));
            } else if (!node.state().isEmpty()) {
                throw unsupported(node);
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("producer", "Stepwise");
        metadata.put("graph", ModelWriter.write(net.def()));
        if (norm != null) {
            metadata.put("normalization", norm.kind().name().toLowerCase(Locale.ROOT));
        }
        return Safetensors.toBytes(tensors, metadata);
    }

    /** The text of model.py for this network; see {@link ModuleSource}. */
    public static String moduleSource(Network net, Normalization norm) {
        if (norm != null) {
            inputShape(net, norm);
        }
        return new ModuleSource(net, norm != null, names(net)).render();
    }

    /** Each node's Python name, which is also the prefix of its tensors. */
    static Map<String, String> names(Network net) {
        return PythonNames.assign(net.nodes().stream().map(Node::name).toList());
    }

    static IllegalArgumentException unsupported(Node node) {
        return new IllegalArgumentException("PyTorch export does not know how to write "
                + GraphDef.describe(node.type(), node.name()) + "; remove it or export without it");
    }

    // The normalization buffers take the input's per-sample shape, so they broadcast over a batch of images too.
    private static Shape inputShape(Network net, Normalization norm) {
        Node input = net.input();
        if (norm.features() != input.size()) {
            throw new IllegalArgumentException("The normalization was fitted on " + norm.features() + " features, but "
                    + GraphDef.describe(input.type(), input.name()) + " takes " + input.shape() + " = "
                    + input.size() + " values");
        }
        return input.shape();
    }
}
