"""Golden cases of the procedures family (gen_catalog_procedures.py): sam; amp;
gradient_norm_regularization_fd; grad_norm_penalty; lawn.
"""
import torch
import torch.nn as nn

from catalog_procedures.common import D
from catalog_procedures.loop import no_grad_copy, restore, set_running_stats, trajectory


# ---- sam: davda54/sam sam.py (first_step / second_step / _grad_norm), reimplemented --------
def sam_step(rho, adaptive):
    def step(ctx, x, y, t, update):
        params = ctx.params
        set_running_stats(ctx.model, True)
        loss = ctx.loss(ctx.model(x), x, y)
        grads = torch.autograd.grad(loss, params, allow_unused=True)
        with torch.no_grad():
            norms = [((p.abs() if adaptive else 1.0) * g).norm(p=2) for p, g in zip(params, grads) if g is not None]
            scale = rho / (torch.norm(torch.stack(norms), p=2) + 1e-12)
            old = no_grad_copy(params)
            for p, g in zip(params, grads):
                if g is not None:
                    p.add_((torch.pow(p, 2) if adaptive else 1.0) * g * scale)
        set_running_stats(ctx.model, False)
        ctx.backward(ctx.loss(ctx.model(x), x, y))
        set_running_stats(ctx.model, True)
        restore(params, old)
        ctx.step(update)
        return loss
    return step


SGD_M = {"optimizer": "sgd", "lr": 0.1, "momentum": 0.9, "weight_decay": 5e-4}


ADAMW = {"optimizer": "adamw", "lr": 0.01, "weight_decay": 0.01}


# ---- amp: hiyouga/AMP-Regularizer amp.py (AMP.step), reimplemented ------------------------
def amp_step(eps, inner_lr, inner_iter):
    def step(ctx, x, y, t, update):
        params = ctx.params
        loss = ctx.loss(ctx.model(x), x, y)
        if inner_iter == 0:
            ctx.backward(loss)
            ctx.step(update)
            return loss
        grads = torch.autograd.grad(loss, params, allow_unused=True)
        old = no_grad_copy(params)
        dev = [torch.zeros_like(p) for p in params]
        for i in range(inner_iter):
            with torch.no_grad():
                for k, (p, g) in enumerate(zip(params, grads)):
                    if g is None:
                        continue
                    d = dev[k] + inner_lr * g
                    clip_coef = eps / (d.norm() + 1e-12)
                    d = clip_coef * d if clip_coef < 1 else d
                    p.copy_(old[k] + d)  # reference: p.sub_(dev).add_(d), the same up to rounding
                    dev[k] = d
            set_running_stats(ctx.model, False)
            l = ctx.loss(ctx.model(x), x, y)
            set_running_stats(ctx.model, True)
            if i < inner_iter - 1:
                grads = torch.autograd.grad(l, params, allow_unused=True)
            else:
                ctx.backward(l)
        restore(params, old)
        ctx.step(update)
        return loss
    return step


# ---- gradient_norm_regularization_fd: paper 62's F-GR / B-GR, from the formula --------------
def fgr_step(gamma, eps, variant, normalize):
    def step(ctx, x, y, t, update):
        params = ctx.params
        loss = ctx.loss(ctx.model(x), x, y)
        g = torch.autograd.grad(loss, params, allow_unused=True)
        with torch.no_grad():
            step_len = eps / torch.norm(torch.stack([gi.norm() for gi in g if gi is not None])) if normalize \
                else torch.tensor(eps, dtype=D)
            sign = 1.0 if variant == "forward" else -1.0
            old = no_grad_copy(params)
            for p, gi in zip(params, g):
                if gi is not None:
                    p.add_(sign * step_len * gi)
        set_running_stats(ctx.model, False)
        l2 = ctx.loss(ctx.model(x), x, y)
        set_running_stats(ctx.model, True)
        h = torch.autograd.grad(l2, params, allow_unused=True)
        restore(params, old)
        c = gamma / step_len
        with torch.no_grad():
            for p, gi, hi in zip(params, g, h):
                if gi is None:
                    continue
                # forward: g + (gamma/e)(h - g); backward: g + (gamma/e)(g - h)
                full = gi + c * (hi - gi) if variant == "forward" else gi + c * (gi - hi)
                full = full / ctx.micro if ctx.micro > 1 else full
                p.grad = full if p.grad is None else p.grad + full
        ctx.step(update)
        return loss
    return step


