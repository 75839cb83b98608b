"""Golden cases of the procedures family (gen_catalog_procedures.py):
adversarial_weight_perturbation; the L-infinity PGD the adversarial procedures use; robust loss
terms from logits; the regularizers through the model, with x_adv; elle_reg.
"""
import copy

import torch
import torch.nn as nn
import torch.nn.functional as F

from catalog_procedures.common import D, add
from catalog_procedures.loop import bn_stats, flat_params, set_running_stats, trajectory
from catalog_procedures.regularizers import new_model, regularizer
from catalog_procedures.steps import ADAMW, SGD_M


# ---- adversarial_weight_perturbation: csdongxian/AWP AT_AWP/utils_awp.py + train_cifar10.py -
# x_adv is supplied per micro-batch (the attack is tested on its own below).
def awp_step(gamma, awp_lr, xadv):
    def step(ctx, x, y, t, update):
        model = ctx.model
        proxy = copy.deepcopy(model)
        proxy.train()
        proxy_opt = torch.optim.SGD(proxy.parameters(), lr=awp_lr)
        loss = -F.cross_entropy(proxy(xadv[t]), y)
        proxy_opt.zero_grad()
        loss.backward()
        proxy_opt.step()
        diff = {}
        for (k, w_old), (_, w_new) in zip(model.state_dict().items(), proxy.state_dict().items()):
            if len(w_old.size()) <= 1:
                continue
            if "weight" in k:
                d = w_new - w_old
                diff[k] = w_old.norm() / (d.norm() + 1e-20) * d
        with torch.no_grad():
            for name, p in model.named_parameters():
                if name in diff:
                    p.add_(gamma * diff[name])
        robust = ctx.loss(model(xadv[t]), xadv[t], y)
        ctx.backward(robust)
        ctx.step(update)
        with torch.no_grad():
            for name, p in model.named_parameters():
                if name in diff:
                    p.add_(-gamma * diff[name])
        return -loss
    return step


# ---- the L-infinity PGD the adversarial procedures use (ARoW / SRST-AWR attacks/pgd.py PGD_Linf,
# with the random start supplied), objectives ce, kl and logit_l2
def pgd(model, x, y, eps, step, steps, objective, start):
    model.eval()
    x_adv = start.clone().detach()
    clean = model(x).detach()
    for _ in range(steps):
        x_adv.requires_grad_()
        out = model(x_adv)
        if objective == "ce":
            loss = F.cross_entropy(out, y)
        elif objective == "kl":
            loss = nn.KLDivLoss(reduction="sum")(F.log_softmax(out, dim=1), F.softmax(clean, dim=1))
        else:
            loss = torch.sqrt((out - clean).pow(2).sum(1) + 1e-20).sum()
        grad = torch.autograd.grad(loss, [x_adv])[0]
        x_adv = x_adv.detach() + step * grad.sign()
        x_adv = torch.min(torch.max(x_adv, x - eps), x + eps)
        x_adv = torch.clamp(x_adv, 0.0, 1.0)
    model.train()
    return x_adv.detach()


# ---- robust loss terms from logits (arow_loss, awr_robust_regularizer, smooth_adv_comp_sum_loss)
def label_smoothing_ce(z, y, ls):  # the catalog's LS-CE = torch's label_smoothing
    return F.cross_entropy(z, y, label_smoothing=ls)


def arow_terms(zn, za, y, ls, lam):
    adv_probs, nat_probs = F.softmax(za, dim=1), F.softmax(zn, dim=1)
    true_probs = torch.gather(adv_probs, 1, y.unsqueeze(1).long()).squeeze(1)
    sup = label_smoothing_ce(zn, y, ls)
    rob = (F.kl_div((adv_probs + 1e-12).log(), nat_probs, reduction="none").sum(dim=1) * (1. - true_probs)).mean()
    return sup, rob, sup + lam * rob


def awr_terms(zn, za, tn, beta, tau):
    adv_probs, nat_probs = F.softmax(za, dim=1), F.softmax(zn, dim=1)
    q = F.softmax(tn, dim=1).detach()
    w = (q * nat_probs).sum(dim=1).mul(beta) + (1. - (q * adv_probs).sum(dim=1)).mul(1 - beta)
    reg = (F.kl_div((adv_probs + 1e-12).log(), nat_probs, reduction="none").sum(dim=1) * w).mean()
    know = F.kl_div((F.softmax(zn / tau, dim=1) + 1e-12).log(), F.softmax(tn / tau, dim=1) + 1e-12, reduction="batchmean")
    return reg, know


