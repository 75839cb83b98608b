"""Golden cases for the catalog's two-pass, adversarial and input-gradient procedures (WP5).

Writes losses/src/test/resources/golden/catalog/procedures.json, read by ProceduresGoldenTest.
Run with Debian's PyTorch 1.13: /usr/bin/python3 tools/golden/gen_catalog_procedures.py

Every case carries "component" (the catalog id). Procedures are checked as parameter
trajectories: a small float64 MLP (Linear, [BatchNorm1d], Tanh, Linear) trained for several
optimizer steps by a PyTorch reimplementation of the cited reference code, with the same
training-loop contract the Java StepContext has (loss = cross entropy [+ penalties], backward
of loss / micro-batches, gradients zeroed before the first micro-batch of each update, clipping,
then optimizer.step()). Regularizers are checked by value and parameter gradient at fixed
inputs, with the random directions / noise supplied by the generator.

Case layout ("op": "trajectory"): inputs = [X [nb, B, in], Y [nb, B] int64, flat initial
parameters (state_dict order, parameters only)]; outputs = [params after each update [T, P],
loss of each micro-batch [nb], final BatchNorm running mean+var (or an empty tensor)].
"""
import copy
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

import golden
from golden import Golden

golden.OUT_DIR = os.path.join(golden.ROOT, "losses", "src", "test", "resources", "golden", "catalog")
D = torch.float64
G = Golden("procedures", seed=20261201)


def add(component, op, inputs, outputs, args, note=None):
    args = dict(args)
    args["component"] = component
    G.add(op, inputs, outputs, args, note)
    G.cases[-1]["component"] = component
    G.cases[-1]["id"] = "%s/%s#%d" % (component, op, len(G.cases) - 1)


# ---- the model and the training-loop contract ---------------------------------------------
def mlp(arch, bn):
    i, h, o = arch
    layers = [nn.Linear(i, h)]
    if bn:
        layers.append(nn.BatchNorm1d(h))
    layers += [nn.Tanh(), nn.Linear(h, o)]
    return nn.Sequential(*layers).to(D)


def flat_params(model):
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()])


def bn_stats(model):
    bufs = [b.detach().reshape(-1) for k, b in model.named_buffers() if "running" in k]
    return torch.cat(bufs) if bufs else torch.zeros(0, dtype=D)


class Ctx:
    """The StepContext contract, as the Java LoopContext implements it."""

    def __init__(self, model, opt, micro, clip, penalty=None):
        self.model, self.opt, self.micro, self.clip, self.penalty = model, opt, micro, clip, penalty
        self.params = [p for g in opt.param_groups for p in g["params"]]

    def loss(self, out, x, y):
        l = F.cross_entropy(out, y)
        if self.penalty is not None:
            l = l + self.penalty(self.model, x, y, out)
        return l

    def backward(self, l):
        (l / self.micro if self.micro > 1 else l).backward()

    def step(self, update):
        if not update:
            return
        if self.clip > 0:
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.clip)
        self.opt.step()


def set_running_stats(model, on):
    """davda54/sam example/utility/bypass_bn.py: BatchNorm momentum 0 during the second pass."""
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            if on and hasattr(m, "backup_momentum"):
                m.momentum = m.backup_momentum
            elif not on:
                m.backup_momentum = m.momentum
                m.momentum = 0


def make_opt(model, spec):
    kind = spec["optimizer"]
    if kind == "sgd":
        return torch.optim.SGD(model.parameters(), lr=spec["lr"], momentum=spec.get("momentum", 0.0),
                               weight_decay=spec.get("weight_decay", 0.0), nesterov=spec.get("nesterov", False))
    if kind == "adamw":
        return torch.optim.AdamW(model.parameters(), lr=spec["lr"], weight_decay=spec.get("weight_decay", 0.01))
    raise ValueError(kind)


