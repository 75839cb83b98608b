"""Golden cases for the reductions family (sum, mean, prod, max/min, argmax/argmin, var/std,
norm, logsumexp, all/any, count_nonzero, cumsum/cumprod, softmax/log_softmax).

Run: /usr/bin/python3 tools/golden/gen_reductions.py
Inputs are multiples of 1/32 so the JSON stays small and ties occur naturally.
"""
import math

import torch

from golden import SHAPES, Golden, Input

g = Golden("reductions")
INF = float("inf")
NAN = float("nan")


def rnd(shape, dtype=torch.float32, lo=None, hi=None):
    if dtype == torch.bool:
        return torch.rand(shape) < 0.5
    if not dtype.is_floating_point:
        return torch.randint(-5 if lo is None else lo, 6 if hi is None else hi, shape, dtype=dtype)
    if lo is not None:
        return (torch.round((torch.rand(shape) * (hi - lo) + lo) * 32) / 32).to(dtype)
    return (torch.round(torch.randn(shape) * 32) / 32).to(dtype)


def jnum(v):
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def dim_sets(rank):
    """(dims, keepDim) pairs: all dims, each single dim, the last as -1, and a pair."""
    sets = [[]]
    for d in range(rank):
        sets.append([d])
    if rank >= 1:
        sets.append([-1])
    if rank >= 2:
        sets.append([0, -1])
    if rank >= 3:
        sets.append([-3, 1])
    return sets


def full_dims(x, dims):
    return list(range(x.dim())) if not dims else dims


def t_sum(x, dims, k):
    return torch.sum(x, dim=full_dims(x, dims), keepdim=k) if x.dim() else x.sum().to(torch.int64 if not x.dtype.is_floating_point else x.dtype)


def t_prod(x, dims, k):
    if x.dim() == 0:
        return x.prod()
    ds = sorted([d % x.dim() for d in full_dims(x, dims)], reverse=True)
    y = x
    for d in ds:
        y = torch.prod(y, dim=d, keepdim=True)
    if not k:
        for d in ds:
            y = y.squeeze(d)
    return y


def t_amax(x, dims, k):
    return torch.amax(x, dim=full_dims(x, dims), keepdim=k)


def t_amin(x, dims, k):
    return torch.amin(x, dim=full_dims(x, dims), keepdim=k)


def t_mean(x, dims, k):
    return torch.mean(x, dim=full_dims(x, dims), keepdim=k)


def t_lse(x, dims, k):
    return torch.logsumexp(x, dim=full_dims(x, dims), keepdim=k)


def t_all(x, dims, k):
    y = x
    ds = sorted([d % max(x.dim(), 1) for d in full_dims(x, dims)], reverse=True)
    if x.dim() == 0:
        return x.all()
    for d in ds:
        y = torch.all(y, dim=d, keepdim=True)
    if not k:
        for d in ds:
            y = y.squeeze(d)
    return y


def t_any(x, dims, k):
    y = x
    ds = sorted([d % max(x.dim(), 1) for d in full_dims(x, dims)], reverse=True)
    if x.dim() == 0:
        return x.any()
    for d in ds:
        y = torch.any(y, dim=d, keepdim=True)
    if not k:
        for d in ds:
            y = y.squeeze(d)
    return y


def add_dims(op, fn, inp, dims, keep):
    x = inp.tensor()
    g.add(op, [inp], fn(x, dims, keep), {"dims": dims, "keepDim": keep})


def sweep(op, fn, dtypes, shapes=SHAPES, keeps=(False, True), skip_empty=False, gen=rnd):
    for dt in dtypes:
        for shape in shapes:
            if skip_empty and 0 in shape:
                continue
            base = gen(shape, dt)
            for dims in dim_sets(len(shape)):
                for keep in keeps:
                    if skip_empty and any(shape[d] == 0 for d in (dims or range(len(shape)))):
                        continue
                    add_dims(op, fn, Input(base), dims, keep)


def noncontig(op, fn, dtype=torch.float32, gen=rnd):
    """Transposed, sliced with a step, expanded and permuted inputs."""
    views = [
        Input(gen([5, 7], dtype), ["transpose", 0, 1]),
        Input(gen([6, 9], dtype), ["slice", 1, 1, 9, 2]),
        Input(gen([3, 1, 17], dtype), ["expand", [3, 4, 17]]),
        Input(gen([2, 3, 4], dtype), ["permute", [2, 0, 1]]),
        Input(gen([33, 4], dtype), ["slice", 0, 0, 33, 3]),
    ]
    for v in views:
        r = v.tensor().dim()
        for dims in ([], [0], [-1], [0, 1][:r]):
            add_dims(op, fn, v, dims, False)