def logit_cases(component, fn, args, shapes, dtypes=(D, torch.float32), extra=None):
    for dt in dtypes:
        for b, c in shapes:
            zn = (torch.randn(b, c, dtype=dt) * 2).requires_grad_(True)
            za = (zn.detach() + torch.randn(b, c, dtype=dt)).requires_grad_(True)
            y = torch.randint(0, c, (b,))
            tn = torch.randn(b, c, dtype=dt) * 2
            outs = fn(zn, za, y, tn)
            total = sum(outs)
            gn, ga = torch.autograd.grad(total, [zn, za])
            add(component, "terms", [zn.detach(), za.detach(), y, tn], [o.detach() for o in outs] + [gn, ga], args)


# ---- the regularizers through the model, with x_adv (and the teacher) fixed ---------------
def arow_reg(lam, xadv):
    def fn(model, x, y, draws):
        zn = model(x)
        za = model(xadv)
        return lam * arow_terms(zn, za, y, 0.0, 1.0)[1], [bn_stats(model)]
    return fn


def awr_reg(lam, beta, tau, gamma, teacher, xadv):
    def fn(model, x, y, draws):
        zn = model(x)
        za = model(xadv)
        teacher.eval()
        with torch.no_grad():
            tn = teacher(x)
        reg, know = awr_terms(zn, za, tn, beta, tau)
        return lam * reg + gamma * know, []
    return fn


# ---- elle_reg: LIONS-EPFL/ELLE core/utils/train.py (reg == 'ELLE'), the same uniform draws -
def elle(eps):
    def fn(model, x, y, draws):
        ua, ub, alpha = draws
        bs = x.shape[0]
        x_ab = x.repeat([2, 1]) + eps * torch.cat([ua, ub], 0)
        a = alpha.reshape(bs, 1)
        x_c = (1 - a) * x_ab[:bs] + a * x_ab[bs:]
        set_running_stats(model, False)
        losses = nn.CrossEntropyLoss(reduction="none")(model(torch.cat((x_ab, x_c), dim=0)), y.repeat([3]))
        set_running_stats(model, True)
        lin_err = nn.MSELoss()(losses[2 * bs:], (1 - alpha) * losses[:bs] + alpha * losses[bs:2 * bs])
        return lin_err, [losses]
    return fn


# ELLE-A's lambda schedule (train.py 'onoff'): lambda_t before each step, for a sequence of ELLE values
def elle_a(values, lam_aux, sensitivity, decay):
    import statistics
    hist, lam, out = [], 0.0, []
    for v in values:
        out.append(lam)
        if len(hist) > 2 and v > statistics.fmean(hist) + sensitivity * statistics.pstdev(hist):
            lam = lam_aux
        else:
            lam *= decay
        hist.append(v)
    return out


def add_awp():
    """Cases of: adversarial_weight_perturbation: csdongxian/AWP AT_AWP/utils_awp.py + train_cifar10.py"""
    for gamma, lr_awp, spec, bn in [(0.01, 0.01, SGD_M, False), (0.5, 0.01, SGD_M, True), (0.1, 0.05, ADAMW, False)]:
        g2 = torch.Generator().manual_seed(77)
        xadv = torch.randn(3, 6, 5, dtype=D, generator=g2)
        trajectory("adversarial_weight_perturbation", awp_step(gamma, lr_awp, xadv),
                   {"gamma": gamma, "awp_lr": lr_awp}, spec, bn=bn, extra_inputs=[xadv])


def add_pgd():
    """Cases of: the L-infinity PGD the adversarial procedures use (ARoW / SRST-AWR attacks/pgd.py PGD_Linf,"""
    for eps, step, steps, obj, bn in [(0.1, 0.025, 10, "kl", False), (0.2, 0.05, 5, "ce", True), (0.1, 0.1, 1, "ce", False),
                                      (0.15, 0.04, 4, "logit_l2", False)]:
        model = new_model((5, 7, 3), bn)
        if bn:  # give the running statistics non-trivial values first
            model.train()
            with torch.no_grad():
                model(torch.rand(8, 5, dtype=D))
        x = torch.rand(6, 5, dtype=D) * 0.8 + 0.1
        x[0, 0] = 0.0  # touches the clamp
        y = torch.randint(0, 3, (6,))
        p0 = flat_params(model)
        stats = bn_stats(model)
        start = torch.clamp(x + torch.empty_like(x).uniform_(-eps, eps), 0, 1)  # the random start, supplied
        xa = pgd(model, x, y, eps, step, steps, obj, start)
        add("adversarial_weight_perturbation" if obj == "ce" else ("arow_loss" if obj == "kl" else "smooth_adv_comp_sum_loss"),
            "pgd", [x, y, p0, stats, start], [xa],
            {"epsilon": eps, "step_size": step, "num_steps": steps, "objective": obj, "arch": [5, 7, 3], "bn": bn},
            note="the attack: PGD_Linf from a supplied random start")


