# Runs exported Stepwise models in PyTorch for PyTorchParityTest: one process for every model, since importing torch
# takes seconds.
#
# Usage: run_exported.py FOLDER...  Each folder holds model.py and model.safetensors from the export, and
# inputs.safetensors with one tensor "x" of raw input rows. For each folder this imports model.py, loads the model
# through its own load_model() (which loads strictly), checks that the state_dict and the file hold the same names,
# runs x through the model, writes outputs.safetensors with one tensor "y", and runs model.py as a script once to
# show that its __main__ block works. Any failure ends the process with a traceback and a nonzero exit status.

import contextlib
import importlib.util
import io
import json
import os
import runpy
import struct
import sys

import torch


def write_safetensors(path, name, tensor):
    values = tensor.detach().contiguous().reshape(-1).tolist()
    header = {name: {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [0, 4 * len(values)]}}
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(struct.pack(f"<{len(values)}f", *values))


def run(index, folder):
    spec = importlib.util.spec_from_file_location(f"exported_{index}", os.path.join(folder, "model.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    weights = os.path.join(folder, "model.safetensors")
    model = module.load_model(weights)
    assert not model.training, "load_model must return the model in eval mode"
    stored = set(module.load_safetensors(weights))
    expected = {k for k in model.state_dict() if not k.endswith(".num_batches_tracked")}
    assert stored == expected, f"file only: {sorted(stored - expected)}, module only: {sorted(expected - stored)}"

    x = module.load_safetensors(os.path.join(folder, "inputs.safetensors"))["x"]
    with torch.no_grad():
        y = model(x)
    write_safetensors(os.path.join(folder, "outputs.safetensors"), "y", y)

    # As `python3 model.py` would: with no arguments, so it finds model.safetensors beside itself.
    printed = io.StringIO()
    arguments, sys.argv = sys.argv, [os.path.join(folder, "model.py")]
    try:
        with contextlib.redirect_stdout(printed):
            runpy.run_path(sys.argv[0], run_name="__main__")
    finally:
        sys.argv = arguments
    assert "output for an all-zero input" in printed.getvalue(), printed.getvalue()
    print(f"{os.path.basename(folder)}: {len(stored)} tensors, output {tuple(y.shape)}")


if __name__ == "__main__":
    for i, path in enumerate(sys.argv[1:]):
        run(i, path)
