"""Golden cases for the tensor core: views, creation, casts (core.json) and dtype promotion
(promotion.json). Run: /usr/bin/python3 tools/golden/gen_core.py

View cases record two outputs: the result and an int64 "meta" tensor [*strides, offset]
(offset relative to the input's storage offset), plus args["shares"]: whether torch's result
shares the input's storage. Cases where torch raises record args["error"] = True and no
outputs; Java must throw IllegalArgumentException there.
"""
import math

import torch

from golden import Golden, Input

g = Golden("core")


def meta(x, y):
    return torch.tensor(list(y.stride()) + [y.storage_offset() - x.storage_offset()], dtype=torch.int64)


def view_case(op, inp, args, fn):
    x = inp.tensor() if isinstance(inp, Input) else inp
    try:
        y = fn(x)
    except (RuntimeError, IndexError, ValueError):
        g.add(op, [inp], [], dict(args, error=True))
        return
    if y.numel() > 0 and x.numel() > 0:
        shares = y.storage().data_ptr() == x.storage().data_ptr()
        g.add(op, [inp], [y, meta(x, y)], dict(args, shares=bool(shares)))
    else:
        g.add(op, [inp], [y], args)  # strides of empty results are arbitrary; only values/shape compared


def ar(*shape, dtype=torch.float32):
    n = 1
    for s in shape:
        n *= s
    return torch.arange(n, dtype=torch.float64).reshape(shape).to(dtype)


# ---- inputs: contiguous, transposed, sliced with steps, expanded, permuted, 0-size, 0-dim ----
INPUTS = [
    Input(ar(2, 3, 4)),
    Input(ar(3, 4), ("transpose", 0, 1)),
    Input(ar(3, 4), ("slice", 1, None, None, 2)),
    Input(ar(4, 6), ("slice", 0, None, None, 2)),
    Input(ar(2, 3, 4), ("permute", [2, 0, 1])),
    Input(ar(1, 4), ("expand", [3, 4])),
    Input(ar(6, 1), ("expand", [6, 2])),
    Input(ar(2, 6, 2), ("slice", 1, 1, 5, None)),
    Input(ar(24, dtype=torch.int64)),
    Input(ar(0, 3)),
    Input(torch.tensor(7.0)),
    Input(ar(1, 1, 1, dtype=torch.float64)),
]

VIEW_SHAPES = {24: [[24], [-1], [6, 4], [4, -1, 2], [2, 12], [24, 1], [1, 24], [2, 3, 4], [4, 3, 2], [3, 2, 4]],
               12: [[12], [-1], [4, 3], [3, 4], [2, 6], [2, 2, 3], [12, 1], [1, -1, 1], [6, 2]],
               6: [[6], [-1], [2, 3], [3, 2], [6, 1], [1, 6]],
               16: [[16], [-1], [4, 4], [2, 8], [2, 4, 2], [8, 2], [16, 1]],
               20: [[20], [-1], [4, 5], [2, 10], [5, 2, 2]],
               0: [[0], [-1], [3, 0], [0, 1, 3], [-1, 3]],
               1: [[1], [], [1, 1], [-1], [1, -1, 1]]}

for inp in INPUTS:
    n = inp.tensor().numel()
    for shape in VIEW_SHAPES[n]:
        view_case("view", inp, {"shape": shape}, lambda x, s=shape: x.view(s))
        view_case("reshape", inp, {"shape": shape}, lambda x, s=shape: x.reshape(s))

# ---- permute / transpose / t / movedim ----
P3 = Input(ar(2, 3, 4))
T3 = Input(ar(3, 4, 2), ("permute", [2, 0, 1]))
for inp in [P3, T3]:
    for perm in [[0, 1, 2], [2, 0, 1], [1, 0, 2], [-1, 0, 1], [2, 1, 0]]:
        view_case("permute", inp, {"dims": perm}, lambda x, p=perm: x.permute(p))
    for a, b in [(0, 1), (0, 2), (-1, 0), (1, 1), (2, -2)]:
        view_case("transpose", inp, {"dim0": a, "dim1": b}, lambda x, a=a, b=b: x.transpose(a, b))
    for s, d in [(0, 2), (2, 0), (1, -1), (-1, 1), (0, 0)]:
        view_case("movedim", inp, {"source": s, "destination": d}, lambda x, s=s, d=d: x.movedim(s, d))
