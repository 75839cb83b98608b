"""Golden values and gradients for the dense-prediction and regression catalog family against
PyTorch 1.13 reimplementations of the cited reference code.

Writes losses/src/test/resources/golden/catalog/dense_regression.json (value + gradient cases,
read with GradGolden) and dense_regression_values.json (forward-only cases: schedules, masks,
metrics). Every case carries "component": the catalog id it checks.
Run with Debian's PyTorch: /usr/bin/python3 tools/golden/gen_catalog_dense_regression.py

References transcribed here (read line by line):
  MONAI monai/losses/dice.py (DiceLoss, GeneralizedDiceLoss), monai/losses/utils.py
    (compute_tp_fp_fn), monai/losses/tversky.py; mmsegmentation tversky_loss.py (defaults);
    nabsabraham/focal-tversky-unet losses.py (focal exponent 1/gamma);
  bermanmaxim/LovaszSoftmax pytorch/lovasz_losses.py (sort made stable so ties are defined);
  sklearn mean_pinball_loss (formula); diffusers scheduled_huber_loss_training conditional_loss
    and its huber_c schedules; ZhenghanFang/learned-proximal-networks lpn/utils/utils.py;
  Keras LogCosh / MeanAbsolutePercentageError / MeanSquaredLogarithmicError; kornia
    total_variation; Vekteur/probabilistic-calibration-study marginal_regul.py, calibration.py
    and fast_soft_sort (L2); uoguelph-mlrg/Cutout util/cutout.py (current and first commit).
"""
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

import golden
from golden import Golden, GradGolden

golden.OUT_DIR = os.path.join(golden.ROOT, "losses", "src", "test", "resources", "golden", "catalog")
D, S = torch.float64, torch.float32
REDS = ["none", "mean", "sum"]


class Family(GradGolden):
    def grad(self, component, op, inputs, fn, args=None, diff=None, double=False, note=None):
        self.add_grad(op, inputs, fn, args, diff, double, note)
        self.cases[-1]["component"] = component


class Values(Golden):
    def value(self, component, op, inputs, outputs, args=None, note=None):
        self.add(op, inputs, outputs, args, note)
        self.cases[-1]["component"] = component


g = Family("dense_regression", seed=20261127)
v = Values("dense_regression_values", seed=20261128)


def rn(*shape, dtype=D):
    return torch.randn(*shape, dtype=dtype)


def act(x, activation):
    if activation == "softmax":
        return torch.sigmoid(x) if x.shape[1] == 1 else torch.softmax(x, 1)
    if activation == "sigmoid":
        return torch.sigmoid(x)
    return x


def dense_target(t, probs):
    """MONAI's one_hot(target[:, None], C) for class indices; float targets as given."""
    if t.dtype.is_floating_point:
        return t.to(probs.dtype) if t.dim() == probs.dim() else t.unsqueeze(1).to(probs.dtype)
    c = probs.shape[1]
    if c == 1:
        return t.unsqueeze(1).to(probs.dtype)
    return F.one_hot(t, c).movedim(-1, 1).to(probs.dtype)


def reduce(f, red):
    return f.mean() if red == "mean" else f.sum() if red == "sum" else f


# ---- MONAI compute_tp_fp_fn / DiceLoss / GeneralizedDiceLoss / TverskyLoss ------------------
def tp_fp_fn(inp, tgt, axes, ord_, decoupled=True):
    if ord_ == 1:
        tp = torch.sum(inp * tgt, dim=axes)
        if decoupled:
            return tp, torch.sum(inp, dim=axes) - tp, torch.sum(tgt, dim=axes) - tp
        return tp, torch.sum(inp * (1 - tgt), dim=axes), torch.sum((1 - inp) * tgt, dim=axes)
    pred_o = torch.linalg.vector_norm(inp, ord=ord_, dim=axes) ** ord_
    ground_o = torch.linalg.vector_norm(tgt, ord=ord_, dim=axes) ** ord_
    diff = torch.linalg.vector_norm(inp - tgt, ord=ord_, dim=axes) ** ord_
    tp = (pred_o + ground_o - diff) / 2
    return tp, pred_o - tp, ground_o - tp


def monai_dice(inp, tgt, incl_bg, squared, jaccard, snr, sdr, batch, red):
    if not incl_bg and inp.shape[1] > 1:
        inp, tgt = inp[:, 1:], tgt[:, 1:]
    axes = list(range(2, inp.dim()))
    if batch:
        axes = [0] + axes
    tp, fp, fn = tp_fp_fn(inp, tgt, axes, 2 if squared else 1)
    if not jaccard:
        fp, fn = fp * 0.5, fn * 0.5
    f = 1 - (2 * tp + snr) / (2 * (tp + fp + fn) + sdr)
    return reduce(f, red)


def monai_gdl(inp, tgt, incl_bg, w_type, snr, sdr, batch, red):
    if not incl_bg and inp.shape[1] > 1:
        inp, tgt = inp[:, 1:], tgt[:, 1:]
    axes = list(range(2, inp.dim()))
    if batch:
        axes = [0] + axes
    tp, fp, fn = tp_fp_fn(inp, tgt, axes, 1)
    denominator = 2 * (tp + 0.5 * fp + 0.5 * fn)
    ground_o = torch.sum(tgt, axes)
    gf = ground_o.float()  # MONAI computes the weights in float32
    w = {"simple": lambda x: torch.reciprocal(x), "square": lambda x: torch.reciprocal(x * x),
         "uniform": lambda x: torch.ones_like(x)}[w_type](gf)
    infs = torch.isinf(w)
    w = w.clone()
    if batch:
        w[infs] = 0.0
        w = w + infs * torch.max(w)
    else:
        w[infs] = 0.0
        w = w + infs * torch.max(w, dim=1)[0].unsqueeze(1)
    dim = 0 if batch else 1
    numer = 2.0 * (tp * w).sum(dim, keepdim=True) + snr
    denom = (denominator * w).sum(dim, keepdim=True) + sdr
    f = 1.0 - numer / denom
    return reduce(f if batch else f.squeeze(1), red)


def tversky(inp, tgt, alpha, beta, snr, sdr, incl_bg, batch, gamma, expo, red):
    if not incl_bg and inp.shape[1] > 1:
        inp, tgt = inp[:, 1:], tgt[:, 1:]
    axes = list(range(2, inp.dim()))
    if batch:
        axes = [0] + axes
    tp, fp, fn = tp_fp_fn(inp, tgt, axes, 1, decoupled=False)
    score = 1.0 - (tp + snr) / (tp + alpha * fp + beta * fn + sdr)
    e = 1 / gamma if expo == "inverse" else gamma
    if e != 1:
        score = score.clamp_min(0) ** e
    return reduce(score, red)