def small_prod(shape, dt):
    if dt.is_floating_point:
        return rnd(shape, dt, 0.5, 1.5)
    return rnd(shape, dt, -2, 3) if dt != torch.bool else rnd(shape, dt)


F = [torch.float32, torch.float64]
ALL_T = [torch.float32, torch.float64, torch.int32, torch.int64, torch.bool]

# ---- sum, mean, prod, max, min --------------------------------------------------------------
sweep("sum", t_sum, [torch.float32])
sweep("sum", t_sum, [torch.float64, torch.int32, torch.int64, torch.bool], shapes=[[0], [7], [17], [3, 5], [2, 3, 4], [0, 3]], keeps=(False,))
sweep("mean", t_mean, [torch.float32])
sweep("mean", t_mean, [torch.float64], shapes=[[17], [2, 3, 4]], keeps=(False,))
sweep("prod", t_prod, [torch.float32], shapes=[[0], [1], [7], [17], [33], [3, 5], [2, 3, 4], [0, 3]], keeps=(False,), gen=small_prod)
sweep("prod", t_prod, [torch.float64, torch.int32, torch.int64, torch.bool], shapes=[[7], [3, 5], [2, 3, 4]], keeps=(True,), gen=small_prod)
sweep("max", t_amax, [torch.float32], skip_empty=True)
sweep("max", t_amax, [torch.float64, torch.int32, torch.int64, torch.bool], shapes=[[17], [3, 5], [2, 3, 4], [0, 3]], keeps=(False,), skip_empty=True)
sweep("min", t_amin, [torch.float32], shapes=[[1], [16], [17], [97], [3, 5], [2, 3, 4], [4, 1, 6], [0, 3]], skip_empty=True)
sweep("min", t_amin, [torch.float64, torch.int32, torch.int64, torch.bool], shapes=[[17], [3, 5], [0, 3]], keeps=(False,), skip_empty=True)
for op, fn in [("sum", t_sum), ("mean", t_mean), ("max", t_amax), ("min", t_amin), ("prod", t_prod)]:
    noncontig(op, fn, gen=small_prod if op == "prod" else rnd)
noncontig("sum", t_sum, torch.int32)
noncontig("max", t_amax, torch.float64)
# 0-dim input
for op, fn in [("sum", t_sum), ("mean", t_mean), ("prod", t_prod), ("max", t_amax), ("min", t_amin)]:
    for dims in ([], [0], [-1]):
        add_dims(op, fn, Input(torch.tensor(2.5)), dims, False)
# NaN and inf rows
special = torch.tensor([[1.0, NAN, 3.0, -INF], [INF, 2.0, -1.0, 0.5], [-INF, -INF, -INF, -INF], [0.0, -0.0, 2.0, 2.0]])
for op, fn in [("sum", t_sum), ("mean", t_mean), ("max", t_amax), ("min", t_amin), ("prod", t_prod)]:
    for dims in ([], [0], [1]):
        add_dims(op, fn, Input(special), dims, False)
long_nan = rnd([2, 40])
long_nan[0, 37] = NAN
long_nan[1, 3] = NAN
for op, fn in [("max", t_amax), ("min", t_amin), ("sum", t_sum)]:
    add_dims(op, fn, Input(long_nan), [1], False)
    add_dims(op, fn, Input(long_nan.t().contiguous()), [0], False)

# ---- max/min along a dim with indices, argmax/argmin ------------------------------------------
def add_with_indices(op, x_in, dim, keep):
    x = x_in.tensor()
    r = torch.max(x, dim=dim, keepdim=keep) if op == "max_dim" else torch.min(x, dim=dim, keepdim=keep)
    g.add(op, [x_in], [r.values, r.indices], {"dim": dim, "keepDim": keep})


def ties(shape, dt):
    return torch.randint(0, 3, shape).to(dt)


for op in ("max_dim", "min_dim"):
    for dt in ALL_T:
        for shape in ([7], [17], [3, 5], [2, 3, 4], [4, 1, 6]):
            base = ties(shape, dt) if dt != torch.float32 or len(shape) > 1 else rnd(shape, dt)
            for dim in list(range(len(shape))) + [-1]:
                for keep in (False, True):
                    if dt != torch.float32 and keep:
                        continue
                    add_with_indices(op, Input(base), dim, keep)
    add_with_indices(op, Input(ties([5, 7], torch.float32), ["transpose", 0, 1]), 1, False)
    add_with_indices(op, Input(ties([6, 9], torch.float32), ["slice", 1, 1, 9, 2]), 0, True)
    add_with_indices(op, Input(special), 1, False)
    add_with_indices(op, Input(special), 0, False)
    add_with_indices(op, Input(torch.tensor(1.5)), 0, False)
    add_with_indices(op, Input(torch.zeros(0, 3)), 1, False)

