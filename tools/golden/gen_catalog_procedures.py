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



# ---- regularizers: value and parameter gradient at fixed inputs and draws -----------------
# Case layout ("op": "regularizer"): inputs = [x, y, flat parameters, draws...]; outputs =
# [penalty (unweighted), its gradient w.r.t. the flat parameters, extra outputs...].
def new_model(arch, bn=False, scale=0.6):
    model = mlp(arch, bn)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn_like(p) * scale)
    return model


def param_grad(value, model):
    gs = torch.autograd.grad(value, list(model.parameters()), allow_unused=True, retain_graph=True)
    return torch.cat([(torch.zeros_like(p) if g is None else g).reshape(-1) for g, p in zip(gs, model.parameters())])


def regularizer(component, args, model, x, y, draws, fn, extra=(), note=None):
    p0 = flat_params(model)
    model.train()
    value, more = fn(model, x, y, draws)
    g = param_grad(value, model)
    a = dict(args)
    a.update({"arch": [model[0].in_features, model[0].out_features, model[-1].out_features],
              "bn": any(isinstance(m, nn.BatchNorm1d) for m in model)})
    add(component, "regularizer", [x, y, p0] + list(draws), [value.detach(), g] + [m.detach() for m in more], a, note)


# vat_loss: takerum/vat_tf vat.py, reimplemented in torch with the same starting direction d
def vat_normalize(d):
    dims = tuple(range(1, d.dim()))
    d = d / (1e-12 + d.abs().amax(dim=dims, keepdim=True))
    return d / torch.sqrt(1e-6 + (d ** 2).sum(dim=dims, keepdim=True))


def kl_with_logit(q_logit, p_logit):
    q = F.softmax(q_logit, dim=1)
    qlogq = (q * F.log_softmax(q_logit, dim=1)).sum(1).mean()
    qlogp = (q * F.log_softmax(p_logit, dim=1)).sum(1).mean()
    return qlogq - qlogp


def vat(eps, xi, k):
    def fn(model, x, y, draws):
        logit = model(x)  # the Trainer's clean forward (moves BatchNorm statistics once)
        d = draws[0]
        set_running_stats(model, False)
        for _ in range(k):
            d = (xi * vat_normalize(d)).requires_grad_(True)
            dist = kl_with_logit(logit, model(x + d))
            d = torch.autograd.grad(dist, [d])[0].detach()
        r = eps * vat_normalize(d)
        loss = kl_with_logit(logit.detach(), model(x + r))
        set_running_stats(model, True)
        return loss, [r, bn_stats(model)]
    return fn


for eps, xi, k, bn in [(8.0, 1e-6, 1, False), (0.5, 1e-6, 1, False), (0.3, 0.1, 2, False), (1.0, 1e-3, 1, True),
                       (0.2, 1e-6, 0, False)]:
    model = new_model((5, 7, 3), bn)
    x = torch.rand(6, 5, dtype=D)
    regularizer("vat_loss", {"epsilon": eps, "xi": xi, "num_power_iterations": k}, model, x,
                torch.randint(0, 3, (6,)), [torch.randn(6, 5, dtype=D)], vat(eps, xi, k))


# vat_adversarial_loss: vat.py adversarial_loss (L2-normalized input gradient of the CE)
def vat_adv(eps):
    def fn(model, x, y, draws):
        set_running_stats(model, False)
        xg = x.clone().requires_grad_(True)
        g = torch.autograd.grad(F.cross_entropy(model(xg), y), [xg])[0]
        r = eps * vat_normalize(g.detach())
        loss = F.cross_entropy(model(x + r), y)
        set_running_stats(model, True)
        return loss, [r]
    return fn


for eps, bn in [(8.0, False), (0.3, False), (0.5, True)]:
    model = new_model((5, 7, 3), bn)
    regularizer("vat_adversarial_loss", {"epsilon": eps}, model, torch.rand(6, 5, dtype=D), torch.randint(0, 3, (6,)),
                [], vat_adv(eps))


# jacobian_frobenius_penalty: exact (torch.autograd.functional.jacobian), Hutchinson, finite differences
def per_example_jacobian_sq(f, x):
    tot = []
    for i in range(x.shape[0]):
        J = torch.autograd.functional.jacobian(lambda xi: f(xi.unsqueeze(0)).squeeze(0), x[i], create_graph=True)
        tot.append((J ** 2).sum())
    return torch.stack(tot)


def jac_frob(estimator, sigma, layers):
    def fn(model, x, y, draws):
        f = model if layers == 0 else nn.Sequential(*list(model)[:layers])
        if estimator == "exact":
            n = per_example_jacobian_sq(f, x)
        elif estimator == "hutchinson":
            xi = x.clone().requires_grad_(True)
            out = f(xi)
            n = sum(torch.autograd.grad(out, [xi], grad_outputs=v, create_graph=True)[0].pow(2).sum(1) for v in draws) / len(draws)
        else:
            fx = f(x)
            n = sum((f(x + sigma * e) - fx).pow(2).sum(1) for e in draws) / (len(draws) * sigma ** 2)
        return n.mean(), [n]
    return fn


