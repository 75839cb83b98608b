"""Golden cases for the joining family: cat, stack, split, chunk, pad, flip, roll, repeat,
tril, triu.

Run: /usr/bin/python3 tools/golden/gen_joining.py  (writes golden/joining.json)
"""
import torch
import torch.nn.functional as F

from golden import Golden, Input

g = Golden("joining")
FLOATS = [torch.float32, torch.float64]
DTYPES = FLOATS + [torch.int64, torch.int32, torch.bool]


def rnd(shape, dtype=torch.float32):
    if dtype == torch.bool:
        return torch.rand(shape) > 0.5
    if dtype in (torch.int32, torch.int64):
        return torch.randint(-20, 20, shape, dtype=dtype)
    return torch.randn(shape, dtype=dtype)


# ---- cat ------------------------------------------------------------------------------------
for shapes, dim in [([[2], [3]], 0), ([[1], [1], [1]], 0), ([[2, 3], [4, 3]], 0), ([[2, 3], [2, 5], [2, 1]], 1),
                    ([[2, 3], [2, 0], [2, 4]], -1), ([[2, 3, 4], [2, 1, 4]], 1), ([[2, 3, 4], [2, 3, 4]], -3),
                    ([[2, 3, 4], [2, 3, 13]], 2), ([[0, 3], [0, 3]], 0), ([[7]], 0), ([[16], [17], [33]], 0)]:
    for dt in DTYPES:
        xs = [rnd(s, dt) for s in shapes]
        g.add("cat", xs, torch.cat(xs, dim), {"dim": dim})
# dtype promotion across inputs
for dts in [[torch.int32, torch.int64], [torch.float32, torch.float64], [torch.int64, torch.float32],
            [torch.bool, torch.int32], [torch.bool, torch.float64, torch.int64]]:
    xs = [rnd([2, 3], dt) for dt in dts]
    g.add("cat", xs, torch.cat(xs, 0), {"dim": 0})
# legacy: 1-D empty tensors are skipped (their dtype still promotes)
xs = [torch.randn(2, 3), torch.tensor([]), torch.randn(1, 3)]
g.add("cat", xs, torch.cat(xs, 0), {"dim": 0}, note="[0] skipped")
xs = [torch.tensor([], dtype=torch.float64), torch.randint(0, 5, (2, 2))]
g.add("cat", xs, torch.cat(xs, 1), {"dim": 1}, note="[0] skipped, still promotes")
xs = [torch.tensor([]), torch.tensor([])]
g.add("cat", xs, torch.cat(xs, 0), {"dim": 0})
# non-contiguous inputs
a, b = torch.randn(4, 3), torch.randn(5, 4)
g.add("cat", [Input(a, ["transpose", 0, 1]), Input(b, ["slice", 0, 0, 5, 2])], torch.cat([a.t(), b[::2]], 0), {"dim": 0})
c = torch.randn(3, 1)
g.add("cat", [Input(c, ["expand", [3, 4]]), Input(a, ["transpose", 0, 1])], torch.cat([c.expand(3, 4), a.t()], 1), {"dim": 1})
d = torch.randn(2, 3, 4)
e = torch.randn(1, 2, 3)
g.add("cat", [Input(d, ["permute", [2, 0, 1]]), e], torch.cat([d.permute(2, 0, 1), e], 0), {"dim": 0})

# ---- stack ----------------------------------------------------------------------------------
for shape, n, dim in [([3], 2, 0), ([3], 3, 1), ([3], 2, -1), ([1], 4, 0), ([], 3, 0), ([2, 3], 2, 0), ([2, 3], 3, 1),
                      ([2, 3], 2, 2), ([2, 3], 2, -3), ([2, 3, 4], 2, 3), ([0, 3], 3, 1), ([17], 2, 1)]:
    for dt in FLOATS + [torch.int64, torch.bool]:
        xs = [rnd(shape, dt) for _ in range(n)]
        g.add("stack", xs, torch.stack(xs, dim), {"dim": dim})
xs = [torch.randn(2, 3), torch.randint(0, 3, (2, 3))]
g.add("stack", xs, torch.stack(xs, 0), {"dim": 0})
a = torch.randn(3, 2)
bb = torch.randn(2, 3)
g.add("stack", [Input(a, ["transpose", 0, 1]), bb], torch.stack([a.t(), bb], 1), {"dim": 1})

# ---- split / chunk (pieces are outputs in order) ----------------------------------------------
for shape, size, dim in [([5], 2, 0), ([6], 3, 0), ([6], 6, 0), ([6], 10, 0), ([1], 1, 0), ([0], 0, 0), ([0], 2, 0),
                         ([5, 4], 2, 0), ([5, 4], 3, 1), ([2, 7, 3], 3, 1), ([2, 7, 3], 1, -1), ([33], 16, 0)]:
    x = torch.randn(shape)
    g.add("split", [x], list(torch.split(x, size, dim)), {"splitSize": size, "dim": dim})
