"""Golden cases for the convolution and pooling family (conv1d, conv2d, convTranspose2d,
maxPool1d/2d, avgPool1d/2d, adaptiveAvgPool2d).

float32 convolution inputs lie on a coarse dyadic grid (multiples of 1/4 and 1/8), so every
product and partial sum is exact in float32 and the expected values do not depend on the
order of accumulation; float64 cases use normal random values. float32 average pooling is
computed in float64 and rounded once, so the reference carries no float32 summation error.

Run: /usr/bin/python3 tools/golden/gen_conv.py
"""
import torch
import torch.nn.functional as F

from golden import Golden, Input

g = Golden("conv")
F32, F64 = torch.float32, torch.float64


def grid(shape, dtype, scale):
    """float32: integers in [-8, 8] times scale (exact sums); float64: randn rounded to 6 digits."""
    if dtype == F32:
        return torch.randint(-8, 9, shape).to(F32) * scale
    return torch.round(torch.randn(shape, dtype=F64) * 1e6) / 1e6


def conv_input(shape, dtype, noncontig):
    """The input, optionally as a transposed view of a [.., W, H] base (non-contiguous)."""
    if not noncontig:
        return Input(grid(shape, dtype, 0.25))
    base_shape = list(shape[:-2]) + [shape[-1], shape[-2]]
    return Input(grid(base_shape, dtype, 0.25), ["transpose", len(shape) - 2, len(shape) - 1])


def pair(v):
    return list(v) if isinstance(v, (list, tuple)) else [v, v]


# ---- conv2d ----
# (N, C, O, H, W, kernel, stride, padding, dilation, groups, bias, noncontig, dtype)
CONV2D = [
    (1, 1, 2, 5, 5, (3, 3), 1, 0, 1, 1, False, False, F32),
    (1, 3, 2, 6, 7, (3, 3), 1, 1, 1, 1, True, False, F32),
    (2, 3, 5, 7, 6, (3, 3), 2, 1, 1, 1, True, False, F32),
    (2, 4, 2, 5, 5, (1, 1), 1, 0, 1, 1, True, False, F32),
    (2, 4, 2, 6, 5, (1, 1), 2, 0, 1, 1, False, False, F32),
    (1, 4, 2, 5, 6, (1, 1), 1, 1, 1, 2, True, False, F32),
    (1, 3, 5, 6, 7, (2, 3), 1, 0, 1, 1, True, False, F32),
    (2, 3, 2, 8, 8, (5, 5), 1, 2, 1, 1, True, False, F32),
    (1, 1, 5, 9, 9, (5, 5), 2, 2, 1, 1, False, False, F32),
    (1, 3, 2, 9, 9, (3, 3), 1, 2, 2, 1, True, False, F32),
    (2, 4, 4, 7, 7, (3, 3), 1, 1, 1, 2, True, False, F32),
    (2, 4, 2, 7, 7, (3, 3), 2, 0, 1, 2, False, False, F32),
    (2, 4, 4, 6, 6, (3, 3), 1, 1, 1, 4, True, False, F32),   # depthwise
    (1, 3, 3, 6, 6, (3, 3), 2, 1, 1, 3, False, False, F32),  # depthwise
    (1, 3, 6, 5, 5, (3, 3), 1, 1, 1, 3, True, False, F32),   # depthwise, multiplier 2
    (2, 3, 2, 6, 5, (3, 3), 1, 1, 1, 1, True, True, F32),    # non-contiguous input
    (1, 4, 4, 7, 5, (2, 3), 2, 1, 2, 2, True, True, F32),
    (1, 1, 2, 4, 4, (3, 3), 1, 0, 1, 1, False, True, F32),
    (2, 3, 5, 7, 9, (3, 2), (2, 1), (1, 0), (1, 2), 1, True, False, F32),
    (1, 4, 2, 8, 7, (5, 5), (1, 2), (2, 1), (1, 1), 2, False, False, F32),
    (1, 3, 2, 3, 3, (3, 3), 1, 0, 1, 1, True, False, F32),   # output 1x1
    (1, 3, 2, 2, 2, (3, 3), 1, 1, 1, 1, True, False, F32),   # kernel only fits with padding
    (1, 2, 2, 1, 1, (1, 1), 1, 0, 1, 1, True, False, F32),   # one pixel
    (1, 3, 5, 17, 17, (3, 3), 1, 1, 1, 1, True, False, F32), # rows longer than a vector
    (1, 2, 2, 5, 33, (1, 3), 1, (0, 1), 1, 1, False, False, F32),
    (1, 3, 2, 6, 7, (3, 3), 1, 1, 1, 1, True, False, F64),
    (2, 4, 5, 7, 6, (3, 3), 2, 1, 1, 1, True, False, F64),
    (2, 4, 4, 6, 6, (3, 3), 1, 1, 1, 4, False, False, F64),
    (2, 4, 2, 8, 8, (5, 5), 1, 2, 2, 2, True, True, F64),
    (1, 1, 5, 5, 5, (1, 1), 1, 0, 1, 1, True, False, F64),
    (1, 3, 2, 9, 7, (2, 3), (2, 1), (1, 2), (2, 1), 1, True, False, F64),
]