# ---- grad_norm_penalty: double backprop of lambda * ||grad L||^power ------------------------
def gnp_step(lam, power):
    def step(ctx, x, y, t, update):
        params = ctx.params
        loss = ctx.loss(ctx.model(x), x, y)
        g = torch.autograd.grad(loss, params, create_graph=True)
        sq = sum((gi * gi).sum() for gi in g)
        pen = sq if power == 2 else torch.sqrt(sq)
        ctx.backward(loss + lam * pen)
        ctx.step(update)
        return loss
    return step


# ---- lawn: the catalog's transcription (paper's algorithm not available), as a formula check ----
def lawn_step(layers_constrained, project):
    state = {}

    def step(ctx, x, y, t, update):
        loss = ctx.loss(ctx.model(x), x, y)
        ctx.backward(loss)
        ws = [m.weight for m in ctx.model if isinstance(m, nn.Linear)][-layers_constrained:]
        if not state:
            for w in ws:
                state[id(w)] = w.detach().norm()
        with torch.no_grad():
            if project:
                for w in ws:
                    w.grad -= (w.grad * w).sum() / (w * w).sum() * w
        ctx.step(update)
        with torch.no_grad():
            for w in ws:
                w.mul_(state[id(w)] / w.norm())
        return loss
    return step


def add_sam():
    """Cases of: sam: davda54/sam sam.py (first_step / second_step / _grad_norm), reimplemented"""
    for rho, adaptive in [(0.05, False), (0.5, False), (2.0, True)]:
        trajectory("sam", sam_step(rho, adaptive), {"rho": rho, "adaptive": adaptive}, SGD_M)
    trajectory("sam", sam_step(0.1, False), {"rho": 0.1, "adaptive": False}, ADAMW, updates=4)
    trajectory("sam", sam_step(0.1, False), {"rho": 0.1, "adaptive": False}, SGD_M, bn=True,
               note="BatchNorm running statistics move on the first pass only")
    trajectory("sam", sam_step(0.2, False), {"rho": 0.2, "adaptive": False}, SGD_M, micro=2, clip=0.5,
               note="two micro-batches per update, each with its own ascent step; clipped")


def add_amp():
    """Cases of: amp: hiyouga/AMP-Regularizer amp.py (AMP.step), reimplemented"""
    for eps, ilr, n in [(0.5, 1.0, 1), (0.3, 0.5, 2), (0.05, 1.0, 3), (0.5, 1.0, 0)]:
        trajectory("amp", amp_step(eps, ilr, n), {"epsilon": eps, "inner_lr": ilr, "inner_iter": n}, SGD_M)
    trajectory("amp", amp_step(0.2, 1.0, 2), {"epsilon": 0.2, "inner_lr": 1.0, "inner_iter": 2}, ADAMW, bn=True)
    trajectory("amp", amp_step(0.4, 1.0, 1), {"epsilon": 0.4, "inner_lr": 1.0, "inner_iter": 1}, SGD_M, micro=3)


def add_gradient_norm_fd():
    """Cases of: gradient_norm_regularization_fd: paper 62's F-GR / B-GR, from the formula"""
    for gamma, eps, variant, norm in [(0.05, 0.1, "forward", False), (0.1, 0.1, "forward", False),
                                      (0.05, 0.02, "backward", False), (0.02, 0.2, "forward", True)]:
        trajectory("gradient_norm_regularization_fd", fgr_step(gamma, eps, variant, norm),
                   {"gamma": gamma, "epsilon": eps, "variant": variant, "normalize": norm}, SGD_M)
    trajectory("gradient_norm_regularization_fd", fgr_step(0.05, 0.1, "forward", False),
               {"gamma": 0.05, "epsilon": 0.1, "variant": "forward", "normalize": False}, ADAMW, bn=True, micro=2)


def add_grad_norm_penalty():
    """Cases of: grad_norm_penalty: double backprop of lambda * ||grad L||^power"""
    for lam, power in [(0.1, 2), (0.05, 1), (1.0, 2)]:
        trajectory("grad_norm_penalty", gnp_step(lam, power), {"lambda": lam, "power": power}, SGD_M)
    trajectory("grad_norm_penalty", gnp_step(0.1, 2), {"lambda": 0.1, "power": 2}, ADAMW, bn=True, micro=2, clip=1.0)


def add_lawn():
    """Cases of: lawn: the catalog's transcription (paper's algorithm not available), as a formula check"""
    for k, proj, spec in [(1, True, SGD_M), (2, False, ADAMW), (2, True, ADAMW)]:
        trajectory("lawn", lawn_step(k, proj), {"warmup_epochs": 0, "layers": k, "project_gradient": proj}, spec, updates=4)
