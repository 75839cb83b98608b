"""Golden gradients for the reduction ops (sum, mean, prod, max/min, var/std, norm, logsumexp,
cumsum/cumprod, softmax/log_softmax) and the index-selecting ops (max/min along a dim, sort,
topk, kthvalue, median).

Run: /usr/bin/python3 tools/golden/gen_grad_reductions.py
Writes tensor/src/test/resources/golden/grad_reductions.json (GradGolden family "grad_reductions").

Index-selecting ops use tie-free data (torch's choice among ties along a dim is implementation
defined); max/min over a set of dims and median() get explicit ties since torch splits the
gradient evenly among them. prod/cumprod get inputs with one and several zeros.
"""
import math

import torch

from golden import GradGolden, Input

g = GradGolden("grad_reductions")
INF = float("inf")
F64, F32 = torch.float64, torch.float32


def jnum(v):
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def rnd(shape, dtype=F64):
    return torch.randn(shape, dtype=dtype)


def ties(shape, dtype=F64):
    """Small integers: many ties."""
    return torch.randint(-2, 3, shape).to(dtype)


def away_from_zero(shape, dtype=F64):
    """|x| in [0.5, 1.5] with random signs: prod/cumprod/norm stay well conditioned."""
    x = torch.rand(shape, dtype=dtype) + 0.5
    return x * torch.where(torch.rand(shape) < 0.5, -1.0, 1.0).to(dtype)


def all_dims(x, dims):
    return list(range(x.dim())) if not dims else list(dims)


def dim_sets(rank):
    sets = [[]]
    sets += [[d] for d in range(rank)]
    if rank >= 2:
        sets.append([0, -1])
    if rank >= 3:
        sets.append([-3, 1])
    return sets


# ---- torch forms of the Java ops -------------------------------------------------------------

def t_sum(x, dims, k):
    return x.sum() if x.dim() == 0 else torch.sum(x, all_dims(x, dims), keepdim=k)


def t_mean(x, dims, k):
    return x.mean() if x.dim() == 0 else torch.mean(x, all_dims(x, dims), keepdim=k)


def t_prod(x, dims, k):
    if x.dim() == 0:
        return x.prod()
    ds = sorted([d % x.dim() for d in all_dims(x, dims)], reverse=True)
    y = x
    for d in ds:
        y = torch.prod(y, d, keepdim=True)
    if not k:
        for d in ds:
            y = y.squeeze(d)
    return y


def t_amax(x, dims, k):
    if x.dim() == 0 or (not dims and not k):
        return x.max()  # torch.max(): evenly distributes among ties, like amax
    return torch.amax(x, all_dims(x, dims), keepdim=k)


def t_amin(x, dims, k):
    if x.dim() == 0 or (not dims and not k):
        return x.min()
    return torch.amin(x, all_dims(x, dims), keepdim=k)


def t_var(x, dims, c, k):
    return torch.var(x, all_dims(x, dims), correction=c, keepdim=k)


def t_std(x, dims, c, k):
    return torch.std(x, all_dims(x, dims), correction=c, keepdim=k)


def t_norm(x, p, dims, k):
    y = torch.linalg.vector_norm(x, ord=p, dim=all_dims(x, dims) if x.dim() else None, keepdim=k)
    # p = 0: torch returns an undefined (zero) gradient whose storage tolist() cannot read;
    # adding 0 * sum(x) makes autograd materialise the zeros without changing any value.
    return y + 0 * x.sum() if p == 0 else y


def t_lse(x, dims, k):
    return torch.logsumexp(x, all_dims(x, dims), keepdim=k)


# ---- case builders ---------------------------------------------------------------------------

def reduce_cases(op, fn, inputs, double, keeps=(False, True), dimsets=None):
    for inp in inputs:
        x = inp.tensor()
        for dims in (dimsets or dim_sets(x.dim())):
            for k in keeps:
                g.add_grad(op, [inp], lambda t, d=dims, kk=k: fn(t, d, kk), {"dims": dims, "keepDim": k},
                           double=double)


def noncontig(gen, dtype=F64):
    return [Input(gen([4, 3], dtype), ["transpose", 0, 1]),
            Input(gen([3, 8], dtype), ["slice", 1, 1, 8, 2])]


def basic(gen):
    return [Input(gen([5])), Input(gen([3, 4])), Input(gen([2, 3, 4])), Input(gen([3, 4], F32))]


# sum, mean: dense sweep + 0-size + scalar + non-contiguous
for op, fn in (("sum", t_sum), ("mean", t_mean)):
    reduce_cases(op, fn, basic(rnd) + noncontig(rnd), double=True)
    reduce_cases(op, fn, [Input(torch.tensor(1.5, dtype=F64))], double=True, dimsets=[[]])
reduce_cases("sum", t_sum, [Input(torch.zeros(0, 3, dtype=F64))], double=True, dimsets=[[0], [1]], keeps=(False,))