for op, fn in (("argmax", torch.argmax), ("argmin", torch.argmin)):
    for dt in (torch.float32, torch.float64, torch.int32, torch.int64):
        for shape in ([1], [7], [17], [97], [3, 5], [2, 3, 4]):
            base = ties(shape, dt) if dt != torch.float64 else rnd(shape, dt)
            g.add(op, [Input(base)], fn(base))
    g.add(op, [Input(special)], fn(special))
    g.add(op, [Input(long_nan)], fn(long_nan))
    g.add(op, [Input(torch.tensor(4.0))], fn(torch.tensor(4.0)))
    v = Input(ties([5, 7], torch.float32), ["transpose", 0, 1])
    g.add(op, [v], fn(v.tensor()))

# ---- var, std ----------------------------------------------------------------------------------
for op, fn in (("var", torch.var), ("std", torch.std)):
    for dt in F:
        for shape in ([1], [7], [17], [33], [3, 5], [2, 3, 4], [4, 1, 6], [0, 3]):
            if dt == torch.float64 and shape not in ([17], [2, 3, 4]):
                continue
            base = rnd(shape, dt)
            for dims in dim_sets(len(shape)):
                for corr in (0, 1, 2):
                    keep = corr == 1
                    d = None if not dims else dims
                    g.add(op, [Input(base)], fn(base, dim=d, correction=corr, keepdim=keep),
                          {"dims": dims, "correction": corr, "keepDim": keep})
    big = (torch.randn(64) * 0.01 + 1000.0).to(torch.float32)
    g.add(op, [Input(big)], fn(big, dim=None, correction=1), {"dims": [], "correction": 1, "keepDim": False})
    v = Input(rnd([6, 9]), ["slice", 1, 1, 9, 2])
    g.add(op, [v], fn(v.tensor(), dim=[0], correction=1), {"dims": [0], "correction": 1, "keepDim": False})
    g.add(op, [Input(special)], fn(special, dim=[1], correction=1), {"dims": [1], "correction": 1, "keepDim": False})

# ---- norm ------------------------------------------------------------------------------------
for p in (1, 2, 3, 0.5, INF, -INF, 0):
    for dt in F:
        for shape in ([1], [7], [17], [97], [3, 5], [2, 3, 4], [0, 3]):
            if dt == torch.float64 and shape not in ([17], [3, 5]):
                continue
            base = rnd(shape, dt)
            base = torch.where(torch.rand(shape) < 0.2, torch.zeros((), dtype=dt), base)
            sets = dim_sets(len(shape)) if shape in ([3, 5], [2, 3, 4], [0, 3]) else [[], [0]]
            for dims in sets:
                if math.isinf(p) and any(shape[d] == 0 for d in (dims or range(len(shape)))):
                    continue
                keep = dims == [0]
                out = torch.linalg.vector_norm(base, ord=p, dim=None if not dims else dims, keepdim=keep)
                g.add("norm", [Input(base)], out, {"p": jnum(p), "dims": dims, "keepDim": keep})
    v = Input(rnd([5, 7]), ["transpose", 0, 1])
    g.add("norm", [v], torch.linalg.vector_norm(v.tensor(), ord=p, dim=[1]), {"p": jnum(p), "dims": [1], "keepDim": False})
    g.add("norm", [Input(special)], torch.linalg.vector_norm(special, ord=p, dim=[1]), {"p": jnum(p), "dims": [1], "keepDim": False})

# ---- logsumexp --------------------------------------------------------------------------------
sweep("logsumexp", t_lse, [torch.float32], shapes=[[0], [1], [7], [16], [17], [33], [97], [3, 5], [2, 3, 4], [4, 1, 6], [0, 3]], keeps=(False, True))
sweep("logsumexp", t_lse, [torch.float64, torch.int64, torch.bool], shapes=[[7], [3, 5]], keeps=(False,))
extreme = torch.tensor([[1000.0, 999.0, 998.5], [-1000.0, -1001.0, -1000.5], [-INF, -INF, -INF], [INF, 1.0, -INF],
                        [INF, INF, 0.0], [NAN, 1.0, 2.0], [-INF, 0.0, 1.0]])
