"""Golden cases of the classification family (gen_catalog_classification.py): focal_loss /
poly1_loss / poly1_focal_loss.
"""
import torch
import torch.nn.functional as F

from catalog_classification.common import D, REDS, S, classes, grad_case, reduce, rn, rows


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


zp = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]], dtype=D)


yp = torch.tensor([0, 0])


def add_focal_and_poly1():
    """Cases of: focal_loss / poly1_loss / poly1_focal_loss"""
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
    a0 = {"reduction": "none", "gamma": 2.0, "has_alpha": False, "ignore_index": -100, "epsilon": 1.0, "label_smoothing": 0.0}
    grad_case("focal_loss", "focalLoss", [zp, yp], lambda a, t: focal_softmax(a, t, 2.0, None, "none"), a0, diff=[0],
              note="reference [0.04849234, 1.68217804]")
    grad_case("poly1_loss", "poly1Loss", [zp, yp], lambda a, t: poly1_softmax(a, t, 1.0, 0.0, "none"), a0, diff=[0],
              note="reference eps=1 [0.75802888, 3.03706367]")
    grad_case("poly1_loss", "poly1Loss", [zp, yp], lambda a, t: poly1_softmax(a, t, 2.0, 0.0, "mean"),
              dict(a0, reduction="mean", epsilon=2.0), diff=[0], note="reference eps=2 mean 2.50998844")
    grad_case("poly1_focal_loss", "poly1FocalLoss", [zp, yp], lambda a, t: focal_softmax(a, t, 2.0, None, "none", eps=1.0),
              a0, diff=[0], note="reference [0.08814377, 2.37271667]")
