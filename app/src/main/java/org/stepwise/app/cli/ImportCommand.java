// `stepwise import model.onnx --out RUN.stepwise`: an ONNX model made elsewhere (say, exported from PyTorch) as a
// project the studio opens and steps through. Operators Stepwise has no node for are listed, all at once.
package org.stepwise.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stepwise.core.onnx.OnnxImport;
import org.stepwise.core.project.DataRef;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.core.project.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Reads an ONNX model (Gemm, Conv, MaxPool, Flatten, activations, Add, Concat, "
                + "BatchNormalization) into a project file.")
public final class ImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX file to read.")
    private Path model;

    @Option(names = "--out", required = true, paramLabel = "RUN.stepwise", description = "The project file to write.")
    private Path out;

    @Option(names = "--data", paramLabel = "SPEC",
            description = "The data the project trains and evaluates on (a built-in name or a path); optional.")
    private String data;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("No ONNX file " + model);
        }
        OnnxImport.Imported imported = OnnxImport.read(model);
        DataRef ref = data == null ? null : DataRef.of(data, null, DataRef.DEFAULT_IMAGE_SIZE);
        Project project = new Project(ProjectFile.baseName(out), imported.graph(), imported.network(), ref,
                TrainingSettings.defaults(), null, imported.normalization(), null, null, List.of(), Map.of());
        ProjectFile.save(out, project);
        PrintWriter printer = spec.commandLine().getOut();
        for (String warning : imported.warnings()) {
            spec.commandLine().getErr().println("Note: " + warning);
        }
        spec.commandLine().getErr().flush();
        NetworkTable.print(imported.network(), printer);
        printer.println("Saved " + out);
        printer.flush();
        return 0;
    }
}
