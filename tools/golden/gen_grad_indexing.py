"""Golden gradients for the indexing and joining ops: gather, scatter, scatterValue, scatterAdd,
indexSelect, indexAdd, maskedFill, maskedSelect, take, cat, stack, pad (every mode), flip, roll,
repeat, tril, triu. Repeated indices (gradients accumulate), non-contiguous inputs, float64
mostly plus float32. scatter cases use distinct indices per slice (torch's forward is
nondeterministic on duplicates; IndexingGradEdgeTest pins the duplicate-index gradient).

Run: /usr/bin/python3 tools/golden/gen_grad_indexing.py  (writes golden/grad_indexing.json)
"""
import torch
import torch.nn.functional as F

from golden import GradGolden, Input

g = GradGolden("grad_indexing")
D, FL = torch.float64, torch.float32
L = torch.int64


def dbl(op, inputs, fn, args):
    """A double-backward case of (op(x))^2: the gradient 2 J^T (op(x) * w) depends on x, so the
    second derivative runs every backward formula of op with create_graph (op alone is linear)."""
    args = dict(args, square=True)
    g.add_grad(op, inputs, lambda *a: fn(*a) * fn(*a), args, double=True)


def r(*shape, dtype=D):
    return torch.randn(shape, dtype=dtype)


def ncT(*shape, dtype=D):
    s = list(shape)
    s[-1], s[-2] = s[-2], s[-1]
    return Input(torch.randn(s, dtype=dtype), ["transpose", len(s) - 2, len(s) - 1])


def idx(high, *shape):
    return torch.randint(0, high, shape, dtype=L)


def mask(*shape):
    return torch.rand(shape) > 0.5


def distinct(n, dim, shape):
    """An index of `shape` whose entries along dim are distinct values in [0, n)."""
    shape = list(shape)
    k = shape[dim]
    moved = shape[:dim] + shape[dim + 1:]
    rows = [torch.randperm(n)[:k] for _ in range(int(torch.tensor(moved).prod()) if moved else 1)]
    t = torch.stack(rows).reshape(moved + [k]) if rows else torch.zeros(moved + [k], dtype=L)
    return t.movedim(-1, dim).contiguous()


# ---- gather / scatter family ----------------------------------------------------------------
for x, d, i in [(r(3, 5), 1, idx(5, 3, 4)), (r(3, 5), 0, idx(3, 6, 5)), (ncT(4, 6), 1, idx(6, 4, 8)),
                (r(4, 5, dtype=FL), -1, idx(5, 2, 3)), (r(2, 3, 4), 2, idx(4, 2, 3, 9)), (r(7), 0, idx(7, 12)),
                (r(3, 4), 1, idx(4, 3, 0))]:
    g.add_grad("gather", [x, i], lambda t, j, a=d: torch.gather(t, a, j), {"dim": d})
dbl("gather", [r(3, 5), idx(5, 3, 4)], lambda t, j: torch.gather(t, 1, j), {"dim": 1})
for x, d, i, s in [(r(3, 5), 1, distinct(5, 1, [3, 4]), r(3, 4)), (r(4, 3), 0, distinct(4, 0, [3, 3]), r(3, 3)),
                   (ncT(4, 6), 1, distinct(6, 1, [2, 3]), ncT(2, 3)), (r(5, 4, dtype=FL), -2, distinct(5, 0, [2, 4]),
                                                                   r(2, 4, dtype=FL)),
                   (r(2, 3, 6), 2, distinct(6, 2, [2, 3, 6]), ncT(2, 3, 6))]:
    g.add_grad("scatter", [x, i, s], lambda t, j, u, a=d: t.scatter(a, j, u), {"dim": d})
for x, d, i, v in [(r(3, 5), 1, idx(5, 3, 2), 1.5), (ncT(4, 3), 0, idx(4, 2, 3), -2.0), (r(6, dtype=FL), 0, idx(6, 4), 0.0)]:
    g.add_grad("scatterValue", [x, i], lambda t, j, a=d, b=v: t.scatter(a, j, b), {"dim": d, "value": v})
for x, d, i, s in [(r(3, 5), 1, idx(5, 3, 6), r(3, 6)), (r(4, 3), 0, idx(4, 7, 3), r(7, 3)),
                   (r(3, 4), 1, idx(4, 2, 3), ncT(2, 3)), (ncT(5, 4, dtype=FL), 0, idx(5, 6, 4), r(6, 4, dtype=FL)),
                   (r(6), 0, idx(6, 10), r(10))]:
    g.add_grad("scatterAdd", [x, i, s], lambda t, j, u, a=d: t.scatter_add(a, j, u), {"dim": d})