view_case("permute", Input(torch.tensor(3.0)), {"dims": []}, lambda x: x.permute([]))
view_case("transpose", Input(torch.tensor(3.0)), {"dim0": 0, "dim1": -1}, lambda x: x.transpose(0, -1))
for inp in [Input(ar(3, 4)), Input(ar(5)), Input(torch.tensor(2.0)), Input(ar(4, 3), ("slice", 0, None, None, 2)),
            Input(ar(0, 2))]:
    view_case("t", inp, {}, lambda x: x.t())

# ---- expand ----
for inp, shape in [(Input(ar(3)), [2, 3]), (Input(ar(3)), [1, 3]), (Input(ar(3)), [2, 1, 3]), (Input(ar(3, 1)), [3, 4]),
                   (Input(ar(3, 1)), [-1, 4]), (Input(ar(3, 1)), [2, -1, 5]), (Input(ar(1, 1)), [4, 0]),
                   (Input(torch.tensor(5.0)), [2, 2]), (Input(torch.tensor(5.0)), [1]), (Input(torch.tensor(5.0)), []),
                   (Input(ar(4, 3), ("transpose", 0, 1)), [2, 3, 4]), (Input(ar(2, 1), ("slice", 0, None, None, 2)), [1, 5]),
                   (Input(ar(3)), [3]), (Input(ar(1, 3)), [1, 1, 3]), (Input(ar(3)), [-1])]:
    view_case("expand", inp, {"shape": shape}, lambda x, s=shape: x.expand(s))

# ---- narrow / slice / select ----
N = Input(ar(5, 6))
NT = Input(ar(6, 5), ("transpose", 0, 1))
for inp in [N, NT]:
    for dim, start, length in [(0, 0, 5), (0, 1, 3), (1, 2, 4), (-1, 5, 1), (1, 6, 0), (0, -2, 2), (1, -6, 3)]:
        view_case("narrow", inp, {"dim": dim, "start": start, "length": length},
                  lambda x, d=dim, s=start, n=length: x.narrow(d, s, n))
    for dim, start, end, step in [(0, 0, 5, 1), (0, 1, 4, 2), (1, 0, 6, 4), (1, -3, 100, 1), (1, -100, 3, 2),
                                  (0, 3, 1, 1), (1, 2, 2, 1), (0, 4, 5, 7), (1, -1, -100, 1), (1, 7, 9, 1),
                                  (-1, 1, -1, 3), (0, -5, -1, 2)]:
        def sl(x, dim=dim, start=start, end=end, step=step):
            idx = [slice(None)] * x.dim()
            idx[dim] = slice(start, end, step)
            return x[tuple(idx)]
        view_case("slice", inp, {"dim": dim, "start": start, "end": end, "step": step}, sl)
    for dim, index in [(0, 0), (0, 4), (1, -1), (-1, 2), (0, -5)]:
        view_case("select", inp, {"dim": dim, "index": index}, lambda x, d=dim, i=index: x.select(d, i))
view_case("select", Input(ar(4)), {"dim": 0, "index": 3}, lambda x: x.select(0, 3))

# ---- squeeze / unsqueeze ----
SQ = [Input(ar(1, 3, 1, 2)), Input(ar(2, 1, 3), ("permute", [2, 1, 0])), Input(torch.tensor(1.5)), Input(ar(1)),
      Input(ar(0, 1, 2))]
for inp in SQ:
    view_case("squeeze", inp, {}, lambda x: x.squeeze())
    r = inp.tensor().dim()
    for d in sorted({0, -1, r - 1 if r > 0 else 0, 1 if r > 1 else 0}):
        view_case("squeeze_dim", inp, {"dim": d}, lambda x, d=d: x.squeeze(d))
    for d in sorted({0, -1, r, -(r + 1)}):
        view_case("unsqueeze", inp, {"dim": d}, lambda x, d=d: x.unsqueeze(d))

# ---- flatten / unflatten ----
for inp in [Input(ar(2, 3, 4)), Input(ar(2, 3, 4), ("transpose", 0, 2)), Input(ar(2, 3, 4), ("slice", 2, None, None, 2)),
            Input(torch.tensor(4.0)), Input(ar(2, 0, 3))]:
    r = max(inp.tensor().dim(), 1)
    for a, b in [(0, -1), (1, 2), (0, 1), (1, 1), (-2, -1)]:
        if -r <= a < r and -r <= b < r:
            view_case("flatten", inp, {"start": a, "end": b}, lambda x, a=a, b=b: x.flatten(a, b))
