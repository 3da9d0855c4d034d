// One loader of untrusted files as the fuzzers drive it: bytes in, then a load or a documented exception out.
//
// Adding a loader takes three steps: a constant here (listed in ALL), a one-line @FuzzTest in LoaderFuzzTest named
// like the constant, and a seed folder LoaderFuzzTestInputs/<name>/ with a few valid-* and invalid-* files.
package org.stepwise.core.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.stepwise.core.data.CsvImport;
import org.stepwise.core.data.DataFormatException;
import org.stepwise.core.data.Idx;
import org.stepwise.core.graph.GraphException;
import org.stepwise.core.io.ModelFormatException;
import org.stepwise.core.io.ModelReader;
import org.stepwise.core.io.RunFile;
import org.stepwise.core.io.Safetensors;
import org.stepwise.core.onnx.OnnxImport;
import org.stepwise.core.project.ProjectFile;

/**
 * @param name       the @FuzzTest method and the seed folder
 * @param zip        whether the format is a ZIP archive, so mutations should also reach inside its entries
 * @param fromFile   whether the loader reads a path: the bytes are then written to a scratch file first
 * @param documented the exception types the loader documents for a bad file
 */
record LoaderTarget(String name, boolean zip, boolean fromFile, Set<Class<? extends Exception>> documented,
                    Loader loader) {

    interface Loader {
        /** Loads the bytes, from memory or from {@code file} which already holds them. */
        Object load(byte[] bytes, Path file) throws Exception;
    }

    // The other policies first: their documented failures are expected and passed over, and the defaults decide
    // the outcome, so a valid-* seed is one that loads with the defaults.
    private static final List<CsvImport.Options> CSV_OTHER_OPTIONS = List.of(
            CsvImport.Options.defaults().withKind(CsvImport.TargetKind.CLASS)
                    .withMissing(CsvImport.MissingValues.DROP_ROWS).withHeader(false),
            CsvImport.Options.defaults().withKind(CsvImport.TargetKind.REGRESSION)
                    .withMissing(CsvImport.MissingValues.IMPUTE_MEAN).withTargetIndex(0));

    static final LoaderTarget CSV = new LoaderTarget("csv", false, false, Set.of(DataFormatException.class),
            LoaderTarget::readCsv);
    static final LoaderTarget IDX_IMAGES = new LoaderTarget("idxImages", false, true,
            Set.of(DataFormatException.class), (bytes, file) -> Idx.readImages(file, 0));
    static final LoaderTarget IDX_LABELS = new LoaderTarget("idxLabels", false, true,
            Set.of(DataFormatException.class), (bytes, file) -> Idx.readLabels(file, 0));
    // The CLI reports a GraphException from ModelReader as bad input, like a ModelFormatException.
    static final LoaderTarget MODEL_JSON = new LoaderTarget("modelJson", false, true,
            Set.of(ModelFormatException.class, GraphException.class), (bytes, file) -> ModelReader.read(file));
    static final LoaderTarget SAFETENSORS = new LoaderTarget("safetensors", false, false,
            Set.of(ModelFormatException.class), (bytes, file) -> Safetensors.read(bytes, "fuzz.safetensors"));
    static final LoaderTarget RUN_FILE = new LoaderTarget("runFile", true, true,
            Set.of(ModelFormatException.class, IOException.class), (bytes, file) -> RunFile.load(file));

    // NonFiniteWeightsException, the refusal of NaN weights, is a ModelFormatException.
    static final LoaderTarget PROJECT_FILE = new LoaderTarget("projectFile", true, true,
            Set.of(ModelFormatException.class, IOException.class), (bytes, file) -> ProjectFile.load(file));
    static final LoaderTarget ONNX_MODEL = new LoaderTarget("onnxModel", false, false,
            Set.of(ModelFormatException.class), (bytes, file) -> OnnxImport.read(bytes, "fuzz.onnx"));

    static final List<LoaderTarget> ALL = List.of(CSV, IDX_IMAGES, IDX_LABELS, MODEL_JSON, SAFETENSORS, RUN_FILE,
            PROJECT_FILE, ONNX_MODEL);

    private static CsvImport.Result readCsv(byte[] bytes, Path file) throws IOException {
        Path name = Path.of("fuzz.csv");
        for (CsvImport.Options options : CSV_OTHER_OPTIONS) {
            try {
                CsvImport.read(new ByteArrayInputStream(bytes), name, bytes.length, options);
            } catch (DataFormatException expected) {
                // Refusing the file is a clean outcome under these options too.
            }
        }
        return CsvImport.read(new ByteArrayInputStream(bytes), name, bytes.length, CsvImport.Options.defaults());
    }

    /** Loads {@code bytes} and checks the clean-outcome contract; {@code scratch} is reused between calls. */
    void assertCleanOutcome(byte[] bytes, Path scratch) throws IOException {
        assertCleanOutcome(bytes, scratch, LoaderFuzzing.MAX_ALLOCATED_BYTES);
    }

    void assertCleanOutcome(byte[] bytes, Path scratch, long maxAllocatedBytes) throws IOException {
        if (fromFile) {
            Files.write(scratch, bytes);
        }
        LoaderFuzzing.assertCleanOutcome(() -> loader.load(bytes, scratch), documented, maxAllocatedBytes);
    }

    @Override
    public String toString() {
        return name;
    }
}
