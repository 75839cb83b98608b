"""Golden gradients for convolution and pooling (tensor/src/test/resources/golden/grad_conv.json).

conv1d, conv2d and conv_transpose2d with stride, padding, dilation, groups (depthwise
included), with and without bias, unbatched inputs, non-square settings and output paddings
(also one not below the stride, allowed by a larger dilation); max pooling (1-D and 2-D, ceil
mode, padding, dilation, overlapping windows), average pooling (ceil mode, padding, both
count_include_pad settings) and adaptive average pooling with sizes that do not divide (bins
overlap). float64 mostly, some float32; double-backward values for conv1d, conv2d,
convTranspose2d, avgPool2d (and a few max pools, whose second derivative is zero).

Run: /usr/bin/python3 tools/golden/gen_grad_conv.py
"""
import torch
import torch.nn.functional as F

from golden import GradGolden, Input

g = GradGolden("grad_conv")
f32, f64 = torch.float32, torch.float64


def rn(*shape, dtype=f64):
    return torch.randn(shape, dtype=f64).to(dtype)


def conv2d(x, w, b, s, p, d, groups, dtype=f64, double=True, note=None):
    ins = [rn(*x, dtype=dtype), rn(*w, dtype=dtype)] + ([rn(b, dtype=dtype)] if b else [])
    args = {"stride": s, "padding": p, "dilation": d, "groups": groups}
    g.add_grad("conv2d", ins, lambda *t: F.conv2d(t[0], t[1], t[2] if len(t) > 2 else None, s, p, d, groups), args,
               double=double, note=note)


for dt in (f64, f32):
    conv2d([2, 3, 5, 5], [4, 3, 3, 3], 4, [1, 1], [0, 0], [1, 1], 1, dt)
    conv2d([1, 2, 6, 5], [3, 2, 3, 3], 3, [2, 2], [1, 1], [1, 1], 1, dt, note="stride 2 padding 1")
conv2d([1, 2, 7, 7], [2, 2, 3, 3], 0, [2, 2], [0, 0], [1, 1], 1, note="stride 2, a skipped last row")
conv2d([1, 2, 6, 6], [2, 2, 3, 2], 0, [1, 1], [1, 1], [2, 2], 1, note="dilation 2 no bias")
conv2d([2, 4, 4, 4], [4, 2, 2, 2], 4, [1, 1], [0, 0], [1, 1], 2, note="groups 2")
conv2d([1, 3, 5, 5], [6, 1, 3, 3], 0, [2, 2], [1, 1], [1, 1], 3, note="depthwise, channel multiplier 2")
conv2d([2, 4, 5, 5], [4, 1, 3, 3], 4, [1, 1], [1, 1], [1, 1], 4, note="depthwise")
conv2d([2, 5, 4], [3, 2, 2, 3], 3, [2, 1], [1, 0], [1, 1], 1, note="unbatched, non-square stride/padding")
conv2d([1, 3, 8, 9], [2, 3, 3, 3], 2, [3, 2], [2, 1], [2, 1], 1, note="stride 3x2 padding 2x1 dilation 2x1")
conv2d([2, 2, 4, 4], [3, 2, 1, 1], 3, [1, 1], [0, 0], [1, 1], 1, note="1x1 pointwise")
conv2d([1, 2, 5, 5], [2, 2, 5, 5], 2, [1, 1], [0, 0], [1, 1], 1, note="kernel = input")
conv2d([3, 1, 17, 3], [2, 1, 3, 3], 2, [1, 1], [1, 1], [1, 1], 1, dtype=f32)
conv2d([0, 2, 4, 4], [3, 2, 3, 3], 3, [1, 1], [1, 1], [1, 1], 1, note="empty batch")
x = rn(1, 2, 5, 6)
g.add_grad("conv2d", [Input(x, ["transpose", 2, 3]), rn(2, 2, 3, 3)],
           lambda a, w: F.conv2d(a, w, None, 1, 0, 1, 1), {"stride": [1, 1], "padding": [0, 0], "dilation": [1, 1],
                                                            "groups": 1}, double=True, note="transposed input")


def conv1d(x, w, b, s, p, d, groups, dtype=f64, note=None):
    ins = [rn(*x, dtype=dtype), rn(*w, dtype=dtype)] + ([rn(b, dtype=dtype)] if b else [])
    args = {"stride": s, "padding": p, "dilation": d, "groups": groups}
    g.add_grad("conv1d", ins, lambda *t: F.conv1d(t[0], t[1], t[2] if len(t) > 2 else None, s, p, d, groups), args,
               double=True, note=note)


