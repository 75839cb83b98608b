"""Golden values and gradients for the classification / calibration / noisy-label catalog family.

Writes losses/src/test/resources/golden/catalog/classification.json (read by
ClassificationGoldenTest). Every case carries "component": the catalog id it checks.
Run with Debian's PyTorch: /usr/bin/python3 tools/golden/gen_catalog_classification.py

Each component is a torch 1.13 reimplementation of its cited reference code:
  expected_calibration_error  ACLS calibrate/evaluation/metrics.py ECELoss (float32 linspace edges)
  sparsemax                   entmax's sparsemax (sort-based threshold, SparsemaxFunction backward)
  sparsemax_loss              OpenNMT-py onmt/modules/sparse_losses.py (its backward times grad_output)
  focal_loss                  softmax form of Lin et al.; sigmoid form = torchvision.ops.sigmoid_focal_loss
  poly1_loss, poly1_focal     the PolyLoss paper's appendix code (TF), in torch
  comp_sum_loss               Phi^tau(u) of Mao, Mohri and Zhong with log(1 + u) = logsumexp(z) - z_y
  acls_loss                   cvlab-yonsei/ACLS calibrate/losses/acls.py
  maxsup_loss                 Maximum-Suppression-Regularization Conv/ffcv/losses.py MaxSuppression
  anyloss                     the AnyLoss approximation A(p) and confusion-matrix metrics
  z_loss_spherical            softplus(a (b - z_c)) / a with the population std
  entropy_min_loss            -(softmax * log_softmax).sum(1).mean()
  spectral_decoupling         Gradient_Starvation: (yhat ** 2).mean(); Table_2 mode 'spw3'
  elr_loss                    shengliu66/ELR ELR/model/loss.py elr_loss, three steps
  nested_dropout              Nested-Co-teaching nested/train_resnet.py GaussianDist
  ensloss                     statmlben/ensLoss losses.py ensLoss.forward with the normals supplied
"""
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

import golden
from golden import GradGolden, Input

golden.OUT_DIR = os.path.join(golden.ROOT, "losses", "src", "test", "resources", "golden", "catalog")
g = GradGolden("classification", seed=20261214)
D, S = torch.float64, torch.float32
REDS = ["none", "mean", "sum"]


def grad_case(component, op, inputs, fn, args=None, diff=None, double=False, note=None):
    g.add_grad(op, inputs, fn, args, diff, double, note)
    g.cases[-1]["component"] = component


def value_case(component, op, inputs, outputs, args=None, note=None):
    g.add(op, inputs, outputs, args, note)
    g.cases[-1]["component"] = component


def rn(*shape, dtype=D, scale=1.0):
    return torch.randn(*shape, dtype=dtype) * scale


def classes(c, *shape):
    return torch.randint(0, c, shape, dtype=torch.int64)


def reduce(loss, red, keep=None):
    """none / sum / mean over the kept rows (mean of none kept = nan, as torch's cross entropy)."""
    if keep is not None:
        loss = loss * keep
    if red == "none":
        return loss
    if red == "sum":
        return loss.sum()
    if keep is None:
        return loss.mean()
    n = keep.sum()
    # as torch's cross entropy: nan when every target is ignored, with a zero gradient
    return loss.sum() / torch.clamp(n, min=1) + (float("nan") if n.item() == 0 else 0.0)


def rows(x, t, ign):
    """Logits as [M, C] rows, safe targets, keep mask (as the Java side flattens dense inputs)."""
    c = x.shape[1]
    if x.dim() > 2:
        x = x.movedim(1, -1).reshape(-1, c)
        t = t.reshape(-1)
    keep = (t != ign).to(x.dtype)
    safe = torch.where(t == ign, torch.zeros_like(t), t)
    return x, safe, keep


# ---- expected_calibration_error: ACLS ECELoss ---------------------------------------------------
def acls_bins(logits, labels, n_bins, from_logits):
    sm = F.softmax(logits, dim=1) if from_logits else logits
    conf, pred = torch.max(sm, 1)
    acc = pred.eq(labels)
    edges = torch.linspace(0, 1, n_bins + 1)
    ece = torch.zeros(1, dtype=D)
    counts, confs, accs = [], [], []
    for lo, hi in zip(edges[:-1], edges[1:]):
        in_bin = conf.gt(lo.item()) * conf.le(hi.item())
        prop = in_bin.float().mean()
        counts.append(int(in_bin.sum()))
        if prop.item() > 0:
            a = acc[in_bin].double().mean()
            cf = conf[in_bin].double().mean()
            ece += torch.abs(cf - a) * prop.double()
            confs.append(cf.item())
            accs.append(a.item())
        else:
            confs.append(float("nan"))
            accs.append(float("nan"))
    return [ece.reshape(()), torch.tensor(counts, dtype=torch.int64), torch.tensor(confs, dtype=D),
            torch.tensor(accs, dtype=D)]


for dt in (D, S):
    for n, c, scale, bins in [(64, 10, 2.0, 15), (200, 5, 3.0, 15), (37, 3, 1.0, 10), (1, 4, 1.0, 15)]:
        x, y = rn(n, c, dtype=dt, scale=scale), classes(c, n)
        value_case("expected_calibration_error", "ece", [x, y], acls_bins(x, y, bins, True),
                   {"n_bins": bins, "from_logits": True})
    p = torch.softmax(rn(50, 4, dtype=dt, scale=2.0), 1)
    y = classes(4, 50)
    value_case("expected_calibration_error", "ece", [p, y], acls_bins(p, y, 15, False), {"n_bins": 15, "from_logits": False})
