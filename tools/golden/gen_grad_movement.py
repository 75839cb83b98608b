"""Golden gradients for the movement (view) ops: view, reshape, permute, transpose, t, movedim,
expand, narrow, slice, select, squeeze, squeezeDim, unsqueeze, flatten, unflatten, unfold,
contiguous, copy, toDtype, toDevice. Leaves are contiguous bases; several cases differentiate
through non-contiguous views (transposed, stepped slices, expanded).

Run: /usr/bin/python3 tools/golden/gen_grad_movement.py  (writes golden/grad_movement.json)
"""
import torch

from golden import GradGolden, Input

g = GradGolden("grad_movement")
D, F = torch.float64, torch.float32


def dbl(op, inputs, fn, args):
    """A double-backward case of (op(x))^2: the gradient 2 J^T (op(x) * w) depends on x, so the
    second derivative runs every backward formula of op with create_graph (op alone is linear)."""
    args = dict(args, square=True)
    g.add_grad(op, inputs, lambda *a: fn(*a) * fn(*a), args, double=True)


def r(*shape, dtype=D):
    return torch.randn(shape, dtype=dtype)


def ncT(*shape, dtype=D):
    """A transposed (non-contiguous) input whose view has `shape` (>= 2 dims)."""
    s = list(shape)
    s[-1], s[-2] = s[-2], s[-1]
    return Input(torch.randn(s, dtype=dtype), ["transpose", len(s) - 2, len(s) - 1])


def sl(*shape, dtype=D):
    """A stepped slice of dim 0 (non-contiguous) whose view has `shape`."""
    s = list(shape)
    s[0] = 2 * s[0]
    return Input(torch.randn(s, dtype=dtype), ["slice", 0, 0, None, 2])


for x, shape in [(r(2, 3, 4), [6, 4]), (r(12), [3, 4]), (r(2, 3, 4, dtype=F), [4, 6]), (r(1), []), (r(0, 3), [3, 0])]:
    g.add_grad("view", [x], lambda t, s=shape: t.view(s), {"shape": shape})
for x, shape in [(r(2, 3, 4), [-1, 4]), (ncT(3, 4), [12]), (sl(3, 5), [5, 3]), (r(6, dtype=F), [2, 3]),
                 (r(0, 4), [2, 0, 2])]:
    g.add_grad("reshape", [x], lambda t, s=shape: t.reshape(s), {"shape": shape})
dbl("reshape", [r(2, 3)], lambda t: t.reshape(3, 2), {"shape": [3, 2]})
for x, dims in [(r(2, 3, 4), [2, 0, 1]), (r(2, 3, 4), [-1, -3, -2]), (ncT(3, 5), [1, 0]), (r(2, 3, 4, 5, dtype=F), [3, 1, 0, 2])]:
    g.add_grad("permute", [x], lambda t, d=dims: t.permute(d), {"dims": dims})
dbl("permute", [r(2, 3, 4)], lambda t: t.permute(1, 2, 0), {"dims": [1, 2, 0]})
for x, d0, d1 in [(r(3, 5), 0, 1), (r(2, 3, 4), 0, 2), (r(2, 3, 4), -1, 1), (sl(3, 4, dtype=F), 0, 1), (r(4), 0, 0)]:
    g.add_grad("transpose", [x], lambda t, a=d0, b=d1: t.transpose(a, b), {"dim0": d0, "dim1": d1})
for x in [r(3, 5), r(7), ncT(4, 2), r(2, 6, dtype=F), r(0, 3)]:
    g.add_grad("t", [x], lambda t: t.t())
for x, s, d in [(r(2, 3, 4), 0, 2), (r(2, 3, 4), -1, 0), (ncT(2, 5), 1, 0), (r(2, 3, 4, 5, dtype=F), 1, 3)]:
    g.add_grad("movedim", [x], lambda t, a=s, b=d: t.movedim(a, b), {"source": s, "destination": d})
for x, shape in [(r(3, 1), [3, 4]), (r(1), [5]), (r(4), [2, 3, 4]), (r(2, 1, 3), [2, 5, 3]), (r(1, 1), [3, 16]),
                 (r(3, 1, dtype=F), [2, 3, 7]), (r(), [4, 2]), (r(2, 1), [2, 0]), (r(1, 3), [-1, 3])]:
    g.add_grad("expand", [x], lambda t, s=shape: t.expand(s), {"shape": shape})
dbl("expand", [r(3, 1)], lambda t: t.expand(3, 4), {"shape": [3, 4]})
for x, d, s, n in [(r(5, 3), 0, 1, 3), (r(2, 7), 1, 0, 7), (r(2, 7), -1, 6, 1), (ncT(4, 6), 1, 2, 3),
                   (r(3, 4, 5, dtype=F), 2, 1, 2), (r(3, 4), 0, 1, 0), (r(5, 2), 0, -3, 2)]:
    g.add_grad("narrow", [x], lambda t, a=d, b=s, c=n: t.narrow(a, b, c), {"dim": d, "start": s, "length": n})