for dt in (f64, f32):
    conv1d([2, 3, 7], [4, 3, 3], 4, 1, 0, 1, 1, dt)
    conv1d([2, 2, 8], [3, 2, 3], 0, 2, 1, 2, 1, dt, note="stride 2 padding 1 dilation 2")
conv1d([4, 6], [2, 2, 3], 2, 1, 1, 1, 2, note="groups 2 unbatched")
conv1d([1, 3, 10], [3, 1, 4], 3, 3, 2, 1, 3, note="depthwise stride 3")
conv1d([2, 2, 17], [2, 2, 1], 0, 1, 0, 1, 1, note="kernel 1")
conv1d([0, 2, 5], [3, 2, 3], 3, 1, 0, 1, 1, note="empty batch")


def convT(x, w, b, s, p, op, groups, d, dtype=f64, note=None):
    ins = [rn(*x, dtype=dtype), rn(*w, dtype=dtype)] + ([rn(b, dtype=dtype)] if b else [])
    args = {"stride": s, "padding": p, "outputPadding": op, "groups": groups, "dilation": d}
    g.add_grad("convTranspose2d", ins,
               lambda *t: F.conv_transpose2d(t[0], t[1], t[2] if len(t) > 2 else None, s, p, op, groups, d), args,
               double=True, note=note)


for dt in (f64, f32):
    convT([2, 3, 3, 3], [3, 2, 3, 3], 2, [2, 2], [1, 1], [1, 1], 1, [1, 1], dt, note="stride 2 output padding 1")
convT([1, 4, 3, 3], [4, 1, 2, 2], 0, [1, 1], [0, 0], [0, 0], 2, [1, 1], note="groups 2")
convT([1, 2, 3, 3], [2, 2, 2, 2], 2, [1, 1], [0, 0], [1, 1], 1, [2, 2], note="output padding >= stride (dilation 2)")
convT([2, 3, 3], [2, 3, 2, 3], 0, [2, 1], [0, 1], [1, 0], 1, [1, 1], note="unbatched, stride 2x1")
convT([2, 2, 4, 4], [2, 3, 3, 3], 3, [1, 1], [1, 1], [0, 0], 1, [1, 1])
convT([1, 4, 2, 3], [4, 2, 3, 2], 4, [3, 2], [1, 0], [2, 1], 2, [1, 2], note="groups 2 stride 3x2 dilation 1x2")
convT([1, 3, 4, 4], [3, 1, 3, 3], 0, [2, 2], [1, 1], [0, 0], 3, [1, 1], note="depthwise")
convT([0, 2, 3, 3], [2, 3, 2, 2], 3, [1, 1], [0, 0], [0, 0], 1, [1, 1], note="empty batch")


def maxpool2d(x, k, s, p, d, ceil, dtype=f64, double=False, note=None):
    args = {"kernel": k, "stride": s, "padding": p, "dilation": d, "ceilMode": ceil}
    g.add_grad("maxPool2d", [rn(*x, dtype=dtype)], lambda t: F.max_pool2d(t, k, s, p, d, ceil), args, double=double,
               note=note)


for dt in (f64, f32):
    maxpool2d([2, 2, 4, 5], [2, 2], [2, 2], [0, 0], [1, 1], False, dt)
    maxpool2d([1, 2, 6, 5], [3, 3], [2, 2], [1, 1], [1, 1], True, dt, note="overlapping, ceil mode")
maxpool2d([2, 5, 5], [2, 2], [1, 1], [0, 0], [2, 2], False, double=True, note="dilation 2 unbatched")
maxpool2d([1, 3, 7, 6], [3, 2], [2, 1], [1, 1], [1, 1], False, note="non-square")
maxpool2d([1, 1, 5, 5], [2, 2], [2, 2], [1, 1], [1, 1], True, double=True, note="padding and ceil mode")
maxpool2d([2, 2, 8, 8], [3, 3], [3, 3], [0, 0], [1, 1], True, note="ceil mode partial last window")
maxpool2d([1, 2, 5, 5], [3, 3], [1, 1], [1, 1], [1, 1], False, note="stride 1 overlap")

# ties (integer-valued input): torch sends the gradient to the first maximum in scan order
g.add_grad("maxPool2d", [torch.randint(0, 3, (2, 2, 5, 5)).to(f64)], lambda t: F.max_pool2d(t, 3, 1, 1, 1, False),
           {"kernel": [3, 3], "stride": [1, 1], "padding": [1, 1], "dilation": [1, 1], "ceilMode": False},
           note="ties, overlapping windows")
