// What the PyTorch export writes, checked from Java alone: these run whether or not Python and torch are installed.
package org.stepwise.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepwise.core.data.Normalization;
import org.stepwise.core.graph.GraphDef;
import org.stepwise.core.graph.LayerSpec;
import org.stepwise.core.graph.Network;
import org.stepwise.core.graph.Node;
import org.stepwise.core.graph.NodeDef;
import org.stepwise.core.graph.Param;
import org.stepwise.core.io.ModelReader;
import org.stepwise.core.io.Safetensors;
import org.stepwise.core.layers.BatchNorm;
import org.stepwise.core.layers.Dense;
import org.stepwise.core.layers.Input;
import org.stepwise.core.tensor.Shape;

class PyTorchExportTest {

    @Test
    void safetensorsHoldEveryParameterAndStatisticBitForBitUnderStateDictNames() {
        for (ExportCases.Case c : ExportCases.all()) {
            Safetensors.Contents read = Safetensors.read(PyTorchExport.safetensors(c.net(), c.norm()), c.name());
            List<Safetensors.Tensor> expected = expectedTensors(c.net(), c.norm());
            assertEquals(expected.stream().map(Safetensors.Tensor::name).toList(),
                    read.tensors().stream().map(Safetensors.Tensor::name).toList(), c.name());
            for (Safetensors.Tensor want : expected) {
                Safetensors.Tensor got = read.get(want.name());
                assertArrayEquals(want.shape(), got.shape(), want.name());
                for (int i = 0; i < want.values().length; i++) {
                    assertEquals(Float.floatToRawIntBits(want.values()[i]), Float.floatToRawIntBits(got.values()[i]),
                            want.name() + "[" + i + "]");
                }
            }
            assertEquals("pt", read.metadata().get("format"));
            assertEquals("Stepwise", read.metadata().get("producer"));
            assertEquals(c.net().def(), ModelReader.read(read.metadata().get("graph"), "metadata"));
        }
    }

    @Test
    void batchNormStatisticsAreTheTrainedOnesAndNamesAreSanitized() {
        ExportCases.Case c = ExportCases.batchNorm();
        Safetensors.Contents read = Safetensors.read(PyTorchExport.safetensors(c.net(), null), "bn");
        BatchNorm bn = (BatchNorm) c.net().node("bn 2d");
        assertArrayEquals(bn.runningVar(), read.get("bn_2d.running_var").values());
        assertFalse(allEqual(bn.runningVar(), 1f), "training moved the running variance away from 1");
        assertEquals(List.of("conv_1.weight", "conv_1.bias", "bn_2d.weight", "bn_2d.bias", "bn_2d.running_mean",
                        "bn_2d.running_var", "n_2nd.weight", "n_2nd.bias", "self_.weight", "self_.bias",
                        "self_.running_mean", "self_.running_var", "output.weight", "output.bias"),
                read.tensors().stream().map(Safetensors.Tensor::name).toList());
    }

    @Test
    void normalizationBuffersTakeTheInputShape() {
        ExportCases.Case c = ExportCases.lenet();
        Safetensors.Contents read = Safetensors.read(PyTorchExport.safetensors(c.net(), c.norm()), "lenet");
        assertArrayEquals(new int[] {1, 28, 28}, read.get("input_norm.offset").shape());
        assertArrayEquals(c.norm().divisor(), read.get("input_norm.divisor").values());
        assertEquals("min_max", read.metadata().get("normalization"));
    }

