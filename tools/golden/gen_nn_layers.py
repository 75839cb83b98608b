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


def case(layer, build, x, train=True, args=None, int_input=False):
    m = build()
    with torch.no_grad():
        for name, p in m.named_parameters():
            p.copy_(torch.randn(p.shape) * 0.5)
    m.train(train)
    sd = m.state_dict()
    keys = list(sd.keys())
    inputs = [x] + [sd[k].detach().clone() for k in keys]
    xin = x.clone()
    if not int_input:
        xin.requires_grad_(True)
    y = m(xin)
    w = torch.randn(y.shape)
    names = [n for n, _ in m.named_parameters()]
    leaves = ([] if int_input else [xin]) + [p for _, p in m.named_parameters()]
    gs = torch.autograd.grad((y * w).sum(), leaves, allow_unused=True)
    gs = [torch.zeros_like(l) if gr is None else gr for gr, l in zip(gs, leaves)]
    if int_input:
        gs = [torch.zeros(0)] + gs
    a = dict(args or {})
    a.update({"layer": layer, "train": train, "keys": keys, "params": names})
    # state after forward (running stats) to check buffer updates
    after = [m.state_dict()[k].detach().clone() for k in keys]
    g.add(layer, inputs, [y.detach(), w] + [t.detach() for t in gs] + after, a)


r = torch.randn
for shape in ([4, 3], [2, 5, 3], [3]):
    case("Linear", lambda: nn.Linear(3, 2), r(*shape), args={"in": 3, "out": 2, "bias": True})
case("Linear", lambda: nn.Linear(5, 4, bias=False), r(3, 5), args={"in": 5, "out": 4, "bias": False})
case("Sequential", lambda: nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 3), nn.Tanh()), r(5, 4))

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

# MORE

g.write()