for x, d, s, e, st in [(r(10), 0, 1, 8, 3), (r(10), 0, 0, 10, 2), (r(3, 9), 1, 2, 9, 4), (r(4, 5), 0, -3, 100, 1),
                       (r(7, 3), 0, 0, 7, 7), (r(3, 17, dtype=F), 1, 1, 16, 5), (ncT(6, 8), 0, 1, 5, 2), (r(5), 0, 4, 2, 1),
                       (r(6, 4), -2, 0, 6, 4)]:
    g.add_grad("slice", [x], lambda t, a=d, b=s, c=e, f=st: t[(slice(None),) * (a % t.dim()) + (slice(b, c, f),)],
               {"dim": d, "start": s, "end": e, "step": st})
for x, d, i in [(r(5), 0, 2), (r(3, 4), 1, -1), (r(2, 3, 4), 1, 0), (ncT(4, 5), 0, 3), (r(3, 4, dtype=F), -2, 2)]:
    g.add_grad("select", [x], lambda t, a=d, b=i: t.select(a, b), {"dim": d, "index": i})
for x in [r(1, 3, 1, 2), r(1), r(2, 3), r(1, 1, 5, dtype=F)]:
    g.add_grad("squeeze", [x], lambda t: t.squeeze())
for x, d in [(r(1, 3, 1), 0), (r(1, 3, 1), -1), (r(2, 3), 1), (r(4, 1, dtype=F), 1)]:
    g.add_grad("squeezeDim", [x], lambda t, a=d: t.squeeze(a), {"dim": d})
for x, d in [(r(3), 0), (r(3), 1), (r(2, 3), -1), (r(), 0), (ncT(2, 3, dtype=F), 1)]:
    g.add_grad("unsqueeze", [x], lambda t, a=d: t.unsqueeze(a), {"dim": d})
for x, s, e in [(r(2, 3, 4), 0, -1), (r(2, 3, 4), 1, 2), (ncT(3, 4), 0, 1), (r(2, 3, 4, 5, dtype=F), 1, 3)]:
    g.add_grad("flatten", [x], lambda t, a=s, b=e: t.flatten(a, b), {"start": s, "end": e})
for x, d, sizes in [(r(12), 0, [3, 4]), (r(2, 6), 1, [2, -1]), (sl(6, 2), 0, [3, 2]), (r(4, 6, dtype=F), -1, [3, 2])]:
    g.add_grad("unflatten", [x], lambda t, a=d, b=sizes: t.unflatten(a, b), {"dim": d, "sizes": sizes})
for x, d, size, step in [(r(10), 0, 3, 1), (r(10), 0, 4, 2), (r(9), 0, 3, 3), (r(11), 0, 5, 4), (r(3, 8), 1, 4, 1),
                         (r(7, 3), 0, 3, 2), (ncT(6, 4), 0, 2, 1), (r(2, 9, 3, dtype=F), 1, 5, 2), (r(5), 0, 5, 1),
                         (r(4), 0, 0, 1)]:
    g.add_grad("unfold", [x], lambda t, a=d, b=size, c=step: t.unfold(a, b, c), {"dim": d, "size": size, "step": step})
dbl("unfold", [r(8)], lambda t: t.unfold(0, 3, 1), {"dim": 0, "size": 3, "step": 1})
for x in [ncT(3, 5), sl(4, 3), r(6), r(2, 3, dtype=F)]:
    g.add_grad("contiguous", [x], lambda t: t.contiguous())
    g.add_grad("copy", [x], lambda t: t.clone())
for x, to in [(r(3, 4), "float32"), (r(5, dtype=F), "float64"), (ncT(2, 3), "float32"), (r(4), "float64")]:
    g.add_grad("toDtype", [x], lambda t, d=to: t.to(getattr(torch, d)), {"dtype": to})
for x in [r(3, 4), ncT(2, 5, dtype=F)]:
    g.add_grad("toDevice", [x], lambda t: t.to("cpu").mul(1), {"device": "cpu"})
dbl("narrow", [r(5, 3)], lambda t: t.narrow(0, 1, 3), {"dim": 0, "start": 1, "length": 3})
dbl("slice", [r(3, 9)], lambda t: t[:, 1:8:3], {"dim": 1, "start": 1, "end": 8, "step": 3})
dbl("select", [r(3, 4)], lambda t: t.select(1, 2), {"dim": 1, "index": 2})
dbl("transpose", [r(3, 4)], lambda t: t.transpose(0, 1), {"dim0": 0, "dim1": 1})
dbl("unsqueeze", [r(3)], lambda t: t.unsqueeze(0), {"dim": 0})
g.write()
