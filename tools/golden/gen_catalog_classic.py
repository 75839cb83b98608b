"""Golden values and gradients of the catalog components already in io.jgrad.losses.Losses:
regression_losses_core (paper 51: MSE, L1, Huber, SmoothL1 as torch.nn.functional computes them)
and label_smoothing_ce (paper 58: F.cross_entropy with label_smoothing), created through the
registry in Java (CatalogClassicGoldenTest). The spec's reference values (components-001-059.md,
#58: z = [[2,1,0.1],[0.5,2.5,-1]], y = [0,0], eps = 0.1 -> per-sample [0.51369668, 2.13651154],
mean 1.32510411) are fixtures.

Writes losses/src/test/resources/golden/catalog/classic.json.
Run with Debian's PyTorch: /usr/bin/python3 tools/golden/gen_catalog_classic.py
Each case: op = the component id; args.params = its registry parameters; inputs = [output, target].
"""
import torch
import torch.nn.functional as F

from catalog_golden import CatalogGolden

g = CatalogGolden("classic")
D, S = torch.float64, torch.float32
REDS = ["none", "mean", "sum"]


def regression(form, delta, beta, red):
    def fn(x, y):
        if form == "mse":
            return F.mse_loss(x, y, reduction=red)
        if form == "l1":
            return F.l1_loss(x, y, reduction=red)
        if form == "huber":
            return F.huber_loss(x, y, reduction=red, delta=delta)
        return F.smooth_l1_loss(x, y, reduction=red, beta=beta)
    return fn


# ---- regression_losses_core ----------------------------------------------------------------
for dt in (D, S):
    for form in ("mse", "l1", "huber", "smooth_l1"):
        for red in REDS:
            for shape in ((5,), (3, 4)):
                x, y = torch.randn(*shape, dtype=dt) * 2, torch.randn(*shape, dtype=dt) * 2
                params = {"form": form, "reduction": red}
                if form == "huber":
                    params["delta"] = 0.7
                if form == "smooth_l1":
                    params["beta"] = 0.7
                fn = regression(form, params.get("delta", 1.0), params.get("beta", 1.0), red)
                g.add_grad("regression_losses_core", "regression_losses_core", [x, y], fn, {"params": params},
                           diff=[0, 1], double=(dt == D and form == "mse"))
# residuals on the kinks: r = 0 (l1's subgradient 0), |r| = delta / beta (torch's branch choice)
x = torch.tensor([0.0, 1.0, -1.0, 0.5, 2.0, -0.25], dtype=D)
y = torch.tensor([0.0, 0.0, 0.0, 0.0, 1.0, 0.25], dtype=D)
# smooth_l1 with beta = 0 is L1; at r = 0 torch 1.13 returns -1 for both x and y (jgrad gives 0, as
# l1_loss does, pinned in CatalogClassicEdgeTest), so that case leaves r = 0 out.
x0 = torch.tensor([0.3, 1.0, -1.0, 0.5, 2.0, -0.25], dtype=D)
for form, params, xs in (("l1", {}, x), ("huber", {"delta": 1.0}, x), ("smooth_l1", {"beta": 1.0}, x),
                         ("smooth_l1", {"beta": 0.0}, x0)):
    params = dict(params, form=form, reduction="none")
    fn = regression(form, params.get("delta", 1.0), params.get("beta", 1.0), "none")
    g.add_grad("regression_losses_core", "regression_losses_core", [xs, y], fn, {"params": params}, diff=[0, 1],
               note="residuals on the kinks")
# defaults (form mse, mean) and a batch of one
g.add_grad("regression_losses_core", "regression_losses_core", [torch.randn(1, 3, dtype=D), torch.randn(1, 3, dtype=D)],
           regression("mse", 1.0, 1.0, "mean"), {"params": {}}, diff=[0, 1])

# ---- label_smoothing_ce --------------------------------------------------------------------
z = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]], dtype=D)
t = torch.tensor([0, 0])
g.add_grad("label_smoothing_ce", "label_smoothing_ce", [z, t],
           lambda a, b: F.cross_entropy(a, b, label_smoothing=0.1, reduction="none"),
           {"params": {"label_smoothing": 0.1, "reduction": "none"}}, diff=[0], reference=[0.51369668, 2.13651154],
           note="spec reference value (per sample)")
g.add_grad("label_smoothing_ce", "label_smoothing_ce", [z, t],
           lambda a, b: F.cross_entropy(a, b, label_smoothing=0.1), {"params": {}}, diff=[0], double=True,
           reference=1.32510411, note="spec reference value (mean, the defaults)")
for dt in (D, S):
    for eps in (0.0, 0.1, 0.3, 1.0):
        for red in REDS:
            for shape, tshape in (((4, 5), (4,)), ((2, 3, 4), (2, 4))):
                x, y = torch.randn(*shape, dtype=dt) * 2, torch.randint(0, shape[1], tshape)
                g.add_grad("label_smoothing_ce", "label_smoothing_ce", [x, y],
                           lambda a, b, eps=eps, red=red: F.cross_entropy(a, b, label_smoothing=eps, reduction=red),
                           {"params": {"label_smoothing": eps, "reduction": red}}, diff=[0],
                           double=(dt == D and red == "mean" and eps == 0.1))
# ignored targets, all ignored (mean -> nan), logits of +-1e4 staying finite, a batch of one
x, y = torch.randn(5, 3, dtype=D), torch.tensor([0, 2, -100, 1, -100])
for red in REDS:
    g.add_grad("label_smoothing_ce", "label_smoothing_ce", [x, y],
               lambda a, b, red=red: F.cross_entropy(a, b, label_smoothing=0.2, reduction=red),
               {"params": {"label_smoothing": 0.2, "reduction": red}}, diff=[0], note="ignore_index -100")
g.add_grad("label_smoothing_ce", "label_smoothing_ce", [x, torch.tensor([1, 1, 1, 0, 2])],
           lambda a, b: F.cross_entropy(a, b, label_smoothing=0.2, ignore_index=1),
           {"params": {"label_smoothing": 0.2, "ignore_index": 1}}, diff=[0], note="ignore_index 1")
for red in REDS:
    g.add_grad("label_smoothing_ce", "label_smoothing_ce", [x, torch.full((5,), -100)],
               lambda a, b, red=red: F.cross_entropy(a, b, label_smoothing=0.1, reduction=red),
               {"params": {"reduction": red}}, diff=[0], note="every target ignored: mean is nan")
for dt in (D, S):
    big = torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 5.0]], dtype=dt)
    g.add_grad("label_smoothing_ce", "label_smoothing_ce", [big, torch.tensor([1, 1])],
               lambda a, b: F.cross_entropy(a, b, label_smoothing=0.1), {"params": {}}, diff=[0],
               note="logits of +-1e4 stay finite")
g.add_grad("label_smoothing_ce", "label_smoothing_ce", [torch.randn(1, 4, dtype=D), torch.tensor([3])],
           lambda a, b: F.cross_entropy(a, b, label_smoothing=0.1), {"params": {}}, diff=[0], note="a batch of one")
g.write()
