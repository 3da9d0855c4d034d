// `stepwise export RUN --format onnx|safetensors|pytorch --out PATH`: the trained network in a form other tools
// read. Every format takes raw inputs: the project's normalization travels with the weights.
package org.stepwise.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stepwise.core.export.PyTorchExport;
import org.stepwise.core.io.AtomicFiles;
import org.stepwise.core.onnx.OnnxExport;
import org.stepwise.core.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
                "Exports a project's trained network for inference elsewhere.",
                "  onnx         an ONNX model (IR 8, opset 13) with a symbolic batch size",
                "  safetensors  the weights only, under PyTorch state_dict names",
                "  pytorch      a folder with model.py (an nn.Module for plain torch) and model.safetensors"})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN.stepwise", description = "A project file.")
    private Path projectFile;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "onnx, safetensors or pytorch.")
    private String format;

    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "The file to write (a folder for pytorch).")
    private Path out;

    @Override
    public Integer call() throws IOException {
        String kind = format.toLowerCase(Locale.ROOT);
        if (!kind.equals("onnx") && !kind.equals("safetensors") && !kind.equals("pytorch")) {
            throw new IllegalArgumentException("--format takes onnx, safetensors or pytorch, not " + format);
        }
        Project project = RunData.loadProject(projectFile, spec.commandLine().getErr());
        Path parent = out.toAbsolutePath().getParent();
        if (!kind.equals("pytorch") && (parent == null || !Files.isDirectory(parent))) {
            throw new IllegalArgumentException("The folder of " + out + " does not exist");
        }
        if (!kind.equals("pytorch") && Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a folder; give the file to write");
        }
        PrintWriter printer = spec.commandLine().getOut();
        switch (kind) {
            case "onnx" -> {
                byte[] bytes = OnnxExport.toBytes(project.network(), project.normalization());
                AtomicFiles.write(out, stream -> stream.write(bytes));
                printer.println("Wrote " + out + " (ONNX, IR 8, opset 13; input \"" + project.network().input().name()
                        + "\" of shape (batch, " + dims(project) + "), raw features in)");
            }
            case "safetensors" -> {
                byte[] bytes = PyTorchExport.safetensors(project.network(), project.normalization());
                AtomicFiles.write(out, stream -> stream.write(bytes));
                printer.println("Wrote " + out + " (safetensors, float32, PyTorch state_dict names)");
            }
            default -> {
                if (Files.isRegularFile(out)) {
                    throw new IllegalArgumentException(out + " is a file; --format pytorch writes a folder");
                }
                PyTorchExport.write(project.network(), project.normalization(), out);
                printer.println("Wrote " + out.resolve(PyTorchExport.MODULE_FILE) + " and "
                        + out.resolve(PyTorchExport.WEIGHTS_FILE) + "; try: python3 "
                        + out.resolve(PyTorchExport.MODULE_FILE));
            }
        }
        printer.flush();
        return 0;
    }

    private static String dims(Project project) {
        int[] dims = project.network().input().shape().dims();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return sb.toString();
    }
}