for (n, c, o, h, w, k, s, p, d, groups, bias, nc, dt) in CONV2D:
    x = conv_input([n, c, h, w], dt, nc)
    wt = grid([o, c // groups, k[0], k[1]], dt, 0.125)
    b = grid([o], dt, 0.5) if bias else None
    args = {"stride": pair(s), "padding": pair(p), "dilation": pair(d), "groups": groups}
    out = F.conv2d(x.tensor(), wt, b, tuple(pair(s)), tuple(pair(p)), tuple(pair(d)), groups)
    g.add("conv2d", [x, wt] + ([b] if bias else []), out, args)

# unbatched [C, H, W]
for dt in (F32, F64):
    x = grid([3, 6, 5], dt, 0.25)
    wt = grid([4, 3, 3, 3], dt, 0.125)
    b = grid([4], dt, 0.5)
    g.add("conv2d", [x, wt, b], F.conv2d(x, wt, b, 1, 1), {"stride": [1, 1], "padding": [1, 1], "dilation": [1, 1], "groups": 1})

# ---- conv1d ----
# (N, C, O, L, k, stride, padding, dilation, groups, bias, noncontig, dtype)
CONV1D = [
    (1, 1, 2, 7, 3, 1, 0, 1, 1, False, False, F32),
    (2, 3, 5, 16, 3, 1, 1, 1, 1, True, False, F32),
    (2, 3, 2, 17, 5, 2, 2, 1, 1, True, False, F32),
    (1, 4, 4, 15, 3, 1, 2, 2, 2, True, False, F32),
    (2, 4, 4, 9, 3, 1, 1, 1, 4, False, False, F32),
    (1, 4, 2, 33, 1, 1, 0, 1, 1, True, False, F32),
    (2, 3, 2, 12, 4, 3, 1, 1, 1, True, True, F32),
    (1, 2, 2, 5, 5, 1, 0, 1, 1, True, False, F32),
    (2, 3, 5, 16, 3, 2, 1, 2, 1, True, False, F64),
    (1, 4, 2, 11, 3, 1, 1, 1, 2, True, True, F64),
]
for (n, c, o, l, k, s, p, d, groups, bias, nc, dt) in CONV1D:
    if nc:
        x = Input(grid([n, l, c], dt, 0.25), ["transpose", 1, 2])
    else:
        x = Input(grid([n, c, l], dt, 0.25))
    wt = grid([o, c // groups, k], dt, 0.125)
    b = grid([o], dt, 0.5) if bias else None
    out = F.conv1d(x.tensor(), wt, b, s, p, d, groups)
    g.add("conv1d", [x, wt] + ([b] if bias else []), out,
          {"stride": s, "padding": p, "dilation": d, "groups": groups})
x = grid([3, 10], F32, 0.25)
wt = grid([2, 3, 3], F32, 0.125)
g.add("conv1d", [x, wt], F.conv1d(x, wt, None, 1, 1), {"stride": 1, "padding": 1, "dilation": 1, "groups": 1})

# ---- convTranspose2d ----
# (N, C, O, H, W, kernel, stride, padding, outputPadding, groups, dilation, bias, noncontig, dtype)
CONVT = [
    (1, 1, 1, 3, 3, (3, 3), 1, 0, 0, 1, 1, False, False, F32),
    (1, 3, 2, 4, 5, (3, 3), 2, 1, 1, 1, 1, True, False, F32),
    (2, 3, 5, 4, 4, (3, 3), 2, 0, 0, 1, 1, True, False, F32),
    (2, 4, 2, 3, 4, (2, 2), 2, 0, 0, 1, 1, False, False, F32),
    (1, 4, 4, 5, 5, (3, 3), 2, 1, 1, 2, 1, True, False, F32),
    (2, 4, 4, 4, 3, (3, 3), 1, 1, 0, 4, 1, True, False, F32),
    (1, 2, 3, 4, 4, (3, 3), 1, 2, 0, 1, 2, True, False, F32),
    (1, 2, 3, 4, 4, (3, 3), 1, 0, 1, 1, 2, True, False, F32),   # outputPadding >= stride (dilation 2)
    (1, 3, 2, 5, 4, (5, 3), (2, 1), (2, 1), (1, 0), 1, (1, 2), True, False, F32),
    (2, 3, 2, 4, 5, (3, 3), 2, 1, 1, 1, 1, True, True, F32),
    (1, 2, 2, 1, 1, (3, 3), 2, 0, 0, 1, 1, True, False, F32),
    (1, 4, 6, 3, 3, (1, 1), 1, 0, 0, 2, 1, True, False, F32),
    (1, 3, 2, 4, 5, (3, 3), 2, 1, 1, 1, 1, True, False, F64),
    (2, 4, 4, 4, 4, (3, 3), 3, 1, 2, 2, 2, True, False, F64),
    (1, 2, 3, 3, 4, (2, 3), (1, 2), 0, (0, 1), 1, 1, False, True, F64),
]
for (n, c, o, h, w, k, s, p, op, groups, d, bias, nc, dt) in CONVT:
    x = conv_input([n, c, h, w], dt, nc)
    wt = grid([c, o // groups, k[0], k[1]], dt, 0.125)
    b = grid([o], dt, 0.5) if bias else None
    out = F.conv_transpose2d(x.tensor(), wt, b, tuple(pair(s)), tuple(pair(p)), tuple(pair(op)), groups, tuple(pair(d)))
    g.add("convTranspose2d", [x, wt] + ([b] if bias else []), out,
          {"stride": pair(s), "padding": pair(p), "outputPadding": pair(op), "groups": groups, "dilation": pair(d)})
x = grid([2, 3, 3], F32, 0.25)
wt = grid([2, 3, 3, 3], F32, 0.125)
g.add("convTranspose2d", [x, wt], F.conv_transpose2d(x, wt, None, 2, 1, 1),
      {"stride": [2, 2], "padding": [1, 1], "outputPadding": [1, 1], "groups": 1, "dilation": [1, 1]})


# ---- pooling ----
def pool_input(shape, dtype, kind, noncontig=False):
    """kind: randn, ties (few distinct values), or special (with -inf / NaN / +inf)."""
    if noncontig:
        shape = list(shape[:-2]) + [shape[-1], shape[-2]]
    if kind == "ties":
        t = torch.randint(0, 3, shape).to(dtype)
    else:
        t = torch.randn(shape, dtype=dtype)
        if kind == "special":
            flat = t.view(-1)
            flat[torch.randperm(flat.numel())[:4]] = float("-inf")
            flat[torch.randperm(flat.numel())[:2]] = float("nan")
            flat[torch.randperm(flat.numel())[:2]] = float("inf")
    if noncontig:
        return Input(t, ["transpose", len(shape) - 2, len(shape) - 1])
    return Input(t)


# (shape, kernel, stride, padding, dilation, ceil, kind, noncontig, dtype)
MAXPOOL2D = [
    ([1, 1, 4, 4], 2, 2, 0, 1, False, "randn", False, F32),
    ([2, 3, 7, 6], 3, 2, 1, 1, False, "randn", False, F32),
    ([2, 3, 7, 6], 3, 2, 1, 1, True, "randn", False, F32),
    ([1, 2, 5, 5], 2, 2, 0, 1, True, "randn", False, F32),
    ([1, 2, 2, 2], 3, 2, 0, 1, True, "randn", False, F32),   # kernel overhangs the input, ceil keeps one window
    ([2, 2, 9, 8], 3, 1, 1, 2, False, "randn", False, F32),
    ([1, 3, 9, 9], (3, 2), (2, 1), (1, 0), (2, 3), True, "randn", False, F32),
    ([2, 2, 6, 6], 2, 1, 1, 1, False, "ties", False, F32),
    ([1, 3, 8, 8], 3, 2, 1, 1, True, "ties", False, F32),
    ([1, 2, 6, 7], 3, 2, 1, 1, False, "special", False, F32),
    ([2, 3, 6, 5], 2, 2, 0, 1, False, "randn", True, F32),
    ([2, 3, 6, 5], (3, 1), (1, 2), (1, 0), 1, True, "randn", True, F32),
    ([3, 5, 5], 2, 1, 0, 1, False, "randn", False, F32),     # unbatched
    ([1, 1, 17, 17], 5, 3, 2, 1, True, "randn", False, F32),
    ([2, 3, 7, 6], 3, 2, 1, 1, True, "randn", False, F64),
    ([1, 2, 9, 8], 2, 2, 1, 3, False, "ties", False, F64),
    ([1, 2, 6, 7], 2, 1, 0, 1, False, "special", False, F64),
]
for (shape, k, s, p, d, ceil, kind, nc, dt) in MAXPOOL2D:
    x = pool_input(shape, dt, kind, nc)
    v, i = F.max_pool2d(x.tensor(), k, s, p, d, ceil, return_indices=True)
    g.add("maxPool2d", [x], [v, i], {"kernel": pair(k), "stride": pair(s), "padding": pair(p), "dilation": pair(d),
                                      "ceilMode": ceil})

# (shape, kernel, stride, padding, dilation, ceil, kind, noncontig, dtype)
MAXPOOL1D = [
    ([1, 1, 8], 2, 2, 0, 1, False, "randn", False, F32),
    ([2, 3, 17], 3, 2, 1, 1, False, "randn", False, F32),
    ([2, 3, 16], 3, 2, 1, 1, True, "randn", False, F32),
    ([2, 2, 15], 3, 1, 1, 2, True, "randn", False, F32),
    ([1, 2, 12], 2, 1, 1, 1, False, "ties", False, F32),
    ([1, 3, 11], 3, 2, 0, 1, False, "special", False, F32),
    ([2, 3, 9], 2, 2, 0, 1, True, "randn", True, F32),
    ([3, 33], 4, 3, 2, 1, False, "randn", False, F32),
    ([2, 3, 17], 3, 2, 1, 2, True, "randn", False, F64),
]
for (shape, k, s, p, d, ceil, kind, nc, dt) in MAXPOOL1D:
    x = pool_input(shape, dt, kind, nc)
    g.add("maxPool1d", [x], F.max_pool1d(x.tensor(), k, s, p, d, ceil),
          {"kernel": k, "stride": s, "padding": p, "dilation": d, "ceilMode": ceil})


def avg_reference(f, t, *args):
    """float32 averages computed in float64 and rounded once (see the module docstring)."""
    if t.dtype == F32:
        return f(t.double(), *args).float()
    return f(t, *args)


# (shape, kernel, stride, padding, ceil, countIncludePad, noncontig, dtype)
AVGPOOL2D = [
    ([1, 1, 4, 4], 2, 2, 0, False, True, False, F32),
    ([2, 3, 7, 6], 3, 2, 1, False, True, False, F32),
    ([2, 3, 7, 6], 3, 2, 1, False, False, False, F32),
    ([2, 3, 7, 6], 3, 2, 1, True, True, False, F32),
    ([2, 3, 7, 6], 3, 2, 1, True, False, False, F32),
    ([1, 1, 5, 5], 2, 2, 0, True, True, False, F32),          # ceil window past the input, no padding
    ([1, 2, 2, 2], 3, 2, 0, True, True, False, F32),
    ([1, 3, 9, 8], (3, 2), (2, 1), (1, 0), True, True, False, F32),
    ([1, 3, 9, 8], (3, 2), (2, 1), (1, 1), False, False, False, F32),
    ([2, 2, 6, 5], 2, 1, 1, False, True, True, F32),
    ([2, 2, 6, 5], (3, 2), (2, 2), (1, 1), True, False, True, F32),
    ([3, 5, 5], 2, 1, 0, False, True, False, F32),
    ([1, 1, 17, 16], 5, 3, 2, True, False, False, F32),
    ([2, 3, 7, 6], 3, 2, 1, True, True, False, F64),
    ([2, 3, 7, 6], 3, 2, 1, True, False, False, F64),
    ([1, 2, 8, 9], (2, 4), (3, 2), (1, 2), False, False, False, F64),
]
for (shape, k, s, p, ceil, cip, nc, dt) in AVGPOOL2D:
    x = pool_input(shape, dt, "randn", nc)
    out = avg_reference(F.avg_pool2d, x.tensor(), k, s, p, ceil, cip)
    g.add("avgPool2d", [x], out, {"kernel": pair(k), "stride": pair(s), "padding": pair(p), "ceilMode": ceil,
                                  "countIncludePad": cip})

# int64 average pooling divides with truncation toward zero
for (k, s, p, ceil, cip) in [(2, 2, 0, False, True), (3, 2, 1, True, False), (3, 2, 1, True, True)]:
    x = torch.randint(-20, 21, [1, 2, 7, 6])
    g.add("avgPool2d", [x], F.avg_pool2d(x, k, s, p, ceil, cip),
          {"kernel": [k, k], "stride": [s, s], "padding": [p, p], "ceilMode": ceil, "countIncludePad": cip})

# (shape, kernel, stride, padding, ceil, countIncludePad, noncontig, dtype)
AVGPOOL1D = [
    ([1, 1, 8], 2, 2, 0, False, True, False, F32),
    ([2, 3, 17], 3, 2, 1, False, True, False, F32),
    ([2, 3, 17], 3, 2, 1, False, False, False, F32),
    ([2, 3, 16], 3, 2, 1, True, True, False, F32),
    ([2, 3, 16], 3, 2, 1, True, False, False, F32),
    ([1, 2, 15], 4, 3, 2, True, True, False, F32),
    ([2, 3, 9], 2, 2, 1, True, False, True, F32),
    ([3, 33], 5, 1, 2, False, True, False, F32),
    ([2, 3, 17], 3, 2, 1, True, False, False, F64),
    ([1, 2, 10], 4, 3, 1, True, True, False, F64),
]
for (shape, k, s, p, ceil, cip, nc, dt) in AVGPOOL1D:
    x = pool_input(shape, dt, "randn", nc)
    out = avg_reference(F.avg_pool1d, x.tensor(), k, s, p, ceil, cip)
    g.add("avgPool1d", [x], out, {"kernel": k, "stride": s, "padding": p, "ceilMode": ceil, "countIncludePad": cip})

# (shape, outH, outW, noncontig, dtype)
ADAPTIVE = [
    ([1, 1, 7, 7], 3, 3, False, F32),
    ([2, 3, 5, 5], 5, 5, False, F32),
    ([2, 3, 6, 6], 4, 4, False, F32),
    ([2, 3, 6, 7], 1, 1, False, F32),
    ([1, 2, 7, 6], 3, 4, False, F32),
    ([1, 2, 3, 3], 5, 4, False, F32),    # upsampling bins repeat inputs
    ([2, 2, 9, 8], 4, 3, True, F32),
    ([3, 7, 6], 2, 5, False, F32),       # unbatched
    ([1, 1, 17, 33], 5, 7, False, F32),
    ([2, 3, 7, 7], 3, 3, False, F64),
    ([1, 2, 6, 9], 4, 2, True, F64),
    ([1, 2, 10, 10], 1, 1, False, F64),
]
for (shape, oh, ow, nc, dt) in ADAPTIVE:
    x = pool_input(shape, dt, "randn", nc)
    out = avg_reference(F.adaptive_avg_pool2d, x.tensor(), (oh, ow))
    g.add("adaptiveAvgPool2d", [x], out, {"outH": oh, "outW": ow})

# empty batch
x = torch.randn(0, 2, 5, 5)
g.add("maxPool2d", [x], list(F.max_pool2d(x, 2, 2, 0, 1, False, return_indices=True)),
      {"kernel": [2, 2], "stride": [2, 2], "padding": [0, 0], "dilation": [1, 1], "ceilMode": False})
g.add("avgPool2d", [x], F.avg_pool2d(x, 2), {"kernel": [2, 2], "stride": [2, 2], "padding": [0, 0],
                                             "ceilMode": False, "countIncludePad": True})
g.add("adaptiveAvgPool2d", [x], F.adaptive_avg_pool2d(x, 3), {"outH": 3, "outW": 3})
wt = grid([3, 2, 3, 3], F32, 0.125)
g.add("conv2d", [x, wt], F.conv2d(x, wt, None, 1, 1), {"stride": [1, 1], "padding": [1, 1], "dilation": [1, 1], "groups": 1})

g.write()