for inp, dim, sizes in [(Input(ar(2, 12)), 1, [3, 4]), (Input(ar(2, 12)), 1, [-1, 2, 3]), (Input(ar(6, 2)), 0, [2, 3]),
                        (Input(ar(6, 2)), -1, [2, 1]), (Input(ar(4, 6), ("transpose", 0, 1)), 0, [2, 3]),
                        (Input(ar(4, 6), ("transpose", 0, 1)), 1, [2, -1]), (Input(ar(0, 4)), 1, [2, 2])]:
    view_case("unflatten", inp, {"dim": dim, "sizes": sizes}, lambda x, d=dim, s=sizes: x.unflatten(d, s))

# ---- unfold: sliding windows incl. step > size, size == dim, size 0 ----
for inp in [Input(ar(7)), Input(ar(3, 8)), Input(ar(8, 3), ("transpose", 0, 1)), Input(torch.tensor(2.0))]:
    sizes = [(0, 1, 1), (0, 1, 2)] if inp.tensor().dim() == 0 else \
        [(-1, 2, 1), (-1, 3, 2), (-1, 2, 5), (-1, inp.tensor().shape[-1], 1), (-1, 0, 1), (0, 1, 1), (-1, 1, 3)]
    for dim, size, step in sizes:
        view_case("unfold", inp, {"dim": dim, "size": size, "step": step},
                  lambda x, d=dim, s=size, st=step: x.unfold(d, s, st))

# ---- contiguous ----
for inp in [Input(ar(3, 4)), Input(ar(3, 4), ("transpose", 0, 1)), Input(ar(1, 4), ("expand", [3, 4])),
            Input(ar(6), ("slice", 0, 1, None, 2)), Input(ar(2, 3, 4), ("permute", [1, 2, 0]))]:
    view_case("contiguous", inp, {}, lambda x: x.contiguous())

# ---- creation ----
DT = {"float32": torch.float32, "float64": torch.float64, "int32": torch.int32, "int64": torch.int64, "bool": torch.bool}
for start, end, step in [(0, 5, 1), (0, 1, 0.1), (1, 10, 3), (5, 0, -1), (0, 1, 0.3), (-2.5, 2.5, 0.5), (0, 0, 1),
                         (3, 3.5, 0.25), (10, -10, -3), (0, 10, 2.5), (0.5, 3, 1), (1e-3, 1e-2, 1e-3), (0, 97, 1)]:
    args = {"start": start, "end": end, "step": step}
    g.add("arange", [], [torch.arange(start, end, step)], args)
    # With an integer dtype torch truncates start/end/step first (int64; int32 is inconsistent
    # in torch 1.13, so only int64 is pinned here).
    for name in ["float64", "int64"]:
        try:
            g.add("arange", [], [torch.arange(start, end, step, dtype=DT[name])], dict(args, dtype=name))
        except RuntimeError:
            g.add("arange", [], [], dict(args, dtype=name, error=True))
for end in [0, 1, 7, 17]:
    g.add("arange_end", [], [torch.arange(end)], {"end": end})
for start, end, steps in [(0, 1, 0), (0, 1, 1), (0, 1, 2), (0, 1, 5), (-3, 10, 7), (2, -2, 9), (0, 1, 33),
                          (1e-3, 1e3, 11), (5, 5, 4)]:
    for name, dt in [("float32", torch.float32), ("float64", torch.float64), ("int64", torch.int64)]:
        g.add("linspace", [], [torch.linspace(start, end, steps, dtype=dt)],
              {"start": start, "end": end, "steps": steps, "dtype": name})
for n, m in [(0, 0), (1, 1), (3, 3), (2, 5), (5, 2), (4, 0)]:
    for name, dt in [("float32", torch.float32), ("int64", torch.int64), ("bool", torch.bool)]:
        g.add("eye", [], [torch.eye(n, m, dtype=dt)], {"n": n, "m": m, "dtype": name})
for name, dt in DT.items():
    for shape in [[0], [3], [2, 3], [], [2, 0, 2]]:
        g.add("zeros", [], [torch.zeros(shape, dtype=dt)], {"shape": shape, "dtype": name})
        g.add("ones", [], [torch.ones(shape, dtype=dt)], {"shape": shape, "dtype": name})
    for value in [2.7, -2.7, 0.0, 1e9]:
        g.add("full", [], [torch.full([2, 3], value, dtype=dt)], {"shape": [2, 3], "value": value, "dtype": name})
