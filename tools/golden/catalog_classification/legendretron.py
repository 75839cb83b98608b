"""Golden cases of the classification family (gen_catalog_classification.py): legendretron_link."""
import torch
import torch.nn.functional as F

from catalog_classification.common import D, S, rn, value_case


# ---- legendretron_link: khflam/legendretron lib/icnn.py ICNN3, lib/models.py LegendreLink ------------------
class PosLinear(torch.nn.Linear):
    def forward(self, x):
        gain = 1 / x.size(1)
        return F.linear(x, F.softplus(self.weight), self.bias) * gain


class ActNormNoLogdet(torch.nn.Module):
    """CP-Flow ActNorm (learn_scale, scale 1, logscale_factor 1) without the log-determinant."""

    def __init__(self, num_features):
        super().__init__()
        self.initialized = False
        self.b = torch.nn.Parameter(torch.zeros(1, num_features, 1))
        self.logs = torch.nn.Parameter(torch.zeros(1, num_features, 1))

    def forward(self, x):
        input_shape = x.size()
        x = x.view(input_shape[0], input_shape[1], -1)
        if not self.initialized:
            self.initialized = True
            sum_size = x.size(0) * x.size(-1)
            b = -torch.sum(x, dim=(0, -1)) / sum_size
            self.b.data.copy_(b.unsqueeze(0).unsqueeze(-1).detach().data)
            var = (torch.sum((x + b.unsqueeze(0).unsqueeze(-1).detach()) ** 2, dim=(0, -1)) / sum_size).unsqueeze(0).unsqueeze(-1).detach()
            self.logs.data.copy_(torch.log(1.0 / (torch.sqrt(var) + 1e-6)).data)
        output = (x + self.b) * (torch.exp(self.logs) + 0.001)
        return output.view(input_shape)


class ICNN3(torch.nn.Module):
    def __init__(self, dim, dimh, num_hidden_layers):
        super().__init__()
        Wzs = [torch.nn.Linear(dim, dimh)] + [PosLinear(dimh, dimh // 2, bias=True) for _ in range(num_hidden_layers - 1)]
        Wzs.append(PosLinear(dimh, 1, bias=False))
        self.Wzs = torch.nn.ModuleList(Wzs)
        Wxs = [torch.nn.Linear(dim, dimh // 2) for _ in range(num_hidden_layers - 1)] + [torch.nn.Linear(dim, 1, bias=False)]
        self.Wxs = torch.nn.ModuleList(Wxs)
        self.Wx2s = torch.nn.ModuleList([torch.nn.Linear(dim, dimh // 2) for _ in range(num_hidden_layers - 1)])
        actnorms = [ActNormNoLogdet(dimh // 2) for _ in range(num_hidden_layers - 1)] + [ActNormNoLogdet(1)]
        actnorms[-1].b.requires_grad_(False)
        self.actnorms = torch.nn.ModuleList(actnorms)

    def forward(self, x):
        z = F.softplus(self.Wzs[0](x))
        for Wz, Wx, Wx2, actnorm in zip(self.Wzs[1:-1], self.Wxs[:-1], self.Wx2s[:], self.actnorms[:-1]):
            z = F.softplus(actnorm(Wz(z) + Wx(x)))
            z = torch.cat([z, F.softplus(Wx2(x))], 1)
        return self.actnorms[-1](self.Wzs[-1](z) + self.Wxs[-1](x))


class DeepConvexFlow(torch.nn.Module):
    def __init__(self, icnn):
        super().__init__()
        self.icnn = icnn
        self.w1 = torch.nn.Parameter(torch.randn(1))
        self.w0 = torch.nn.Parameter(torch.randn(1))

    def get_potential(self, x):
        n = x.size(0)
        return F.softplus(self.w1) * self.icnn(x) + F.softplus(self.w0) * (x.view(n, -1) ** 2).sum(1, keepdim=True) / 2

    def forward(self, x):
        with torch.enable_grad():
            x = x.clone().requires_grad_(True)
            Fx = self.get_potential(x)
            return torch.autograd.grad(Fx.sum(), x, create_graph=True)[0]


class LegendreLinkRef(torch.nn.Module):
    def __init__(self, n_blocks, K, dim_hidden, depth):
        super().__init__()
        self.cpflows = torch.nn.ModuleList([DeepConvexFlow(ICNN3(K, dim_hidden, depth)) for _ in range(n_blocks)])

    def forward(self, x):
        z = x
        for cpflow in self.cpflows:
            z = cpflow(z)
        b = torch.cat((z, torch.zeros(z.shape[0], 1, dtype=z.dtype)), -1)
        return F.log_softmax(b, -1)


def java_state(model):
    """The state dict under the Java names: ActNorm tensors [1, C, 1] -> [1, C], plus the init flags."""
    out = {}
    for k, v in model.state_dict().items():
        out[k] = v.reshape(1, -1) if ".actnorms." in k else v
    for k in [k for k in out if k.endswith(".logs")]:
        out[k[:-len("logs")] + "initialized"] = torch.ones(1, dtype=out[k].dtype)
    return out


def add_legendretron_link():
    """Cases of: legendretron_link: khflam/legendretron lib/icnn.py ICNN3, lib/models.py LegendreLink"""
    for dt in (D, S):
        torch.set_default_dtype(dt)
        for classes, blocks, dimh, depth in ((4, 1, 4, 4), (10, 1, 4, 4), (3, 2, 6, 2), (5, 1, 4, 1)):
            link = LegendreLinkRef(blocks, classes - 1, dimh, depth)
            link(rn(16, classes - 1, dtype=dt, scale=2.0))  # the ActNorms initialise on this batch
            state = java_state(link)
            names = list(state.keys())
            x = rn(5, classes - 1, dtype=dt, scale=1.5).requires_grad_(True)
            out = link(x)
            w = torch.randn(out.shape, dtype=dt)
            params = [p for _, p in link.named_parameters() if p.requires_grad]
            pnames = [n for n, p in link.named_parameters() if p.requires_grad]
            grads = torch.autograd.grad((out * w).sum(), [x] + params, allow_unused=True)
            grads = [torch.zeros_like(t) if gg is None else gg for gg, t in zip(grads, [x] + params)]
            grads = [gg.reshape(1, -1) if ".actnorms." in n else gg for gg, n in zip(grads, ["x"] + pnames)]
            value_case("legendretron_link", "legendreLink", [x.detach(), w] + [state[n] for n in names],
                       [out.detach()] + [gg.detach() for gg in grads],
                       {"classes": classes, "blocks": blocks, "dim_hidden": dimh, "depth": depth, "state": names,
                        "grads": ["x"] + pnames})
        torch.set_default_dtype(torch.float64)