# ties (every class equal: confidence 1/C, argmax = the first class) and saturated logits (confidence 1)
xt = torch.zeros(4, 3, dtype=D)
yt = torch.tensor([0, 1, 0, 2])
value_case("expected_calibration_error", "ece", [xt, yt], acls_bins(xt, yt, 15, True), {"n_bins": 15, "from_logits": True},
           note="ties")
xs = torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0], [0.0, 0.0, 1e4]], dtype=D)
ys = torch.tensor([0, 0, 2])
value_case("expected_calibration_error", "ece", [xs, ys], acls_bins(xs, ys, 15, True), {"n_bins": 15, "from_logits": True},
           note="+-1e4")
# the catalog's reference example with the 0.6 confidence moved off the 9/15 edge to 0.59 (errata)
pref = torch.tensor([[0.95, 0.02, 0.02, 0.01], [0.59, 0.21, 0.1, 0.1], [0.62, 0.18, 0.1, 0.1], [0.30, 0.25, 0.25, 0.20]],
                    dtype=D)
yref = torch.tensor([0, 1, 0, 0])  # confidences [0.95, 0.59, 0.62, 0.3], correct = [1, 0, 1, 1]
value_case("expected_calibration_error", "ece", [pref, yref], acls_bins(pref, yref, 15, False),
           {"n_bins": 15, "from_logits": False}, note="reference example off the bin edge: 0.43")


# ---- sparsemax: entmax ----------------------------------------------------------------------
def sparsemax_threshold(x, dim):
    srt, _ = torch.sort(x, dim=dim, descending=True)
    cs = srt.cumsum(dim) - 1
    d = x.shape[dim]
    shape = [1] * x.dim()
    shape[dim] = d
    rho = torch.arange(1, d + 1, dtype=x.dtype).view(shape)
    support = rho * srt > cs
    k = support.sum(dim=dim, keepdim=True)
    tau = cs.gather(dim, k - 1) / k.to(x.dtype)
    return tau, k


class SparsemaxFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, dim):
        ctx.dim = dim
        tau, k = sparsemax_threshold(x, dim)
        out = torch.clamp(x - tau, min=0)
        ctx.save_for_backward(k, out)
        return out

    @staticmethod
    def backward(ctx, grad_output):
        k, out = ctx.saved_tensors
        dim = ctx.dim
        gi = grad_output.clone()
        gi = torch.where(out == 0, torch.zeros_like(gi), gi)
        v_hat = gi.sum(dim=dim, keepdim=True) / k.to(out.dtype)
        gi = torch.where(out != 0, gi - v_hat, gi)
        return gi, None


def sparsemax(x, dim):
    return SparsemaxFunction.apply(x, dim)


for dt in (D, S):
    for shape, dim in [((4, 6), 1), ((3, 5), -1), ((2, 3, 4), 1), ((1, 7), 1), ((5,), 0)]:
        x = rn(*shape, dtype=dt, scale=1.5)
        grad_case("sparsemax", "sparsemax", [x], lambda a: sparsemax(a, dim), {"dim": dim}, double=dt == D)
    xt = Input(rn(6, 4, dtype=dt), ["transpose", 0, 1])
    grad_case("sparsemax", "sparsemax", [xt], lambda a: sparsemax(a, 1), {"dim": 1}, note="non-contiguous")
grad_case("sparsemax", "sparsemax", [torch.tensor([[-2.0, 0.0, 0.5], [0.3, 0.3, 0.3]], dtype=D)],
          lambda a: sparsemax(a, 1), {"dim": 1}, note="reference [-2,0,.5] -> [0,.25,.75]; ties")
grad_case("sparsemax", "sparsemax", [torch.tensor([[1.5, 1.4, -0.3, 0.2], [1.0, 0.0, -3.0, -3.0]], dtype=D)],
          lambda a: sparsemax(a, 1), {"dim": 1}, note="reference [1.5,1.4,-.3,.2] -> [.55,.45,0,0]; entry at tau")
grad_case("sparsemax", "sparsemax", [torch.tensor([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4]], dtype=D)],
          lambda a: sparsemax(a, 1), {"dim": 1}, note="+-1e4")


# ---- sparsemax_loss: OpenNMT ------------------------------------------------------------------
class SparsemaxLossFunction(torch.autograd.Function):
    """OpenNMT's forward; its backward multiplied by grad_output (OpenNMT drops it)."""

    @staticmethod
    def forward(ctx, x, q):
        tau, _ = sparsemax_threshold(x, 1)
        support = x > tau
        sq = torch.where(support, x ** 2 - tau ** 2, torch.zeros_like(x)).sum(dim=1)
        z_q = (x * q).sum(1)
        ctx.save_for_backward(x, q, tau)
        return torch.clamp(sq / 2 - z_q + 0.5 * (q * q).sum(1), min=0.0)

    @staticmethod
    def backward(ctx, grad_output):
        x, q, tau = ctx.saved_tensors
        return grad_output.unsqueeze(1) * (torch.clamp(x - tau, min=0) - q), None


