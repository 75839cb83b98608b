"""Golden cases for the indexing and sorting families (gather, scatter, indexSelect, indexAdd,
masked ops, take, nonzero, oneHot, sort, argsort, topk, kthvalue, median).

Run: /usr/bin/python3 tools/golden/gen_indexing.py  (writes golden/indexing.json)

Where PyTorch leaves the index of a tied value unspecified (topk, kthvalue, median), a case
with ties records the values twice and carries "ties": true; the Java test then returns the
values and x.gather(indices) instead of the indices.
"""
import torch
import torch.nn.functional as F

from golden import Golden, Input, SHAPES

g = Golden("indexing")
FLOATS = [torch.float32, torch.float64]


def rnd(shape, dtype=torch.float32):
    if dtype == torch.bool:
        return torch.rand(shape) > 0.5
    if dtype in (torch.int32, torch.int64):
        return torch.randint(-20, 20, shape, dtype=dtype)
    return torch.randn(shape, dtype=dtype)


def ties(shape, dtype=torch.float32):
    """Small integers so rows hold repeated values."""
    if dtype == torch.bool:
        return torch.rand(shape) > 0.5
    return torch.randint(-3, 4, shape).to(dtype)


def has_ties(x, dim):
    if x.dim() == 0 or x.numel() == 0:
        return False
    s, _ = torch.sort(x, dim)
    n = s.size(dim)
    if n < 2:
        return False
    a, b = s.narrow(dim, 0, n - 1), s.narrow(dim, 1, n - 1)
    return bool(((a == b) | (a.isnan() & b.isnan())).any())


def index_for(shape, dim, size):
    return torch.randint(0, max(size, 1), shape, dtype=torch.int64) if size > 0 else torch.zeros(shape, dtype=torch.int64)


# ---- gather -------------------------------------------------------------------------------
for shape, dim, ishape in [([5], 0, [3]), ([5], 0, [8]), ([1], 0, [1]), ([3, 5], 1, [3, 4]), ([3, 5], 0, [6, 5]),
                           ([3, 5], -1, [2, 7]), ([2, 3, 4], 1, [2, 5, 4]), ([2, 3, 4], 2, [1, 2, 3]),
                           ([2, 3, 4], -3, [4, 3, 4]), ([0, 3], 1, [0, 2]), ([3, 4], 0, [0, 4]), ([4, 17], 1, [4, 33]),
                           ([], 0, [])]:
    for dt in FLOATS + [torch.int64]:
        x = rnd(shape, dt)
        size = x.size(dim) if x.dim() else 1
        idx = index_for(ishape, dim, size)
        g.add("gather", [x, idx], torch.gather(x, dim, idx), {"dim": dim})
for dt in [torch.int32, torch.bool]:
    x = rnd([3, 5], dt)
    idx = index_for([3, 6], 1, 5)
    g.add("gather", [x, idx], torch.gather(x, 1, idx), {"dim": 1})
# non-contiguous input and index
x = torch.randn(5, 4)
idx = torch.randint(0, 5, (4, 3))
g.add("gather", [Input(x, ["transpose", 0, 1]), idx], torch.gather(x.t(), 1, idx), {"dim": 1})
idx = torch.randint(0, 4, (6, 3))
g.add("gather", [Input(x, ["slice", 0, 0, 5, 2]), Input(idx, ["slice", 0, 1, 6, 2])],
      torch.gather(x[0:5:2], 1, idx[1:6:2]), {"dim": 1})
x = torch.randn(2, 3, 4)
idx = torch.randint(0, 3, (4, 2, 2))
g.add("gather", [Input(x, ["permute", [2, 0, 1]]), Input(idx, ["transpose", 1, 2])],
      torch.gather(x.permute(2, 0, 1), 2, idx.transpose(1, 2)), {"dim": 2})
idx = torch.randint(0, 4, (1, 3))
g.add("gather", [x[0].t().contiguous(), Input(idx, ["expand", [4, 3]])], torch.gather(x[0].t(), 0, idx.expand(4, 3)),
      {"dim": 0})
x = torch.tensor([[1.0, float("nan"), float("inf")], [-float("inf"), -0.0, 2.0]])
idx = torch.tensor([[2, 1, 0, 1], [0, 1, 2, 2]])
g.add("gather", [x, idx], torch.gather(x, 1, idx), {"dim": 1})