g.add_grad("maxPool2d", [torch.ones(1, 1, 4, 4, dtype=f64)], lambda t: F.max_pool2d(t, 2, 2, 0, 1, False),
           {"kernel": [2, 2], "stride": [2, 2], "padding": [0, 0], "dilation": [1, 1], "ceilMode": False},
           note="constant input")
g.add_grad("maxPool1d", [torch.randint(0, 2, (2, 3, 9)).to(f64)], lambda t: F.max_pool1d(t, 3, 2, 1, 1, True),
           {"kernel": 3, "stride": 2, "padding": 1, "dilation": 1, "ceilMode": True}, note="ties")
maxpool2d([0, 2, 4, 4], [2, 2], [2, 2], [0, 0], [1, 1], False, note="empty batch")


def maxpool1d(x, k, s, p, d, ceil, dtype=f64, note=None):
    args = {"kernel": k, "stride": s, "padding": p, "dilation": d, "ceilMode": ceil}
    g.add_grad("maxPool1d", [rn(*x, dtype=dtype)], lambda t: F.max_pool1d(t, k, s, p, d, ceil), args, note=note)


for dt in (f64, f32):
    maxpool1d([2, 2, 8], 3, 2, 1, 1, True, dt)
maxpool1d([3, 7], 2, 1, 0, 2, False, note="dilation 2 unbatched")
maxpool1d([1, 2, 17], 4, 4, 2, 1, True, note="ceil mode, padding 2")
maxpool1d([2, 1, 9], 2, 2, 0, 1, False)


def avgpool2d(x, k, s, p, ceil, incl, dtype=f64, note=None):
    args = {"kernel": k, "stride": s, "padding": p, "ceilMode": ceil, "countIncludePad": incl}
    g.add_grad("avgPool2d", [rn(*x, dtype=dtype)], lambda t: F.avg_pool2d(t, k, s if s else None, p, ceil, incl), args,
               double=True, note=note)


for incl in (True, False):
    for ceil in (True, False):
        avgpool2d([1, 2, 6, 5], [3, 3], [2, 2], [1, 1], ceil, incl)
        avgpool2d([2, 1, 7, 8], [3, 2], [2, 3], [1, 0], ceil, incl)
    avgpool2d([1, 2, 5, 5], [2, 2], [2, 2], [1, 1], True, incl, note="padding with a ceil-mode overhang")
    avgpool2d([1, 1, 7, 7], [4, 4], [3, 3], [1, 1], False, incl, note="padding, last window ends before the input")
avgpool2d([2, 5, 4], [2, 2], [], [0, 0], False, True, note="default stride unbatched")
avgpool2d([2, 2, 4, 4], [2, 2], [2, 2], [0, 0], False, True, dtype=f32)
avgpool2d([0, 2, 4, 4], [2, 2], [2, 2], [0, 0], False, True, note="empty batch")
avgpool2d([1, 2, 9, 9], [3, 3], [1, 1], [1, 1], False, False, dtype=f32, note="stride 1 overlap")


def avgpool1d(x, k, s, p, ceil, incl, dtype=f64, note=None):
    args = {"kernel": k, "stride": s, "padding": p, "ceilMode": ceil, "countIncludePad": incl}
    g.add_grad("avgPool1d", [rn(*x, dtype=dtype)], lambda t: F.avg_pool1d(t, k, s, p, ceil, incl), args, note=note)


for incl in (True, False):
    for ceil in (True, False):
        avgpool1d([2, 2, 8], 3, 2, 1, ceil, incl)
        avgpool1d([1, 3, 17], 4, 3, 2, ceil, incl)
    avgpool1d([2, 1, 7], 4, 3, 1, False, incl, note="padding, last window ends before the input")
avgpool1d([2, 5], 2, 1, 0, False, True, note="unbatched")
avgpool1d([2, 2, 16], 2, 2, 0, False, True, dtype=f32)

for dt in (f64, f32):
    for (h, w), (oh, ow) in [((5, 7), (3, 4)), ((4, 4), (2, 2)), ((6, 6), (4, 4)), ((3, 5), (5, 3))]:
        g.add_grad("adaptiveAvgPool2d", [rn(2, 2, h, w, dtype=dt)], lambda t, o=(oh, ow): F.adaptive_avg_pool2d(t, o),
                   {"outH": oh, "outW": ow}, double=dt == f64)
g.add_grad("adaptiveAvgPool2d", [rn(3, 7, 5)], lambda t: F.adaptive_avg_pool2d(t, (1, 1)), {"outH": 1, "outW": 1},
           note="unbatched global average")
g.add_grad("adaptiveAvgPool2d", [rn(1, 2, 17, 9)], lambda t: F.adaptive_avg_pool2d(t, (5, 4)), {"outH": 5, "outW": 4})

g.write()