def trajectory(component, step_fn, args, spec, arch=(5, 7, 3), bn=False, batch=6, updates=3, micro=1, clip=0.0,
               extra_inputs=(), penalty=None, note=None):
    """Runs `updates` optimizer steps of `step_fn(ctx, x, y, t, update)` and records a case."""
    model = mlp(arch, bn)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn_like(p) * 0.6)
    p0 = flat_params(model)
    nb = updates * micro
    X = torch.randn(nb, batch, arch[0], dtype=D)
    Y = torch.randint(0, arch[2], (nb, batch))
    opt = make_opt(model, spec)
    ctx = Ctx(model, opt, micro, clip, penalty)
    traj, losses = [], []
    model.train()
    for t in range(nb):
        if t % micro == 0:
            opt.zero_grad(set_to_none=False)
        update = t % micro == micro - 1
        losses.append(float(step_fn(ctx, X[t], Y[t], t, update)))
        if update:
            traj.append(flat_params(model))
    a = dict(args)
    a.update(spec)
    a.update({"arch": list(arch), "bn": bn, "micro": micro, "clip": clip, "updates": updates})
    add(component, "trajectory", [X, Y, p0] + list(extra_inputs),
        [torch.stack(traj), torch.tensor(losses, dtype=D), bn_stats(model)], a, note)


def no_grad_copy(params):
    return [p.detach().clone() for p in params]


def restore(params, saved):
    with torch.no_grad():
        for p, s in zip(params, saved):
            p.copy_(s)


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
for rho, adaptive in [(0.05, False), (0.5, False), (2.0, True)]:
    trajectory("sam", sam_step(rho, adaptive), {"rho": rho, "adaptive": adaptive}, SGD_M)
trajectory("sam", sam_step(0.1, False), {"rho": 0.1, "adaptive": False}, ADAMW, updates=4)
trajectory("sam", sam_step(0.1, False), {"rho": 0.1, "adaptive": False}, SGD_M, bn=True,
           note="BatchNorm running statistics move on the first pass only")
trajectory("sam", sam_step(0.2, False), {"rho": 0.2, "adaptive": False}, SGD_M, micro=2, clip=0.5,
           note="two micro-batches per update, each with its own ascent step; clipped")


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


for eps, ilr, n in [(0.5, 1.0, 1), (0.3, 0.5, 2), (0.05, 1.0, 3), (0.5, 1.0, 0)]:
    trajectory("amp", amp_step(eps, ilr, n), {"epsilon": eps, "inner_lr": ilr, "inner_iter": n}, SGD_M)
trajectory("amp", amp_step(0.2, 1.0, 2), {"epsilon": 0.2, "inner_lr": 1.0, "inner_iter": 2}, ADAMW, bn=True)
trajectory("amp", amp_step(0.4, 1.0, 1), {"epsilon": 0.4, "inner_lr": 1.0, "inner_iter": 1}, SGD_M, micro=3)


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


for gamma, eps, variant, norm in [(0.05, 0.1, "forward", False), (0.1, 0.1, "forward", False),
                                  (0.05, 0.02, "backward", False), (0.02, 0.2, "forward", True)]:
    trajectory("gradient_norm_regularization_fd", fgr_step(gamma, eps, variant, norm),
               {"gamma": gamma, "epsilon": eps, "variant": variant, "normalize": norm}, SGD_M)
trajectory("gradient_norm_regularization_fd", fgr_step(0.05, 0.1, "forward", False),
           {"gamma": 0.05, "epsilon": 0.1, "variant": "forward", "normalize": False}, ADAMW, bn=True, micro=2)


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


for lam, power in [(0.1, 2), (0.05, 1), (1.0, 2)]:
    trajectory("grad_norm_penalty", gnp_step(lam, power), {"lambda": lam, "power": power}, SGD_M)
trajectory("grad_norm_penalty", gnp_step(0.1, 2), {"lambda": 0.1, "power": 2}, ADAMW, bn=True, micro=2, clip=1.0)

G.write()