def seg_inputs(dtype, b=2, c=3, hw=(4, 5), soft=False, scale=1.0):
    logits = rn(b, c, *hw, dtype=dtype) * scale
    if soft:
        t = torch.softmax(rn(b, c, *hw, dtype=dtype) * 2, 1)
    else:
        t = torch.randint(0, c, (b,) + tuple(hw), dtype=torch.int64)
    return logits, t


for dt in (D, S):
    for incl in (True, False):
        for squared in (False, True):
            for jac in (False, True):
                for batch in (False, True):
                    for red in (REDS if dt == D and not squared else ["mean"]):
                        x, t = seg_inputs(dt)
                        args = dict(activation="softmax", include_background=incl, squared_pred=squared, jaccard=jac,
                                    smooth_nr=1e-5, smooth_dr=1e-5, batch=batch, reduction=red)
                        g.grad("dice_loss", "dice", [x, t], lambda x, t, a=args: monai_dice(
                            act(x, a["activation"]), dense_target(t, x), incl, squared, jac, 1e-5, 1e-5, batch, red),
                            args, diff=[0], double=(dt == D and red == "mean"))
    # soft labels, sigmoid multi-label, one channel, 3-D volume
    for soft, activation, c, hw in [(True, "softmax", 3, (4, 5)), (True, "sigmoid", 2, (3, 4)), (False, "sigmoid", 1, (4, 4)),
                                    (False, "softmax", 2, (2, 3, 4))]:
        x, t = seg_inputs(dt, c=c, hw=hw, soft=soft)
        if activation == "sigmoid" and soft:
            t = torch.rand(2, c, *hw, dtype=dt)
        args = dict(activation=activation, include_background=True, squared_pred=False, jaccard=False, smooth_nr=1e-5,
                    smooth_dr=1e-5, batch=False, reduction="mean")
        g.grad("dice_loss", "dice", [x, t], lambda x, t, a=activation: monai_dice(
            act(x, a), dense_target(t, x), True, False, False, 1e-5, 1e-5, False, "mean"), args, diff=[0])
# edge cases: empty foreground class, all background without background channel, batch of one,
# extreme logits (softmax saturates, stays finite), the catalog's reference value
x = rn(2, 3, 4, 4)
t = torch.randint(0, 2, (2, 4, 4))  # class 2 never present
base = dict(activation="softmax", include_background=True, squared_pred=False, jaccard=False, smooth_nr=1e-5,
            smooth_dr=1e-5, batch=False, reduction="none")
g.grad("dice_loss", "dice", [x, t], lambda x, t: monai_dice(torch.softmax(x, 1), dense_target(t, x), True, False, False,
                                                             1e-5, 1e-5, False, "none"), base, diff=[0], note="empty class")
t0 = torch.zeros(2, 4, 4, dtype=torch.int64)
for fn_name, comp in (("dice", "dice_loss"), ("generalizedDice", "generalized_dice_loss")):
    a = dict(base, include_background=False, w_type="square")
    if comp == "dice_loss":
        g.grad(comp, fn_name, [x, t0], lambda x, t: monai_dice(torch.softmax(x, 1), dense_target(t, x), False, False, False,
                                                               1e-5, 1e-5, False, "none"), a, diff=[0], note="all background")
    else:
        g.grad(comp, fn_name, [x, t0], lambda x, t: monai_gdl(torch.softmax(x, 1), dense_target(t, x), False, "square",
                                                              1e-5, 1e-5, False, "none"), a, diff=[0], note="all background")
x1, t1 = seg_inputs(D, b=1, c=2, hw=(3, 3))
g.grad("dice_loss", "dice", [x1, t1], lambda x, t: monai_dice(torch.softmax(x, 1), dense_target(t, x), True, False, False,
                                                               1e-5, 1e-5, False, "mean"), dict(base, reduction="mean"),
       diff=[0], note="batch of one")
xe, te = seg_inputs(D, scale=1e4)
g.grad("dice_loss", "dice", [xe, te], lambda x, t: monai_dice(torch.softmax(x, 1), dense_target(t, x), True, False, False,
                                                               1e-5, 1e-5, False, "mean"), dict(base, reduction="mean"),
       diff=[0], note="logits +-1e4")
pref = torch.tensor([[[0.9, 0.8, 0.2, 0.1]]], dtype=D)
gref = torch.tensor([[[1.0, 1.0, 0.0, 1.0]]], dtype=D)
ref_args = dict(activation="none", include_background=True, squared_pred=False, jaccard=False, smooth_nr=0.0,
                smooth_dr=0.0, batch=False, reduction="mean")
g.grad("dice_loss", "dice", [pref, gref], lambda p, t: monai_dice(p, t, True, False, False, 0.0, 0.0, False, "mean"),
       ref_args, diff=[0, 1], note="catalog reference value 0.28")
assert abs(monai_dice(pref, gref, True, False, False, 0.0, 0.0, False, "mean").item() - 0.28) < 1e-12

# generalized Dice
for dt in (D, S):
    for incl in (True, False):
        for w_type in ("square", "simple", "uniform"):
            for batch in (False, True):
                for red in (REDS if dt == D and w_type == "square" else ["mean"]):
                    x, t = seg_inputs(dt, c=4, hw=(4, 4))
                    t[0][t[0] == 3] = 1  # class 3 absent from sample 0: the infinite-weight guard
                    args = dict(activation="softmax", include_background=incl, w_type=w_type, smooth_nr=1e-5,
                                smooth_dr=1e-5, batch=batch, reduction=red)
                    g.grad("generalized_dice_loss", "generalizedDice", [x, t], lambda x, t: monai_gdl(
                        torch.softmax(x, 1), dense_target(t, x), incl, w_type, 1e-5, 1e-5, batch, red), args, diff=[0],
                        double=(dt == D and red == "mean"))
xs, ts = seg_inputs(D, c=3, soft=True)
g.grad("generalized_dice_loss", "generalizedDice", [xs, ts], lambda x, t: monai_gdl(
    torch.softmax(x, 1), t, True, "square", 1e-5, 1e-5, False, "mean"),
    dict(activation="softmax", include_background=True, w_type="square", smooth_nr=1e-5, smooth_dr=1e-5, batch=False,
         reduction="mean"), diff=[0, 1], note="soft labels")

# Tversky and focal Tversky
for dt in (D, S):
    for alpha, beta in ((0.3, 0.7), (0.5, 0.5), (0.7, 0.3)):
        for gamma, expo in ((1.0, "inverse"), (4.0 / 3.0, "inverse"), (2.0, "power")):
            for red in (REDS if dt == D and gamma == 1.0 else ["mean"]):
                x, t = seg_inputs(dt)
                args = dict(activation="softmax", alpha=alpha, beta=beta, smooth_nr=1.0, smooth_dr=1.0,
                            include_background=True, batch=False, gamma=gamma, focal_exponent=expo, reduction=red)
                g.grad("tversky_loss", "tversky", [x, t], lambda x, t: tversky(
                    torch.softmax(x, 1), dense_target(t, x), alpha, beta, 1.0, 1.0, True, False, gamma, expo, red), args,
                    diff=[0], double=(dt == D and red == "mean"))
