"""Golden values and gradients for the losses module (io.jgrad.losses.Losses) against PyTorch 1.13.

Writes losses/src/test/resources/golden/grad_losses.json (read by LossesGoldenTest).
Run with Debian's PyTorch: /usr/bin/python3 tools/golden/gen_losses.py
Each case: op = the Losses method, args = reduction and options; inputs in the Java argument
order, optional tensors (weight, pos_weight, var) last and flagged by args has_weight etc.
"""
import os

import torch
import torch.nn.functional as F

import golden
from golden import GradGolden, Input

golden.OUT_DIR = os.path.join(golden.ROOT, "losses", "src", "test", "resources", "golden")
g = GradGolden("grad_losses")
v = golden.Golden("losses_values")  # forward-only cases
D, S = torch.float64, torch.float32
REDS = ["none", "mean", "sum"]


def rn(*shape, dtype=D):
    return torch.randn(*shape, dtype=dtype)


def classes(c, *shape):
    return torch.randint(0, c, shape, dtype=torch.int64)


# ---- crossEntropy / nllLoss ---------------------------------------------------------------
for dt in (D, S):
    for shape, tshape in [((4, 3), (4,)), ((3, 4, 5), (3, 5)), ((2, 3, 2, 3), (2, 2, 3)), ((1, 5), (1,))][:4 if dt == D else 2]:
        c = shape[1]
        for red in REDS:
            for w in (None, torch.rand(c, dtype=dt) + 0.5):
                for ign in ((-100, 1) if dt == D else (-100,)):
                    for ls in ((0.0, 0.2) if dt == D else (0.0,)):
                        x, t = rn(*shape, dtype=dt), classes(c, *tshape)
                        ins = [x, t] + ([w] if w is not None else [])
                        args = {"reduction": red, "ignore_index": ign, "label_smoothing": ls, "has_weight": w is not None}
                        g.add_grad("crossEntropy", ins, lambda x, t, *w: F.cross_entropy(
                            x, t, weight=w[0] if w else None, ignore_index=ign, reduction=red, label_smoothing=ls),
                            args, diff=[0])
                        if ls == 0:
                            g.add_grad("nllLoss", ins, lambda x, t, *w: F.nll_loss(
                                x, t, weight=w[0] if w else None, ignore_index=ign, reduction=red), args, diff=[0])
    # probability targets
    for shape in [(4, 3), (2, 3, 4)]:
        for red in REDS:
            for w in (None, torch.rand(shape[1], dtype=dt) + 0.5):
                for ls in (0.0, 0.1):
                    x, p = rn(*shape, dtype=dt), torch.softmax(rn(*shape, dtype=dt), 1)
                    ins = [x, p] + ([w] if w is not None else [])
                    args = {"reduction": red, "ignore_index": -100, "label_smoothing": ls, "has_weight": w is not None}
                    g.add_grad("crossEntropy", ins, lambda x, t, *w: F.cross_entropy(
                        x, t, weight=w[0] if w else None, reduction=red, label_smoothing=ls), args, diff=[0, 1])
# all targets ignored, single sample [C] with 0-d target, non-contiguous input.
# With every target ignored torch 1.13's mean is 0/0 = NaN (its gradient is 0); jgrad's mean over no
# targets is 0 (a batch of padding must not stop training on a NaN loss), so the expected value is
# torch's with the NaN replaced by 0 (nan_to_num: the gradient is unchanged, 0).
for red in REDS:
    x = rn(3, 4)
    t = torch.full((3,), 2, dtype=torch.int64)
    args = {"reduction": red, "ignore_index": 2, "label_smoothing": 0.0, "has_weight": False}
    g.add_grad("crossEntropy", [x, t], lambda x, t: torch.nan_to_num(F.cross_entropy(x, t, ignore_index=2, reduction=red), nan=0.0),
               args, diff=[0], note="all ignored")
    g.add_grad("nllLoss", [x, t], lambda x, t: torch.nan_to_num(F.nll_loss(x, t, ignore_index=2, reduction=red), nan=0.0),
               args, diff=[0], note="all ignored")
    x1, t1 = rn(5), torch.tensor(3)
    args = {"reduction": red, "ignore_index": -100, "label_smoothing": 0.1, "has_weight": False}
    g.add_grad("crossEntropy", [x1, t1], lambda x, t: F.cross_entropy(x, t, reduction=red, label_smoothing=0.1), args,
               diff=[0])
    xt, t = Input(rn(5, 4), ["transpose", 0, 1]), classes(5, 4)
    args = {"reduction": red, "ignore_index": -100, "label_smoothing": 0.0, "has_weight": False}
    g.add_grad("crossEntropy", [xt, t], lambda x, t: F.cross_entropy(x, t, reduction=red), args, diff=[0])