def sparsemax_loss(x, t, red, ign=-100):
    if t.dtype.is_floating_point:
        return reduce(SparsemaxLossFunction.apply(x, t), red)
    shape = t.shape
    x, safe, keep = rows(x, t, ign)
    q = F.one_hot(safe, x.shape[1]).to(x.dtype)
    loss = reduce(SparsemaxLossFunction.apply(x, q), red, keep)
    return loss.reshape(shape) if red == "none" else loss


for dt in (D, S):
    for red in REDS:
        x, y = rn(6, 5, dtype=dt, scale=1.5), classes(5, 6)
        grad_case("sparsemax_loss", "sparsemaxLoss", [x, y], lambda a, t: sparsemax_loss(a, t, red),
                  {"reduction": red, "ignore_index": -100}, diff=[0])
        y2 = classes(4, 5)
        y2[1] = 2
        x2 = rn(5, 4, dtype=dt)
        grad_case("sparsemax_loss", "sparsemaxLoss", [x2, y2], lambda a, t: sparsemax_loss(a, t, red, 2),
                  {"reduction": red, "ignore_index": 2}, diff=[0])
        q = torch.softmax(rn(4, 3, dtype=dt) * 2, 1)
        grad_case("sparsemax_loss", "sparsemaxLoss", [rn(4, 3, dtype=dt), q], lambda a, t: sparsemax_loss(a, t, red),
                  {"reduction": red, "ignore_index": -100}, diff=[0], note="probability targets")
for red in REDS:
    grad_case("sparsemax_loss", "sparsemaxLoss", [rn(3, 4), torch.full((3,), 1)],
              lambda a, t: sparsemax_loss(a, t, red, 1), {"reduction": red, "ignore_index": 1}, diff=[0],
              note="all ignored")
    grad_case("sparsemax_loss", "sparsemaxLoss", [rn(2, 3, 2), classes(3, 2, 2)],
              lambda a, t: sparsemax_loss(a, t, red), {"reduction": red, "ignore_index": -100}, diff=[0], note="dense")
zref = torch.tensor([[-2.0, 0.0, 0.5]] * 3, dtype=D)
grad_case("sparsemax_loss", "sparsemaxLoss", [zref, torch.tensor([0, 1, 2])], lambda a, t: sparsemax_loss(a, t, "none"),
          {"reduction": "none", "ignore_index": -100}, diff=[0], note="reference 2.5625 / 0.5625 / 0.0625")
grad_case("sparsemax_loss", "sparsemaxLoss", [torch.tensor([[1e4, -1e4, 0.0], [1e4, -1e4, 0.0]], dtype=D),
                                              torch.tensor([0, 1])],
          lambda a, t: sparsemax_loss(a, t, "none"), {"reduction": "none", "ignore_index": -100}, diff=[0], note="+-1e4")
grad_case("sparsemax_loss", "sparsemaxLoss", [rn(1, 4), torch.tensor([3])], lambda a, t: sparsemax_loss(a, t, "mean"),
          {"reduction": "mean", "ignore_index": -100}, diff=[0], note="batch of one")


# ---- focal_loss / poly1_loss / poly1_focal_loss ------------------------------------------------
def focal_softmax(x, t, gamma, alpha, red, ign=-100, eps=None):
    shape = t.shape
    x, safe, keep = rows(x, t, ign)
    logpt = F.log_softmax(x, 1).gather(1, safe.unsqueeze(1)).squeeze(1)
    pt = logpt.exp()
    loss = -((1 - pt) ** gamma) * logpt
    if alpha is not None:
        loss = loss * alpha[safe]
    if eps is not None:
        loss = loss + eps * (1 - pt) ** (gamma + 1)
    loss = reduce(loss, red, keep)
    return loss.reshape(shape) if red == "none" else loss


def sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2.0, reduction="none"):
    """torchvision.ops.sigmoid_focal_loss (0.14), verbatim apart from the name."""
    p = torch.sigmoid(inputs)
    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    if reduction == "mean":
        loss = loss.mean()
    elif reduction == "sum":
        loss = loss.sum()
    return loss


def poly1_focal_sigmoid(logits, labels, epsilon, gamma, alpha, red):
    """The paper's poly1_focal_loss (TF appendix) in torch, alpha_t on the focal term."""
    p = torch.sigmoid(logits)
    pt = labels * p + (1 - labels) * (1 - p)
    fl = sigmoid_focal_loss(logits, labels, alpha, gamma, "none")
    return reduce(fl + epsilon * torch.pow(1 - pt, gamma + 1), red)


def poly1_softmax(logits, t, epsilon, ls, red, ign=-100):
    """The paper's poly1_cross_entropy with (label-smoothed) one-hot labels."""
    if t.dtype.is_floating_point:
        labels, keep, x = t, None, logits
    else:
        x, safe, keep = rows(logits, t, ign)
        labels = F.one_hot(safe, x.shape[1]).to(x.dtype)
    c = x.shape[1]
    if ls > 0:
        labels = labels * (1 - ls) + ls / c
    pt = (labels * F.softmax(x, -1)).sum(-1)
    ce = -(labels * F.log_softmax(x, -1)).sum(-1)
    return reduce(ce + epsilon * (1 - pt), red, keep)