for incl, batch in ((False, False), (True, True)):
    x, t = seg_inputs(D)
    args = dict(activation="softmax", alpha=0.3, beta=0.7, smooth_nr=1e-5, smooth_dr=1e-5, include_background=incl,
                batch=batch, gamma=1.0, focal_exponent="inverse", reduction="none")
    g.grad("tversky_loss", "tversky", [x, t], lambda x, t: tversky(
        torch.softmax(x, 1), dense_target(t, x), 0.3, 0.7, 1e-5, 1e-5, incl, batch, 1.0, "inverse", "none"), args, diff=[0])
tref_args = dict(activation="none", alpha=0.3, beta=0.7, smooth_nr=1.0, smooth_dr=1.0, include_background=True,
                 batch=False, gamma=1.0, focal_exponent="inverse", reduction="mean")
g.grad("tversky_loss", "tversky", [pref, gref], lambda p, t: tversky(p, t, 0.3, 0.7, 1.0, 1.0, True, False, 1.0,
                                                                     "inverse", "mean"), tref_args, diff=[0, 1],
       note="catalog reference value 0.24324324")
assert abs(tversky(pref, gref, 0.3, 0.7, 1.0, 1.0, True, False, 1.0, "inverse", "mean").item() - 0.24324324) < 1e-8


def abraham_focal_tversky(p, t):
    """nabsabraham/focal-tversky-unet: alpha = 0.7 on false negatives, smooth 1, K.pow(1 - T, 0.75)."""
    yt, yp = t.flatten(), p.flatten()
    tp = (yt * yp).sum()
    fn = (yt * (1 - yp)).sum()
    fp = ((1 - yt) * yp).sum()
    tv = (tp + 1) / (tp + 0.7 * fn + 0.3 * fp + 1)
    return (1 - tv) ** 0.75


def smp_focal_tversky(p, t, alpha, beta, gamma):
    """segmentation_models_pytorch TverskyLoss (one class, one image): (mean loss) ** gamma, eps 1e-7, smooth 0."""
    inter = (p * t).sum()
    fp, fn = (p * (1 - t)).sum(), ((1 - p) * t).sum()
    score = inter / (inter + alpha * fp + beta * fn).clamp_min(1e-7)
    return (1 - score) ** gamma


xb = rn(1, 1, 5, 5)
tb = torch.randint(0, 2, (1, 5, 5))
g.grad("tversky_loss", "tversky", [xb, tb], lambda x, t: abraham_focal_tversky(torch.sigmoid(x), t.to(D)),
       dict(activation="sigmoid", alpha=0.3, beta=0.7, smooth_nr=1.0, smooth_dr=1.0, include_background=True, batch=False,
            gamma=4.0 / 3.0, focal_exponent="inverse", reduction="mean"), diff=[0],
       note="Abraham and Khan code: exponent 0.75 = 1/(4/3)")
g.grad("tversky_loss", "tversky", [xb, tb], lambda x, t: smp_focal_tversky(torch.sigmoid(x), t.to(D), 0.4, 0.6, 2.0),
       dict(activation="sigmoid", alpha=0.4, beta=0.6, smooth_nr=0.0, smooth_dr=0.0, include_background=True, batch=False,
            gamma=2.0, focal_exponent="power", reduction="mean"), diff=[0],
       note="segmentation_models_pytorch gamma on one class and image")


# ---- bermanmaxim/LovaszSoftmax ---------------------------------------------------------------
def lovasz_grad(gt_sorted):
    p = len(gt_sorted)
    gts = gt_sorted.sum()
    intersection = gts - gt_sorted.cumsum(0)
    union = gts + (1 - gt_sorted).cumsum(0)
    jaccard = 1.0 - intersection / union
    if p > 1:
        jaccard[1:p] = jaccard[1:p] - jaccard[0:-1]
    return jaccard


def ref_mean(values, empty=0):
    values = list(values)
    if not values:
        return empty
    acc = values[0]
    for x in values[1:]:
        acc = acc + x
    return acc / len(values)


def lovasz_softmax_flat(probas, labels, classes="present"):
    if probas.numel() == 0:
        return probas.sum() * 0.0
    c_count = probas.size(1)
    losses = []
    class_to_sum = list(range(c_count)) if classes in ["all", "present"] else classes
    for c in class_to_sum:
        fg = (labels == c).to(probas.dtype)
        if classes == "present" and fg.sum() == 0:
            continue
        class_pred = probas[:, 0] if c_count == 1 else probas[:, c]
        errors = (fg - class_pred).abs()
        errors_sorted, perm = torch.sort(errors, dim=0, descending=True, stable=True)
        losses.append(torch.dot(errors_sorted, lovasz_grad(fg[perm])))
    out = ref_mean(losses)
    return out if torch.is_tensor(out) else probas.sum() * 0.0


def flatten_probas(probas, labels, ignore=None):
    c = probas.size(1)
    probas = probas.movedim(1, -1).reshape(-1, c)
    labels = labels.reshape(-1)
    if ignore is None:
        return probas, labels
    valid = labels != ignore
    return probas[valid], labels[valid]


def lovasz_softmax(probas, labels, classes="present", per_image=False, ignore=None):
    if per_image:
        return ref_mean(lovasz_softmax_flat(*flatten_probas(p.unsqueeze(0), l.unsqueeze(0), ignore), classes=classes)
                        for p, l in zip(probas, labels))
    return lovasz_softmax_flat(*flatten_probas(probas, labels, ignore), classes=classes)


def lovasz_hinge_flat(logits, labels):
    if len(labels) == 0:
        return logits.sum() * 0.0
    signs = 2.0 * labels.to(logits.dtype) - 1.0
    errors = 1.0 - logits * signs
    errors_sorted, perm = torch.sort(errors, dim=0, descending=True, stable=True)
    return torch.dot(F.relu(errors_sorted), lovasz_grad(labels[perm].to(logits.dtype)))


def lovasz_hinge(logits, labels, per_image=True, ignore=None):
    def flat(lg, lb):
        lg, lb = lg.reshape(-1), lb.reshape(-1)
        if ignore is None:
            return lg, lb
        valid = lb != ignore
        return lg[valid], lb[valid]
    if per_image:
        return ref_mean(lovasz_hinge_flat(*flat(lg.unsqueeze(0), lb.unsqueeze(0))) for lg, lb in zip(logits, labels))
    return lovasz_hinge_flat(*flat(logits, labels))


def lov_args(classes, per_image, ignore, mode="softmax"):
    return dict(mode=mode, classes=classes, per_image=per_image, ignore_index=-100 if ignore is None else ignore)