for est, m, sigma, layers, arch in [("exact", 0, 0.01, 0, (4, 6, 3)), ("exact", 0, 0.01, 2, (4, 6, 4)),
                                     ("hutchinson", 1, 0.01, 0, (4, 6, 3)), ("hutchinson", 3, 0.01, 2, (4, 6, 4)),
                                     ("fd", 2, 0.05, 0, (4, 6, 3)), ("fd", 1, 0.01, 2, (4, 6, 4))]:
    model = new_model(arch)
    x = torch.randn(5, 4, dtype=D)
    outdim = arch[1] if layers == 2 else arch[2]
    draws = [torch.randn(5, outdim if est == "hutchinson" else 4, dtype=D) for _ in range(m)]
    regularizer("jacobian_frobenius_penalty", {"estimator": est, "samples": max(m, 1), "fd_sigma": sigma,
                                               "layers": layers}, model, x, torch.zeros(5, dtype=torch.int64), draws,
                jac_frob(est, sigma, layers))


# jacobian_nuclear_norm_regularizer: h = first `split` layers, g = the rest
def jac_nuc(estimator, sigma, split, m, detach):
    def fn(model, x, y, draws):
        layers = list(model)
        h, g = nn.Sequential(*layers[:split]), nn.Sequential(*layers[split:])
        z = h(x)
        zg = z.detach() if detach else z
        if estimator == "exact":
            nh = per_example_jacobian_sq(h, x)
            ng = per_example_jacobian_sq(g, zg)
        else:
            dh, dg = draws[:m], draws[m:]
            nh = sum((h(x + sigma * e) - z).pow(2).sum(1) for e in dh) / (m * sigma ** 2)
            gz = g(zg)
            ng = sum((g(zg + sigma * e) - gz).pow(2).sum(1) for e in dg) / (m * sigma ** 2)
        return 0.5 * (nh + ng).mean(), [nh, ng]
    return fn


for est, sigma, split, m, detach in [("exact", 0.1, 2, 0, False), ("denoising", 0.1, 2, 1, False),
                                      ("denoising", 0.05, 1, 2, True), ("exact", 0.1, 1, 0, True)]:
    model = new_model((4, 6, 3))
    x = torch.randn(5, 4, dtype=D)
    zdim = 6
    draws = [torch.randn(5, 4, dtype=D) for _ in range(m)] + [torch.randn(5, zdim, dtype=D) for _ in range(m)]
    regularizer("jacobian_nuclear_norm_regularizer", {"estimator": est, "sigma": sigma, "split": split,
                                                      "samples": max(m, 1), "detach_latent": detach},
                model, x, torch.zeros(5, dtype=torch.int64), draws, jac_nuc(est, sigma, split, m, detach))


# functional_fisher_information_regularizer: regularization.py + README loop, same noise
def fisher(split, n, norm, criterion, estimation, method):
    def fn(model, x, y, draws):
        logits = model(x)
        b = x.shape[0]
        parts, at = [], 0
        for k, s in enumerate(split):
            t = x[:, at:at + s].reshape(b, -1).repeat(1, n).view(b * n, -1)
            t = (t + draws[k] * t.std(dim=0)).detach().requires_grad_()
            parts.append(t)
            at += s
        expanded = F.softmax(logits, dim=1).repeat(1, n).view(b * n, -1)
        set_running_stats(model, False)
        out = model(torch.cat(parts, 1))
        set_running_stats(model, True)
        if criterion == "bce":
            inf_loss = F.binary_cross_entropy_with_logits(out, expanded)
        else:
            inf_loss = F.kl_div(F.log_softmax(out, dim=1), expanded, reduction="batchmean")
        grads = torch.autograd.grad(inf_loss, parts, create_graph=True)
        scores = []
        for gk in grads:
            gn = torch.pow(torch.norm(gk, p=2, dim=1), 2)
            if estimation == "ent":
                gn = gn / inf_loss
            scores.append(torch.mean(gn))
        inf = torch.stack(scores)
        reg = torch.norm(torch.div(1, inf), p=norm) if method == "max_ent" else torch.norm(inf, p=norm)
        return reg, [inf]
    return fn


for split, n, norm, crit, est, meth, bn in [([3, 3], 10, 2.0, "bce", "ent", "max_ent", False),
                                            ([2, 4], 4, 1.0, "kl", "var", "min_ent", False),
                                            ([1, 2, 3], 3, 2.0, "bce", "ent", "max_ent", True)]:
    model = new_model((6, 7, 3), bn)
    x = torch.randn(4, 6, dtype=D)
    draws = [torch.randn(4 * n, s, dtype=D) for s in split]
    regularizer("functional_fisher_information_regularizer",
                {"split": split, "n_samples": n, "norm": norm, "criterion": crit, "estimation": est,
                 "optim_method": meth}, model, x, torch.zeros(4, dtype=torch.int64), draws,
                fisher(split, n, norm, crit, est, meth))


# flooding_loss: |L - b| + b on the batch-mean cross entropy, both sides of b
for b in [0.0, 0.3, 1.0, 5.0]:
    for dt in (D, torch.float32):
        z = (torch.randn(6, 4, dtype=dt) * 2).requires_grad_(True)
        y = torch.randint(0, 4, (6,))
        l = F.cross_entropy(z, y)
        fl = (l - b).abs() + b
        gz = torch.autograd.grad(fl, [z])[0]
        add("flooding_loss", "flooding", [z.detach(), y], [fl.detach(), gz], {"b": b},
            note="below b" if float(l) < b else "above b")

G.write()