for dt in (D, S):
    for red in REDS:
        x, y = rn(6, 4, dtype=dt, scale=2.0), classes(4, 6)
        for gamma in (0.0, 0.5, 2.0):
            for alpha in (None, torch.rand(4, dtype=dt) + 0.25):
                args = {"reduction": red, "gamma": gamma, "has_alpha": alpha is not None, "ignore_index": -100}
                ins = [x, y] + ([alpha] if alpha is not None else [])
                grad_case("focal_loss", "focalLoss", ins, lambda a, t, *al: focal_softmax(a, t, gamma, al[0] if al else None, red),
                          args, diff=[0], double=dt == D and gamma == 2.0)
                grad_case("poly1_focal_loss", "poly1FocalLoss", ins, lambda a, t, *al: focal_softmax(
                    a, t, gamma, al[0] if al else None, red, eps=1.5), dict(args, epsilon=1.5), diff=[0],
                    double=dt == D and gamma == 2.0)
        xb, yb = rn(5, 3, dtype=dt, scale=2.0), torch.randint(0, 2, (5, 3)).to(dt)
        for alpha, gamma in ((0.25, 2.0), (-1.0, 1.0), (0.6, 0.0)):
            args = {"reduction": red, "gamma": gamma, "alpha": alpha}
            grad_case("focal_loss", "sigmoidFocalLoss", [xb, yb], lambda a, t: sigmoid_focal_loss(a, t, alpha, gamma, red),
                      args, diff=[0], double=dt == D and gamma == 2.0)
            grad_case("poly1_focal_loss", "sigmoidPoly1FocalLoss", [xb, yb], lambda a, t: poly1_focal_sigmoid(
                a, t, 1.0, gamma, alpha, red), dict(args, epsilon=1.0), diff=[0])
        for eps in (1.0, 2.0, -0.5):
            for ls in (0.0, 0.1):
                grad_case("poly1_loss", "poly1Loss", [x, y], lambda a, t: poly1_softmax(a, t, eps, ls, red),
                          {"reduction": red, "epsilon": eps, "label_smoothing": ls, "ignore_index": -100}, diff=[0],
                          double=dt == D)
        q = torch.softmax(rn(4, 3, dtype=dt), 1)
        grad_case("poly1_loss", "poly1Loss", [rn(4, 3, dtype=dt), q], lambda a, t: poly1_softmax(a, t, 1.0, 0.1, red),
                  {"reduction": red, "epsilon": 1.0, "label_smoothing": 0.1, "ignore_index": -100}, diff=[0, 1],
                  note="probability targets")
# ignore_index (some and all), dense inputs, batch of one, +-1e4
for red in REDS:
    x, y = rn(5, 4), classes(4, 5)
    y[0], y[3] = 1, 1
    for comp, op, fn in (("focal_loss", "focalLoss", lambda a, t: focal_softmax(a, t, 2.0, None, red, ign=1)),
                         ("poly1_loss", "poly1Loss", lambda a, t: poly1_softmax(a, t, 1.0, 0.0, red, ign=1)),
                         ("poly1_focal_loss", "poly1FocalLoss", lambda a, t: focal_softmax(a, t, 2.0, None, red, ign=1, eps=1.0))):
        args = {"reduction": red, "gamma": 2.0, "has_alpha": False, "ignore_index": 1, "epsilon": 1.0, "label_smoothing": 0.0}
        grad_case(comp, op, [x, y], fn, args, diff=[0], note="some ignored")
        grad_case(comp, op, [x, torch.ones(5, dtype=torch.int64)], fn, args, diff=[0], note="all ignored")
    xd, yd = rn(2, 3, 2, 2), classes(3, 2, 2, 2)
    args = {"reduction": red, "gamma": 2.0, "has_alpha": False, "ignore_index": -100, "epsilon": 1.0, "label_smoothing": 0.0}
    grad_case("focal_loss", "focalLoss", [xd, yd], lambda a, t: focal_softmax(a, t, 2.0, None, red), args, diff=[0],
              note="dense")
    big = torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0], [0.0, 0.0, 1e4]], dtype=D)
    yb = torch.tensor([0, 0, 1])
    grad_case("focal_loss", "focalLoss", [big, yb], lambda a, t: focal_softmax(a, t, 2.0, None, red), args, diff=[0],
              note="+-1e4")
    grad_case("poly1_loss", "poly1Loss", [big, yb], lambda a, t: poly1_softmax(a, t, 1.0, 0.0, red), args, diff=[0],
              note="+-1e4")
    grad_case("focal_loss", "sigmoidFocalLoss", [big, (big > 0).to(D)],
              lambda a, t: sigmoid_focal_loss(a, t, 0.25, 2.0, red), dict(args, alpha=0.25), diff=[0], note="+-1e4")
    grad_case("poly1_focal_loss", "poly1FocalLoss", [rn(1, 5), torch.tensor([2])],
              lambda a, t: focal_softmax(a, t, 2.0, None, red, eps=1.0), args, diff=[0], note="batch of one")
zp = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]], dtype=D)
yp = torch.tensor([0, 0])
a0 = {"reduction": "none", "gamma": 2.0, "has_alpha": False, "ignore_index": -100, "epsilon": 1.0, "label_smoothing": 0.0}
grad_case("focal_loss", "focalLoss", [zp, yp], lambda a, t: focal_softmax(a, t, 2.0, None, "none"), a0, diff=[0],
          note="reference [0.04849234, 1.68217804]")
grad_case("poly1_loss", "poly1Loss", [zp, yp], lambda a, t: poly1_softmax(a, t, 1.0, 0.0, "none"), a0, diff=[0],
          note="reference eps=1 [0.75802888, 3.03706367]")