# ---- scatter (unique indices per line: SET order is then unambiguous) ------------------------
def unique_index(shape, dim, size):
    """An index of `shape` whose lines along dim hold distinct values < size."""
    if len(shape) == 0:
        return torch.tensor(0)
    n = shape[dim]
    moved = list(shape)
    del moved[dim]
    lines = 1
    for s in moved:
        lines *= s
    rows = torch.stack([torch.randperm(size)[:n] for _ in range(lines)]) if lines > 0 else torch.zeros(0, n, dtype=torch.int64)
    return rows.reshape(moved + [n]).movedim(-1, dim).contiguous()


for shape, dim, ishape in [([5], 0, [3]), ([1], 0, [1]), ([3, 5], 1, [3, 4]), ([4, 3], 0, [3, 2]),
                           ([3, 5], -1, [2, 5]), ([2, 3, 4], 1, [2, 2, 3]), ([2, 3, 4], 0, [2, 3, 4]),
                           ([0, 3], 1, [0, 2]), ([4, 17], 1, [3, 16]), ([], 0, [])]:
    for dt in FLOATS + [torch.int64]:
        x = rnd(shape, dt)
        size = x.size(dim) if x.dim() else 1
        idx = unique_index(ishape, dim, size)
        src = rnd([s + 1 for s in ishape] if ishape else [], dt)
        g.add("scatter", [x, idx, src], x.scatter(dim, idx, src), {"dim": dim})
        g.add("scatterValue", [x, idx], x.scatter(dim, idx, 2.5), {"dim": dim, "value": 2.5})
x = rnd([3, 5], torch.bool)
idx = unique_index([3, 2], 1, 5)
src = rnd([3, 2], torch.bool)
g.add("scatter", [x, idx, src], x.scatter(1, idx, src), {"dim": 1})
x = torch.randn(5, 4)
idx = unique_index([3, 4], 0, 5)
src = torch.randn(4, 6)
g.add("scatter", [Input(x, ["slice", 1, 0, 4, 1]), Input(idx, ["slice", 0, 0, 3, 1]), Input(src, ["transpose", 0, 1])],
      x.scatter(0, idx, src.t()), {"dim": 0})
x = torch.randn(4, 5, dtype=torch.float64)
idx = unique_index([3, 3], 1, 4)
g.add("scatterValue", [Input(x, ["transpose", 0, 1]), idx], x.t().scatter(1, idx, -7.0), {"dim": 1, "value": -7.0})

# ---- scatterAdd (repeated indices accumulate) ------------------------------------------------
for shape, dim, ishape in [([5], 0, [9]), ([1], 0, [4]), ([3, 5], 1, [3, 12]), ([4, 3], 0, [10, 3]),
                           ([2, 3, 4], 1, [2, 7, 4]), ([2, 3, 4], -1, [1, 3, 9]), ([3, 0], 0, [2, 0]),
                           ([6, 16], 1, [6, 33]), ([], 0, [])]:
    for dt in FLOATS + [torch.int64, torch.int32]:
        x = rnd(shape, dt)
        size = x.size(dim) if x.dim() else 1
        idx = index_for(ishape, dim, size)
        src = rnd(ishape, dt)
        g.add("scatterAdd", [x, idx, src], x.scatter_add(dim, idx, src), {"dim": dim})
x = torch.zeros(4, 3)
idx = torch.zeros(5, 3, dtype=torch.int64)
src = torch.randn(3, 5)
g.add("scatterAdd", [x, idx, Input(src, ["transpose", 0, 1])], x.scatter_add(0, idx, src.t()), {"dim": 0})

# ---- indexSelect ---------------------------------------------------------------------------
for shape, dim, idx in [([5], 0, [4, 0, 0, 2]), ([1], 0, [0, 0, 0]), ([3, 5], 0, [2, 0]), ([3, 5], 1, [4, 4, 1, 0, 3, 2]),
                        ([3, 5], -1, []), ([2, 3, 4], 1, [2, 1]), ([2, 3, 4], 2, [3]), ([2, 3, 4], -3, [1, 1, 0]),
                        ([0, 4], 1, [3, 1]), ([4, 33], 1, list(range(32, -1, -3)))]:
    for dt in FLOATS + [torch.int64]:
        x = rnd(shape, dt)
        i = torch.tensor(idx, dtype=torch.int64)
        g.add("indexSelect", [x, i], x.index_select(dim, i), {"dim": dim})
x = rnd([3, 4], torch.bool)
g.add("indexSelect", [x, torch.tensor([3, 0])], x.index_select(1, torch.tensor([3, 0])), {"dim": 1})
x = torch.randn(3, 4)
g.add("indexSelect", [x, torch.tensor([1, 2], dtype=torch.int32)], x.index_select(0, torch.tensor([1, 2], dtype=torch.int32)),
      {"dim": 0}, note="int32 index")