# ---- binary cross entropy ----------------------------------------------------------------
for dt in (D, S):
    for shape in [(5,), (3, 4)]:
        for red in REDS:
            for w in (None, torch.rand(shape[-1], dtype=dt) + 0.5):
                x = torch.rand(*shape, dtype=dt) * 0.9 + 0.05
                y = torch.rand(*shape, dtype=dt)
                ins = [x, y] + ([w] if w is not None else [])
                args = {"reduction": red, "has_weight": w is not None}
                g.add_grad("binaryCrossEntropy", ins, lambda x, y, *w: F.binary_cross_entropy(
                    x, y, weight=w[0] if w else None, reduction=red), args, diff=[0])
                for pw in (None, torch.rand(shape[-1], dtype=dt) * 3):
                    x = rn(*shape, dtype=dt) * 3
                    ins = [x, y] + ([w] if w is not None else []) + ([pw] if pw is not None else [])
                    args = {"reduction": red, "has_weight": w is not None, "has_pos_weight": pw is not None}

                    def bce_logits(x, y, *rest, w=w, pw=pw):
                        rest = list(rest)
                        ww = rest.pop(0) if w is not None else None
                        pp = rest.pop(0) if pw is not None else None
                        return F.binary_cross_entropy_with_logits(x, y, weight=ww, pos_weight=pp, reduction=red)
                    g.add_grad("binaryCrossEntropyWithLogits", ins, bce_logits, args, diff=[0, 1])
# BCE at the probability ends 0 and 1: the log clamp at -100 gives a finite loss
for red in REDS:
    x = torch.tensor([0.0, 1.0, 0.5, 1.0], dtype=D)
    y = torch.tensor([0.0, 1.0, 1.0, 0.0], dtype=D)
    v.add("binaryCrossEntropy", [x, y], [F.binary_cross_entropy(x, y, reduction=red)], {"reduction": red})