    @Test
    void moduleSourceBuildsOneLayerPerNodeAndFusesActivationsInForward() {
        String lenet = source(ExportCases.lenet());
        assertContains(lenet, "class StepwiseModel(nn.Module):", "def load_safetensors(path):",
                "def load_model(path=WEIGHTS):", "if __name__ == \"__main__\":", "input_shape = (1, 28, 28)",
                "self.input_norm = InputNorm(StepwiseModel.input_shape)",
                "self.conv1 = nn.Conv2d(1, 6, kernel_size=5, stride=1, padding=2)",
                "self.pool1 = nn.MaxPool2d(kernel_size=2, stride=2)", "self.flatten = nn.Flatten()",
                "self.fc1 = nn.Linear(400, 120)", "input = self.input_norm(x)  # (batch, 1, 28, 28)",
                "conv1 = F.relu(self.conv1(input))  # (batch, 6, 28, 28)", "output = self.output(fc2)  # (batch, 10)",
                "return output", "model.load_state_dict(load_safetensors(path), strict=False)");
        assertFalse(lenet.contains("import safetensors") || lenet.contains("from safetensors"),
                "plain torch only");

        assertContains(source(ExportCases.mlp()), "self.drop = nn.Dropout(p=0.3)",
                "h1 = F.gelu(self.h1(input), approximate=\"tanh\")",
                "h2 = F.leaky_relu(self.h2(drop), negative_slope=0.01)", "h3 = torch.sigmoid(self.h3(gelu))",
                "h4 = torch.tanh(self.h4(leaky))", "h5 = F.relu(self.h5(sigmoid))",
                "h6 = torch.softmax(self.h6(same), dim=-1)", "logits = self.logits(h6)",
                "self.leaky = nn.LeakyReLU(negative_slope=0.01)", "self.gelu = nn.GELU(approximate=\"tanh\")",
                "self.sigmoid = nn.Sigmoid()", "self.tanh = nn.Tanh()", "self.same = nn.Identity()");
        assertContains(source(ExportCases.residual()), "input = x  # (batch, 2)", "add = torch.add(stem, block2)",
                "self.relu = nn.ReLU()");
        assertContains(source(ExportCases.concat()), "join = torch.cat([a, b], dim=1)  # (batch, 6, 8, 8)",
                "sum = c + p + sm", "features = torch.cat([v1, v2], dim=1)  # (batch, 8)",
                "self.c = nn.Conv2d(6, 6, kernel_size=3, stride=2, padding=1)", "self.sm = nn.Softmax(dim=-1)");
        assertContains(source(ExportCases.batchNorm()), "self.bn_2d = nn.BatchNorm2d(4, eps=0.001, momentum=0.2)",
                "self.self_ = nn.BatchNorm1d(8, eps=0.00001, momentum=0.1)", "x_ = self.x_(self_)  # (batch, 8)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            hidden1      | hidden1
            bn-1         | bn_1
            bn 2d        | bn_2d
            2nd          | n_2nd
            _private     | n__private
            class        | class_
            None         | None_
            self         | self_
            x            | x_
            eval         | eval_
            training     | training_
            input_norm   | input_norm_
            F            | F_
            naïve        | na_ve
            """)
    void nodeNamesBecomePythonIdentifiers(String name, String expected) {
        assertEquals(expected, PythonNames.identifier(name));
    }

    @Test
    void namesThatMeetAfterSanitizingAreNumberedInGraphOrder() {
        assertEquals(Map.of("a-b", "a_b", "a_b", "a_b_2", "a b", "a_b_3", "class", "class_", "class_", "class__2"),
                PythonNames.assign(List.of("a-b", "a_b", "a b", "class", "class_")));
        assertEquals(List.of("a_b", "a_b_2"),
                List.copyOf(PythonNames.assign(List.of("a b", "a.b")).values()));
    }

    @Test
    void aNodeNameCannotBreakOutOfItsComment() {
        GraphDef def = new GraphDef(List.of(new NodeDef("input", new Input.Spec(Shape.of(2))),
                new NodeDef("evil\nos.system('rm')\r'", new Dense.Spec(1, null), "input")));
        String source = PyTorchExport.moduleSource(Network.build(def, 1), null);
        assertFalse(source.contains("\nos.system"), source);
        assertFalse(source.contains("\r"), source);
        assertContains(source, "#   'evil\\u000aos.system(\\'rm\\')\\u000d\\'' -> evil_os_system__rm____");
    }

    @ParameterizedTest
    @CsvSource({"0.00001, 0.00001", "0.1, 0.1", "0.3, 0.3", "0, 0.0", "1, 1.0", "0.001, 0.001"})
    void floatsAreWrittenAsShortPythonLiterals(float value, String literal) {
        assertEquals(literal, ModuleSource.literal(value));
    }

    @Test
    void writeCreatesTheFolderWithBothFiles(@TempDir Path dir) throws IOException {
        ExportCases.Case c = ExportCases.residual();
        Path folder = dir.resolve("exports/residual");
        PyTorchExport.write(c.net(), c.norm(), folder);
        assertArrayEquals(PyTorchExport.safetensors(c.net(), null), Files.readAllBytes(folder.resolve(
                "model.safetensors")));
        assertEquals(PyTorchExport.moduleSource(c.net(), null), Files.readString(folder.resolve("model.py")));
    }

    @Test
    void refusesToExportOntoAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("model.txt"), "keep me");
        ExportCases.Case c = ExportCases.residual();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PyTorchExport.write(c.net(), null, file));
        assertTrue(e.getMessage().contains("it is a file"), e.getMessage());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void refusesANormalizationThatDoesNotFitTheInput() {
        ExportCases.Case c = ExportCases.residual();
        Normalization three = Normalization.of(Normalization.Kind.MIN_MAX, new float[3], new float[] {1, 1, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PyTorchExport.safetensors(c.net(), three));
        assertEquals("The normalization was fitted on 3 features, but Input 'input' takes (2) = 2 values",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PyTorchExport.moduleSource(c.net(), three));
    }

    @Test
    void refusesANodeItCannotTranslate() {
        GraphDef def = new GraphDef(List.of(new NodeDef("input", new Input.Spec(Shape.of(2))),
                new NodeDef("odd", new Mystery(), "input")));
        Network net = Network.build(def, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PyTorchExport.moduleSource(net, null));
        assertEquals("PyTorch export does not know how to write Mystery 'odd'; remove it or export without it",
                e.getMessage());
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A node type the export has never heard of. */
    private record Mystery() implements LayerSpec {
        @Override
        public String type() {
            return "mystery";
        }

        @Override
        public Shape outputShape(String node, List<Shape> inputs, List<String> inputNames) {
            return inputs.get(0);
        }

        @Override
        public Node create(String name) {
            return new Node(name) {
                @Override
                public String type() {
                    return "mystery";
                }

                @Override
                public void forward(boolean training) {
                }

                @Override
                public void backward() {
                }
            };
        }
    }

    /** The tensors a correct export holds, built independently of it from the network's own accessors. */
    private static List<Safetensors.Tensor> expectedTensors(Network net, Normalization norm) {
        Map<String, String> ids = PythonNames.assign(net.nodes().stream().map(Node::name).toList());
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        if (norm != null) {
            int[] shape = net.input().shape().dims();
            tensors.add(new Safetensors.Tensor("input_norm.offset", shape, norm.offset()));
            tensors.add(new Safetensors.Tensor("input_norm.divisor", shape, norm.divisor()));
        }
        for (Node node : net.nodes()) {
            String id = ids.get(node.name());
            for (Param p : node.params()) {
                tensors.add(new Safetensors.Tensor(id + "." + p.name(), p.shape().dims(), p.value()));
            }
            if (node instanceof BatchNorm bn) {
                int c = bn.runningMean().length;
                tensors.add(new Safetensors.Tensor(id + ".running_mean", new int[] {c}, bn.runningMean()));
                tensors.add(new Safetensors.Tensor(id + ".running_var", new int[] {c}, bn.runningVar()));
            }
        }
        return tensors;
    }

    private static String source(ExportCases.Case c) {
        return PyTorchExport.moduleSource(c.net(), c.norm());
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "missing: " + part + "\n---\n" + text);
        }
    }

    private static boolean allEqual(float[] values, float v) {
        for (float x : values) {
            if (x != v) {
                return false;
            }
        }
        return true;
    }
}