dbl("scatterAdd", [r(3, 5), idx(5, 3, 4), r(3, 4)], lambda t, j, u: t.scatter_add(1, j, u), {"dim": 1})
dbl("scatter", [r(3, 5), distinct(5, 1, [3, 2]), r(3, 2)], lambda t, j, u: t.scatter(1, j, u), {"dim": 1})
dbl("indexAdd", [r(4, 3), torch.tensor([1, 1, 3]), r(3, 3)], lambda t, j, u: t.index_add(0, j, u, alpha=2.0),
    {"dim": 0, "alpha": 2.0})
dbl("take", [r(3, 4), torch.tensor([0, 3, 3, -1])], lambda t, j: torch.take(t, j), {})
dbl("maskedSelect", [r(3, 4), mask(3, 4)], lambda t, k: torch.masked_select(t, k), {})

# ---- indexSelect / indexAdd / take -----------------------------------------------------------
for x, d, i in [(r(5, 3), 0, torch.tensor([0, 2, 2, 4, 0])), (r(3, 6), 1, idx(6, 9)), (ncT(4, 5), 1, idx(5, 7)),
                (r(2, 3, 4, dtype=FL), -1, idx(4, 6)), (r(4, 3), 0, torch.tensor(2)), (r(4, 3), 0, idx(4, 0)),
                (r(17), 0, idx(17, 40))]:
    g.add_grad("indexSelect", [x, i], lambda t, j, a=d: t.index_select(a, j), {"dim": d})
dbl("indexSelect", [r(5, 3), idx(5, 8)], lambda t, j: t.index_select(0, j), {"dim": 0})
for x, d, i, s, al in [(r(5, 3), 0, torch.tensor([0, 2, 2, 4]), r(4, 3), 1.0), (r(3, 6), 1, idx(6, 9), r(3, 9), 2.5),
                       (ncT(4, 5), 0, idx(4, 3), r(3, 5), -1.0), (r(4, 3, dtype=FL), 1, idx(3, 5), r(4, 5, dtype=FL), 0.5)]:
    g.add_grad("indexAdd", [x, i, s], lambda t, j, u, a=d, b=al: t.index_add(a, j, u, alpha=b),
               {"dim": d, "alpha": al})
for x, i in [(r(3, 4), torch.tensor([0, 5, 5, 11, -1, -12])), (r(7), idx(7, 3, 4)), (ncT(3, 5), idx(15, 20)),
             (r(2, 3, dtype=FL), torch.tensor([[1, 1], [1, -6]])), (r(4), idx(4, 0))]:
    g.add_grad("take", [x, i], lambda t, j: torch.take(t, j))

# ---- masks -----------------------------------------------------------------------------------
for x, m, v in [(r(3, 4), mask(3, 4), 2.0), (r(3, 4), mask(4), -1.0), (r(4), mask(3, 4), 0.5), (ncT(3, 5), mask(3, 5), 0.0),
                (r(3, 4), torch.ones(3, 4, dtype=torch.bool), 3.0), (r(3, 4), torch.zeros(3, 4, dtype=torch.bool), 3.0),
                (r(2, 17, dtype=FL), mask(2, 17), 1.0), (r(0, 3), mask(0, 3), 1.0)]:
    g.add_grad("maskedFill", [x, m], lambda t, k, b=v: t.masked_fill(k, b), {"value": v})
for x, m in [(r(3, 4), mask(3, 4)), (r(3, 4), mask(4)), (r(4), mask(3, 4)), (ncT(3, 5), mask(3, 5)),
             (r(3, 4), torch.ones(3, 4, dtype=torch.bool)), (r(3, 4), torch.zeros(3, 4, dtype=torch.bool)),
             (r(33, dtype=FL), mask(33))]:
    # .contiguous(): torch 1.13's masked_select backward scatters the gradient in the memory
    # order of a non-contiguous input (wrong values for the transposed case); the contiguous
    # copy has the same forward and the correct gradient, which is what Java must produce.
    g.add_grad("maskedSelect", [x, m], lambda t, k: torch.masked_select(t.contiguous(), k))

# ---- cat / stack -----------------------------------------------------------------------------
for xs, d in [([r(2, 3), r(4, 3)], 0), ([r(2, 3), r(2, 5), r(2, 1)], 1), ([r(2, 3, 4), ncT(2, 3, 5)], -1),
              ([r(3), r(5), r(1)], 0), ([r(2, 3, dtype=FL), r(2, 3, dtype=FL)], -2), ([r(2, 3), r(0, 3), r(1, 3)], 0),
              ([r(2, 3), r(0), r(1, 3)], 0)]:
    g.add_grad("cat", xs, lambda *ts, a=d: torch.cat(ts, a), {"dim": d})
dbl("cat", [r(2, 3), r(2, 2)], lambda *ts: torch.cat(ts, 1), {"dim": 1})
for xs, d in [([r(2, 3), r(2, 3)], 0), ([r(2, 3), ncT(2, 3), r(2, 3)], 1), ([r(4), r(4), r(4)], -1),
              ([r(2, 3, dtype=FL), r(2, 3, dtype=FL)], 2), ([r(3, 2), r(3, 2)], -3)]:
    g.add_grad("stack", xs, lambda *ts, a=d: torch.stack(ts, a), {"dim": d})

