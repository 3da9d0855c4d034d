#!/usr/bin/python3
# Writes the golden fixtures for GoldenTest: small networks run once in PyTorch, with their outputs, loss and gradients.
#
# Regenerate, only when a case changes, from the repository root:
#     /usr/bin/python3 core/src/test/resources/golden/make_golden.py
# It needs torch (Debian: python3-torch) and rewrites <case>.json next to itself, byte for byte the same unless a case
# changed. The Java tests only read the JSON: they never run Python, and nothing in the build needs torch.
#
# Weights and inputs are drawn in float32 (PyTorch's default initialisation, fixed seeds), so Stepwise loads exactly
# the same numbers. The expected values are computed in float64 from those float32 numbers. That way the reference is
# exact to ~1e-15 and the test's tolerance only has to cover Stepwise's own float32 rounding. The script checks that
# PyTorch's float32 run meets the same tolerance, so no float32 engine is asked to do better than PyTorch does.
#
# Each parameter is stored under "<Stepwise node>.<param>", in PyTorch's layout: Linear (out, in), Conv2d
# (out, in, kh, kw), bias (out). The Java test builds the matching GraphDef in code under the same node names.
import copy
import json
import os
import re

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))

# The comparison GoldenTest makes, repeated here to check that float32 PyTorch meets it (keep the two in step).
RTOL = 1e-4
FLOOR = 1e-2
ATOL = 1e-7


def within_tolerance(actual, expected):
    """Returns the worst |a - b| / allowed over the tensor; at most 1 means it passes."""
    a = actual.detach().double().flatten()
    b = expected.detach().double().flatten()
    scale = b.abs().max().item()
    allowed = torch.clamp(RTOL * torch.clamp(b.abs(), min=FLOOR * scale), min=ATOL)
    return ((a - b).abs() / allowed).max().item()


# ---- the cases; each returns (modules keyed by Stepwise node name, forward, x, targets, loss) -------------------

def mlp():
    torch.manual_seed(1)
    m = nn.ModuleDict({"hidden1": nn.Linear(6, 16), "hidden2": nn.Linear(16, 12), "out": nn.Linear(12, 5)})

    def forward(m, x):
        return m["out"](F.relu(m["hidden2"](torch.tanh(m["hidden1"](x)))))

    x = torch.randn(4, 6)
    labels = torch.tensor([3, 0, 4, 1])
    return m, forward, x, labels, "softmax_cross_entropy"


def conv():
    # Two input channels; conv1 keeps the size with padding 1; the 2×2 pool drops the 9th row and column (floor);
    # conv2 has stride 2 and padding 1: (3, 4, 4) -> (4, 2, 2).
    torch.manual_seed(2)
    m = nn.ModuleDict({
        "conv1": nn.Conv2d(2, 3, kernel_size=3, stride=1, padding=1),
        "conv2": nn.Conv2d(3, 4, kernel_size=3, stride=2, padding=1),
        "out": nn.Linear(16, 3),
    })

    def forward(m, x):
        h = F.max_pool2d(F.relu(m["conv1"](x)), kernel_size=2, stride=2)
        h = torch.tanh(m["conv2"](h))
        return m["out"](torch.flatten(h, 1))

    x = torch.randn(3, 2, 9, 9)
    labels = torch.tensor([2, 0, 1])
    return m, forward, x, labels, "softmax_cross_entropy"


def residual():
    torch.manual_seed(3)
    m = nn.ModuleDict({"stem": nn.Linear(4, 8), "body1": nn.Linear(8, 8), "body2": nn.Linear(8, 8),
                       "out": nn.Linear(8, 1)})

    def forward(m, x):
        stem = F.relu(m["stem"](x))
        body = m["body2"](F.relu(m["body1"](stem)))
        return m["out"](F.relu(stem + body))

    x = torch.randn(5, 4)
    y = torch.randn(5, 1)
    return m, forward, x, y, "mse"


def activations():
    # GELU is the tanh approximation, as Stepwise's; LeakyReLU runs as a stand-alone node with PyTorch's slope 0.01.
    torch.manual_seed(4)
    m = nn.ModuleDict({"hidden1": nn.Linear(5, 7), "hidden2": nn.Linear(7, 6), "hidden3": nn.Linear(6, 6),
                       "out": nn.Linear(6, 3)})
    gelu = nn.GELU(approximate="tanh")

    def forward(m, x):
        h = torch.sigmoid(m["hidden2"](gelu(m["hidden1"](x))))
        return m["out"](F.leaky_relu(m["hidden3"](h), negative_slope=0.01))

    x = torch.randn(4, 5)
    y = torch.bernoulli(torch.full((4, 3), 0.5))
    return m, forward, x, y, "bce_with_logits"


