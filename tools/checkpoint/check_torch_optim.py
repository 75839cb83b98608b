"""Loads jgrad checkpoints' optimizer state into torch.optim and takes one more step there.

The checkpoint's model tensors are the parameters p0, p1, ... and the gradients g0, g1, ... of
the next step. For each checkpoint: builds torch.optim.<optimizer> over the parameters, loads
the state with jgrad_checkpoint.optimizer_state_dict, sets the gradients, steps, and prints one
JSON line {"params": [[...], ...], "state_keys": [[...], ...]} (the parameters after the step and
the state keys torch holds for each). Run by io.jgrad.nn.io.TorchOptimizerStateTest:
/usr/bin/python3 tools/checkpoint/check_torch_optim.py CHECKPOINT...
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jgrad_checkpoint as jc  # noqa: E402


def check(path):
    model = jc.model_state_dict(path)
    sd = jc.optimizer_state_dict(path)
    n = sum(len(g["params"]) for g in sd["param_groups"])
    params = [model["p%d" % i].clone().requires_grad_(True) for i in range(n)]
    _, meta = jc.read(path)
    name = json.loads(meta["optim.torch.json"])["optimizer"]
    groups = [{"params": [params[i] for i in g["params"]]} for g in sd["param_groups"]]
    opt = getattr(torch.optim, name)(groups, lr=sd["param_groups"][0]["lr"])
    opt.load_state_dict(sd)
    for i, p in enumerate(params):
        p.grad = model["g%d" % i].clone()
    opt.step()
    out = {"params": [p.detach().reshape(-1).tolist() for p in params],
           "state_keys": [sorted(opt.state_dict()["state"].get(i, {}).keys()) for i in range(n)]}
    print(json.dumps(out))


for a in sys.argv[1:]:
    check(a)