# prod: no zeros, one zero per group, several zeros
reduce_cases("prod", t_prod, basic(away_from_zero) + noncontig(away_from_zero)[:1], double=True)
z1 = away_from_zero([3, 4])
z1[0, 1] = 0
z1[2, 3] = 0
zm = away_from_zero([3, 4])
zm[1, 0] = 0
zm[1, 2] = 0
zm[2, 2] = 0
reduce_cases("prod", t_prod, [Input(z1), Input(zm)], double=True, dimsets=[[], [0], [1]])

# max / min over dims: tie-free and with ties (evenly split)
for op, fn in (("max", t_amax), ("min", t_amin)):
    reduce_cases(op, fn, [Input(rnd([3, 4])), Input(rnd([2, 3, 4])), Input(rnd([3, 4], F32))] + noncontig(rnd)[:1],
                 double=False)
    reduce_cases(op, fn, [Input(ties([4, 5])), Input(ties([2, 3, 4]))], double=False, dimsets=[[], [1], [0, -1]])

# var / std with corrections 0, 1, 2
for op, fn in (("var", t_var), ("std", t_std)):
    for inp in [Input(rnd([6])), Input(rnd([3, 4])), Input(rnd([2, 3, 4])), Input(rnd([3, 5], F32))] + noncontig(rnd)[:1]:
        x = inp.tensor()
        for dims in dim_sets(x.dim())[:3]:
            for c in ((0, 1, 2) if x.dim() == 2 else (0, 1)):
                for k in (False, True):
                    g.add_grad(op, [inp], lambda t, d=dims, cc=c, kk=k: fn(t, d, cc, kk),
                               {"dims": dims, "correction": c, "keepDim": k}, double=True)

# norm: p = 2, 1, inf, -inf, 0, 3, 1.5, 0.5; plus rows of zeros for p = 2 / 1.5 / 3
for p in (2.0, 1.0, INF, -INF, 0.0, 3.0, 1.5, 0.5):
    ins = [Input(away_from_zero([3, 4])), Input(away_from_zero([3, 4], F32))]
    if p in (2.0, 1.0, INF, 3.0):
        ins.append(Input(away_from_zero([2, 3, 4])))
    for inp in ins:
        x = inp.tensor()
        for dims in ([], [1], [0, -1]):
            for k in (False, True):
                g.add_grad("norm", [inp], lambda t, pp=p, d=dims, kk=k: t_norm(t, pp, d, kk),
                           {"p": jnum(p), "dims": dims, "keepDim": k}, double=p in (2.0, 3.0, 1.5, 0.5))
zr = rnd([3, 4])
zr[1] = 0
for p in (2.0, 1.0, 3.0, 1.5):
    g.add_grad("norm", [Input(zr)], lambda t, pp=p: t_norm(t, pp, [1], False),
               {"p": jnum(p), "dims": [1], "keepDim": False}, note="zero row: subgradient 0")
g.add_grad("norm", [noncontig(away_from_zero)[0]], lambda t: t_norm(t, 2.0, [0], False),
           {"p": 2.0, "dims": [0], "keepDim": False}, double=True)

# logsumexp, including -inf entries (gradient 0 there)
reduce_cases("logSumExp", t_lse, [Input(rnd([5])), Input(rnd([3, 4])), Input(rnd([2, 3, 4])), Input(rnd([3, 4], F32))]
             + noncontig(rnd)[:1], double=True)
li = rnd([3, 4])
li[0, 1] = -INF
li[2, 0] = -INF
li[2, 3] = -INF
reduce_cases("logSumExp", t_lse, [Input(li)], double=False, dimsets=[[], [1]])

# cumsum, cumprod along each dim
for op, fn, gen in (("cumsum", torch.cumsum, rnd), ("cumprod", torch.cumprod, away_from_zero)):
    for inp in [Input(gen([6])), Input(gen([3, 4])), Input(gen([2, 3, 4])), Input(gen([3, 5], F32))] + noncontig(gen):
        x = inp.tensor()
        for d in list(range(x.dim())) + [-1]:
            g.add_grad(op, [inp], lambda t, dd=d, f=fn: f(t, dd), {"dim": d}, double=True)
for zs in ([2], [1, 3], [0, 4, 5]):
    x = away_from_zero([2, 6])
    x[0, zs] = 0
    x[1, zs[-1]] = 0
    g.add_grad("cumprod", [Input(x)], lambda t: torch.cumprod(t, 1), {"dim": 1}, double=True,
               note="zeros at %s" % zs)
x = away_from_zero([5, 3])
x[1, 0] = 0
x[3, 0] = 0
x[0, 2] = 0
g.add_grad("cumprod", [Input(x)], lambda t: torch.cumprod(t, 0), {"dim": 0}, double=True)