g.add("indexSelect", [x, torch.tensor(2)], x.index_select(1, torch.tensor(2)), {"dim": 1}, note="0-dim index")
g.add("indexSelect", [torch.tensor(3.5), torch.tensor([0])], torch.tensor(3.5).index_select(0, torch.tensor([0])), {"dim": 0})
x = torch.randn(4, 6)
i = torch.tensor([5, 1, 3, 0, 2, 4])
g.add("indexSelect", [Input(x, ["transpose", 0, 1]), Input(i, ["slice", 0, 0, 6, 2])], x.t().index_select(0, i[::2]),
      {"dim": 0})
g.add("indexSelect", [Input(x, ["slice", 1, 1, 6, 2]), torch.tensor([3, 1, 1])], x[:, 1:6:2].index_select(0, torch.tensor([3, 1, 1])),
      {"dim": 0})

# ---- indexAdd (repeats accumulate; alpha) ----------------------------------------------------
for shape, dim, idx, alpha in [([5], 0, [4, 0, 0, 2], 1.0), ([3, 5], 0, [2, 0, 2, 2], 1.0), ([3, 5], 1, [4, 4, 1], -2.0),
                               ([2, 3, 4], 1, [2, 1, 2, 0, 1], 0.5), ([2, 3, 4], -1, [3], 1.0), ([3, 4], 0, [], 1.0),
                               ([1], 0, [0, 0, 0], 3.0), ([4, 17], 1, [16, 0, 16, 5], 1.0)]:
    for dt in FLOATS + [torch.int64]:
        if dt == torch.int64 and alpha != int(alpha):
            continue
        x = rnd(shape, dt)
        i = torch.tensor(idx, dtype=torch.int64)
        sshape = list(shape)
        sshape[dim] = len(idx)
        src = rnd(sshape, dt)
        a = alpha if dt.is_floating_point else int(alpha)
        g.add("indexAdd", [x, i, src], x.index_add(dim, i, src, alpha=a), {"dim": dim, "alpha": alpha})
x = torch.randn(5, 3)
src = torch.randn(3, 4)
i = torch.tensor([1, 1, 4, 0])
g.add("indexAdd", [Input(x, ["transpose", 0, 1]), i, Input(src, ["slice", 0, 0, 3, 1])], x.t().index_add(1, i, src),
      {"dim": 1, "alpha": 1.0})

# ---- maskedFill / maskedFillInPlace / maskedSelect --------------------------------------------
for shape, mshape in [([5], [5]), ([1], [1]), ([3, 5], [3, 5]), ([3, 5], [5]), ([3, 5], [3, 1]), ([2, 3, 4], [3, 4]),
                      ([2, 3, 4], [2, 1, 4]), ([0, 3], [3]), ([17], [17]), ([33, 3], [33, 1]), ([], [])]:
    for dt in FLOATS + [torch.int64, torch.bool]:
        x = rnd(shape, dt)
        m = torch.rand(mshape) > 0.5
        g.add("maskedFill", [x, m], x.masked_fill(m, -1.5), {"value": -1.5})
        g.add("maskedFillInPlace", [x, m], x.clone().masked_fill_(m, 4.0), {"value": 4.0})
        g.add("maskedSelect", [x, m], x.masked_select(m))
x = torch.randn(3)
m = torch.rand(2, 3) > 0.5
g.add("maskedFill", [x, m], x.masked_fill(m, float("inf")), {"value": "Infinity"}, note="result broadcasts to the mask")
g.add("maskedFill", [torch.randn(2, 3), torch.ones(2, 3, dtype=torch.bool)], torch.full((2, 3), float("nan")),
      {"value": "NaN"})
x = torch.arange(6).reshape(2, 3)
g.add("maskedFill", [x, torch.tensor([True, False, True])], x.masked_fill(torch.tensor([True, False, True]), 2.7),
      {"value": 2.7}, note="value truncates for ints")
m = torch.rand(4, 1, 3) > 0.3
g.add("maskedSelect", [x, m], x.masked_select(m), note="x broadcasts to the mask")
x = torch.randn(4, 5)
m = torch.rand(5, 4) > 0.5
g.add("maskedFill", [Input(x, ["transpose", 0, 1]), m], x.t().masked_fill(m, 0.0), {"value": 0.0})
g.add("maskedFillInPlace", [Input(x, ["slice", 1, 0, 5, 2]), Input(m, ["transpose", 0, 1], ["slice", 1, 0, 5, 2])],
      x[:, ::2].clone().masked_fill_(m.t()[:, ::2], 9.0), {"value": 9.0})
