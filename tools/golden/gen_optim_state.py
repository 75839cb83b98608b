"""torch.optim's state_dict after three steps, for io.jgrad.nn.io.TorchOptimizerStateTest: the
per-parameter state (torch's key names, step included) and the param_groups, for SGD (nesterov),
Adam (amsgrad), AdamW, RMSprop (centered, momentum), Adagrad (lr_decay, initial accumulator) and
Adam with two parameter groups. float64 parameters p0 [3, 2], p1 [4]; the gradient at step t
(t = 0, 1, 2) is g = p * (0.3 + 0.1 t) - 0.2, computed the same way in the Java test.

Writes nn/src/test/resources/golden/optim_state.json. Run: /usr/bin/python3 tools/golden/gen_optim_state.py
"""
import json
import os

import torch

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "nn", "src", "test", "resources", "golden", "optim_state.json")
D = torch.float64


def init():
    return [torch.tensor([[0.5, -1.0], [1.5, 2.0], [-0.25, 0.75]], dtype=D, requires_grad=True),
            torch.tensor([1.0, -2.0, 0.5, 3.0], dtype=D, requires_grad=True)]


CONFIGS = {
    "sgd": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
    "adam": lambda ps: torch.optim.Adam(ps, lr=0.01, amsgrad=True, weight_decay=0.1),
    "adamw": lambda ps: torch.optim.AdamW(ps, lr=0.01),
    "rmsprop": lambda ps: torch.optim.RMSprop(ps, lr=0.01, centered=True, momentum=0.5),
    "adagrad": lambda ps: torch.optim.Adagrad(ps, lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1),
    "adam_groups": lambda ps: torch.optim.Adam([{"params": [ps[0]]}, {"params": [ps[1]], "lr": 0.001, "betas": (0.8, 0.99)}],
                                               lr=0.01),
}


def encode(v):
    if torch.is_tensor(v):
        return {"shape": list(v.shape), "data": v.detach().double().reshape(-1).tolist()}
    return v


cases = {}
for name, make in CONFIGS.items():
    ps = init()
    opt = make(ps)
    for t in range(3):
        for p in ps:
            p.grad = (p.detach() * (0.3 + 0.1 * t) - 0.2).clone()
        opt.step()
    sd = opt.state_dict()
    cases[name] = {
        "optimizer": type(opt).__name__,
        "state": {str(i): {k: encode(v) for k, v in s.items()} for i, s in sd["state"].items()},
        "param_groups": [{k: (list(v) if isinstance(v, tuple) else v) for k, v in g.items()} for g in sd["param_groups"]],
        "params": [p.detach().reshape(-1).tolist() for p in ps],
    }
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "generator": "gen_optim_state.py", "cases": cases}, f, indent=1)
    f.write("\n")
print("optim_state: %d cases -> %s" % (len(cases), os.path.relpath(OUT, ROOT)))
