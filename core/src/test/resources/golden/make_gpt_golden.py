#!/usr/bin/python3
# Writes gpt.json, the golden fixture for the tiny GPT: a char-level decoder-only transformer run once in PyTorch, with
# its logits, loss, every parameter gradient and each block's attention weights; and a lone causal attention node.
#
# Regenerate, only when the case changes, from the repository root:
#     /usr/bin/python3 core/src/test/resources/golden/make_gpt_golden.py
# It needs torch (Debian: python3-torch) and rewrites gpt.json next to itself, byte for byte the same unless the case
# changed. The Java tests only read the JSON.
#
# As make_golden.py: parameters are drawn in float32 (fixed seeds), the expected values are computed in float64 from
# those float32 numbers, and the script checks that PyTorch's own float32 run meets the Java test's tolerance.
#
# The forward pass is written out by hand (explicit heads, causal mask, softmax) so the Java nodes have a reference
# that says exactly what they compute. The hand-written attention is then checked against torch.nn.MultiheadAttention
# with the same weights, so the fixture does not merely restate our own reading of the maths.
#
# Parameters are stored under "<Stepwise node>.<param>" in PyTorch's layouts: embeddings (rows, D), LayerNorm (D),
# attention as nn.MultiheadAttention (in_proj_weight (3D, D): q rows, then k, then v), feed-forward as two Linear
# (out, in).
import json
import math
import os
import re

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))

# The comparison the Java golden test makes, repeated here to check that float32 PyTorch meets it (keep in step).
RTOL = 1e-4
FLOOR = 1e-2
ATOL = 1e-7

# The hand-written attention must match nn.MultiheadAttention to this, in float64.
SAME_AS_TORCH = 1e-6

LN_EPS = 1e-5

GPT = {"vocab": 11, "context": 6, "dim": 8, "heads": 2, "layers": 2, "hidden": 16, "batch": 3}
ATTENTION_ONLY = {"batch": 2, "context": 5, "dim": 6, "heads": 3}


def within_tolerance(actual, expected):
    """Returns the worst |a - b| / allowed over the tensor; at most 1 means it passes."""
    a = actual.detach().double().flatten()
    b = expected.detach().double().flatten()
    scale = b.abs().max().item()
    allowed = torch.clamp(RTOL * torch.clamp(b.abs(), min=FLOOR * scale), min=ATOL)
    return ((a - b).abs() / allowed).max().item()


# ---- parameters, drawn once in float32 ----------------------------------------------------------------------------

def perturb(t, std):
    """Moves a 1 or 0 parameter by small random amounts, so a gradient that ignores it cannot pass."""
    with torch.no_grad():
        t.add_(std * torch.randn_like(t))


def attention_params(prefix, dim, heads):
    # PyTorch's own initialisation (Xavier-uniform in_proj, zero biases), then the biases perturbed.
    mha = nn.MultiheadAttention(dim, heads, bias=True, batch_first=True)
    perturb(mha.in_proj_bias, 0.1)
    perturb(mha.out_proj.bias, 0.1)
    return {f"{prefix}.in_proj_weight": mha.in_proj_weight, f"{prefix}.in_proj_bias": mha.in_proj_bias,
            f"{prefix}.out_proj_weight": mha.out_proj.weight, f"{prefix}.out_proj_bias": mha.out_proj.bias}


def layernorm_params(prefix, dim):
    ln = nn.LayerNorm(dim, eps=LN_EPS)
    perturb(ln.weight, 0.2)
    perturb(ln.bias, 0.1)
    return {f"{prefix}.weight": ln.weight, f"{prefix}.bias": ln.bias}


def gpt_params(c):
    """Every parameter of the model, in the order the Java graph lists its nodes."""
    V, T, D, L, Fh = c["vocab"], c["context"], c["dim"], c["layers"], c["hidden"]
    p = {"tok_emb.weight": nn.Embedding(V, D).weight,
         # A learned table like GPT-2's; std 0.5 keeps position visible next to the N(0, 1) token rows.
         "pos_emb.weight": nn.Parameter(0.5 * torch.randn(T, D))}
    for i in range(L):
        fc1, fc2 = nn.Linear(D, Fh), nn.Linear(Fh, D)
        perturb(fc1.bias, 0.05)
        perturb(fc2.bias, 0.05)
        p.update(layernorm_params(f"b{i}_ln1", D))
        p.update(attention_params(f"b{i}_attn", D, c["heads"]))
        p.update(layernorm_params(f"b{i}_ln2", D))
        p.update({f"b{i}_ff.fc1_weight": fc1.weight, f"b{i}_ff.fc1_bias": fc1.bias,
                  f"b{i}_ff.fc2_weight": fc2.weight, f"b{i}_ff.fc2_bias": fc2.bias})
    p.update(layernorm_params("ln_f", D))
    head = nn.Linear(D, V)
    perturb(head.bias, 0.1)
    p.update({"lm_head.weight": head.weight, "lm_head.bias": head.bias})
    return {k: v.detach().clone() for k, v in p.items()}