g.add("maskedSelect", [Input(x, ["transpose", 0, 1]), Input(m, ["slice", 0, 0, 5, 1])], x.t().masked_select(m))

# ---- take ----------------------------------------------------------------------------------
for shape, ishape in [([5], [3]), ([1], [4]), ([3, 5], [2, 6]), ([2, 3, 4], [7]), ([2, 3, 4], []), ([0, 3], [0]),
                      ([3, 4], [0, 2]), ([97], [97])]:
    for dt in FLOATS + [torch.int64]:
        x = rnd(shape, dt)
        n = x.numel()
        idx = torch.randint(-n, n, ishape) if n > 0 else torch.zeros(ishape, dtype=torch.int64)
        g.add("take", [x, idx], torch.take(x, idx))
x = torch.randn(4, 5)
idx = torch.tensor([[0, 19, -1], [7, -20, 3]])
g.add("take", [Input(x, ["transpose", 0, 1]), idx], torch.take(x.t(), idx))
idx = torch.tensor([[0, 7, -1], [5, -8, 3]])
g.add("take", [Input(x, ["slice", 1, 1, 5, 2]), Input(idx, ["transpose", 0, 1])], torch.take(x[:, 1::2], idx.t()))
x = rnd([3, 3], torch.bool)
g.add("take", [x, torch.tensor([8, 0, 4])], torch.take(x, torch.tensor([8, 0, 4])))

# ---- nonzero -------------------------------------------------------------------------------
for shape in SHAPES + [[], [2, 0, 3]]:
    for dt in FLOATS + [torch.int64, torch.int32, torch.bool]:
        x = rnd(shape, dt)
        if dt.is_floating_point:
            x = torch.where(torch.rand(shape) > 0.5, x, torch.zeros(shape, dtype=dt))
        elif dt != torch.bool:
            x = x % 3
        g.add("nonzero", [x], torch.nonzero(x))
x = torch.tensor([[float("nan"), -0.0, 0.0], [float("inf"), 0.0, 1e-30]])
g.add("nonzero", [x], torch.nonzero(x), note="NaN counts, -0.0 does not")
g.add("nonzero", [torch.tensor(0.0)], torch.nonzero(torch.tensor(0.0)))
g.add("nonzero", [torch.tensor(2)], torch.nonzero(torch.tensor(2)))
x = (torch.rand(4, 5) > 0.5).float()
g.add("nonzero", [Input(x, ["transpose", 0, 1])], torch.nonzero(x.t()))

# ---- oneHot --------------------------------------------------------------------------------
for shape, n in [([5], 5), ([5], -1), ([3, 4], 7), ([3, 4], -1), ([2, 3, 2], 3), ([0], 4), ([], 3), ([1], -1)]:
    top = n if n > 0 else 6
    x = torch.randint(0, top, shape)
    g.add("oneHot", [x], F.one_hot(x, n), {"numClasses": n})
x = torch.randint(0, 4, (3, 5))
g.add("oneHot", [Input(x, ["transpose", 0, 1])], F.one_hot(x.t(), 4), {"numClasses": 4})

# ---- sort / argsort (stable) ----------------------------------------------------------------
sort_inputs = []
for shape, dim in [([5], 0), ([1], 0), ([0], 0), ([7], -1), ([16], 0), ([33], 0), ([97], 0), ([3, 5], 1), ([3, 5], 0),
                   ([2, 3, 4], 1), ([2, 3, 4], -1), ([4, 1, 6], 2), ([0, 3], 1), ([], 0)]:
    for dt in FLOATS + [torch.int64]:
        sort_inputs.append((Input(ties(shape, dt)), dim))
for dt in [torch.int32, torch.bool]:
    sort_inputs.append((Input(ties([4, 9], dt)), 1))
special = torch.tensor([[3.0, float("nan"), -0.0, 0.0, -float("inf"), float("inf"), float("nan"), 1.0, -1.0, 0.0]])
for dt in FLOATS:
    sort_inputs.append((Input(special.to(dt)), 1))
base = ties([6, 5])
sort_inputs.append((Input(base, ["transpose", 0, 1]), 1))
sort_inputs.append((Input(base, ["slice", 0, 0, 6, 2]), 0))
sort_inputs.append((Input(base[0].contiguous(), ["expand", [3, 5]]), 1))
sort_inputs.append((Input(torch.randn(3, 4, 5), ["permute", [2, 0, 1]]), 1))
for inp, dim in sort_inputs:
    x = inp.tensor()
    for desc in [False, True]:
        v, i = torch.sort(x, dim=dim, descending=desc, stable=True)
        g.add("sort", [inp], [v, i], {"dim": dim, "descending": desc})
    g.add("argsort", [inp], torch.sort(x, dim=dim, descending=True, stable=True)[1], {"dim": dim, "descending": True})