def batchnorm():
    # Two branches joined along channels: conv -> batch norm (2-D) -> ReLU beside a 1×1 conv; an overlapping 3×3
    # pool with stride 2, whose windows share inputs; then dense -> batch norm (1-D) -> tanh. The batch norms have
    # non-default momentum and epsilon and random γ, β, so a swapped or ignored setting shows.
    torch.manual_seed(5)
    m = nn.ModuleDict({
        "conv_a": nn.Conv2d(2, 3, kernel_size=3, stride=1, padding=1),
        "bn_a": nn.BatchNorm2d(3, eps=1e-3, momentum=0.3),
        "conv_b": nn.Conv2d(2, 2, kernel_size=1),
        "fc": nn.Linear(20, 6),
        "bn_fc": nn.BatchNorm1d(6, eps=1e-5, momentum=0.1),
        "out": nn.Linear(6, 3),
    })
    for bn in (m["bn_a"], m["bn_fc"]):
        nn.init.uniform_(bn.weight, 0.5, 1.5)
        nn.init.normal_(bn.bias, std=0.5)

    def forward(m, x):
        a = F.relu(m["bn_a"](m["conv_a"](x)))
        b = F.relu(m["conv_b"](x))
        h = F.max_pool2d(torch.cat([a, b], dim=1), kernel_size=3, stride=2)
        return m["out"](torch.tanh(m["bn_fc"](m["fc"](torch.flatten(h, 1)))))

    x = torch.randn(4, 2, 6, 6)
    labels = torch.tensor([1, 2, 0, 1])
    return m, forward, x, labels, "softmax_cross_entropy"


CASES = {"mlp": mlp, "conv": conv, "residual": residual, "activations": activations, "batchnorm": batchnorm}

LOSSES = {
    "softmax_cross_entropy": F.cross_entropy,
    "mse": F.mse_loss,
    "bce_with_logits": F.binary_cross_entropy_with_logits,
}


# ---- running and writing --------------------------------------------------------------------------------------

def run(modules, forward, x, targets, loss_id, dtype):
    """
    One training step's output, loss, ∂L/∂x and every ∂L/∂param, then the running statistics it left and the
    inference output that follows, in the given precision, from the same float32 starting point.
    """
    m = copy.deepcopy(modules).to(dtype).train()
    xd = x.to(dtype).clone().requires_grad_(True)
    t = targets if targets.dtype == torch.int64 else targets.to(dtype)
    out = forward(m, xd)
    loss = LOSSES[loss_id](out, t)
    loss.backward()
    grads = {f"{n}.{p}": param.grad.clone() for n, module in m.items() for p, param in module.named_parameters()}
    state = {f"{n}.{b}": buffer.clone() for n, module in m.items() for b, buffer in module.named_buffers()
             if b in ("running_mean", "running_var")}
    with torch.no_grad():
        inference = forward(m.eval(), x.to(dtype))
    return {"output": out.detach(), "loss": loss.detach(), "input_grad": xd.grad, "grads": grads, "state": state,
            "inference_output": inference}


def tensor(t):
    # Nine significant digits round-trip any float32 exactly, and stay short.
    return {"shape": list(t.shape), "data": [float("%.9g" % v) for v in t.detach().double().flatten().tolist()]}


def make(name):
    modules, forward, x, targets, loss_id = CASES[name]()
    params = {f"{n}.{p}": tensor(param) for n, module in modules.items() for p, param in module.named_parameters()}

    r32 = run(modules, forward, x, targets, loss_id, torch.float32)
    r = run(modules, forward, x, targets, loss_id, torch.float64)

    pairs = [(r32[k], r[k]) for k in ("output", "loss", "input_grad", "inference_output")]
    pairs += [(r32[group][k], r[group][k]) for group in ("grads", "state") for k in r[group]]
    worst = max(within_tolerance(a, b) for a, b in pairs)
    assert worst <= 1, f"{name}: float32 PyTorch misses the tolerance by {worst:.2f}x; the tolerance is unfair"

    fixture = {
        "case": name,
        "loss": loss_id,
        "x": tensor(x),
        "params": params,
        "expected": {
            "output": tensor(r["output"]),
            "loss": float("%.9g" % r["loss"].item()),
            "input_grad": tensor(r["input_grad"]),
            "grads": {k: tensor(g) for k, g in r["grads"].items()},
            "state": {k: tensor(v) for k, v in r["state"].items()},
            "inference_output": tensor(r["inference_output"]),
        },
    }
    if targets.dtype == torch.int64:
        fixture["labels"] = targets.tolist()
    else:
        fixture["y"] = tensor(targets)
    path = os.path.join(HERE, name + ".json")
    text = json.dumps(fixture, indent=1)
    # One line per list of numbers: readable diffs without a line per value.
    text = re.sub(r"\[\s+([-+0-9.e,\s]+?)\s+\]", lambda g: "[" + " ".join(g.group(1).split()) + "]", text)
    with open(path, "w") as f:
        f.write(text + "\n")
    print(f"{name}: {os.path.getsize(path)} bytes, float32 PyTorch uses {worst:.3f} of the tolerance")


if __name__ == "__main__":
    for case in CASES:
        make(case)
