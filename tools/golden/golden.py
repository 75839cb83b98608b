"""Shared writer for jgrad's golden files.

Each family script (gen_<family>.py) builds cases with PyTorch and writes
tensor/src/test/resources/golden/<family>.json. A case is an op name, its inputs, its
keyword arguments and its expected outputs. Inputs may be non-contiguous: an input is
stored as its contiguous base plus a list of view steps that Java replays
(transpose, slice, expand, permute), so both sides compute on the same strided view.

Run with Debian's PyTorch: /usr/bin/python3 tools/golden/gen_<family>.py
"""
import json
import math
import os
import sys

import torch

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(ROOT, "tensor", "src", "test", "resources", "golden")

DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.int32: "int32",
          torch.int64: "int64", torch.bool: "bool"}


def _values(t):
    t = t.detach().contiguous().reshape(-1)
    if t.dtype == torch.bool:
        return [1 if v else 0 for v in t.tolist()]
    vals = t.tolist()
    if t.dtype.is_floating_point:
        return [v if math.isfinite(v) else ("NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity"))
                for v in vals]
    return vals


def encode(t):
    return {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data": _values(t)}


class Input:
    """A tensor input: a contiguous base and view steps replayed on both sides."""

    def __init__(self, base, *steps):
        self.base = base.contiguous()
        self.steps = [list(s) for s in steps]

    def tensor(self):
        t = self.base
        for s in self.steps:
            kind = s[0]
            if kind == "transpose":
                t = t.transpose(s[1], s[2])
            elif kind == "slice":
                dim, start, end, step = s[1:]
                idx = [slice(None)] * t.dim()
                idx[dim] = slice(start, end, step)
                t = t[tuple(idx)]
            elif kind == "expand":
                t = t.expand(*s[1])
            elif kind == "permute":
                t = t.permute(*s[1])
            else:
                raise ValueError("unknown view step " + kind)
        return t

    def encode(self):
        d = encode(self.base)
        if self.steps:
            d["view"] = self.steps
        return d


class Golden:
    def __init__(self, family, seed=20261126):
        self.family = family
        self.cases = []
        torch.manual_seed(seed)
        self.seed = seed

    def add(self, op, inputs, outputs, args=None, note=None):
        """inputs: list of Input or tensors; outputs: list of tensors (or one)."""
        ins = [i if isinstance(i, Input) else Input(i) for i in inputs]
        if not isinstance(outputs, (list, tuple)):
            outputs = [outputs]
        case = {"id": "%s#%d" % (op, len(self.cases)), "op": op, "args": args or {},
                "inputs": [i.encode() for i in ins], "outputs": [encode(o) for o in outputs]}
        if note:
            case["note"] = note
        self.cases.append(case)

    def inputs(self, *ins):
        return [i if isinstance(i, Input) else Input(i) for i in ins]

    def write(self):
        os.makedirs(OUT_DIR, exist_ok=True)
        path = os.path.join(OUT_DIR, self.family + ".json")
        doc = {"family": self.family, "torch": torch.__version__, "seed": self.seed,
               "generator": os.path.basename(sys.argv[0]), "cases": self.cases}
        with open(path, "w") as f:
            json.dump(doc, f, separators=(",", ":"))
            f.write("\n")
        print("%s: %d cases -> %s" % (self.family, len(self.cases), os.path.relpath(path, ROOT)))


# Shapes every family sweeps: 0-size, 1 element, vector-width tails (16 floats per AVX-512
# vector: 15, 16, 17), a prime, and 2-D/3-D shapes.
TAIL_SIZES = [0, 1, 7, 15, 16, 17, 31, 33, 97]
SHAPES = [[0], [1], [7], [15], [16], [17], [33], [97], [3, 5], [2, 3, 4], [4, 1, 6], [0, 3]]


def _apply_steps(t, steps):
    return Input(t, *steps).tensor() if steps else t


class GradGolden(Golden):
    """Golden gradients: for each case, the output, the gradient of out.sum(), the gradient of a
    random weighted sum (out * w).sum(), and optionally a double-backward value: the gradient of
    sum_i <g_i, v_i> where g_i are the weighted-sum gradients computed with create_graph=True.

    Leaves are the contiguous *bases* of the inputs (view steps are replayed after requires_grad),
    so gradients flow through the recorded views exactly as in Java.

    Outputs, in order: out, w, g_sum[k] for each differentiated input k, g_w[k] ..., and when
    double=True: v[k] ..., gg[k] ... (a missing gradient is written as zeros).
    """

    def add_grad(self, op, inputs, fn, args=None, diff=None, double=False, note=None):
        ins = [i if isinstance(i, Input) else Input(i) for i in inputs]
        args = dict(args or {})
        leaves, idx, ts = [], [], []
        for k, i in enumerate(ins):
            b = i.base.detach().clone()
            if b.dtype.is_floating_point and (diff is None or k in diff):
                b.requires_grad_(True)
                leaves.append(b)
                idx.append(k)
            ts.append(_apply_steps(b, i.steps))
        out = fn(*ts)
        if not leaves:
            raise ValueError(op + ": nothing to differentiate")

        def grads(y, create=False):
            gs = torch.autograd.grad(y, leaves, allow_unused=True, retain_graph=True, create_graph=create)
            return [torch.zeros_like(l) if g is None else g for g, l in zip(gs, leaves)]

        g_sum = grads(out.sum())
        w = torch.randn(out.shape, dtype=out.dtype)
        g_w = grads((out * w).sum(), create=double)
        outputs = [out.detach(), w] + [g.detach() for g in g_sum] + [g.detach() for g in g_w]
        if double:
            vs = [torch.randn(g.shape, dtype=g.dtype) for g in g_w]
            total = sum((g * v).sum() for g, v in zip(g_w, vs) if g.requires_grad)
            gg = grads(total) if torch.is_tensor(total) and total.requires_grad else [torch.zeros_like(l) for l in leaves]
            outputs += vs + [g.detach() for g in gg]
        args["grad"] = {"diff": idx, "double": bool(double)}
        self.add(op, ins, outputs, args, note)
