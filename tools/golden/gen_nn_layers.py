"""Golden forward values and gradients of torch.nn layers for the jgrad nn module.

Each case: inputs = [x, state-dict values in torch's order]; args = layer config, "train",
"keys" (state-dict keys), "params" (parameter names, in named_parameters order);
outputs = [y, w, dL/dx, dL/dparam...] where L = (y * w).sum(), w ~ N(0, 1).
Run with /usr/bin/python3 (torch 1.13).
"""
import os
import torch
import torch.nn as nn
import golden

golden.OUT_DIR = os.path.join(golden.ROOT, "nn", "src", "test", "resources", "golden")
g = golden.Golden("nn_layers", seed=20261126)


def case(layer, build, x, train=True, args=None, int_input=False, extra=(), fn=None, consts=()):
    """x: the first input; extra: more float inputs; consts: inputs not differentiated (masks);
    fn(m, *inputs, *consts) -> y (default m(x))."""
    m = build()
    with torch.no_grad():
        for name, p in m.named_parameters():
            p.copy_(torch.randn(p.shape) * 0.5)
    m.train(train)
    sd = m.state_dict()
    keys = list(sd.keys())
    xs = [x] + list(extra)
    inputs = xs + list(consts) + [sd[k].detach().clone() for k in keys]
    xin = [t.clone() for t in xs]
    for k, t in enumerate(xin):
        if not (k == 0 and int_input):
            t.requires_grad_(True)
    y = fn(m, *xin, *consts) if fn else m(*xin)
    w = torch.randn(y.shape)
    names = [n for n, _ in m.named_parameters()]
    leaves = xin[1:] if int_input else xin
    leaves = leaves + [p for _, p in m.named_parameters()]
    gs = torch.autograd.grad((y * w).sum(), leaves, allow_unused=True)
    gs = [torch.zeros_like(l) if gr is None else gr for gr, l in zip(gs, leaves)]
    if int_input:
        gs = [torch.zeros(0)] + gs
    a = dict(args or {})
    a.update({"layer": layer, "train": train, "keys": keys, "params": names, "nin": len(xs) + len(consts), "ndiff": len(xs)})
    # state after forward (running stats) to check buffer updates
    after = [m.state_dict()[k].detach().clone() for k in keys]
    g.add(layer, inputs, [y.detach(), w] + [t.detach() for t in gs] + after, a)


r = torch.randn
for shape in ([4, 3], [2, 5, 3], [3]):
    case("Linear", lambda: nn.Linear(3, 2), r(*shape), args={"in": 3, "out": 2, "bias": True})
case("Linear", lambda: nn.Linear(5, 4, bias=False), r(3, 5), args={"in": 5, "out": 4, "bias": False})
acts = {
    "ReLU": (nn.ReLU, {}), "Tanh": (nn.Tanh, {}), "Sigmoid": (nn.Sigmoid, {}), "SiLU": (nn.SiLU, {}),
    "Identity": (nn.Identity, {}),
    "LeakyReLU": (lambda: nn.LeakyReLU(0.2), {"slope": 0.2}), "ELU": (lambda: nn.ELU(0.7), {"alpha": 0.7}),
    "GELU": (nn.GELU, {"approximate": False}), "GELU_tanh": (lambda: nn.GELU(approximate="tanh"), {"approximate": True}),
    "Softplus": (lambda: nn.Softplus(2.0, 3.0), {"beta": 2.0, "threshold": 3.0}),
    "Softmax": (lambda: nn.Softmax(1), {"dim": 1}), "LogSoftmax": (lambda: nn.LogSoftmax(-1), {"dim": -1}),
    "Flatten": (nn.Flatten, {}),
}
for name, (ctor, a) in acts.items():
    case(name, ctor, r(3, 4, 2) * 2, args=a)


case("Conv1d", lambda: nn.Conv1d(4, 6, 3, stride=2, padding=1, dilation=1, groups=2), r(2, 4, 9),
     args={"in": 4, "out": 6, "k": 3, "stride": 2, "padding": 1, "dilation": 1, "groups": 2, "bias": True})
case("Conv1d", lambda: nn.Conv1d(3, 2, 2, dilation=2, bias=False), r(3, 7),
     args={"in": 3, "out": 2, "k": 2, "stride": 1, "padding": 0, "dilation": 2, "groups": 1, "bias": False})
case("Conv2d", lambda: nn.Conv2d(3, 4, 3, stride=1, padding=1), r(2, 3, 5, 6),
     args={"in": 3, "out": 4, "k": [3, 3], "stride": [1, 1], "padding": [1, 1], "dilation": [1, 1], "groups": 1, "bias": True})