# ---- the model, written out ---------------------------------------------------------------------------------------

def causal_mask(T):
    """True where position i may not look: j > i."""
    return torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)


def attention(p, prefix, x, heads):
    """Causal multi-head self-attention: x (B, T, D) -> (B, T, D), and the weights (B, H, T, T)."""
    B, T, D = x.shape
    dh = D // heads
    w, b = p[f"{prefix}.in_proj_weight"], p[f"{prefix}.in_proj_bias"]
    q = x @ w[0:D].T + b[0:D]                        # (B, T, D)
    k = x @ w[D:2 * D].T + b[D:2 * D]
    v = x @ w[2 * D:3 * D].T + b[2 * D:3 * D]
    # Head h takes columns h·dh:(h+1)·dh: (B, T, D) -> (B, H, T, dh).
    q, k, v = (t.view(B, T, heads, dh).transpose(1, 2) for t in (q, k, v))
    scores = q @ k.transpose(-2, -1) / math.sqrt(dh)  # (B, H, T, T)
    scores = scores.masked_fill(causal_mask(T), float("-inf"))
    a = torch.softmax(scores, dim=-1)
    ctx = (a @ v).transpose(1, 2).reshape(B, T, D)   # heads side by side, in order
    return ctx @ p[f"{prefix}.out_proj_weight"].T + p[f"{prefix}.out_proj_bias"], a


def layernorm(p, prefix, x):
    mean = x.mean(-1, keepdim=True)
    var = ((x - mean) ** 2).mean(-1, keepdim=True)   # biased, as nn.LayerNorm
    return (x - mean) / torch.sqrt(var + LN_EPS) * p[f"{prefix}.weight"] + p[f"{prefix}.bias"]


def gelu_tanh(x):
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


def gpt_forward(p, tokens, c):
    """tokens (B, T) -> logits (B, T, V), attention weights per block, and each block's output."""
    T = tokens.shape[1]
    x = p["tok_emb.weight"][tokens] + p["pos_emb.weight"][:T]
    weights, outputs = {}, {}
    for i in range(c["layers"]):
        y, weights[f"b{i}_attn"] = attention(p, f"b{i}_attn", layernorm(p, f"b{i}_ln1", x), c["heads"])
        x = x + y                                                   # b{i}_add1
        h = layernorm(p, f"b{i}_ln2", x)
        h = gelu_tanh(h @ p[f"b{i}_ff.fc1_weight"].T + p[f"b{i}_ff.fc1_bias"])
        x = x + h @ p[f"b{i}_ff.fc2_weight"].T + p[f"b{i}_ff.fc2_bias"]  # b{i}_add2
        outputs[f"b{i}_add2"] = x
    x = layernorm(p, "ln_f", x)
    return x @ p["lm_head.weight"].T + p["lm_head.bias"], weights, outputs


# ---- independent checks against PyTorch's modules -----------------------------------------------------------------

def check_attention_against_torch(p, prefix, x, heads):
    """The hand-written attention, output and per-head weights, equals nn.MultiheadAttention's in float64."""
    D = x.shape[-1]
    mha = nn.MultiheadAttention(D, heads, bias=True, batch_first=True).double()
    with torch.no_grad():
        mha.in_proj_weight.copy_(p[f"{prefix}.in_proj_weight"])
        mha.in_proj_bias.copy_(p[f"{prefix}.in_proj_bias"])
        mha.out_proj.weight.copy_(p[f"{prefix}.out_proj_weight"])
        mha.out_proj.bias.copy_(p[f"{prefix}.out_proj_bias"])
    x = x.detach().double()
    with torch.no_grad():
        ours, ours_a = attention({k: v.double() for k, v in p.items()}, prefix, x, heads)
        theirs, theirs_a = mha(x, x, x, attn_mask=causal_mask(x.shape[1]), need_weights=True,
                               average_attn_weights=False)
    gap = max((ours - theirs).abs().max().item(), (ours_a - theirs_a).abs().max().item())
    assert gap < SAME_AS_TORCH, f"{prefix}: hand-written attention differs from nn.MultiheadAttention by {gap:.2e}"