grad_case("poly1_loss", "poly1Loss", [zp, yp], lambda a, t: poly1_softmax(a, t, 2.0, 0.0, "mean"),
          dict(a0, reduction="mean", epsilon=2.0), diff=[0], note="reference eps=2 mean 2.50998844")
grad_case("poly1_focal_loss", "poly1FocalLoss", [zp, yp], lambda a, t: focal_softmax(a, t, 2.0, None, "none", eps=1.0),
          a0, diff=[0], note="reference [0.08814377, 2.37271667]")


# ---- comp_sum_loss ------------------------------------------------------------------------------
def comp_sum(x, t, tau, red, ign=-100):
    x, safe, keep = rows(x, t, ign)
    log1pu = torch.logsumexp(x, 1) - x.gather(1, safe.unsqueeze(1)).squeeze(1)  # log(1 + u)
    loss = log1pu if tau == 1 else torch.expm1((1 - tau) * log1pu) / (1 - tau)
    return reduce(loss, red, keep)


for dt in (D, S):
    for red in REDS:
        x, y = rn(6, 4, dtype=dt, scale=1.5), classes(4, 6)
        for tau in (0.0, 0.5, 1.0, 1.3, 1.7, 2.0, 3.0):
            grad_case("comp_sum_loss", "compSumLoss", [x, y], lambda a, t: comp_sum(a, t, tau, red),
                      {"reduction": red, "tau": tau, "ignore_index": -100}, diff=[0], double=dt == D and tau in (0.5, 1.7))
for red in REDS:
    x, y = rn(4, 3), classes(3, 4)
    y[2] = 0
    grad_case("comp_sum_loss", "compSumLoss", [x, y], lambda a, t: comp_sum(a, t, 1.5, red, 0),
              {"reduction": red, "tau": 1.5, "ignore_index": 0}, diff=[0], note="some ignored")
    grad_case("comp_sum_loss", "compSumLoss", [x, torch.zeros(4, dtype=torch.int64)], lambda a, t: comp_sum(a, t, 1.5, red, 0),
              {"reduction": red, "tau": 1.5, "ignore_index": 0}, diff=[0], note="all ignored")
big = torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0]], dtype=D)
for tau in (1.0, 1.5, 2.0):
    grad_case("comp_sum_loss", "compSumLoss", [big, torch.tensor([0, 0])], lambda a, t: comp_sum(a, t, tau, "none"),
              {"reduction": "none", "tau": tau, "ignore_index": -100}, diff=[0], note="+-1e4")
zc = torch.tensor([[2.0, 1.0, 0.1]], dtype=D)
for tau in (0.0, 0.5, 1.0, 1.5, 2.0):
    grad_case("comp_sum_loss", "compSumLoss", [zc, torch.tensor([0])], lambda a, t: comp_sum(a, t, tau, "none"),
              {"reduction": "none", "tau": tau, "ignore_index": -100}, diff=[0],
              note="reference 0.51744806 0.46369484 0.41703002 0.37642230 0.34099886")


# ---- acls_loss (reference class) and maxsup_loss --------------------------------------------------
class ACLS(torch.nn.Module):
    """cvlab-yonsei/ACLS calibrate/losses/acls.py, with the cross entropy's ignore_index exposed."""

    def __init__(self, pos_lambda=1.0, neg_lambda=0.1, alpha=0.1, margin=10.0, ignore_index=-100):
        super().__init__()
        self.pos_lambda, self.neg_lambda, self.alpha, self.margin = pos_lambda, neg_lambda, alpha, margin
        self.cross_entropy = torch.nn.CrossEntropyLoss(ignore_index=ignore_index)

    def get_reg(self, inputs, targets):
        max_values, indices = inputs.max(dim=1)
        max_values = max_values.unsqueeze(dim=1).repeat(1, inputs.shape[1])
        indicator = (max_values.clone().detach() == inputs.clone().detach()).float()
        batch_size, num_classes = inputs.size()
        num_pos = batch_size * 1.0
        num_neg = batch_size * (num_classes - 1.0)
        neg_dist = max_values.clone().detach() - inputs
        pos_dist_margin = F.relu(max_values - self.margin)
        neg_dist_margin = F.relu(neg_dist - self.margin)
        pos = indicator * pos_dist_margin ** 2
        neg = (1.0 - indicator) * (neg_dist_margin ** 2)
        return self.pos_lambda * (pos.sum() / num_pos) + self.neg_lambda * (neg.sum() / num_neg)

    def forward(self, inputs, targets):
        if inputs.dim() > 2:
            inputs = inputs.view(inputs.size(0), inputs.size(1), -1)
            inputs = inputs.transpose(1, 2)
            inputs = inputs.contiguous().view(-1, inputs.size(2))
            targets = targets.view(-1)
        return self.cross_entropy(inputs, targets) + self.alpha * self.get_reg(inputs, targets)


def acls_rows(x, t, pl, nl, al, m, red, ign=-100):
    """ACLS's per-row form: CE_b [kept] + alpha (pl pos_b + nl neg_b / (C - 1)); its batch mean is ACLS above."""
    if red == "mean":
        return ACLS(pl, nl, al, m, ign)(x, t)
    shape = t.shape
    x, safe, keep = rows(x, t, ign)
    c = x.shape[1]
    zmax = x.max(dim=1, keepdim=True)[0]
    ind = (zmax.detach() == x.detach()).to(x.dtype)
    pos = (ind * F.relu(zmax - m) ** 2).sum(1)
    neg = ((1 - ind) * F.relu(zmax.detach() - x - m) ** 2).sum(1)
    reg = pl * pos + nl * neg / (c - 1)
    ce = F.cross_entropy(x, safe, reduction="none") * keep
    per = ce + al * reg
    return per.reshape(shape) if red == "none" else per.sum()