case("Conv2d", lambda: nn.Conv2d(4, 4, (2, 3), stride=(2, 1), padding=(0, 1), dilation=(1, 2), groups=2, bias=False),
     r(1, 4, 7, 6), args={"in": 4, "out": 4, "k": [2, 3], "stride": [2, 1], "padding": [0, 1], "dilation": [1, 2],
                          "groups": 2, "bias": False})
case("MaxPool1d", lambda: nn.MaxPool1d(3, 2, 1), r(2, 3, 8), args={"k": 3, "stride": 2, "padding": 1, "ceil": False})
case("MaxPool1d", lambda: nn.MaxPool1d(2, ceil_mode=True), r(2, 3, 7), args={"k": 2, "stride": 2, "padding": 0, "ceil": True})
case("MaxPool2d", lambda: nn.MaxPool2d(2), r(2, 3, 6, 5), args={"k": 2, "stride": 2, "padding": 0, "ceil": False})
case("MaxPool2d", lambda: nn.MaxPool2d(3, 2, 1, ceil_mode=True), r(1, 2, 7, 6), args={"k": 3, "stride": 2, "padding": 1, "ceil": True})
case("AvgPool1d", lambda: nn.AvgPool1d(3, 2, 1), r(2, 3, 8), args={"k": 3, "stride": 2, "padding": 1, "ceil": False, "cip": True})
case("AvgPool2d", lambda: nn.AvgPool2d(2), r(2, 3, 6, 5), args={"k": 2, "stride": 2, "padding": 0, "ceil": False, "cip": True})
case("AvgPool2d", lambda: nn.AvgPool2d(3, 2, 1, count_include_pad=False), r(1, 2, 7, 6),
     args={"k": 3, "stride": 2, "padding": 1, "ceil": False, "cip": False})
case("AdaptiveAvgPool2d", lambda: nn.AdaptiveAvgPool2d((3, 2)), r(2, 3, 7, 5), args={"oh": 3, "ow": 2})
case("AdaptiveAvgPool2d", lambda: nn.AdaptiveAvgPool2d(1), r(2, 3, 4, 4), args={"oh": 1, "ow": 1})


def bn(cls, c, momentum=0.1, affine=True):
    def build():
        m = cls(c, momentum=momentum, affine=affine)
        m.running_mean.copy_(torch.randn(c) * 0.3)
        m.running_var.copy_(torch.rand(c) + 0.5)
        m.num_batches_tracked.fill_(3)
        return m
    return build


for train in (True, False):
    case("BatchNorm1d", bn(nn.BatchNorm1d, 4), r(6, 4) * 2 + 1, train=train, args={"c": 4, "momentum": 0.1, "affine": True})
    case("BatchNorm1d", bn(nn.BatchNorm1d, 3, 0.3), r(4, 3, 5), train=train, args={"c": 3, "momentum": 0.3, "affine": True})
    case("BatchNorm2d", bn(nn.BatchNorm2d, 3), r(2, 3, 4, 5) * 3 - 1, train=train, args={"c": 3, "momentum": 0.1, "affine": True})
    case("BatchNorm2d", bn(nn.BatchNorm2d, 2, 0.5, False), r(3, 2, 3, 3), train=train,
         args={"c": 2, "momentum": 0.5, "affine": False})
case("LayerNorm", lambda: nn.LayerNorm(5), r(3, 5) * 2 + 1, args={"shape": [5], "affine": True})
case("LayerNorm", lambda: nn.LayerNorm([3, 4]), r(2, 2, 3, 4), args={"shape": [3, 4], "affine": True})
case("LayerNorm", lambda: nn.LayerNorm(6, elementwise_affine=False), r(4, 6), args={"shape": [6], "affine": False})
case("GroupNorm", lambda: nn.GroupNorm(2, 4), r(3, 4, 5) * 2, args={"groups": 2, "c": 4, "affine": True})
case("GroupNorm", lambda: nn.GroupNorm(3, 6), r(2, 6, 3, 2), args={"groups": 3, "c": 6, "affine": True})
case("GroupNorm", lambda: nn.GroupNorm(1, 2, affine=False), r(2, 2, 4), args={"groups": 1, "c": 2, "affine": False})
case("Embedding", lambda: nn.Embedding(7, 3), torch.randint(0, 7, (2, 5)), args={"n": 7, "d": 3}, int_input=True)
case("Embedding", lambda: nn.Embedding(6, 4, padding_idx=2), torch.tensor([[2, 0, 2, 5], [1, 2, 3, 3]]),
     args={"n": 6, "d": 4, "pad": 2}, int_input=True)
case("Embedding", lambda: nn.Embedding(5, 2, padding_idx=-1), torch.tensor([4, 1, 4, 0]),
     args={"n": 5, "d": 2, "pad": -1}, int_input=True)

