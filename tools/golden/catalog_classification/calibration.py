"""Golden cases of the classification family (gen_catalog_classification.py):
expected_calibration_error; acls_loss.
"""
import torch
import torch.nn.functional as F

from catalog_classification.common import D, REDS, S, classes, grad_case, rn, rows, value_case
from catalog_classification.focal import yp, zp


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


def add_expected_calibration_error():
    """Cases of: expected_calibration_error: ACLS ECELoss"""
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


def add_acls_and_maxsup():
    """Cases of: acls_loss (reference class) and maxsup_loss"""
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