# ---- regression --------------------------------------------------------------------------
for dt in (D, S):
    for shape in ([(7,), (3, 5), (2, 3, 4)] if dt == D else [(3, 5)]):
        for red in REDS:
            x, y = rn(*shape, dtype=dt) * 2, rn(*shape, dtype=dt) * 2
            args = {"reduction": red}
            g.add_grad("mseLoss", [x, y], lambda x, y: F.mse_loss(x, y, reduction=red), args)
            g.add_grad("l1Loss", [x, y], lambda x, y: F.l1_loss(x, y, reduction=red), args)
            for beta in (1.0, 0.5, 0.0):
                g.add_grad("smoothL1Loss", [x, y], lambda x, y: F.smooth_l1_loss(x, y, reduction=red, beta=beta),
                           dict(args, beta=beta))
            for delta in (1.0, 2.5):
                g.add_grad("huberLoss", [x, y], lambda x, y: F.huber_loss(x, y, reduction=red, delta=delta),
                           dict(args, delta=delta))
            lp = torch.log_softmax(rn(*shape, dtype=dt), -1)
            q = torch.softmax(rn(*shape, dtype=dt), -1)
            for red2 in REDS + ["batchmean"]:
                if red2 != red and not (red == "mean" and red2 == "batchmean"):
                    continue
                a2 = {"reduction": red2, "log_target": False}
                g.add_grad("klDiv", [lp, q], lambda x, t: F.kl_div(x, t, reduction=red2), a2)
                g.add_grad("klDiv", [lp, q.log()], lambda x, t: F.kl_div(x, t, reduction=red2, log_target=True),
                           dict(a2, log_target=True))
            qz = q.clone()
            qz.view(-1)[::3] = 0
            g.add_grad("klDiv", [lp, qz], lambda x, t: F.kl_div(x, t, reduction=red), {"reduction": red, "log_target": False},
                       diff=[0], note="zero targets")
            cnt = torch.poisson(torch.rand(*shape, dtype=dt) * 4)
            for log_input in (True, False):
                for full in (False, True):
                    xi = rn(*shape, dtype=dt) if log_input else torch.rand(*shape, dtype=dt) * 3 + 0.1
                    a3 = {"reduction": red, "log_input": log_input, "full": full, "eps": 1e-8}
                    g.add_grad("poissonNllLoss", [xi, cnt], lambda x, t: F.poisson_nll_loss(
                        x, t, log_input=log_input, full=full, reduction=red), a3, diff=[0])
            for vshape in [shape, shape[:-1], shape[:-1] + (1,)]:
                var = torch.rand(vshape, dtype=dt) + 0.1
                var.view(-1)[0] = 1e-8  # below eps: clamped without gradient effect
                for full in ((False, True) if vshape == shape else (False,)):
                    a4 = {"reduction": red, "full": full, "eps": 1e-6}
                    g.add_grad("gaussianNllLoss", [x, y, var], lambda x, t, v: F.gaussian_nll_loss(
                        x, t, v, full=full, reduction=red), a4)
    # non-contiguous input
    for red in REDS:
        x, y = Input(rn(4, 3, dtype=dt), ["transpose", 0, 1]), rn(3, 4, dtype=dt)
        g.add_grad("mseLoss", [x, y], lambda x, y: F.mse_loss(x, y, reduction=red), {"reduction": red})

# ---- margin ------------------------------------------------------------------------------
def pm1(*shape):
    return torch.randint(0, 2, shape).to(D) * 2 - 1