for dt in (D, S):
    for classes in ("present", "all", "0;2"):
        for per_image in (False, True):
            for ignore in (None, 255):
                x = rn(2, 3, 4, 4, dtype=dt)
                t = torch.randint(0, 2, (2, 4, 4))  # class 2 absent: 'present' skips it, 'all' keeps it
                t[1, 0, :2] = 2
                if ignore is not None:
                    t[0, 1, 1:3] = ignore
                cl = [0, 2] if classes == "0;2" else classes
                g.grad("lovasz_softmax_loss", "lovaszSoftmax", [x, t], lambda x, t, cl=cl, pi=per_image, ig=ignore:
                       lovasz_softmax(torch.softmax(x, 1), t, cl, pi, ig), lov_args(classes, per_image, ignore), diff=[0])
    for per_image in (True, False):
        for ignore in (None, 255):
            x = rn(3, 4, 5, dtype=dt) * 2
            t = torch.randint(0, 2, (3, 4, 5))
            if ignore is not None:
                t[1, :, 1] = ignore
            g.grad("lovasz_softmax_loss", "lovaszHinge", [x, t], lambda x, t, pi=per_image, ig=ignore:
                   lovasz_hinge(x, t, pi, ig), lov_args("present", per_image, ignore, "hinge"), diff=[0])
# ties (stable sort on both sides), every pixel ignored, one channel (sigmoid), a batch of one
xt = torch.tensor([[[[0.0, 0.0], [1.0, 1.0]], [[0.0, 0.0], [1.0, 1.0]]]], dtype=D)
tt = torch.tensor([[[0, 1], [1, 0]]])
g.grad("lovasz_softmax_loss", "lovaszSoftmax", [xt, tt], lambda x, t: lovasz_softmax(torch.softmax(x, 1), t),
       lov_args("present", False, None), diff=[0], note="tied errors")
xh = torch.tensor([[0.5, 0.5, -0.5, 0.5, 2.0]], dtype=D)
th = torch.tensor([[1, 0, 1, 1, 0]])
g.grad("lovasz_softmax_loss", "lovaszHinge", [xh, th], lambda x, t: lovasz_hinge(x, t, True, None),
       lov_args("present", True, None, "hinge"), diff=[0], note="tied errors")
xa = rn(2, 3, 2, 2)
ta = torch.full((2, 2, 2), 255)
g.grad("lovasz_softmax_loss", "lovaszSoftmax", [xa, ta], lambda x, t: lovasz_softmax(torch.softmax(x, 1), t, "present",
                                                                                      False, 255),
       lov_args("present", False, 255), diff=[0], note="every pixel ignored: 0")
x1c = rn(2, 1, 3, 3)
t1c = torch.randint(0, 2, (2, 3, 3))
g.grad("lovasz_softmax_loss", "lovaszSoftmax", [x1c, t1c], lambda x, t: lovasz_softmax(torch.sigmoid(x), t, [1], False, None),
       lov_args("1", False, None), diff=[0], note="one channel: the reference needs classes=[1]")
xo, to = rn(1, 4, 3, 3), torch.randint(0, 4, (1, 3, 3))
g.grad("lovasz_softmax_loss", "lovaszSoftmax", [xo, to], lambda x, t: lovasz_softmax(torch.softmax(x, 1), t, "present", True),
       lov_args("present", True, None), diff=[0], note="batch of one")


# ---- pinball (sklearn mean_pinball_loss) ---------------------------------------------------------
def sk_pinball(y, q, alpha):
    diff = y - q
    sign = (diff >= 0).to(q.dtype)
    return alpha * sign * diff - (1 - alpha) * (1 - sign) * diff


for dt in (D, S):
    for taus in ([0.5], [0.1], [0.1, 0.5, 0.9], [0.05, 0.25, 0.75, 0.95]):
        for red in REDS:
            n = 7
            y = rn(n, dtype=dt)
            if len(taus) == 1:
                q = rn(n, dtype=dt)
                fn = lambda q, y, a=taus[0], r=red: reduce(sk_pinball(y, q, a), r)
            else:
                q = rn(n, len(taus), dtype=dt)
                fn = lambda q, y, tl=taus, r=red: reduce(torch.stack([sk_pinball(y, q[:, k], a) for k, a in enumerate(tl)], 1), r)
            g.grad("pinball_loss", "pinball", [q, y], fn, dict(taus=taus, reduction=red), diff=[0, 1])
qe = torch.tensor([1e4, -1e4, 0.3], dtype=D)
ye = torch.tensor([-1e4, 1e4, 0.1], dtype=D)
g.grad("pinball_loss", "pinball", [qe, ye], lambda q, y: sk_pinball(y, q, 0.9), dict(taus=[0.9], reduction="none"),
       diff=[0, 1], note="extreme values")


# ---- pseudo-Huber (diffusers conditional_loss) ----------------------------------------------------
def conditional_loss(pred, target, reduction, loss_type, huber_c):
    if loss_type == "huber":
        loss = 2 * huber_c * (torch.sqrt((pred - target) ** 2 + huber_c ** 2) - huber_c)
    else:
        loss = 2 * (torch.sqrt((pred - target) ** 2 + huber_c ** 2) - huber_c)
    return reduce(loss, reduction)


for dt in (D, S):
    for loss_type in ("huber", "smooth_l1"):
        for c in (0.1, 1.0):
            for red in (REDS if dt == D else ["mean"]):
                a, b = rn(3, 4, dtype=dt), rn(3, 4, dtype=dt)
                g.grad("pseudo_huber_loss", "pseudoHuber", [a, b], lambda a, b, lt=loss_type, c=c, r=red:
                       conditional_loss(a, b, r, lt, c), dict(c=c, loss_type=loss_type, scale=2.0, reduction=red),
                       diff=[0, 1], double=(dt == D))
    a, b, cs = rn(3, 2, 2, dtype=dt), rn(3, 2, 2, dtype=dt), torch.rand(3, dtype=dt) * 0.9 + 0.05
    g.grad("pseudo_huber_loss", "pseudoHuberPerSample", [a, b, cs], lambda a, b, c: conditional_loss(
        a, b, "mean", "huber", c.view(-1, 1, 1)), dict(loss_type="huber", scale=2.0, reduction="mean"), diff=[0, 1],
        note="per-sample c broadcast as c.view(-1, 1, ...)")
pr = torch.tensor([0.5, -1.0, 2.0, 0.0], dtype=D)
tr = torch.tensor([0.0, 0.0, 0.0, 0.1], dtype=D)
for lt, ref in (("huber", 0.162940), ("smooth_l1", 1.629405)):
    assert abs(conditional_loss(pr, tr, "mean", lt, 0.1).item() - ref) < 1e-6
    g.grad("pseudo_huber_loss", "pseudoHuber", [pr, tr], lambda a, b, lt=lt: conditional_loss(a, b, "mean", lt, 0.1),
           dict(c=0.1, loss_type=lt, scale=2.0, reduction="mean"), diff=[0, 1], note="catalog reference value")