def maxsup(x, t, alpha, red, ign=-100):
    """Maximum-Suppression-Regularization MaxSuppression (current_epoch = 0: smoothing = begin_lambda)."""
    if red == "mean":
        ce_loss = F.cross_entropy(x, t, reduction="mean", ignore_index=ign)
        z_max = torch.max(x, dim=1, keepdim=True)[0]
        z_mean = torch.mean(x, dim=1, keepdim=True)
        return ce_loss + (alpha * (z_max - z_mean)).mean()
    xr, safe, keep = rows(x, t, ign)
    per = F.cross_entropy(xr, safe, reduction="none") * keep + alpha * (xr.max(1)[0] - xr.mean(1))
    return per.reshape(t.shape) if red == "none" else per.sum()


for dt in (D, S):
    for red in REDS:
        x, y = rn(6, 4, dtype=dt, scale=8.0), classes(4, 6)
        for pl, nl, al, m in ((1.0, 0.1, 0.1, 10.0), (0.5, 0.3, 1.0, 2.0)):
            grad_case("acls_loss", "aclsLoss", [x, y], lambda a, t: acls_rows(a, t, pl, nl, al, m, red),
                      {"reduction": red, "pos_lambda": pl, "neg_lambda": nl, "alpha": al, "margin": m, "ignore_index": -100},
                      diff=[0], double=dt == D)
        for alpha in (0.1, 0.5):
            grad_case("maxsup_loss", "maxSupLoss", [x, y], lambda a, t: maxsup(a, t, alpha, red),
                      {"reduction": red, "alpha": alpha, "ignore_index": -100}, diff=[0])
for red in REDS:
    xd, yd = rn(2, 3, 2, 2, scale=6.0), classes(3, 2, 2, 2)
    a5 = {"reduction": red, "pos_lambda": 1.0, "neg_lambda": 0.1, "alpha": 0.1, "margin": 3.0, "ignore_index": -100}
    grad_case("acls_loss", "aclsLoss", [xd, yd], lambda a, t: acls_rows(a, t, 1.0, 0.1, 0.1, 3.0, red), a5, diff=[0],
              note="dense")
    x, y = rn(4, 3, scale=5.0), torch.full((4,), 2)
    grad_case("acls_loss", "aclsLoss", [x, y], lambda a, t: acls_rows(a, t, 1.0, 0.1, 0.1, 3.0, red, 2),
              dict(a5, ignore_index=2), diff=[0], note="all ignored")
    grad_case("maxsup_loss", "maxSupLoss", [x, y], lambda a, t: maxsup(a, t, 0.1, red, 2),
              {"reduction": red, "alpha": 0.1, "ignore_index": 2}, diff=[0], note="all ignored")
    tie = torch.tensor([[12.0, 12.0, -3.0], [0.5, 2.5, -9.0]], dtype=D)
    grad_case("acls_loss", "aclsLoss", [tie, torch.tensor([0, 0])], lambda a, t: acls_rows(a, t, 1.0, 0.1, 0.1, 10.0, red),
              dict(a5, margin=10.0), diff=[0], note="tied maximum")
    grad_case("maxsup_loss", "maxSupLoss", [tie, torch.tensor([1, 0])], lambda a, t: maxsup(a, t, 0.1, red),
              {"reduction": red, "alpha": 0.1, "ignore_index": -100}, diff=[0], note="tied maximum")
zacls = torch.tensor([[12.0, 1.0, -3.0], [0.5, 2.5, -9.0]], dtype=D)
grad_case("acls_loss", "aclsLoss", [zacls, torch.tensor([0, 0])], lambda a, t: acls_rows(a, t, 1.0, 0.1, 0.1, 10.0, "mean"),
          {"reduction": "mean", "pos_lambda": 1.0, "neg_lambda": 0.1, "alpha": 0.1, "margin": 10.0, "ignore_index": -100},
          diff=[0], note="reference CE 1.06347697, reg 2.70625, loss 1.33410197")
grad_case("maxsup_loss", "maxSupLoss", [zp, yp], lambda a, t: maxsup(a, t, 0.1, "none"),
          {"reduction": "none", "alpha": 0.1, "ignore_index": -100}, diff=[0], note="reference [0.51369668, 2.33651154]")
grad_case("maxsup_loss", "maxSupLoss", [torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0]], dtype=D), torch.tensor([0, 0])],
          lambda a, t: maxsup(a, t, 0.1, "mean"), {"reduction": "mean", "alpha": 0.1, "ignore_index": -100}, diff=[0],
          note="+-1e4")