for dims in ([1], [0], []):
    add_dims("logsumexp", t_lse, Input(extreme), dims, False)
noncontig("logsumexp", t_lse)

# ---- all, any, count_nonzero --------------------------------------------------------------------
def sparse(shape, dt):
    if dt == torch.bool:
        return torch.rand(shape) < 0.7
    x = rnd(shape, dt)
    return torch.where(torch.rand(shape) < 0.3, torch.zeros((), dtype=dt), x)


sweep("all", t_all, [torch.bool], gen=sparse)
sweep("any", t_any, [torch.bool], gen=lambda s, d: torch.rand(s) < 0.15)
sweep("all", t_all, [torch.float32, torch.int32, torch.int64], shapes=[[7], [3, 5], [0, 3]], keeps=(False,), gen=sparse)
sweep("any", t_any, [torch.float64, torch.int32], shapes=[[7], [3, 5], [0, 3]], keeps=(False,), gen=sparse)
g.add("all", [Input(special)], t_all(special, [1], False), {"dims": [1], "keepDim": False})
g.add("any", [Input(special)], t_any(special, [1], False), {"dims": [1], "keepDim": False})
for dt in ALL_T:
    for shape in ([0], [7], [17], [3, 5], [2, 3, 4], [0, 3]):
        base = sparse(shape, dt)
        for dims in dim_sets(len(shape)):
            g.add("count_nonzero", [Input(base)], torch.count_nonzero(base, dim=full_dims(base, dims)), {"dims": dims})
g.add("count_nonzero", [Input(special)], torch.count_nonzero(special, dim=[1]), {"dims": [1]})
v = Input(sparse([5, 7], torch.float32), ["transpose", 0, 1])
g.add("count_nonzero", [v], torch.count_nonzero(v.tensor(), dim=[0]), {"dims": [0]})

# ---- cumsum, cumprod ---------------------------------------------------------------------------
for op in ("cumsum", "cumprod"):
    for dt in ALL_T:
        for shape in SHAPES:
            if dt != torch.float32 and shape not in ([7], [17], [3, 5], [2, 3, 4], [0, 3]):
                continue
            base = small_prod(shape, dt) if op == "cumprod" else rnd(shape, dt)
            for dim in list(range(len(shape))) + [-1]:
                x = base
                g.add(op, [Input(x)], torch.cumsum(x, dim) if op == "cumsum" else torch.cumprod(x, dim), {"dim": dim})
    for v in (Input(rnd([5, 7], torch.float32, 0.5, 1.5), ["transpose", 0, 1]),
              Input(rnd([6, 9], torch.float32, 0.5, 1.5), ["slice", 1, 1, 9, 2])):
        x = v.tensor()
        for dim in (0, 1):
            g.add(op, [v], torch.cumsum(x, dim) if op == "cumsum" else torch.cumprod(x, dim), {"dim": dim})
    g.add(op, [Input(special)], torch.cumsum(special, 1) if op == "cumsum" else torch.cumprod(special, 1), {"dim": 1})
    g.add(op, [Input(torch.tensor(3.0))], torch.tensor(3.0), {"dim": 0})

# ---- softmax, log_softmax ------------------------------------------------------------------------
for op in ("softmax", "log_softmax"):
    fn = torch.softmax if op == "softmax" else torch.log_softmax
    for dt in F:
        for shape in SHAPES:
            if dt == torch.float64 and shape not in ([17], [33], [3, 5], [2, 3, 4]):
                continue
            base = rnd(shape, dt) * 3
            for dim in list(range(len(shape))) + [-1]:
                g.add(op, [Input(base)], fn(base, dim), {"dim": dim})
    for dim in (0, 1):
        g.add(op, [Input(extreme)], fn(extreme, dim), {"dim": dim})
    wide = rnd([3, 70]) * 40
    wide[1] += 1000
    wide[2] -= 1000
    g.add(op, [Input(wide)], fn(wide, 1), {"dim": 1})
    g.add(op, [Input(wide.double())], fn(wide.double(), 1), {"dim": 1})
    for v in (Input(rnd([5, 7]), ["transpose", 0, 1]), Input(rnd([6, 9]), ["slice", 1, 1, 9, 2]),
              Input(rnd([3, 1, 17]), ["expand", [3, 4, 17]]), Input(rnd([2, 3, 4]), ["permute", [2, 0, 1]])):
        x = v.tensor()
        for dim in (0, -1):
            g.add(op, [v], fn(x, dim), {"dim": dim})
    g.add(op, [Input(torch.tensor(3.0))], fn(torch.tensor(3.0), 0), {"dim": 0})

g.write()