def check_gpt_against_torch(p, tokens, c, logits):
    """The whole hand-written model equals one assembled from nn modules (nn.LayerNorm, nn.GELU, ...) in float64."""
    d = {k: v.double() for k, v in p.items()}
    T = tokens.shape[1]
    with torch.no_grad():
        x = F.embedding(tokens, d["tok_emb.weight"]) + d["pos_emb.weight"][:T]
        for i in range(c["layers"]):
            h = F.layer_norm(x, (c["dim"],), d[f"b{i}_ln1.weight"], d[f"b{i}_ln1.bias"], LN_EPS)
            check_attention_against_torch(p, f"b{i}_attn", h, c["heads"])
            y, _ = F.multi_head_attention_forward(
                h.transpose(0, 1), h.transpose(0, 1), h.transpose(0, 1), c["dim"], c["heads"],
                d[f"b{i}_attn.in_proj_weight"], d[f"b{i}_attn.in_proj_bias"], None, None, False, 0.0,
                d[f"b{i}_attn.out_proj_weight"], d[f"b{i}_attn.out_proj_bias"], training=False,
                need_weights=False, attn_mask=causal_mask(T))
            x = x + y.transpose(0, 1)
            h = F.layer_norm(x, (c["dim"],), d[f"b{i}_ln2.weight"], d[f"b{i}_ln2.bias"], LN_EPS)
            h = F.gelu(F.linear(h, d[f"b{i}_ff.fc1_weight"], d[f"b{i}_ff.fc1_bias"]), approximate="tanh")
            x = x + F.linear(h, d[f"b{i}_ff.fc2_weight"], d[f"b{i}_ff.fc2_bias"])
        x = F.layer_norm(x, (c["dim"],), d["ln_f.weight"], d["ln_f.bias"], LN_EPS)
        theirs = F.linear(x, d["lm_head.weight"], d["lm_head.bias"])
    gap = (logits.detach() - theirs).abs().max().item()
    assert gap < SAME_AS_TORCH, f"gpt: hand-written model differs from PyTorch's modules by {gap:.2e}"


# ---- the cases ----------------------------------------------------------------------------------------------------

def run_gpt(params, tokens, targets, c, dtype):
    p = {k: v.to(dtype).clone().requires_grad_(True) for k, v in params.items()}
    logits, weights, outputs = gpt_forward(p, tokens, c)
    loss = F.cross_entropy(logits.reshape(-1, c["vocab"]), targets.reshape(-1))
    loss.backward()
    return {"logits": logits.detach(), "loss": loss.detach(), "grads": {k: v.grad for k, v in p.items()},
            "attention": {k: a.detach() for k, a in weights.items()},
            "residual_norm": {k: o.detach().norm(dim=-1).mean() for k, o in outputs.items()}}


def gpt_case():
    c = GPT
    torch.manual_seed(11)
    params = gpt_params(c)
    # Each sample is a run of T + 1 tokens; the targets are the tokens shifted by one, as in training.
    seq = torch.randint(0, c["vocab"], (c["batch"], c["context"] + 1))
    tokens, targets = seq[:, :-1].contiguous(), seq[:, 1:].contiguous()

    r32 = run_gpt(params, tokens, targets, c, torch.float32)
    r = run_gpt(params, tokens, targets, c, torch.float64)
    check_gpt_against_torch(params, tokens, c, r["logits"])

    pairs = [(r32["logits"], r["logits"]), (r32["loss"], r["loss"])]
    pairs += [(r32[group][k], r[group][k]) for group in ("grads", "attention", "residual_norm") for k in r[group]]
    worst = max(within_tolerance(a, b) for a, b in pairs)
    assert worst <= 1, f"gpt: float32 PyTorch misses the tolerance by {worst:.2f}x; the tolerance is unfair"

    fixture = {
        "case": "gpt",
        "config": c,
        "tokens": tokens.tolist(),
        "targets": targets.tolist(),
        "params": {k: tensor(v) for k, v in params.items()},
        "expected": {
            "logits": tensor(r["logits"]),
            "loss": number(r["loss"]),
            "grads": {k: tensor(g) for k, g in r["grads"].items()},
            "attention": {k: tensor(a) for k, a in r["attention"].items()},
            # Mean over (batch, position) of the L2 norm over D of each block's output (b{i}_add2).
            "residual_norm": {k: number(n) for k, n in r["residual_norm"].items()},
        },
    }
    return fixture, worst