# ---- anyloss ---------------------------------------------------------------------------------------
def anyloss(p, y, metric, L, beta):
    a = 1 / (1 + torch.exp(-L * (p - 0.5)))
    tp, fn = (y * a).sum(), (y * (1 - a)).sum()
    fp, tn = ((1 - y) * a).sum(), ((1 - y) * (1 - a)).sum()
    if metric == "f1":
        m = 2 * tp / (2 * tp + fn + fp)
    elif metric == "fbeta":
        # the third-party port's form: (1 + b^2) sum(yA) / (b^2 sum(y) + sum(A))
        m = (1 + beta ** 2) * (y * a).sum() / (beta ** 2 * y.sum() + a.sum())
    elif metric == "accuracy":
        m = (tp + tn) / p.numel()
    else:
        m = 0.5 * (tp / (tp + fn) + tn / (tn + fp))
    return 1 - m


for dt in (D, S):
    p, y = torch.rand(12, dtype=dt) * 0.8 + 0.1, torch.randint(0, 2, (12,)).to(dt)
    for metric in ("f1", "accuracy", "fbeta", "balanced_accuracy"):
        for L, beta in ((73.0, 1.0), (5.0, 2.0)):
            grad_case("anyloss", "anyLoss", [p, y], lambda a, t: anyloss(a, t, metric, L, beta),
                      {"metric": metric, "L": L, "beta": beta}, diff=[0], double=dt == D)
pa, ya = torch.tensor([0.9, 0.2, 0.6, 0.4], dtype=D), torch.tensor([1.0, 0.0, 1.0, 1.0], dtype=D)
for metric in ("f1", "accuracy"):
    grad_case("anyloss", "anyLoss", [pa, ya], lambda a, t: anyloss(a, t, metric, 73.0, 1.0),
              {"metric": metric, "L": 73.0, "beta": 1.0}, diff=[0], note="reference F1-loss 0.2, accuracy-loss 0.25")
grad_case("anyloss", "anyLoss", [torch.tensor([0.7], dtype=D), torch.tensor([1.0], dtype=D)],
          lambda a, t: anyloss(a, t, "f1", 73.0, 1.0), {"metric": "f1", "L": 73.0, "beta": 1.0}, diff=[0], note="batch of one")


# ---- z_loss_spherical -----------------------------------------------------------------------------
def zloss(o, t, a, b, red, ign=-100):
    o, safe, keep = rows(o, t, ign)
    mu = o.mean(1, keepdim=True)
    sigma = o.std(1, unbiased=False, keepdim=True)
    z = ((o - mu) / sigma).gather(1, safe.unsqueeze(1)).squeeze(1)
    return reduce(F.softplus(b - z, beta=a), red, keep)


for dt in (D, S):
    for red in REDS:
        o, y = rn(6, 5, dtype=dt, scale=2.0), classes(5, 6)
        for a, b in ((1.0, 1.0), (0.5, 2.0), (8.0, -0.5)):
            grad_case("z_loss_spherical", "zLossSpherical", [o, y], lambda x, t: zloss(x, t, a, b, red),
                      {"reduction": red, "a": a, "b": b, "ignore_index": -100}, diff=[0], double=dt == D)
oz = torch.tensor([[1.0, 2.0, 3.0]] * 2, dtype=D)
grad_case("z_loss_spherical", "zLossSpherical", [oz, torch.tensor([2, 0])], lambda x, t: zloss(x, t, 1.0, 1.0, "none"),
          {"reduction": "none", "a": 1.0, "b": 1.0, "ignore_index": -100}, diff=[0], note="reference 0.58707528, 2.32738719")
grad_case("z_loss_spherical", "zLossSpherical", [oz * 5 + 7, torch.tensor([2, 0])], lambda x, t: zloss(x, t, 1.0, 1.0, "none"),
          {"reduction": "none", "a": 1.0, "b": 1.0, "ignore_index": -100}, diff=[0], note="invariance o*5+7")
grad_case("z_loss_spherical", "zLossSpherical", [torch.tensor([[1e4, -1e4, 0.0]], dtype=D), torch.tensor([1])],
          lambda x, t: zloss(x, t, 1.0, 1.0, "mean"), {"reduction": "mean", "a": 1.0, "b": 1.0, "ignore_index": -100},
          diff=[0], note="+-1e4")


# ---- entropy_min_loss and spectral_decoupling ------------------------------------------------------
for dt in (D, S):
    for shape in ((5, 4), (2, 3, 2), (1, 6)):
        grad_case("entropy_min_loss", "entropy", [rn(*shape, dtype=dt, scale=2.0)],
                  lambda x: -(F.softmax(x, 1) * F.log_softmax(x, 1)).sum(1).mean(), {}, double=dt == D)
        grad_case("spectral_decoupling", "spectralDecoupling", [rn(*shape, dtype=dt)], lambda x: (x ** 2).mean(), {},
                  double=dt == D)
    yb = torch.tensor([1, 0, 1, 1, 0, 0])


    def spw3(yhat, y, g1, g0):
        pos, neg = (y == 1), (y == 0)
        out = torch.zeros((), dtype=yhat.dtype)
        if pos.any():
            out = out + ((yhat[torch.where(pos)] - g1) ** 2).mean()
        if neg.any():
            out = out + ((yhat[torch.where(neg)] - g0) ** 2).mean()
        return out


    for yy in (yb, torch.ones(6, dtype=torch.int64)):
        grad_case("spectral_decoupling", "spectralDecouplingPerClass", [rn(6, 1, dtype=dt), yy],
                  lambda x, t: spw3(x, t, 2.5, 0.44), {"gamma_pos": 2.5, "gamma_neg": 0.44}, diff=[0],
                  note=None if yy is yb else "empty class")