a, b = rn(5, dtype=D), rn(5, dtype=D)
g.grad("pseudo_huber_loss", "pseudoHuber", [a, b], lambda a, b: 0.3 ** 2 * (torch.sqrt(1 + ((a - b) / 0.3) ** 2) - 1),
       dict(c=0.3, loss_type="huber", scale=1.0, reduction="none"), diff=[0, 1], note="scale 1: textbook pseudo-Huber")
ae, be = torch.tensor([1e4, -1e4, 1e-3], dtype=D), torch.tensor([-1e4, 1e4, 0.0], dtype=D)
g.grad("pseudo_huber_loss", "pseudoHuber", [ae, be], lambda a, b: conditional_loss(a, b, "none", "huber", 0.1),
       dict(c=0.1, loss_type="huber", scale=2.0, reduction="none"), diff=[0, 1], note="extreme values")


def huber_c(schedule, t, big_t, c, scale, alpha_bar):
    if schedule == "exponential":
        alpha = -math.log(c) / big_t
        return math.exp(-alpha * t) * scale
    if schedule == "snr":
        sigmas = ((1.0 - alpha_bar) / alpha_bar) ** 0.5
        return (1 - c) / (1 + sigmas) ** 2 + c
    return c * scale


betas = torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, 1000, dtype=D) ** 2  # diffusers scaled_linear
alphas_cumprod = torch.cumprod(1.0 - betas, 0)
for schedule, t, scale in (("exponential", 0, 1.0), ("exponential", 500, 1.0), ("exponential", 999, 1.0),
                           ("exponential", 250, 2.0), ("snr", 0, 1.0), ("snr", 500, 1.0), ("snr", 999, 1.0),
                           ("constant", 7, 1.0), ("constant", 7, 3.0)):
    ab = alphas_cumprod[t].item()
    val = huber_c(schedule, t, 1000, 0.1, scale, ab)
    v.value("pseudo_huber_loss", "huberC", [], [torch.tensor(val, dtype=D)],
            dict(schedule=schedule, t=t, num_train_timesteps=1000, huber_c=0.1, huber_scale=scale, alpha_bar=ab))
assert abs(huber_c("exponential", 500, 1000, 0.1, 1.0, 0) - 0.316228) < 1e-6
assert abs(huber_c("exponential", 999, 1000, 0.1, 1.0, 0) - 0.100231) < 1e-6


# ---- proximal matching (lpn/utils/utils.py ExpDiracSrgt) --------------------------------------------
def exp_dirac(inp, tgt, sigma, red):
    bsize = inp.shape[0]
    dist = (inp - tgt).pow(2).reshape(bsize, -1).sum(1).sqrt()
    return reduce(-torch.exp(-((dist / sigma) ** 2)) + 1, red)


for dt in (D, S):
    for shape, gamma in (((4, 3), 1.0), ((3, 2, 5), 0.5), ((5,), 2.0), ((1, 6), 0.8)):
        for red in (REDS if dt == D else ["mean"]):
            a, b = rn(*shape, dtype=dt), rn(*shape, dtype=dt)
            g.grad("proximal_matching_loss", "proximalMatching", [a, b], lambda a, b, s=gamma, r=red: exp_dirac(a, b, s, r),
                   dict(gamma=gamma, reduction=red), diff=[0, 1], double=(dt == D))
pa = torch.tensor([[0.1, 0.0], [1.0, 1.0]], dtype=D)
pb = torch.zeros(2, 2, dtype=D)
assert abs(exp_dirac(pa, pb, 0.5, "mean").item() - 0.519438) < 1e-6
g.grad("proximal_matching_loss", "proximalMatching", [pa, pb], lambda a, b: exp_dirac(a, b, 0.5, "mean"),
       dict(gamma=0.5, reduction="mean"), diff=[0, 1], note="catalog reference value 0.519438")


def lpn_stage(step, num_steps, pretrain, stages, sigma_min):
    if step < pretrain:
        return 1.0, float("nan")
    per = (num_steps - pretrain) // stages
    stage = min((step - pretrain) // per, stages - 1)
    return 0.0, sigma_min * (2 ** (stages - 1 - stage))


for step in (0, 99, 100, 149, 150, 399, 400, 10000):
    pre, sig = lpn_stage(step, 500, 100, 4, 0.25)
    v.value("proximal_matching_loss", "proximalStage", [], [torch.tensor([pre, sig], dtype=D)],
            dict(step=step, num_steps=500, num_steps_pretrain=100, num_stages=4, gamma_min=0.25))


# ---- Z-error (spec formula; the note's code summarised in the catalog) ------------------------------
def z_error(pred, tgt, tau, eps):
    e = (tgt - pred).reshape(-1)
    ed = e.detach()
    z = (ed - ed.mean()) / (ed.std() + eps)
    m = (z.abs() <= tau).to(e.dtype)
    cnt = m.sum()
    return (m * e * e).sum() / (cnt if cnt > 0 else torch.ones_like(cnt))


for dt in (D, S):
    for n, tau in ((20, 2.0), (12, 1.0), (30, 2.5)):
        p = rn(n, dtype=dt)
        y = p + 0.3 * rn(n, dtype=dt)
        y[3] += 8.0
        y[7] -= 6.0
        g.grad("z_error_loss", "zError", [p, y], lambda p, y, t=tau: z_error(p, y, t, 1e-8), dict(tau=tau, eps=1e-8),
               diff=[0, 1])
res = torch.tensor([0.1, -0.2, 0.05, 0.0, 5.0, 0.15, -0.1], dtype=D)
zp = torch.zeros(7, dtype=D)
assert abs(z_error(zp, res, 2.0, 1e-8).item() - 0.014167) < 1e-6
g.grad("z_error_loss", "zError", [zp, res], lambda p, y: z_error(p, y, 2.0, 1e-8), dict(tau=2.0, eps=1e-8), diff=[0, 1],
       note="catalog reference value 0.014167")
g.grad("z_error_loss", "zError", [torch.tensor([0.5], dtype=D), torch.tensor([2.0], dtype=D)],
       lambda p, y: z_error(p, y, 2.0, 1e-8), dict(tau=2.0, eps=1e-8), diff=[0, 1],
       note="batch of one: std undefined, nothing is an inlier, 0")
p2 = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=D)
y2 = torch.tensor([[1.5, 2.5], [2.0, 4.1]], dtype=D)
g.grad("z_error_loss", "zError", [p2, y2], lambda p, y: z_error(p, y, 0.5, 1e-8), dict(tau=0.5, eps=1e-8), diff=[0, 1],
       note="[N, 2]: every element is a sample")