for shape, sizes, dim in [([5], [2, 3], 0), ([5], [5], 0), ([5], [0, 5, 0], 0), ([4, 6], [1, 2, 3], 1),
                          ([4, 6], [4], 0), ([2, 7, 3], [3, 0, 4], -2)]:
    x = rnd(shape, torch.int64)
    g.add("splitSizes", [x], list(torch.split(x, sizes, dim)), {"sizes": sizes, "dim": dim})
x = torch.randn(6, 5)
g.add("split", [Input(x, ["transpose", 0, 1])], list(torch.split(x.t(), 2, 1)), {"splitSize": 2, "dim": 1})
for shape, chunks, dim in [([5], 2, 0), ([6], 4, 0), ([6], 3, 0), ([6], 6, 0), ([6], 10, 0), ([1], 3, 0), ([0], 3, 0),
                           ([5, 4], 3, 0), ([5, 4], 2, -1), ([2, 7, 3], 3, 1), ([17], 5, 0), ([97], 8, 0)]:
    x = torch.randn(shape)
    g.add("chunk", [x], list(torch.chunk(x, chunks, dim)), {"chunks": chunks, "dim": dim})
y = torch.randn(4, 6)
g.add("chunk", [Input(y, ["slice", 1, 0, 6, 2])], list(torch.chunk(y[:, ::2], 2, 1)), {"chunks": 2, "dim": 1})

# ---- pad --------------------------------------------------------------------------------------
for shape, pad in [([2, 3], [1, 2]), ([1, 2, 5], [2, 0]), ([1, 2, 5], [0, 3]), ([2, 3, 4], [1, 1, 2, 0]),
                   ([2, 2, 3, 4], [2, 1, 0, 3]), ([2, 2, 3, 4], [1, 1, 1, 1, 1, 1]), ([1, 2, 2, 3, 3], [1, 0, 2, 1, 0, 2]),
                   ([2, 3], [-1, 2]), ([2, 5], [-2, -1]), ([2, 3, 4], [1, -2, -1, 1]), ([2, 3], [0, 0]), ([0, 3], [1, 1]),
                   ([3, 16], [1, 0]), ([1], [3, 2])]:
    for dt in FLOATS + [torch.int64, torch.bool]:
        x = rnd(shape, dt)
        value = 0.0 if dt == torch.bool else -1.5
        val = value if dt.is_floating_point else (0 if dt == torch.bool else -1)
        g.add("pad", [x], F.pad(x, pad, "constant", val), {"pad": pad, "mode": "CONSTANT", "value": val})
x = torch.randn(2, 3)
g.add("pad", [x], F.pad(x, [2, 1, 1, 1], value=7.25), {"pad": [2, 1, 1, 1], "mode": "CONSTANT", "value": 7.25})
g.add("pad", [x], F.pad(x, [-3, 0]), {"pad": [-3, 0], "mode": "CONSTANT", "value": 0.0}, note="all cropped")
g.add("pad", [torch.tensor(2.5)], F.pad(torch.tensor(2.5), []), {"pad": [], "mode": "CONSTANT", "value": 0.0})
x = torch.arange(6).reshape(2, 3)
g.add("pad", [x], F.pad(x, [1, 0], value=1.5), {"pad": [1, 0], "mode": "CONSTANT", "value": 1.5}, note="value truncates")