grad_case("entropy_min_loss", "entropy", [torch.tensor([[1e4, -1e4, 0.0], [0.0, 0.0, 0.0]], dtype=D)],
          lambda x: -(F.softmax(x, 1) * F.log_softmax(x, 1)).sum(1).mean(), {}, note="+-1e4; uniform row gives log 3")


# ---- elr_loss: the reference module over three steps -------------------------------------------------
class ElrRef(torch.nn.Module):
    """shengliu66/ELR ELR/model/loss.py elr_loss, lambda passed in instead of read from the config."""

    def __init__(self, num_examp, num_classes, beta, lam, dtype):
        super().__init__()
        self.target = torch.zeros(num_examp, num_classes, dtype=dtype)
        self.beta, self.lam = beta, lam

    def forward(self, index, output, label):
        y_pred = F.softmax(output, dim=1)
        y_pred = torch.clamp(y_pred, 1e-4, 1.0 - 1e-4)
        y_pred_ = y_pred.data.detach()
        self.target[index] = self.beta * self.target[index] + (1 - self.beta) * ((y_pred_) / (y_pred_).sum(dim=1, keepdim=True))
        ce_loss = F.cross_entropy(output, label)
        elr_reg = ((1 - (self.target[index] * y_pred).sum(dim=1)).log()).mean()
        return ce_loss + self.lam * elr_reg


for dt in (D, S):
    for beta, lam in ((0.7, 3.0), (0.3, 1.0)):
        ref = ElrRef(10, 4, beta, lam, dt)
        for step, idx in enumerate(([0, 3, 5, 7], [3, 1, 5, 9], [7, 0, 2, 3])):
            index = torch.tensor(idx)
            x, y = rn(4, 4, dtype=dt, scale=2.0), classes(4, 4)
            before = ref.target.clone()
            args = {"beta": beta, "lambda": lam, "num_examples": 10, "step": step}
            # the reference updates its table inside forward: run it on a copy for the gradient case
            probe = ElrRef(10, 4, beta, lam, dt)
            probe.target = before.clone()
            grad_case("elr_loss", "elrStep", [x, y, index, before], lambda a, t, i, b: probe(i, a, t), args, diff=[0])
            ref(index, x, y)
            value_case("elr_loss", "elrTable", [x, y, index, before], [ref.target.clone()], args)
zelr = torch.tensor([[2.0, 0.5, -1.0]], dtype=D)
ref = ElrRef(1, 3, 0.7, 3.0, D)
grad_case("elr_loss", "elrStep", [zelr, torch.tensor([0]), torch.tensor([0]), torch.zeros(1, 3, dtype=D)],
          lambda a, t, i, b: ref(i, a, t), {"beta": 0.7, "lambda": 3.0, "num_examples": 1, "step": 0}, diff=[0],
          note="reference CE .241311, reg -.216697, total -.408778")


# ---- nested_dropout: P(k) -----------------------------------------------------------------------------
def gaussian_dist(mu, std, n):
    dist = np.array([np.exp(-((i - mu) / std) ** 2) for i in range(1, n + 1)])
    return dist / np.sum(dist)


for n, mu, std in ((8, 0.0, 2.0), (64, 0.0, 10.0), (5, 2.0, 1.0), (1, 0.0, 3.0)):
    value_case("nested_dropout", "nestedDistribution", [], [torch.tensor(gaussian_dist(mu, std, n), dtype=D)],
               {"n": n, "mu": mu, "sigma": std}, note="reference N=8, sigma=2" if n == 8 else None)


# ---- ensloss: the reference forward with the normals supplied -------------------------------------------
def ensloss(output, target, normals, lam):
    """statmlben/ensLoss losses.py ensLoss.forward, torch.randn replaced by the input 'normals' (CPU)."""
    target = 2. * target - 1.
    batch_size_tmp = len(target)
    s_batch = output.flatten() * target.flatten()
    g_batch = torch.zeros(batch_size_tmp, dtype=output.dtype)
    rd_grad = normals
    if lam == 0.:
        rd_grad = -torch.exp(rd_grad)
    else:
        diff = 1. + lam * rd_grad
        rd_grad = -(torch.where(diff > 0.0, diff, torch.zeros_like(diff))) ** (1.0 / lam)
    rd_grad, _ = torch.sort(rd_grad)
    rd_grad = torch.maximum(rd_grad, torch.tensor(-1.0, dtype=rd_grad.dtype))
    _, ind_tmp = torch.sort(s_batch)
    g_batch[ind_tmp] = rd_grad
    s_batch_no_grad = s_batch.detach()
    pos_ind = (s_batch_no_grad > 1.0)
    if len(s_batch_no_grad[pos_ind]) > 0:
        g_batch[pos_ind] *= (1 / s_batch_no_grad[pos_ind])
    g_batch = g_batch.detach() - 1e-6
    return (g_batch * s_batch).mean()


for dt in (D, S):
    for lam in (0.0, 0.5, -0.3):
        for n in (8, 1):
            out, tgt = rn(n, 1, dtype=dt, scale=2.0), torch.randint(0, 2, (n,)).to(dt)
            normals = rn(n, dtype=dt)
            grad_case("ensloss", "ensLoss", [out, tgt, normals], lambda o, t, z: ensloss(o, t, z, lam), {"lam": lam}, diff=[0],
                      note="batch of one" if n == 1 else None)

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

g.write()
