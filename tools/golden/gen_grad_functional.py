"""Golden values for Autograd.vjp / jvp / hvp: torch.autograd.functional on small float64 functions.

Writes autograd/src/test/resources/golden/grad_functional.json (read by FunctionalGoldenTest).
Run with Debian's PyTorch: /usr/bin/python3 tools/golden/gen_grad_functional.py
Each function here has a Java twin of the same name in FunctionalGoldenTest.
"""
import json
import os

import torch
from torch.autograd.functional import hvp, jvp, vjp

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "autograd", "src", "test", "resources", "golden", "grad_functional.json")
SEED = 20261126


def enc(t):
    return {"shape": list(t.shape), "data": t.detach().contiguous().reshape(-1).tolist()}


def mlp_loss(x, y):
    """2-layer tanh MLP, mean squared error: the params are w1, b1, w2, b2."""
    def f(w1, b1, w2, b2):
        h = torch.tanh(x.matmul(w1) + b1)
        d = h.matmul(w2) + b2 - y
        return (d * d).mean()
    return f


def tanh_linear(x, w):
    return torch.tanh(x.matmul(w))


def exp_mul(a, b):
    return (a * b).exp()


def main():
    torch.manual_seed(SEED)
    d = torch.float64
    cases = []
    for batch, n_in, hidden, n_out in [(5, 3, 4, 2), (8, 6, 16, 3)]:
        x = torch.randn(batch, n_in, dtype=d)
        y = torch.randn(batch, n_out, dtype=d)
        params = (torch.randn(n_in, hidden, dtype=d) * 0.7, torch.randn(hidden, dtype=d) * 0.1,
                  torch.randn(hidden, n_out, dtype=d) * 0.7, torch.randn(n_out, dtype=d) * 0.1)
        v = tuple(torch.randn_like(p) for p in params)
        out, hv = hvp(mlp_loss(x, y), params, v)
        cases.append({"name": "hvp_mlp_%d_%d_%d_%d" % (batch, n_in, hidden, n_out), "kind": "hvp", "fn": "mlp_loss",
                      "consts": [enc(x), enc(y)], "inputs": [enc(p) for p in params], "v": [enc(t) for t in v],
                      "output": enc(out), "result": [enc(t) for t in hv]})
    for name, fn, inputs in [("tanh_linear", tanh_linear, (torch.randn(4, 3, dtype=d), torch.randn(3, 5, dtype=d))),
                             ("exp_mul", exp_mul, (torch.randn(3, 1, dtype=d) * 0.5, torch.randn(4, dtype=d) * 0.5))]:
        out = fn(*inputs)
        v = torch.randn_like(out)
        _, g = vjp(fn, inputs, v)
        cases.append({"name": "vjp_" + name, "kind": "vjp", "fn": name, "consts": [], "inputs": [enc(t) for t in inputs],
                      "v": [enc(v)], "output": enc(out), "result": [enc(t) for t in g]})
        t = tuple(torch.randn_like(i) for i in inputs)
        _, jt = jvp(fn, inputs, t)
        cases.append({"name": "jvp_" + name, "kind": "jvp", "fn": name, "consts": [], "inputs": [enc(i) for i in inputs],
                      "v": [enc(s) for s in t], "output": enc(out), "result": [enc(jt)]})
    with open(OUT, "w") as fh:
        json.dump({"torch": torch.__version__, "seed": SEED, "cases": cases}, fh)
    print("wrote", OUT, len(cases), "cases")


if __name__ == "__main__":
    main()