def add_robust_terms():
    """Cases of: robust loss terms from logits (arow_loss, awr_robust_regularizer, smooth_adv_comp_sum_loss)"""
    for ls, lam in [(0.2, 7.0), (0.0, 6.0)]:
        logit_cases("arow_loss", lambda zn, za, y, tn: arow_terms(zn, za, y, ls, lam), {"ls": ls, "lambda": lam},
                    [(4, 3), (1, 5), (7, 10)])
    for beta, tau in [(0.5, 1.0), (0.2, 2.0)]:
        logit_cases("awr_robust_regularizer", lambda zn, za, y, tn: awr_terms(zn, za, tn, beta, tau),
                    {"beta": beta, "tau": tau}, [(4, 3), (6, 10)])
    logit_cases("smooth_adv_comp_sum_loss",
                lambda zn, za, y, tn: (torch.sqrt((za - zn).pow(2).sum(1) + 1e-20).mean(),), {}, [(4, 3), (5, 6)])
    # large logits stay finite
    zn = torch.tensor([[1e4, -1e4, 0.0], [0.0, 1e4, -1e4]], dtype=D, requires_grad=True)
    za = torch.tensor([[-1e4, 1e4, 0.0], [0.0, 1e4, -1e4]], dtype=D, requires_grad=True)
    yy = torch.tensor([0, 1])
    outs = arow_terms(zn, za, yy, 0.2, 7.0)
    gn, ga = torch.autograd.grad(sum(outs), [zn, za])
    # torch's gradient is NaN here (kl_div differentiates target * log(target) at p = 0); jgrad's is finite:
    # the case checks the values and that the gradient is finite
    add("arow_loss", "terms", [zn.detach(), za.detach(), yy, torch.zeros(2, 3, dtype=D)], [o.detach() for o in outs] + [gn, ga],
        {"ls": 0.2, "lambda": 7.0, "torch_grad_nan": bool(torch.isnan(gn).any())}, note="logits of +-1e4")


def add_adversarial_regularizers():
    """Cases of: the regularizers through the model, with x_adv (and the teacher) fixed"""
    for lam, bn in [(7.0, False), (6.0, True)]:
        model = new_model((5, 7, 3), bn)
        x = torch.rand(6, 5, dtype=D)
        xadv = (x + 0.1 * torch.randn(6, 5, dtype=D)).clamp(0, 1)
        regularizer("arow_loss", {"lambda": lam}, model, x, torch.randint(0, 3, (6,)), [xadv], arow_reg(lam, xadv))


    for lam, beta, tau, gamma in [(3.0, 0.5, 1.0, 1.0), (2.0, 0.3, 2.0, 0.0)]:
        model = new_model((5, 7, 3))
        teacher = new_model((5, 7, 3))
        x = torch.rand(6, 5, dtype=D)
        xadv = (x + 0.1 * torch.randn(6, 5, dtype=D)).clamp(0, 1)
        regularizer("awr_robust_regularizer", {"lambda": lam, "beta": beta, "tau": tau, "gamma": gamma}, model, x,
                    torch.randint(0, 3, (6,)), [xadv, flat_params(teacher)], awr_reg(lam, beta, tau, gamma, teacher, xadv))


def add_elle():
    """Cases of: elle_reg: LIONS-EPFL/ELLE core/utils/train.py (reg == 'ELLE'), the same uniform draws"""
    for eps, bn in [(8 / 255, False), (0.3, False), (0.5, True)]:
        model = new_model((5, 7, 3), bn)
        x = torch.rand(6, 5, dtype=D)
        draws = [2 * torch.rand(6, 5, dtype=D) - 1, 2 * torch.rand(6, 5, dtype=D) - 1, torch.rand(6, dtype=D)]
        regularizer("elle_reg", {"epsilon": eps}, model, x, torch.randint(0, 3, (6,)), draws, elle(eps))


    seq = torch.rand(40, dtype=D) * 0.1
    seq[[5, 17, 18, 30]] += torch.tensor([1.0, 2.0, 0.5, 3.0], dtype=D)
    for lam_aux, sens, decay in [(4000.0, 2.0, 0.99), (10.0, 1.0, 0.5)]:
        add("elle_reg", "elle_a", [seq], [torch.tensor(elle_a(seq.tolist(), lam_aux, sens, decay), dtype=D)],
            {"lambda": lam_aux, "sensitivity": sens, "decay_rate": decay})