# ---- topk / kthvalue / median ----------------------------------------------------------------
def add_selection(op, inp, args, fn):
    x = inp.tensor()
    v, i = fn(x)
    t = has_ties(x, args.get("dim", 0)) if x.dim() else False
    if t:
        g.add(op, [inp], [v, v], dict(args, ties=True))
    else:
        g.add(op, [inp], [v, i], args)


for shape, dim, k in [([5], 0, 2), ([1], 0, 1), ([7], 0, 0), ([16], -1, 16), ([3, 5], 1, 3), ([3, 5], 0, 2),
                      ([2, 3, 4], 1, 1), ([2, 3, 4], -1, 4), ([0, 3], 1, 2), ([33], 0, 5), ([], 0, 1)]:
    for dt in FLOATS + [torch.int64]:
        for x in [rnd(shape, dt), ties(shape, dt)]:
            for largest in [True, False]:
                add_selection("topk", Input(x), {"k": k, "dim": dim, "largest": largest, "sorted": True},
                              lambda t: torch.topk(t, k, dim, largest, True))
x = special
for largest in [True, False]:
    add_selection("topk", Input(x), {"k": 4, "dim": 1, "largest": largest, "sorted": True},
                  lambda t: torch.topk(t, 4, 1, largest, True))
add_selection("topk", Input(torch.randn(5, 4), ["transpose", 0, 1]), {"k": 2, "dim": 1, "largest": True, "sorted": True},
              lambda t: torch.topk(t, 2, 1, True, True))

for shape, dim, k in [([5], 0, 2), ([1], 0, 1), ([16], -1, 16), ([3, 5], 1, 3), ([3, 5], 0, 1), ([2, 3, 4], 1, 2),
                      ([2, 3, 4], -1, 4), ([33], 0, 17), ([], 0, 1)]:
    for dt in FLOATS + [torch.int64]:
        for x in [rnd(shape, dt), ties(shape, dt)]:
            for keep in [False, True]:
                add_selection("kthvalue", Input(x), {"k": k, "dim": dim, "keepDim": keep},
                              lambda t: torch.kthvalue(t, k, dim, keep))
add_selection("kthvalue", Input(special), {"k": 9, "dim": 1, "keepDim": False}, lambda t: torch.kthvalue(t, 9, 1))
add_selection("kthvalue", Input(torch.randn(5, 4), ["slice", 0, 0, 5, 2]), {"k": 2, "dim": 0, "keepDim": True},
              lambda t: torch.kthvalue(t, 2, 0, True))

for shape in [[5], [6], [1], [3, 5], [2, 3, 4], [97], [], [0]]:
    for dt in FLOATS + [torch.int64]:
        if dt == torch.int64 and 0 in shape:
            continue
        for x in [rnd(shape, dt), ties(shape, dt)]:
            g.add("median", [x], torch.median(x))
g.add("median", [special], torch.median(special), note="NaN propagates")
g.add("median", [torch.tensor([2.0, 1.0, 4.0, 3.0])], torch.median(torch.tensor([2.0, 1.0, 4.0, 3.0])), note="lower median")
for shape, dim in [([5], 0), ([6], 0), ([1], 0), ([3, 5], 1), ([3, 4], 0), ([2, 3, 4], 1), ([2, 3, 4], -1), ([0, 3], 1),
                   ([], 0)]:
    for dt in FLOATS + [torch.int64]:
        for x in [rnd(shape, dt), ties(shape, dt)]:
            for keep in [False, True]:
                add_selection("medianDim", Input(x), {"dim": dim, "keepDim": keep}, lambda t: torch.median(t, dim, keep))
nanrows = torch.tensor([[1.0, float("nan"), 2.0, float("nan")], [4.0, 3.0, 2.0, 1.0], [float("nan"), 0.0, 0.0, 5.0]])
g.add("medianDim", [nanrows], list(torch.median(nanrows, 1)), {"dim": 1, "keepDim": False},
      note="NaN rows give NaN and the first NaN's index")
add_selection("medianDim", Input(torch.randn(4, 5), ["transpose", 0, 1]), {"dim": 0, "keepDim": False},
              lambda t: torch.median(t, 0))

g.write()
