"""Golden cases of the dense_regression family (gen_catalog_dense_regression.py): pinball; pseudo-
Huber; proximal matching; Z-error; aggregate responses; Keras-semantics regression losses.
"""
import math

import torch
import torch.nn.functional as F

from catalog_dense_regression.common import D, REDS, S, g, reduce, rn, v


# ---- pinball (sklearn mean_pinball_loss) ---------------------------------------------------------
def sk_pinball(y, q, alpha):
    diff = y - q
    sign = (diff >= 0).to(q.dtype)
    return alpha * sign * diff - (1 - alpha) * (1 - sign) * diff


# ---- pseudo-Huber (diffusers conditional_loss) ----------------------------------------------------
def conditional_loss(pred, target, reduction, loss_type, huber_c):
    if loss_type == "huber":
        loss = 2 * huber_c * (torch.sqrt((pred - target) ** 2 + huber_c ** 2) - huber_c)
    else:
        loss = 2 * (torch.sqrt((pred - target) ** 2 + huber_c ** 2) - huber_c)
    return reduce(loss, reduction)


def huber_c(schedule, t, big_t, c, scale, alpha_bar):
    if schedule == "exponential":
        alpha = -math.log(c) / big_t
        return math.exp(-alpha * t) * scale
    if schedule == "snr":
        sigmas = ((1.0 - alpha_bar) / alpha_bar) ** 0.5
        return (1 - c) / (1 + sigmas) ** 2 + c
    return c * scale


# ---- proximal matching (lpn/utils/utils.py ExpDiracSrgt) --------------------------------------------
def exp_dirac(inp, tgt, sigma, red):
    bsize = inp.shape[0]
    dist = (inp - tgt).pow(2).reshape(bsize, -1).sum(1).sqrt()
    return reduce(-torch.exp(-((dist / sigma) ** 2)) + 1, red)


def lpn_stage(step, num_steps, pretrain, stages, sigma_min):
    if step < pretrain:
        return 1.0, float("nan")
    per = (num_steps - pretrain) // stages
    stage = min((step - pretrain) // per, stages - 1)
    return 0.0, sigma_min * (2 ** (stages - 1 - stage))


# ---- Z-error (spec formula; the note's code summarised in the catalog) ------------------------------
def z_error(pred, tgt, tau, eps):
    e = (tgt - pred).reshape(-1)
    ed = e.detach()
    z = (ed - ed.mean()) / (ed.std() + eps)
    m = (z.abs() <= tau).to(e.dtype)
    cnt = m.sum()
    return (m * e * e).sum() / (cnt if cnt > 0 else torch.ones_like(cnt))


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


# ---- Keras-semantics regression losses -----------------------------------------------------------------
def keras_logcosh(yp, yt):
    x = yp - yt
    return x + F.softplus(-2.0 * x) - math.log(2.0)


def keras_mape(yp, yt, eps=1e-7):
    return 100.0 * (yt - yp).abs() / torch.clamp(yt.abs(), min=eps)


def keras_msle(yp, yt, eps=1e-7):
    return (torch.log(torch.clamp(yp, min=eps) + 1.0) - torch.log(torch.clamp(yt, min=eps) + 1.0)) ** 2


def add_pinball():
    """Cases of: pinball (sklearn mean_pinball_loss)"""
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


def add_pseudo_huber():
    """Cases of: pseudo-Huber (diffusers conditional_loss)"""
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


def add_proximal_matching():
    """Cases of: proximal matching (lpn/utils/utils.py ExpDiracSrgt)"""
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


    for step in (0, 99, 100, 149, 150, 399, 400, 10000):
        pre, sig = lpn_stage(step, 500, 100, 4, 0.25)
        v.value("proximal_matching_loss", "proximalStage", [], [torch.tensor([pre, sig], dtype=D)],
                dict(step=step, num_steps=500, num_steps_pretrain=100, num_stages=4, gamma_min=0.25))


def add_z_error():
    """Cases of: Z-error (spec formula; the note's code summarised in the catalog)"""
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


def add_aggregate():
    """Cases of: aggregate responses (paper 34, per-bag loops)"""
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


def add_keras_regression_losses():
    """Cases of: Keras-semantics regression losses"""
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
