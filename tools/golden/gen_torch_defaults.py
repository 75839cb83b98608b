"""Golden cases for the short forms that take torch's default arguments (Tensor.conv2d(w),
maxPool2d(k), avgPool2d(k), elu(), leakyRelu(), topk(k), argmax(dim), ...): each case calls
torch with the same positional arguments and lets torch fill in the rest, so the Java short form
is checked against torch's own defaults, not against our reading of them.

Writes tensor/src/test/resources/golden/torch_defaults.json (read by TorchDefaultsGoldenTest).
Run: /usr/bin/python3 tools/golden/gen_torch_defaults.py
"""
import torch
import torch.nn.functional as F

from golden import Golden

F32, F64 = torch.float32, torch.float64
g = Golden("torch_defaults")

for dt in (F32, F64):
    x = torch.randn(2, 3, 7, 7, dtype=dt)
    w, b = torch.randn(4, 3, 3, 3, dtype=dt), torch.randn(4, dtype=dt)
    g.add("conv2d(w)", [x, w], F.conv2d(x, w))
    g.add("conv2d(w,b)", [x, w, b], F.conv2d(x, w, b))
    g.add("conv2d(w,b,s,p)", [x, w, b], F.conv2d(x, w, b, 2, 1), {"stride": 2, "padding": 1})
    x1, w1, b1 = torch.randn(2, 3, 9, dtype=dt), torch.randn(4, 3, 3, dtype=dt), torch.randn(4, dtype=dt)
    g.add("conv1d(w)", [x1, w1], F.conv1d(x1, w1))
    g.add("conv1d(w,b)", [x1, w1, b1], F.conv1d(x1, w1, b1))
    for k in (2, 3):
        g.add("maxPool2d(k)", [x], F.max_pool2d(x, k), {"k": k})
        g.add("avgPool2d(k)", [x], F.avg_pool2d(x, k), {"k": k})
        g.add("maxPool1d(k)", [x1], F.max_pool1d(x1, k), {"k": k})
        g.add("avgPool1d(k)", [x1], F.avg_pool1d(x1, k), {"k": k})
        g.add("adaptiveAvgPool2d(s)", [x], F.adaptive_avg_pool2d(x, k), {"size": k})
    g.add("maxPool2d(k,s)", [x], F.max_pool2d(x, 3, 2), {"k": 3, "s": 2})
    g.add("maxPool2d(k,s,p)", [x], F.max_pool2d(x, 3, 2, 1), {"k": 3, "s": 2, "p": 1})
    g.add("avgPool2d(k,s)", [x], F.avg_pool2d(x, 3, 2), {"k": 3, "s": 2})
    g.add("avgPool2d(k,s,p)", [x], F.avg_pool2d(x, 3, 2, 1), {"k": 3, "s": 2, "p": 1})
    e = torch.randn(5, 6, dtype=dt) * 3
    g.add("elu()", [e], F.elu(e))
    g.add("leakyRelu()", [e], F.leaky_relu(e))
    v, i = torch.topk(e, 3)
    g.add("topk(k)", [e], [v, i], {"k": 3})
    v, i = torch.topk(e, 2, 0)
    g.add("topk(k,dim)", [e], [v, i], {"k": 2, "dim": 0})
    for d in (0, 1, -1):
        g.add("argmax(dim)", [e], torch.argmax(e, d), {"dim": d})
        g.add("argmin(dim)", [e], torch.argmin(e, d), {"dim": d})
g.write()
