# Writes optim_golden.json: PyTorch's optimizers, LR schedulers and clip_grad_norm_ on small float32 inputs.
#
# Run with any PyTorch (made with 1.13): python3 make_optim_golden.py > optim_golden.json
# OptimizerGoldenTest reads the file; the case names and hyperparameters below are mirrored there.
import json
import re

import torch

WEIGHT = [[0.5, -1.25, 2.0], [-0.75, 0.3, 1.1]]
BIAS = [0.2, -0.4, 0.05]
# Three steps of gradients, different in size and sign so that the moments and bias corrections all matter.
GRAD_WEIGHT = [[[0.3, -0.2, 0.05], [1.5, -0.01, 0.4]],
               [[0.1, 0.25, -0.6], [-0.8, 0.02, 0.45]],
               [[-0.05, 0.3, 0.2], [0.9, -0.03, -0.1]]]
GRAD_BIAS = [[0.7, -0.15, 0.0], [0.2, 0.35, -0.05], [-0.4, 0.1, 0.6]]


def flat(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def run(make):
    """Three steps with weight decay on the weight only, as Stepwise decays only Param.isWeight()."""
    weight = torch.tensor(WEIGHT, dtype=torch.float32, requires_grad=True)
    bias = torch.tensor(BIAS, dtype=torch.float32, requires_grad=True)
    optimizer = make(weight, bias)
    for gw, gb in zip(GRAD_WEIGHT, GRAD_BIAS):
        weight.grad = torch.tensor(gw, dtype=torch.float32)
        bias.grad = torch.tensor(gb, dtype=torch.float32)
        optimizer.step()
    return {"weight": flat(weight), "bias": flat(bias)}


def groups(weight, bias, decay):
    return [{"params": [weight], "weight_decay": decay}, {"params": [bias], "weight_decay": 0.0}]


optimizers = {
    "sgd": run(lambda w, b: torch.optim.SGD(groups(w, b, 0.01), lr=0.1)),
    "momentum": run(lambda w, b: torch.optim.SGD(groups(w, b, 0.01), lr=0.1, momentum=0.9)),
    "nesterov": run(lambda w, b: torch.optim.SGD(groups(w, b, 0.01), lr=0.1, momentum=0.9, nesterov=True)),
    "rmsprop": run(lambda w, b: torch.optim.RMSprop(groups(w, b, 0.01), lr=0.01, alpha=0.99, eps=1e-8)),
    "adam": run(lambda w, b: torch.optim.Adam(groups(w, b, 0.01), lr=0.1, betas=(0.9, 0.999), eps=1e-8)),
    "adamw": run(lambda w, b: torch.optim.AdamW(groups(w, b, 0.01), lr=0.1, betas=(0.9, 0.999), eps=1e-8)),
}


def rates(make, steps):
    """The learning rate in force at steps 0 .. steps-1, from a base rate of 0.1."""
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    scheduler = make(optimizer)
    seen = []
    for _ in range(steps):
        seen.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return seen


schedules = {
    "step": rates(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5), 10),
    "cosine": rates(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=8, eta_min=0.01), 9),
    # Linear warm-up over 4 steps (0.025, 0.05, 0.075, 0.1), then cosine over 6 counted from the hand-over.
    "warmup_cosine": rates(lambda o: torch.optim.lr_scheduler.SequentialLR(o, [
        torch.optim.lr_scheduler.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=3),
        torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=6, eta_min=0.01)], milestones=[4]), 11),
}

weight = torch.tensor(WEIGHT, requires_grad=True)
bias = torch.tensor(BIAS, requires_grad=True)
weight.grad = torch.tensor(GRAD_WEIGHT[0])
bias.grad = torch.tensor(GRAD_BIAS[0])
norm = torch.nn.utils.clip_grad_norm_([weight, bias], max_norm=0.5)
clipping = {"max_norm": 0.5, "norm": float(norm), "weight_grad": flat(weight.grad), "bias_grad": flat(bias.grad)}

text = json.dumps({
    "torch": torch.__version__,
    "inputs": {"weight": sum(WEIGHT, []), "bias": BIAS,
               "weight_grads": [sum(g, []) for g in GRAD_WEIGHT], "bias_grads": GRAD_BIAS},
    "optimizers": optimizers,
    "schedules": schedules,
    "clipping": clipping,
}, indent=1)
# One line per list of numbers, so a change to the fixture reads as a small diff.
print(re.sub(r"\[[-0-9.e,\s]*\]", lambda m: re.sub(r"\s+", " ", m.group(0)).replace("[ ", "[").replace(" ]", "]"),
             text))
