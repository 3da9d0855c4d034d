#!/usr/bin/python3
# Writes the PyTorch-made ONNX fixtures for OnnxGoldenTest: a small MLP and a small CNN exported by torch.onnx.export,
# with inputs and the outputs PyTorch computes for them.
#
# Regenerate, only when a case changes, from the repository root:
#     /usr/bin/python3 core/src/test/resources/onnx/make_onnx_fixture.py
# It needs torch (Debian: python3-torch; checked with 1.13, whose exporter is TorchScript-based and needs neither the
# onnx package nor dynamo=False) and rewrites torch_<case>.onnx and torch_<case>.json next to itself. The Java test
# only reads them: it never runs Python.
#
# Weights and inputs are float32 with fixed seeds. The expected outputs are computed in float64 from those float32
# numbers, so the reference is exact to ~1e-15 and the Java test's 1e-5 only has to cover float32 rounding; the
# script checks that PyTorch's own float32 run stays within it.
import json
import os

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
TOLERANCE = 1e-5


def mlp():
    torch.manual_seed(1)
    return nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3)), (5, 4)


def cnn():
    torch.manual_seed(2)
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(4, 6, 3), nn.Tanh(),
        nn.Flatten(), nn.Linear(6 * 2 * 2, 5)), (5, 1, 8, 8)


def write(case, model, shape):
    model.eval()
    torch.manual_seed(100)
    x = torch.randn(*shape)
    path = os.path.join(HERE, "torch_" + case + ".onnx")
    # Opset 13, the one Stepwise writes; the batch axis is symbolic as in Stepwise's own exports.
    torch.onnx.export(model, x[:1], path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=13)
    with torch.no_grad():
        expected = model.double()(x.double())
        model.float()
        single = model(x).double()
    worst = (single - expected).abs().max().item()
    assert worst <= TOLERANCE, case + ": float32 PyTorch is " + str(worst) + " from float64"
    with open(os.path.join(HERE, "torch_" + case + ".json"), "w") as f:
        json.dump({"model": "torch_" + case + ".onnx", "input_shape": list(shape),
                   "input": [float(v) for v in x.flatten()],
                   "output_shape": list(expected.shape),
                   "output": [float(v) for v in expected.flatten()]}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    for name, make in (("mlp", mlp), ("cnn", cnn)):
        net, input_shape = make()
        write(name, net, input_shape)