# ---- aggregate responses (paper 34, per-bag loops) ---------------------------------------------------
def aggregate(f, y, bags, rho, red):
    f, y = f.reshape(-1), y.reshape(-1)
    order = []
    for b in bags.tolist():
        if b not in order:
            order.append(b)
    out = []
    for b in order:
        idx = torch.tensor([i for i, x in enumerate(bags.tolist()) if x == b])
        fb, yb = f[idx], y[idx]
        ybar = yb.mean()
        if rho == 1.0:
            out.append(((ybar - fb) ** 2).mean())  # the instance-level loss, written directly
        else:
            fbar = fb.mean()
            out.append((ybar - fbar) ** 2 + rho * ((fb - fbar) ** 2).mean())
    return reduce(torch.stack(out), red)


for dt in (D, S):
    for rho in (0.0, 1.0, 0.3):
        for red in (REDS if dt == D else ["mean"]):
            n = 10
            bags = torch.tensor([3, 3, 1, 7, 1, 3, 7, 7, 9, 1])
            f, y = rn(n, dtype=dt), rn(n, dtype=dt)
            g.grad("aggregate_response_loss", "aggregate", [f, y, bags], lambda f, y, b, r=rho, rd=red: aggregate(f, y, b, r, rd),
                   dict(rho=rho, reduction=red), diff=[0, 1], double=(dt == D))
fa, ya, ba = torch.tensor([1.0, 2.0, 4.0], dtype=D), torch.full((3,), 2.0, dtype=D), torch.tensor([0, 0, 0])
for rho, ref in ((0.0, 0.1111111), (1.0, 1.6666667)):
    assert abs(aggregate(fa, ya, ba, rho, "mean").item() - ref) < 1e-6
    g.grad("aggregate_response_loss", "aggregate", [fa, ya, ba], lambda f, y, b, r=rho: aggregate(f, y, b, r, "mean"),
           dict(rho=rho, reduction="mean"), diff=[0, 1], note="catalog reference value")
g.grad("aggregate_response_loss", "aggregate", [rn(4), rn(4), torch.tensor([0, 1, 2, 3])],
       lambda f, y, b: aggregate(f, y, b, 0.5, "mean"), dict(rho=0.5, reduction="mean"), diff=[0, 1],
       note="bags of one: bag loss = squared error")


# ---- Keras-semantics regression losses -----------------------------------------------------------------
def keras_logcosh(yp, yt):
    x = yp - yt
    return x + F.softplus(-2.0 * x) - math.log(2.0)


def keras_mape(yp, yt, eps=1e-7):
    return 100.0 * (yt - yp).abs() / torch.clamp(yt.abs(), min=eps)


def keras_msle(yp, yt, eps=1e-7):
    return (torch.log(torch.clamp(yp, min=eps) + 1.0) - torch.log(torch.clamp(yt, min=eps) + 1.0)) ** 2


for dt in (D, S):
    for red in (REDS if dt == D else ["mean"]):
        a, b = rn(4, 3, dtype=dt) * 2, rn(4, 3, dtype=dt) * 2
        g.grad("regression_losses_ext", "logCosh", [a, b], lambda a, b, r=red: reduce(keras_logcosh(a, b), r),
               dict(loss="log_cosh", reduction=red), diff=[0, 1], double=(dt == D))
        a, b = rn(6, dtype=dt), rn(6, dtype=dt) + 2
        g.grad("regression_losses_ext", "mape", [a, b], lambda a, b, r=red: reduce(keras_mape(a, b), r),
               dict(loss="mape", eps=1e-7, reduction=red), diff=[0, 1])
        a, b = torch.rand(6, dtype=dt) * 3 + 0.1, torch.rand(6, dtype=dt) * 3 + 0.1
        g.grad("regression_losses_ext", "msle", [a, b], lambda a, b, r=red: reduce(keras_msle(a, b), r),
               dict(loss="msle", eps=1e-7, reduction=red), diff=[0, 1], double=(dt == D))
    a, b = rn(3, 4, dtype=dt), rn(3, 4, dtype=dt)
    g.grad("regression_losses_ext", "rmse", [a, b], lambda a, b: torch.sqrt(((a - b) ** 2).mean() + 1e-12),
           dict(loss="rmse", root_eps=1e-12), diff=[0, 1], double=(dt == D))
    a, b = torch.rand(7, dtype=dt) * 5, torch.rand(7, dtype=dt) * 5
    g.grad("regression_losses_ext", "rmsle", [a, b], lambda a, b: torch.sqrt(keras_msle(a, b).mean() + 1e-12),
           dict(loss="rmsle", eps=1e-7, root_eps=1e-12), diff=[0, 1])
ae, be = torch.tensor([1e4, -1e4, 30.0, 0.0], dtype=D), torch.tensor([-1e4, 1e4, -30.0, 0.0], dtype=D)
g.grad("regression_losses_ext", "logCosh", [ae, be], lambda a, b: keras_logcosh(a, b), dict(loss="log_cosh", reduction="none"),
       diff=[0, 1], note="extreme residuals stay finite")
g.grad("regression_losses_ext", "mape", [torch.tensor([0.5, -1.0], dtype=D), torch.tensor([0.0, 2.0], dtype=D)],
       lambda a, b: keras_mape(a, b), dict(loss="mape", eps=1e-7, reduction="none"), diff=[0, 1], note="zero target: eps clamp")
g.grad("regression_losses_ext", "msle", [torch.tensor([-0.5, 2.0], dtype=D), torch.tensor([1.0, -3.0], dtype=D)],
       lambda a, b: keras_msle(a, b), dict(loss="msle", eps=1e-7, reduction="none"), diff=[0, 1],
       note="negative values clamp to eps")


# ---- total variation (kornia, DTN isotropic, space-variant) -------------------------------------------------
def kornia_tv(img, reduction="sum"):
    d1 = img[..., 1:, :] - img[..., :-1, :]
    d2 = img[..., :, 1:] - img[..., :, :-1]
    if reduction == "mean":
        return d1.abs().mean(dim=(-2, -1)) + d2.abs().mean(dim=(-2, -1))
    return d1.abs().sum(dim=(-2, -1)) + d2.abs().sum(dim=(-2, -1))


def iso_tv(img, beta, eps, reduction="sum"):
    dx = img[..., :-1, 1:] - img[..., :-1, :-1]
    dy = img[..., 1:, :-1] - img[..., :-1, :-1]
    t = (dx ** 2 + dy ** 2 + eps) ** (beta / 2)
    return t.mean(dim=(-2, -1)) if reduction == "mean" else t.sum(dim=(-2, -1))


def weighted_tv(img, w, eps, reduction="sum"):
    dx = img[..., :-1, 1:] - img[..., :-1, :-1]
    dy = img[..., 1:, :-1] - img[..., :-1, :-1]
    t = w * torch.sqrt(dx ** 2 + dy ** 2 + eps)
    return t.mean(dim=(-2, -1)) if reduction == "mean" else t.sum(dim=(-2, -1))