for dt in (D, S):
    for red in REDS:
        args = {"reduction": red}
        for shape in [(4, 5), (6,)]:
            x1, x2 = rn(*shape, dtype=dt), rn(*shape, dtype=dt)
            y = pm1(*shape[:-1]).to(dt)
            for m in (0.0, 0.3):
                g.add_grad("cosineEmbeddingLoss", [x1, x2, y], lambda a, b, t: F.cosine_embedding_loss(
                    a, b, t, margin=m, reduction=red), dict(args, margin=m), diff=[0, 1])
        x1, x2, y = rn(7, dtype=dt), rn(7, dtype=dt), pm1(7).to(dt)
        for m in (0.0, 0.5):
            g.add_grad("marginRankingLoss", [x1, x2, y], lambda a, b, t: F.margin_ranking_loss(
                a, b, t, margin=m, reduction=red), dict(args, margin=m), diff=[0, 1])
        x, y = rn(3, 4, dtype=dt), pm1(3, 4).to(dt)
        for m in (1.0, 0.5):
            g.add_grad("hingeEmbeddingLoss", [x, y], lambda a, t: F.hinge_embedding_loss(a, t, margin=m, reduction=red),
                       dict(args, margin=m), diff=[0])
        g.add_grad("softMarginLoss", [x, y], lambda a, t: F.soft_margin_loss(a, t, reduction=red), args, diff=[0])
        yb = torch.randint(0, 2, (3, 4)).to(dt)
        for w in (None, torch.rand(4, dtype=dt) + 0.5):
            ins = [x, yb] + ([w] if w is not None else [])
            g.add_grad("multilabelSoftMarginLoss", ins, lambda a, t, *w: F.multilabel_soft_margin_loss(
                a, t, weight=w[0] if w else None, reduction=red), dict(args, has_weight=w is not None), diff=[0])
        for shape in [(5, 4), (4,)]:
            xm = rn(*shape, dtype=dt)
            ym = classes(4, *shape[:-1]) if len(shape) == 2 else torch.tensor(2)
            for p, m in ((1, 1.0), (2, 0.7)):
                for w in (None, torch.rand(4, dtype=dt) + 0.5):
                    ins = [xm, ym] + ([w] if w is not None else [])
                    g.add_grad("multiMarginLoss", ins, lambda a, t, *w: F.multi_margin_loss(
                        a, t, p=p, margin=m, weight=w[0] if w else None, reduction=red),
                        dict(args, p=p, margin=m, has_weight=w is not None), diff=[0])
        xl = rn(3, 5, dtype=dt)
        yl = torch.tensor([[3, 0, -1, 1, 2], [1, 2, 3, 4, 0], [-1, 1, 2, 0, 0]], dtype=torch.int64)
        g.add_grad("multilabelMarginLoss", [xl, yl], lambda a, t: F.multilabel_margin_loss(a, t, reduction=red), args)
        g.add_grad("multilabelMarginLoss", [xl[0], yl[0]], lambda a, t: F.multilabel_margin_loss(a, t, reduction=red),
                   args)
        for shape in [(4, 3), (5,)]:
            a, p_, n = rn(*shape, dtype=dt), rn(*shape, dtype=dt), rn(*shape, dtype=dt)
            for pn, m in ((2.0, 1.0), (1.0, 0.2)):
                for swap in (False, True):
                    a5 = dict(args, margin=m, p=pn, eps=1e-6, swap=swap)
                    g.add_grad("tripletMarginLoss", [a, p_, n], lambda a, b, c: F.triplet_margin_loss(
                        a, b, c, margin=m, p=pn, swap=swap, reduction=red), a5)
            for dist in ("default", "cosine"):
                for swap in (False, True):
                    fn = None if dist == "default" else (lambda u, v: 1 - F.cosine_similarity(u, v, dim=-1))
                    a6 = dict(args, margin=0.5, distance=dist, swap=swap)
                    g.add_grad("tripletMarginWithDistanceLoss", [a, p_, n], lambda a, b, c: F.triplet_margin_with_distance_loss(
                        a, b, c, distance_function=fn, margin=0.5, swap=swap, reduction=red), a6)

# ---- CTC: leaves are logits, log_softmax inside (torch's CTC gradient is only right through it)
for dt in (D, S):
    for red in REDS:
        for (T, N, C, tgt, in_lens, tg_lens, blank, zi) in [
                (6, 2, 4, [[1, 2, 2], [3, 1, 0]], [6, 5], [3, 2], 0, False),
                (5, 3, 3, [1, 1, 2, 1, 2], [5, 4, 3], [2, 2, 1], 0, False),  # 1-D concatenated targets
                (4, 2, 5, [[4, 4, 4], [1, 2, 3]], [4, 4], [3, 3], 0, True),   # first needs 5 steps: impossible
                (4, 2, 5, [[4, 4, 4], [1, 2, 3]], [4, 4], [3, 3], 0, False),
                (7, 2, 4, [[0, 1], [2, 2]], [7, 6], [2, 0], 3, False)]:          # blank 3, an empty target
            if dt == S and T != 6:
                continue
            x = rn(T, N, C, dtype=dt)
            t = torch.tensor(tgt, dtype=torch.int64)
            a = {"reduction": red, "input_lengths": in_lens, "target_lengths": tg_lens, "blank": blank,
                 "zero_infinity": zi}
            if tgt[0] == [4, 4, 4] and not zi:
                # impossible alignment: torch's gradient is NaN there, jgrad's is 0 (value-only case)
                v.add("ctcLoss", [x.log_softmax(2), t], [F.ctc_loss(x.log_softmax(2), t, in_lens, tg_lens, blank=blank,
                      reduction=red)], a)
                continue
            g.add_grad("ctcLoss", [x, t], lambda x, t: F.ctc_loss(x.log_softmax(2), t, in_lens, tg_lens, blank=blank,
                       reduction=red, zero_infinity=zi), a, diff=[0])

g.write()
v.write()