def run_attention_only(params, x, upstream, c, dtype):
    p = {k: v.to(dtype).clone().requires_grad_(True) for k, v in params.items()}
    xd = x.to(dtype).clone().requires_grad_(True)
    out, a = attention(p, "attn", xd, c["heads"])
    # A fixed random weighting makes ∂L/∂output = upstream, so every output element's gradient is distinct.
    (out * upstream.to(dtype)).sum().backward()
    return {"output": out.detach(), "input_grad": xd.grad, "attention": a.detach(),
            "grads": {k: v.grad for k, v in p.items()}}


def check_attention_grads_against_torch(params, x, upstream, c, r):
    """Gradients through nn.MultiheadAttention, in float64, equal the hand-written ones."""
    mha = nn.MultiheadAttention(c["dim"], c["heads"], bias=True, batch_first=True).double()
    with torch.no_grad():
        mha.in_proj_weight.copy_(params["attn.in_proj_weight"])
        mha.in_proj_bias.copy_(params["attn.in_proj_bias"])
        mha.out_proj.weight.copy_(params["attn.out_proj_weight"])
        mha.out_proj.bias.copy_(params["attn.out_proj_bias"])
    xd = x.double().clone().requires_grad_(True)
    out, _ = mha(xd, xd, xd, attn_mask=causal_mask(c["context"]), need_weights=False)
    (out * upstream.double()).sum().backward()
    theirs = {"attn.in_proj_weight": mha.in_proj_weight.grad, "attn.in_proj_bias": mha.in_proj_bias.grad,
              "attn.out_proj_weight": mha.out_proj.weight.grad, "attn.out_proj_bias": mha.out_proj.bias.grad}
    gap = max([(xd.grad - r["input_grad"]).abs().max().item()]
              + [(theirs[k] - r["grads"][k]).abs().max().item() for k in theirs])
    assert gap < SAME_AS_TORCH, f"attention_only: gradients differ from nn.MultiheadAttention's by {gap:.2e}"


def attention_only_case():
    c = ATTENTION_ONLY
    torch.manual_seed(12)
    params = {k: v.detach().clone() for k, v in attention_params("attn", c["dim"], c["heads"]).items()}
    x = torch.randn(c["batch"], c["context"], c["dim"])
    upstream = torch.randn(c["batch"], c["context"], c["dim"])

    r32 = run_attention_only(params, x, upstream, c, torch.float32)
    r = run_attention_only(params, x, upstream, c, torch.float64)
    check_attention_against_torch(params, "attn", x, c["heads"])
    check_attention_grads_against_torch(params, x, upstream, c, r)

    pairs = [(r32[k], r[k]) for k in ("output", "input_grad", "attention")]
    pairs += [(r32["grads"][k], r["grads"][k]) for k in r["grads"]]
    worst = max(within_tolerance(a, b) for a, b in pairs)
    assert worst <= 1, f"attention_only: float32 PyTorch misses the tolerance by {worst:.2f}x"

    fixture = {
        "config": c,
        "x": tensor(x),
        "params": {k: tensor(v) for k, v in params.items()},
        "upstream": tensor(upstream),
        "expected": {
            "output": tensor(r["output"]),
            "input_grad": tensor(r["input_grad"]),
            "grads": {k: tensor(g) for k, g in r["grads"].items()},
            "attention": tensor(r["attention"]),
        },
    }
    return fixture, worst


# ---- writing ------------------------------------------------------------------------------------------------------

def number(t):
    return float("%.9g" % t.item())


def tensor(t):
    # Nine significant digits round-trip any float32 exactly, and stay short.
    return {"shape": list(t.shape), "data": [float("%.9g" % v) for v in t.detach().double().flatten().tolist()]}


if __name__ == "__main__":
    fixture, worst_gpt = gpt_case()
    fixture["attention_only"], worst_attention = attention_only_case()
    path = os.path.join(HERE, "gpt.json")
    text = json.dumps(fixture, indent=1)
    # One line per list of numbers: readable diffs without a line per value.
    text = re.sub(r"\[\s+([-+0-9.e,\s]+?)\s+\]", lambda g: "[" + " ".join(g.group(1).split()) + "]", text)
    with open(path, "w") as f:
        f.write(text + "\n")
    print(f"gpt: {os.path.getsize(path)} bytes, float32 PyTorch uses {worst_gpt:.3f} of the tolerance "
          f"(attention_only {worst_attention:.3f}); hand-written attention matches nn.MultiheadAttention")