for dt in (D, S):
    for shape in ((2, 3, 5, 6), (5, 6), (1, 4, 7)):
        for red in ("sum", "mean"):
            x = rn(*shape, dtype=dt)
            g.grad("total_variation_loss", "tvAnisotropic", [x], lambda x, r=red: kornia_tv(x, r), dict(pixel_reduction=red),
                   diff=[0])
            for beta in (1.0, 2.0, 0.5):
                g.grad("total_variation_loss", "tvIsotropic", [x], lambda x, b=beta, r=red: iso_tv(x, b, 1e-8, r),
                       dict(beta=beta, eps=1e-8, pixel_reduction=red), diff=[0], double=(dt == D and beta == 1.0))
            w = torch.rand(*shape[:-2], shape[-2] - 1, shape[-1] - 1, dtype=dt) + 0.1
            g.grad("weighted_total_variation", "tvWeighted", [x, w], lambda x, w, r=red: weighted_tv(x, w, 1e-8, r),
                   dict(eps=1e-8, pixel_reduction=red), diff=[0, 1], double=(dt == D))
flat = torch.full((2, 4, 4), 0.7, dtype=D)
g.grad("total_variation_loss", "tvIsotropic", [flat], lambda x: iso_tv(x, 1.0, 1e-8), dict(beta=1.0, eps=1e-8,
                                                                                          pixel_reduction="sum"),
       diff=[0], note="flat image: finite zero gradient")
g.grad("total_variation_loss", "tvAnisotropic", [torch.ones(4, 4, dtype=D)], lambda x: kornia_tv(x), dict(pixel_reduction="sum"),
       diff=[0], note="kornia doc example: ones give 0")
xw = rn(3, 5)
g.grad("weighted_total_variation", "tvWeighted", [xw, torch.ones(2, 4, dtype=D)], lambda x, w: iso_tv(x, 1.0, 1e-8),
       dict(eps=1e-8, pixel_reduction="sum"), diff=[0], note="w = 1 is isotropic TV with beta 1")


# ---- calibration (probabilistic-calibration-study) ----------------------------------------------------------
def centered_bins(n, dtype=D):
    return (torch.arange(n, dtype=dtype) + 0.5) / n


def quantile_based_regul(pit, l_exp):
    sorted_pit = torch.sort(pit, dim=-1)[0]
    n = pit.shape[-1]
    lin = (torch.arange(n, dtype=pit.dtype) + 1) / (n + 1)
    return (sorted_pit - lin).abs().pow(l_exp).mean(dim=-1)


def indicator(a, b, s=None):
    if s is None:
        return (a <= b).to(a.dtype)
    return torch.sigmoid(s * (b - a))


def cdf_based_regul_from_pit(pit, l_exp, alpha, s=None):
    p = indicator(pit[:, None], alpha, s=s).mean(dim=0)
    return (p - alpha).abs().pow(l_exp).mean()


def cdf_based_regul_from_quantiles(quantiles, y, l_exp, alpha, s=None):
    p = indicator(y[:, None], quantiles, s=s).mean(dim=0)
    return (p - alpha).abs().pow(l_exp).mean()


def pav_decreasing(y):
    """argmin_{v1 >= ... >= vn} ||v - y||^2 by pool-adjacent-violators (written for this generator)."""
    blocks = []
    for val in y:
        blocks.append([val, 1.0])
        while len(blocks) > 1 and blocks[-2][0] <= blocks[-1][0]:
            m2, w2 = blocks.pop()
            m1, w1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2])
    out = []
    for m, w in blocks:
        out += [m] * int(w)
    return np.array(out)


def isotonic_minmax(y, increasing=True):
    """Independent closed form: v_i = max_{j<=i} min_{k>=i} mean(y[j..k]) (increasing)."""
    y = np.asarray(y, dtype=np.float64)
    if not increasing:
        return -isotonic_minmax(-y, True)
    n = len(y)
    c = np.concatenate([[0.0], np.cumsum(y)])
    return np.array([max(min((c[k + 1] - c[j]) / (k + 1 - j) for k in range(i, n)) for j in range(i + 1)) for i in range(n)])


class SoftSortL2(torch.autograd.Function):
    """fast_soft_sort SoftSort (l2): sign*(w - iso(w - s)); vjp = block means routed through the sort."""

    @staticmethod
    def forward(ctx, values, strength, descending):
        x = values.detach().numpy()
        n = len(x)
        sign = 1.0 if descending else -1.0
        vals = sign * x
        perm = np.argsort(-vals, kind="stable")
        s = vals[perm]
        w = np.arange(1, n + 1)[::-1] / strength
        sol = pav_decreasing(w - s)
        sizes, start = [], 0
        for i in range(1, n + 1):
            if i == n or abs(sol[i] - sol[i - 1]) > 1e-9:
                sizes.append(i - start)
                start = i
        ctx.perm, ctx.sizes = perm, sizes
        return torch.from_numpy(sign * (w - sol)).to(values.dtype)

    @staticmethod
    def backward(ctx, grad):
        gv = grad.detach().numpy()
        out, start = np.zeros_like(gv), 0
        for size in ctx.sizes:
            out[start:start + size] = gv[start:start + size].sum() / size
            start += size
        inv = np.empty_like(ctx.perm)
        inv[ctx.perm] = np.arange(len(ctx.perm))
        return torch.from_numpy(out[inv]).to(grad.dtype), None, None


for dt in (D, S):
    for n in (7, 25):
        for l_exp in (1.0, 2.0):
            pit = torch.rand(n, dtype=dt) * 0.96 + 0.02
            g.grad("pit_calibration_error", "quantileCalibration", [pit], lambda p, l=l_exp: quantile_based_regul(p, l),
                   dict(L=l_exp), diff=[0])
            g.grad("calibration_regularizer", "cdfCalibration", [pit], lambda p, l=l_exp: cdf_based_regul_from_pit(
                p, l, centered_bins(100, p.dtype), 100.0), dict(L=l_exp, levels=100, s=100.0), diff=[0],
                double=(dt == D and l_exp == 2.0))
            g.grad("calibration_regularizer", "softQuantileCalibration", [pit], lambda p, l=l_exp: (
                SoftSortL2.apply(p, 0.1, False) - (torch.arange(len(p), dtype=p.dtype) + 1) / (len(p) + 1)).abs().pow(l).mean(),
                dict(L=l_exp, strength=0.1), diff=[0])
    mu_raw = rn(9, 2, dtype=dt)
    y = rn(9, dtype=dt)
    g.grad("calibration_regularizer", "pitNormal", [mu_raw, y], lambda o, y: torch.distributions.Normal(
        o[:, 0], F.softplus(o[:, 1]) + 1e-6).cdf(y), dict(min_std=1e-6), diff=[0, 1], double=(dt == D))
    g.grad("calibration_regularizer", "gaussianNll", [mu_raw, y], lambda o, y: -torch.distributions.Normal(
        o[:, 0], F.softplus(o[:, 1]) + 1e-6).log_prob(y).mean(), dict(min_std=1e-6), diff=[0, 1], double=(dt == D))
    q = torch.sort(rn(11, 3, dtype=dt), 1)[0]
    yq = rn(11, dtype=dt)
    g.grad("calibration_regularizer", "quantileHeadCalibration", [q, yq], lambda q, y: cdf_based_regul_from_quantiles(
        q, y, 2.0, torch.tensor([0.1, 0.5, 0.9], dtype=q.dtype), 50.0), dict(taus=[0.1, 0.5, 0.9], L=2.0, s=50.0), diff=[0, 1])