case("ConvTranspose2d", lambda: nn.ConvTranspose2d(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2), r(2, 4, 3, 4),
     args={"in": 4, "out": 6, "k": [3, 3], "stride": [2, 2], "padding": [1, 1], "outpad": [1, 1], "groups": 2, "bias": True})
case("ConvTranspose2d", lambda: nn.ConvTranspose2d(3, 2, (2, 3), bias=False), r(1, 3, 4, 3),
     args={"in": 3, "out": 2, "k": [2, 3], "stride": [1, 1], "padding": [0, 0], "outpad": [0, 0], "groups": 1, "bias": False})
case("Bilinear", lambda: nn.Bilinear(3, 4, 5), r(6, 3), extra=[r(6, 4)], args={"in1": 3, "in2": 4, "out": 5})
case("Bilinear", lambda: nn.Bilinear(2, 3, 2), r(2, 3, 2), extra=[r(2, 3, 3)], args={"in1": 2, "in2": 3, "out": 2})


def rnn_all(m, x, *state):
    out, hc = m(x, (state[0], state[1]) if len(state) == 2 else (state[0] if state else None))
    if isinstance(hc, tuple):
        return torch.cat([out.reshape(-1), hc[0].reshape(-1), hc[1].reshape(-1)])
    return torch.cat([out.reshape(-1), hc.reshape(-1)])


for kind in ("LSTM", "GRU"):
    ctor = getattr(nn, kind)
    case(kind, lambda: ctor(3, 4), r(5, 2, 3), fn=rnn_all, args={"in": 3, "h": 4, "layers": 1, "batchFirst": False})
    st = [r(2, 3, 4)] * (2 if kind == "LSTM" else 1)
    case(kind, lambda: ctor(3, 4, num_layers=2, batch_first=True), r(3, 6, 3), extra=[t.clone() for t in st], fn=rnn_all,
         args={"in": 3, "h": 4, "layers": 2, "batchFirst": True})
    case(kind, lambda: ctor(2, 3, bias=False), r(4, 2), fn=rnn_all, args={"in": 2, "h": 3, "layers": 1, "batchFirst": False,
                                                                          "bias": False})

def mha_all(m, q, k, v, kpm=None, am=None):
    out, w = m(q, k, v, key_padding_mask=kpm, need_weights=True, attn_mask=am)
    return torch.cat([out.reshape(-1), w.reshape(-1)])


E, H, L, S, N = 8, 2, 5, 4, 3
case("MultiheadAttention", lambda: nn.MultiheadAttention(E, H), r(L, N, E), extra=[r(S, N, E), r(S, N, E)], fn=mha_all,
     args={"E": E, "H": H, "batchFirst": False, "masks": ""})
kpm = torch.tensor([[False, False, True, False], [False, False, False, False], [False, False, True, True]])
am = torch.ones(L, S).triu(1).bool()
am[:, 0] = False
case("MultiheadAttention", lambda: nn.MultiheadAttention(E, H), r(L, N, E), extra=[r(S, N, E), r(S, N, E)], fn=mha_all,
     consts=[kpm, am], args={"E": E, "H": H, "batchFirst": False, "masks": "kpm,am"})
case("MultiheadAttention", lambda: nn.MultiheadAttention(E, 4, batch_first=True), r(N, L, E), extra=[r(N, S, E), r(N, S, E)],
     fn=lambda m, q, k, v, am: mha_all(m, q, k, v, None, am), consts=[r(N * 4, L, S)],
     args={"E": E, "H": 4, "batchFirst": True, "masks": "am"})


def tel(m, x, *masks):
    return m(x, src_mask=masks[0] if masks else None, src_key_padding_mask=masks[1] if len(masks) > 1 else None)


case("TransformerEncoderLayer", lambda: nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0), r(5, 3, 8), fn=tel,
     args={"d": 8, "h": 2, "ff": 16, "gelu": False, "batchFirst": False, "normFirst": False, "masks": ""})
kpm2 = torch.tensor([[False, False, False, True, True], [False] * 5, [False, True, False, False, False]])
case("TransformerEncoderLayer", lambda: nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0, activation="gelu", batch_first=True,
                                                                   norm_first=True), r(3, 5, 8), fn=tel,
     consts=[torch.ones(5, 5).triu(1).bool(), kpm2],
     args={"d": 8, "h": 2, "ff": 16, "gelu": True, "batchFirst": True, "normFirst": True, "masks": "am,kpm"})

case("Sequential", lambda: nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 3), nn.Tanh()), r(5, 4))
case("ConvNet", lambda: nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                                      nn.Flatten(), nn.Linear(36, 5), nn.LogSoftmax(1)), r(3, 1, 6, 6))

g.write()
