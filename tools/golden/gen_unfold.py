"""Golden cases for unfold2d / fold2d (torch.nn.functional.unfold / fold): forward values
(tensor/src/test/resources/golden/unfold.json) and gradients with double-backward values
(grad_unfold.json). Kernel, dilation, padding and stride vary per dim; batched and unbatched
inputs; a non-contiguous input; float32 on an exact dyadic grid and float64.

Run: /usr/bin/python3 tools/golden/gen_unfold.py
"""
import torch
import torch.nn.functional as F

from golden import Golden, GradGolden, Input

torch.manual_seed(7)
F32, F64 = torch.float32, torch.float64
g = Golden("unfold")
gg = GradGolden("grad_unfold")

# (shape, kernel, dilation, padding, stride)
CASES = [
    ([1, 1, 4, 4], [2, 2], [1, 1], [0, 0], [1, 1]),
    ([2, 3, 5, 6], [3, 3], [1, 1], [1, 1], [1, 1]),
    ([2, 2, 7, 5], [3, 2], [2, 1], [1, 0], [2, 1]),
    ([1, 4, 6, 6], [1, 1], [1, 1], [0, 0], [2, 2]),
    ([3, 5, 5], [2, 3], [1, 1], [1, 2], [1, 2]),          # unbatched
    ([2, 1, 9, 9], [5, 5], [1, 1], [2, 2], [3, 3]),
    ([1, 2, 8, 7], [3, 3], [2, 2], [2, 1], [1, 1]),
]


def args(k, d, p, s):
    return {"kernel": k, "dilation": d, "padding": p, "stride": s}


for dtype in (F32, F64):
    for shape, k, d, p, s in CASES:
        x = torch.randint(-8, 9, shape).to(dtype) / 4 if dtype == F32 else torch.randn(shape, dtype=F64)
        cols = F.unfold(x if len(shape) == 4 else x.unsqueeze(0), k, d, p, s)
        if len(shape) == 3:
            cols = cols.squeeze(0)
        g.add("unfold2d", [x], cols, args(k, d, p, s))
        size = shape[-2:]
        c = torch.randint(-8, 9, cols.shape).to(dtype) / 4 if dtype == F32 else torch.randn(cols.shape, dtype=F64)
        folded = F.fold(c if c.dim() == 3 else c.unsqueeze(0), size, k, d, p, s)
        if c.dim() == 2:
            folded = folded.squeeze(0)
        g.add("fold2d", [c], folded, dict(args(k, d, p, s), outputSize=size))
# non-contiguous input: a transposed view
base = torch.randn(2, 3, 6, 5, dtype=F64)
x = Input(base, ["transpose", 2, 3])
g.add("unfold2d", [x], F.unfold(base.transpose(2, 3), [2, 3], 1, 1, 1), args([2, 3], [1, 1], [1, 1], [1, 1]))

for shape, k, d, p, s in CASES:
    if len(shape) == 3:
        continue
    gg.add_grad("unfold2d", [torch.randn(shape, dtype=F64)], lambda t, k=k, d=d, p=p, s=s: F.unfold(t, k, d, p, s),
                args(k, d, p, s), double=True)
    n_cols = F.unfold(torch.zeros(shape, dtype=F64), k, d, p, s).shape
    gg.add_grad("fold2d", [torch.randn(n_cols, dtype=F64)],
                lambda t, k=k, d=d, p=p, s=s, size=shape[-2:]: F.fold(t, size, k, d, p, s),
                dict(args(k, d, p, s), outputSize=shape[-2:]), double=True)

g.write()
gg.write()