# reflect / replicate / circular: 1-D padding of 2-D/3-D, 2-D of 3-D/4-D, 3-D of 4-D/5-D inputs
modes = {"REFLECT": "reflect", "REPLICATE": "replicate", "CIRCULAR": "circular"}
for shape, pad in [([2, 5], [2, 1]), ([1, 3, 5], [4, 4]), ([2, 3, 4], [0, 3]), ([2, 4, 5], [1, 2, 3, 0]),
                   ([1, 2, 4, 5], [2, 2, 1, 3]), ([1, 2, 3, 4], [0, 0, 2, 2]), ([1, 2, 3, 4, 5], [1, 2, 2, 1, 0, 2]),
                   ([2, 3, 3, 4], [1, 1, 1, 1, 1, 1]), ([2, 17], [5, 7]), ([1, 1, 1], [0, 0])]:
    for mode, tmode in modes.items():
        if mode == "REFLECT" and any(p >= s for p, s in zip(pad[0::2] + pad[1::2], 2 * list(reversed(shape[-len(pad) // 2:])))):
            continue
        for dt in FLOATS:
            if mode == "REPLICATE" and len(pad) == 6 and len(shape) == 4:
                continue  # torch 1.13 lacks unbatched 3-D replicate padding
            x = rnd(shape, dt)
            try:
                y = F.pad(x, pad, tmode)
            except (RuntimeError, NotImplementedError):
                continue
            g.add("pad", [x], y, {"pad": pad, "mode": mode, "value": 0.0})
# negative padding in the non-constant modes: crop first, then pad the cropped tensor
for mode, tmode in modes.items():
    for pad in [[-1, 1], [2, -1], [-1, -1]]:
        x = torch.randn(1, 2, 6)
        g.add("pad", [x], F.pad(x, pad, tmode), {"pad": pad, "mode": mode, "value": 0.0})
    x = torch.randn(1, 2, 5, 6)
    g.add("pad", [Input(x, ["transpose", 2, 3])], F.pad(x.transpose(2, 3), [1, 2, 2, 1], tmode),
          {"pad": [1, 2, 2, 1], "mode": mode, "value": 0.0})
x = torch.randn(3, 4, 6)
g.add("pad", [Input(x, ["slice", 2, 0, 6, 2])], F.pad(x[:, :, ::2], [1, 1, 2, 0], value=3.0),
      {"pad": [1, 1, 2, 0], "mode": "CONSTANT", "value": 3.0})

# ---- flip / roll ------------------------------------------------------------------------------
for shape, dims in [([5], [0]), ([1], [0]), ([0], [0]), ([3, 5], [0]), ([3, 5], [1]), ([3, 5], [0, 1]), ([3, 5], [-1]),
                    ([2, 3, 4], [0, 2]), ([2, 3, 4], [1]), ([2, 3, 4], []), ([17], [0]), ([], [0])]:
    for dt in FLOATS + [torch.int64, torch.bool]:
        x = rnd(shape, dt)
        g.add("flip", [x], torch.flip(x, dims), {"dims": dims})
x = torch.randn(4, 5)
g.add("flip", [Input(x, ["transpose", 0, 1])], torch.flip(x.t(), [0, 1]), {"dims": [0, 1]})
g.add("flip", [Input(x, ["slice", 1, 1, 5, 2])], torch.flip(x[:, 1::2], [1]), {"dims": [1]})
for shape, shifts, dims in [([5], [2], [0]), ([5], [-7], [0]), ([5], [5], [0]), ([1], [3], [0]), ([0], [1], [0]),
                            ([3, 5], [1], [0]), ([3, 5], [2, -1], [1, 0]), ([3, 5], [1, 1], [1, 1]), ([3, 5], [4], []),
                            ([2, 3, 4], [-1, 2], [2, 0]), ([2, 3, 4], [7], []), ([17], [16], [0]), ([], [1], [])]:
    for dt in FLOATS + [torch.int64]:
        x = rnd(shape, dt)
        g.add("roll", [x], torch.roll(x, shifts, dims), {"shifts": shifts, "dims": dims})
g.add("roll", [Input(x := torch.randn(4, 5), ["transpose", 0, 1])], torch.roll(x.t(), [2, 1], [0, 1]),
      {"shifts": [2, 1], "dims": [0, 1]})
g.add("roll", [Input(x, ["slice", 1, 0, 5, 2])], torch.roll(x[:, ::2], [3], []), {"shifts": [3], "dims": []})

# ---- repeat ----------------------------------------------------------------------------------
for shape, reps in [([3], [2]), ([3], [2, 2]), ([1], [4]), ([2, 3], [1, 1]), ([2, 3], [2, 3]), ([2, 3], [0, 2]),
                    ([2, 3], [2, 1, 2]), ([2, 1, 3], [1, 4, 1]), ([], [2, 3]), ([], []), ([0, 2], [3, 1]), ([17], [3])]:
    for dt in FLOATS + [torch.int64, torch.bool]:
        x = rnd(shape, dt)
        g.add("repeat", [x], x.repeat(*reps) if reps else x.repeat(()), {"repeats": reps})
x = torch.randn(3, 4)
g.add("repeat", [Input(x, ["transpose", 0, 1])], x.t().repeat(2, 1, 3), {"repeats": [2, 1, 3]})
c = torch.randn(1, 3)
g.add("repeat", [Input(c, ["expand", [2, 3]])], c.expand(2, 3).repeat(2, 2), {"repeats": [2, 2]})

# ---- tril / triu -----------------------------------------------------------------------------
for shape in [[3, 3], [3, 5], [5, 3], [1, 1], [0, 3], [2, 3, 4], [2, 2, 4, 4], [17, 17]]:
    for diag in [0, 1, -1, 2, -4, 10]:
        for dt in FLOATS + [torch.int64, torch.bool]:
            if dt != torch.float32 and diag not in (0, -1):
                continue
            x = rnd(shape, dt)
            g.add("tril", [x], torch.tril(x, diag), {"diagonal": diag})
            g.add("triu", [x], torch.triu(x, diag), {"diagonal": diag})
x = torch.randn(4, 5, 3)
g.add("tril", [Input(x, ["transpose", 0, 2])], torch.tril(x.transpose(0, 2), 1), {"diagonal": 1})
g.add("triu", [Input(x, ["slice", 1, 0, 5, 2])], torch.triu(x[:, ::2], 0), {"diagonal": 0})
x = torch.tensor([[float("nan"), 1.0], [float("inf"), -0.0]])
g.add("triu", [x], torch.triu(x), {"diagonal": 0})
g.add("tril", [x], torch.tril(x), {"diagonal": 0})

g.write()
