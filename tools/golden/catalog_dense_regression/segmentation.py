"""Golden cases of the dense_regression family (gen_catalog_dense_regression.py): MONAI
compute_tp_fp_fn / DiceLoss / GeneralizedDiceLoss / TverskyLoss.
"""
import torch

from catalog_dense_regression.common import D, REDS, S, act, dense_target, g, reduce, rn


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


def add_dice_generalized_dice_tversky():
    """Cases of: MONAI compute_tp_fp_fn / DiceLoss / GeneralizedDiceLoss / TverskyLoss"""
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
