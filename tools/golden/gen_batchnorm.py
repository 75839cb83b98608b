"""Golden multi-step BatchNorm runs: momentum=None (cumulative average), track_running_stats=False,
and steps with frozen running statistics, for io.jgrad.nn.BatchNorm1d/2d.

Writes nn/src/test/resources/golden/batchnorm.json. Run: /usr/bin/python3 tools/golden/gen_batchnorm.py

Each case builds a torch.nn.BatchNorm layer (float32), sets its weight and bias to random values
and, when it tracks statistics, its running statistics and num_batches_tracked; then runs steps.
A step is "train", "eval" or "frozen" with an input x and upstream weights w: y = layer(x),
L = (y * w).sum(), gradients of L with respect to x, weight and bias, and the state dict after
the step. A "frozen" step is a training-mode forward whose running statistics are not updated;
torch has no such switch, so its reference is F.batch_norm(x, None, None, weight, bias,
training=True) (batch statistics, no buffers touched).
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "nn", "src", "test", "resources", "golden", "batchnorm.json")
torch.manual_seed(20261207)


def values(t):
    return t.detach().reshape(-1).tolist()


def run(name, cls, c, shape, steps, momentum=0.1, affine=True, track=True, start_tracked=0):
    m = cls(c, momentum=momentum, affine=affine, track_running_stats=track)
    with torch.no_grad():
        if affine:
            m.weight.copy_(torch.randn(c) * 0.5 + 1)
            m.bias.copy_(torch.randn(c) * 0.5)
        if track and start_tracked:
            m.running_mean.copy_(torch.randn(c) * 0.3)
            m.running_var.copy_(torch.rand(c) + 0.5)
            m.num_batches_tracked.fill_(start_tracked)
    initial = {k: values(v) for k, v in m.state_dict().items()}
    out = []
    for kind in steps:
        x = (torch.randn(*shape) * 2 + 0.5).requires_grad_(True)
        m.train(kind != "eval")
        if kind == "frozen":
            y = F.batch_norm(x, None, None, m.weight, m.bias, True, 0.0, m.eps)
        else:
            y = m(x)
        w = torch.randn(y.shape)
        leaves = [x] + ([m.weight, m.bias] if affine else [])
        gs = torch.autograd.grad((y * w).sum(), leaves)
        out.append({"kind": kind, "x": values(x), "w": values(w), "y": values(y), "grads": [values(gr) for gr in gs],
                    "state": {k: values(v) for k, v in m.state_dict().items()}})
    return {"name": name, "layer": cls.__name__, "c": c, "shape": list(shape), "momentum": momentum, "affine": affine,
            "track": track, "initial": initial, "keys": list(m.state_dict().keys()), "steps": out}


T, E, Z = "train", "eval", "frozen"
cases = [
    run("bn1d_cumulative", nn.BatchNorm1d, 4, (6, 4), [T, T, T, T, E], momentum=None),
    run("bn1d_cumulative_resumed", nn.BatchNorm1d, 3, (5, 3, 4), [T, T, E, T], momentum=None, start_tracked=3),
    run("bn2d_cumulative", nn.BatchNorm2d, 3, (2, 3, 4, 5), [T, T, T, E], momentum=None, affine=False),
    run("bn1d_untracked", nn.BatchNorm1d, 4, (6, 4), [T, E, T, E], track=False),
    run("bn2d_untracked_no_affine", nn.BatchNorm2d, 2, (3, 2, 3, 3), [T, E], affine=False, track=False),
    run("bn1d_frozen", nn.BatchNorm1d, 4, (6, 4), [T, Z, T, Z, E], momentum=0.1, start_tracked=2),
    run("bn2d_frozen_cumulative", nn.BatchNorm2d, 3, (2, 3, 3, 3), [T, Z, Z, T, E], momentum=None),
]
with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print(OUT, len(cases), "cases")