g.add("full", [], [], {"shape": [2], "value": 3e9, "dtype": "int32", "error": True})
g.add("full", [], [], {"shape": [2], "value": float("nan"), "dtype": "int64", "error": True})
g.add("full", [], [torch.full([2], float("nan"))], {"shape": [2], "value": float("nan"), "dtype": "float32"})
for shape in [[6], [2, 3], [3, 2], [1, 6, 1], [6, 1]]:
    g.add("from_array", [ar(6)], [ar(6).reshape(shape)], {"shape": shape})
g.add("from_array", [ar(0)], [ar(0).reshape(0, 5)], {"shape": [0, 5]})
g.add("from_array", [ar(1)], [ar(1).reshape([])], {"shape": []})

# ---- casts: Tensor.to(dtype) vs torch's .to() ----
# NaN/inf/out-of-range float -> int is implementation-defined in C++ (torch on x86 gives the
# minimum value); those elements are cast in separate "to_undefined" cases, Java matches x86.
FLOATS = [0.0, -0.0, 0.4, -0.4, 0.5, -0.5, 1.5, -1.5, 2.7, -2.7, 255.9, -1e-30, 65504.0, 16777217.0, 2147483520.0,
          -2147483648.0, 1e10, -1e10, 3e9, 9.007199254740993e15]
SPECIAL = [float("nan"), float("inf"), float("-inf")]
INTS = [0, 1, -1, 2, 127, 255, 256, -129, 2147483647, -2147483648, 2147483648, 4294967297, -4294967297,
        9007199254740993, -9223372036854775808, 9223372036854775807, 16777217]


def int32_ok(v):
    return -2147483649 < v < 2147483648


def int64_ok(v):
    return -2.0 ** 63 <= v < 2.0 ** 63


for src in ["float32", "float64"]:
    base = torch.tensor(FLOATS, dtype=DT[src])
    for dst in DT:
        if dst == src:
            continue
        if dst in ("int32", "int64"):
            ok = int32_ok if dst == "int32" else int64_ok
            keep = [v for v in base.tolist() if ok(v)]
            bad = [v for v in base.tolist() if not ok(v)] + SPECIAL
            x = torch.tensor(keep, dtype=DT[src])
            g.add("to", [x], [x.to(DT[dst])], {"dtype": dst})
            xb = torch.tensor(bad, dtype=DT[src])
            g.add("to_undefined", [xb], [xb.to(DT[dst])], {"dtype": dst})
        else:
            x = torch.tensor(FLOATS + SPECIAL, dtype=DT[src])
            g.add("to", [x], [x.to(DT[dst])], {"dtype": dst})
for src in ["int32", "int64"]:
    vals = [v for v in INTS if src == "int64" or -2 ** 31 <= v < 2 ** 31]
    x = torch.tensor(vals, dtype=DT[src])
    for dst in DT:
        if dst != src:
            g.add("to", [x], [x.to(DT[dst])], {"dtype": dst})
xb = torch.tensor([True, False, True, True])
for dst in DT:
    if dst != "bool":
        g.add("to", [xb], [xb.to(DT[dst])], {"dtype": dst})
# Non-contiguous sources and the identity cast.
g.add("to", [Input(ar(3, 4) - 5.5, ("transpose", 0, 1))], [(ar(3, 4) - 5.5).t().to(torch.int32)], {"dtype": "int32"})
g.add("to", [Input(ar(1, 5) * 0.75, ("expand", [3, 5]))], [(ar(1, 5) * 0.75).expand(3, 5).to(torch.int64)],
      {"dtype": "int64"})
g.add("to", [Input(ar(5, 4), ("slice", 0, None, None, 2))], [ar(5, 4)[::2]], {"dtype": "float32"})
g.write()

# ---- promotion: torch.result_type over dtype pairs x {dimensioned, 0-dim, Python scalar} ----
p = Golden("promotion")


def sample(dt, zero_dim):
    return torch.ones([] if zero_dim else [2], dtype=DT[dt])


for a in DT:
    for b in DT:
        for za in (False, True):
            for zb in (False, True):
                x, y = sample(a, za), sample(b, zb)
                r = torch.result_type(x, y)
                p.add("result_type", [x, y], [torch.zeros(1, dtype=r)])
for a in DT:
    for za in (False, True):
        x = sample(a, za)
        for kind, s in [("int", 2), ("float", 2.5), ("bool", True)]:
            r = torch.result_type(x, s)
            p.add("result_type_scalar", [x], [torch.zeros(1, dtype=r)], {"scalar": kind})
p.write()
