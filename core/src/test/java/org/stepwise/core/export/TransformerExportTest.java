// A tiny GPT cannot be exported yet: ONNX and PyTorch export refuse it with a message naming the first node they
// cannot write, and leave no file behind.
package org.stepwise.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.gpt.GptConfig;
import org.stepwise.core.graph.Network;
import org.stepwise.core.onnx.OnnxExport;

class TransformerExportTest {
    private static Network gpt() {
        return Network.build(new GptConfig(10, 8, 8, 2, 1, 16).graph(), 1);
    }

    @Test
    void onnxExportRefusesTheTokenEmbeddingByNameAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("gpt.onnx");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.write(gpt(), null, out));
        assertEquals("ONNX export does not cover Token embedding 'tok_emb' yet; remove it or replace it to export "
                + "the network", e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void pyTorchExportRefusesTheTokenEmbeddingByNameAndWritesNothing(@TempDir Path dir) {
        Path folder = dir.resolve("gpt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PyTorchExport.write(gpt(), null, folder));
        assertEquals("PyTorch export does not know how to write Token embedding 'tok_emb'; remove it or export "
                + "without it", e.getMessage());
        assertFalse(Files.exists(folder));
    }
}