for strength in (0.01, 0.5, 5.0):
    for desc in (False, True):
        vals = rn(10)
        g.grad("calibration_regularizer", "softSort", [vals], lambda x, s=strength, d=desc: SoftSortL2.apply(x, s, d),
               dict(strength=strength, descending=desc), diff=[0])
pit_ref = torch.tensor([0.1, 0.9, 0.4, 0.35, 0.8], dtype=D)
assert abs(quantile_based_regul(pit_ref, 1).item() - 0.076667) < 1e-6
assert abs(cdf_based_regul_from_pit(pit_ref, 1, centered_bins(4)).item() - 0.05) < 1e-12
g.grad("pit_calibration_error", "quantileCalibration", [pit_ref], lambda p: quantile_based_regul(p, 1.0), dict(L=1.0),
       diff=[0], note="catalog reference value 0.076667")
v.value("pit_calibration_error", "cdfCalibrationHard", [pit_ref], [cdf_based_regul_from_pit(pit_ref, 1, centered_bins(4))],
        dict(L=1.0, levels=4), note="catalog reference value 0.05")
for n in (1, 6, 13):
    pit = torch.rand(n, dtype=D)
    v.value("pit_calibration_error", "cdfCalibrationHard", [pit], [cdf_based_regul_from_pit(pit, 2, centered_bins(10))],
            dict(L=2.0, levels=10))
for n, inc in ((8, True), (15, False), (1, True), (6, True)):
    yv = np.round(np.random.RandomState(n).randn(n), 2) if n != 6 else np.array([1.0, 1.0, 0.5, 0.5, 2.0, 2.0])
    sol = isotonic_minmax(yv, inc)
    if not inc:
        assert np.allclose(sol, pav_decreasing(yv))
    v.value("calibration_regularizer", "pav", [torch.tensor(yv, dtype=D)], [torch.tensor(sol, dtype=D)],
            dict(increasing=inc), note="isotonic regression (the soft sort's PAV)")


# ---- LR-QR objective (paper 61, Algorithm 1) ------------------------------------------------------------------
def lr_qr(h1, s, h2, h3, beta, alpha, lam):
    u = s - h1
    tau = 1 - alpha
    pin = (u * (tau - (u < 0).to(u.dtype))).mean()
    return pin + lam * (beta ** 2 * (h3 ** 2).mean()) + lam * (-2 * beta * h2).mean()


for dt in (D, S):
    for alpha, lam in ((0.1, 1.0), (0.2, 0.3)):
        h1, s, h2, h3 = rn(8, dtype=dt), rn(8, dtype=dt).abs(), rn(5, dtype=dt), rn(6, dtype=dt)
        beta = torch.tensor(0.7, dtype=dt)
        g.grad("lr_qr_threshold_fit", "lrQrObjective", [h1, s, h2, h3, beta], lambda a, b, c, d, e, al=alpha, l=lam:
               lr_qr(a, b, c, d, e, al, l), dict(alpha=alpha, **{"lambda": lam}), diff=[0, 2, 3, 4])


# ---- regression error metrics (numpy formulas) --------------------------------------------------------------------
def reg_metrics(y, p, normaliser, rrmse):
    r = y - p
    mse = np.mean(r ** 2)
    rmse = np.sqrt(mse)
    dev = y - y.mean()
    norm = {"std": y.std(), "mean": y.mean(), "range": y.max() - y.min(), "pred_std": p.std()}[normaliser]
    return np.array([mse, rmse, np.mean(np.abs(r)), 100 * np.mean(np.abs(r) / np.maximum(np.abs(y), 1e-7)),
                     1 - np.sum(r ** 2) / np.sum(dev ** 2), np.mean(r), np.sum(np.abs(r)) / np.sum(np.abs(dev)),
                     np.sum(r ** 2) / np.sum(dev ** 2), rmse / norm,
                     rmse / y.mean() if rrmse == "mean" else np.sqrt(np.sum(r ** 2) / np.sum(p ** 2))])


rs = np.random.RandomState(5)
for normaliser, rr in (("std", "pred"), ("mean", "mean"), ("range", "pred"), ("pred_std", "mean")):
    yv = rs.randn(17) + 3
    pv = yv + 0.4 * rs.randn(17)
    v.value("regression_error_metrics", "regressionMetrics", [torch.tensor(yv), torch.tensor(pv)],
            [torch.tensor(reg_metrics(yv, pv, normaliser, rr))], dict(nrmse_normaliser=normaliser, rrmse=rr))


# ---- Cutout (uoguelph-mlrg/Cutout util/cutout.py, current and first commit) ----------------------------------------
def cutout_mask(h, w, centres, length, extent):
    mask = np.ones((h, w), np.float32)
    for (y, x) in centres:
        half = length // 2 if extent == "half" else length
        y1, y2 = np.clip(y - half, 0, h), np.clip(y + half, 0, h)
        x1, x2 = np.clip(x - half, 0, w), np.clip(x + half, 0, w)
        mask[y1:y2, x1:x2] = 0.0
    return mask


for h, w, centres, length, extent in ((8, 8, [(3, 4)], 4, "half"), (8, 8, [(0, 0)], 4, "half"), (8, 8, [(7, 7)], 5, "half"),
                                      (10, 7, [(2, 5), (6, 1)], 4, "half"), (8, 8, [(3, 4)], 4, "full"),
                                      (28, 28, [(14, 14)], 16, "half"), (5, 5, [(2, 2)], 0, "half"),
                                      (6, 9, [(5, 8), (5, 8)], 3, "full")):
    m = cutout_mask(h, w, centres, length, extent)
    img = torch.randn(3, h, w, dtype=S)
    out = img * torch.from_numpy(m).expand_as(img)
    v.value("cutout", "cutout", [img], [torch.from_numpy(m), out],
            dict(cy=[c[0] for c in centres], cx=[c[1] for c in centres], length=length, extent=extent))

g.write()
v.write()