# ---- pad ---------------------------------------------------------------------------------------
MODES = {"constant": "CONSTANT", "reflect": "REFLECT", "replicate": "REPLICATE", "circular": "CIRCULAR"}
for x, p, mode, v in [(r(3, 4), [1, 2], "constant", 0.0), (r(3, 4), [1, 2, 2, 0], "constant", 1.5),
                      (r(2, 3, 4), [-1, 2], "constant", 0.0), (r(3, 5), [2, -2, -1, 1], "constant", -1.0),
                      (ncT(3, 4, dtype=FL), [0, 0, 1, 1], "constant", 0.0), (r(2, 3, 4), [1, 1, 1, 1, 1, 1], "constant", 0.0),
                      (r(1, 2, 5), [2, 3], "reflect", 0.0), (r(2, 3, 4, 5), [1, 2, 3, 1], "reflect", 0.0),
                      (r(1, 2, 6), [2, -1], "reflect", 0.0), (r(1, 3, 4, dtype=FL), [3, 3], "reflect", 0.0),
                      (r(1, 2, 5), [2, 3], "replicate", 0.0), (r(2, 3, 4, 5), [3, 0, 2, 4], "replicate", 0.0),
                      (Input(torch.randn(2, 5, 3, dtype=D), ["transpose", 1, 2]), [4, 4], "replicate", 0.0),
                      (r(1, 2, 5), [2, 3], "circular", 0.0), (r(2, 3, 4, 5), [1, 2, 3, 1], "circular", 0.0),
                      (r(1, 2, 4), [4, 4], "circular", 0.0), (r(1, 2, 5), [-1, 2], "circular", 0.0),
                      (r(1, 2, 3, 4, 5), [1, 1, 2, 0, 1, 2], "replicate", 0.0),
                      (r(1, 2, 3, 4, 5), [1, 1, 2, 0, 1, 2], "reflect", 0.0)]:
    g.add_grad("pad", [x], lambda t, a=p, b=mode, c=v: F.pad(t, a, mode=b, value=c) if b == "constant" else F.pad(t, a, mode=b),
               {"pad": p, "mode": MODES[mode], "value": v})
dbl("pad", [r(1, 2, 5)], lambda t: F.pad(t, [2, 1], mode="reflect"),
           {"pad": [2, 1], "mode": "REFLECT", "value": 0.0})

# ---- flip / roll / repeat / tril / triu --------------------------------------------------------
for x, dims in [(r(5), [0]), (r(3, 4), [0, 1]), (r(2, 3, 4), [-1]), (ncT(3, 4, dtype=FL), [1]), (r(3, 4), [])]:
    g.add_grad("flip", [x], lambda t, a=dims: torch.flip(t, a), {"dims": dims})
for x, s, dims in [(r(5), [2], [0]), (r(3, 4), [1, -1], [0, 1]), (r(3, 4), [5], []), (ncT(3, 4), [-2], [1]),
                   (r(2, 3, 4, dtype=FL), [7], [2])]:
    g.add_grad("roll", [x], lambda t, a=s, b=dims: torch.roll(t, a, b) if b else torch.roll(t, a),
               {"shifts": s, "dims": dims})
for x, rep in [(r(3), [2]), (r(2, 3), [2, 3]), (r(2, 3), [2, 1, 2]), (ncT(2, 3), [1, 4]), (r(), [3, 2]),
               (r(2, 3, dtype=FL), [3, 2]), (r(2, 3), [0, 2])]:
    g.add_grad("repeat", [x], lambda t, a=rep: t.repeat(*a), {"repeats": rep})
for x, dg in [(r(4, 4), 0), (r(3, 5), 1), (r(5, 3), -1), (r(2, 3, 4), 0), (ncT(4, 4, dtype=FL), 2)]:
    g.add_grad("tril", [x], lambda t, a=dg: torch.tril(t, a), {"diagonal": dg})
    g.add_grad("triu", [x], lambda t, a=dg: torch.triu(t, a), {"diagonal": dg})
dbl("tril", [r(3, 3)], lambda t: torch.tril(t), {"diagonal": 0})
dbl("stack", [r(2, 3), r(2, 3)], lambda *ts: torch.stack(ts, 1), {"dim": 1})
dbl("roll", [r(3, 4)], lambda t: torch.roll(t, [1, 2], [0, 1]), {"shifts": [1, 2], "dims": [0, 1]})
dbl("repeat", [r(2, 3)], lambda t: t.repeat(2, 2), {"repeats": [2, 2]})
dbl("flip", [r(3, 4)], lambda t: torch.flip(t, [1]), {"dims": [1]})
dbl("maskedFill", [r(3, 4), mask(3, 4)], lambda t, k: t.masked_fill(k, 2.0), {"value": 2.0})
g.write()