# softmax / log_softmax, including rows of large magnitude
for op, fn in (("softmax", torch.softmax), ("logSoftmax", torch.log_softmax)):
    for inp in [Input(rnd([6])), Input(rnd([3, 4])), Input(rnd([2, 3, 4])), Input(rnd([3, 5], F32))] + noncontig(rnd):
        x = inp.tensor()
        for d in list(range(x.dim())) + [-1]:
            g.add_grad(op, [inp], lambda t, dd=d, f=fn: f(t, dd), {"dim": d}, double=True)
    big = rnd([3, 5]) * 30
    big[0] += 1000
    big[1] -= 1000
    g.add_grad(op, [Input(big)], lambda t, f=fn: f(t, 1), {"dim": 1}, double=True, note="large magnitude")

# index-selecting ops: tie-free data
for op, fn in (("maxDim", torch.max), ("minDim", torch.min), ("medianDim", torch.median)):
    for inp in [Input(rnd([5])), Input(rnd([3, 4])), Input(rnd([2, 3, 5])), Input(rnd([3, 4], F32))] + noncontig(rnd)[:1]:
        x = inp.tensor()
        for d in list(range(x.dim())) + [-1]:
            for k in (False, True):
                g.add_grad(op, [inp], lambda t, dd=d, kk=k, f=fn: f(t, dd, keepdim=kk)[0], {"dim": d, "keepDim": k})
for inp in [Input(rnd([6])), Input(rnd([3, 4])), Input(rnd([2, 3, 4])), Input(rnd([3, 4], F32))] + noncontig(rnd)[:1]:
    x = inp.tensor()
    for d in (0, -1):
        for desc in (False, True):
            g.add_grad("sort", [inp], lambda t, dd=d, de=desc: torch.sort(t, dd, descending=de)[0],
                       {"dim": d, "descending": desc})
        n = x.shape[d]
        for kk in sorted({1, n // 2, n}):
            for largest in (True, False):
                g.add_grad("topk", [inp], lambda t, k=kk, dd=d, la=largest: torch.topk(t, k, dd, largest=la, sorted=True)[0],
                           {"k": kk, "dim": d, "largest": largest, "sorted": True})
            g.add_grad("kthvalue", [inp], lambda t, k=kk, dd=d: torch.kthvalue(t, k, dd, keepdim=False)[0],
                       {"k": kk, "dim": d, "keepDim": False})
            g.add_grad("kthvalue", [inp], lambda t, k=kk, dd=d: torch.kthvalue(t, k, dd, keepdim=True)[0],
                       {"k": kk, "dim": d, "keepDim": True})
    g.add_grad("topk", [inp], lambda t: torch.topk(t, 1, -1, largest=True, sorted=False)[0],
               {"k": 1, "dim": -1, "largest": True, "sorted": False})

# median() of all elements: tie-free, and ties (evenly split among the elements equal to it)
for inp in [Input(rnd([5])), Input(rnd([3, 4])), Input(rnd([2, 3, 4], F32)), noncontig(rnd)[0],
            Input(torch.tensor([1.0, 2.0, 2.0, 2.0, 5.0], dtype=F64)), Input(ties([4, 5])),
            Input(torch.tensor(0.25, dtype=F64))]:
    g.add_grad("median", [inp], lambda t: t.median(), {})

# 0-dim inputs: every op treats a scalar as a 1-element reduction / scan / selection
sc = Input(torch.tensor(-0.75, dtype=F64))
g.add_grad("prod", [sc], lambda t: t_prod(t, [], False), {"dims": [], "keepDim": False}, double=True)
g.add_grad("max", [sc], lambda t: t_amax(t, [], False), {"dims": [], "keepDim": False})
g.add_grad("min", [sc], lambda t: t_amin(t, [], True), {"dims": [], "keepDim": True})
g.add_grad("norm", [sc], lambda t: t_norm(t, 2.0, [], False), {"p": 2.0, "dims": [], "keepDim": False}, double=True)
g.add_grad("logSumExp", [sc], lambda t: torch.logsumexp(t, 0), {"dims": [0], "keepDim": False}, double=True)
g.add_grad("var", [sc], lambda t: torch.var(t, None, correction=0), {"dims": [], "correction": 0, "keepDim": False})
for op, fn in (("cumsum", torch.cumsum), ("cumprod", torch.cumprod), ("softmax", torch.softmax),
               ("logSoftmax", torch.log_softmax)):
    g.add_grad(op, [sc], lambda t, f=fn: f(t, 0), {"dim": 0}, double=True)
g.add_grad("maxDim", [sc], lambda t: torch.max(t, 0)[0], {"dim": 0, "keepDim": False})
g.add_grad("sort", [sc], lambda t: torch.sort(t, 0)[0], {"dim": 0, "descending": False})
g.add_grad("topk", [sc], lambda t: torch.topk(t, 1, 0)[0], {"k": 1, "dim": 0, "largest": True, "sorted": True})
g.add_grad("kthvalue", [sc], lambda t: torch.kthvalue(t, 1, 0)[0], {"k": 1, "dim": 0, "keepDim": False})
g.add_grad("medianDim", [sc], lambda t: torch.median(t, 0)[0], {"dim": 0, "keepDim": True})

g.write()
