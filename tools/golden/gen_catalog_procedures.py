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


# vat_loss with its companion entropy_min_loss: train_semisup.py's 'vatent' additional loss,
# vat_loss(ul_x, ul_logit) + entropy_y_x(ul_logit), the same d
def vatent(eps, xi, k):
    inner = vat(eps, xi, k)

    def fn(model, x, y, draws):
        loss, more = inner(model, x, y, draws)
        logit = model(x)  # entropy on the clean logits (the value inner() used; statistics frozen below)
        p = F.softmax(logit, dim=1)
        ent = -(p * F.log_softmax(logit, dim=1)).sum(1).mean()
        return loss + ent, [loss.detach(), ent.detach()]
    return fn


for eps, xi, k in [(1.0, 1e-3, 1), (0.5, 1e-6, 2)]:
    model = new_model((5, 7, 3))
    regularizer("vat_loss", {"epsilon": eps, "xi": xi, "num_power_iterations": k, "with": "entropy_min_loss"}, model,
                torch.rand(6, 5, dtype=D), torch.randint(0, 3, (6,)), [torch.randn(6, 5, dtype=D)], vatent(eps, xi, k),
                note="vat_tf's vatent: LDS + entropy of the clean prediction (entropy_min_loss)")


# adversarial_loss: vat.py adversarial_loss (L2-normalized input gradient of the CE)
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
    regularizer("adversarial_loss", {"epsilon": eps}, model, torch.rand(6, 5, dtype=D), torch.randint(0, 3, (6,)),
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


for gamma, lr_awp, spec, bn in [(0.01, 0.01, SGD_M, False), (0.5, 0.01, SGD_M, True), (0.1, 0.05, ADAMW, False)]:
    g2 = torch.Generator().manual_seed(77)
    xadv = torch.randn(3, 6, 5, dtype=D, generator=g2)
    trajectory("adversarial_weight_perturbation", awp_step(gamma, lr_awp, xadv),
               {"gamma": gamma, "awp_lr": lr_awp}, spec, bn=bn, extra_inputs=[xadv])


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


# ---- the regularizers through the model, with x_adv (and the teacher) fixed ---------------
def arow_reg(lam, xadv):
    def fn(model, x, y, draws):
        zn = model(x)
        za = model(xadv)
        return lam * arow_terms(zn, za, y, 0.0, 1.0)[1], [bn_stats(model)]
    return fn


for lam, bn in [(7.0, False), (6.0, True)]:
    model = new_model((5, 7, 3), bn)
    x = torch.rand(6, 5, dtype=D)
    xadv = (x + 0.1 * torch.randn(6, 5, dtype=D)).clamp(0, 1)
    regularizer("arow_loss", {"lambda": lam}, model, x, torch.randint(0, 3, (6,)), [xadv], arow_reg(lam, xadv))


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


for lam, beta, tau, gamma in [(3.0, 0.5, 1.0, 1.0), (2.0, 0.3, 2.0, 0.0)]:
    model = new_model((5, 7, 3))
    teacher = new_model((5, 7, 3))
    x = torch.rand(6, 5, dtype=D)
    xadv = (x + 0.1 * torch.randn(6, 5, dtype=D)).clamp(0, 1)
    regularizer("awr_robust_regularizer", {"lambda": lam, "beta": beta, "tau": tau, "gamma": gamma}, model, x,
                torch.randint(0, 3, (6,)), [xadv, flat_params(teacher)], awr_reg(lam, beta, tau, gamma, teacher, xadv))


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


for eps, bn in [(8 / 255, False), (0.3, False), (0.5, True)]:
    model = new_model((5, 7, 3), bn)
    x = torch.rand(6, 5, dtype=D)
    draws = [2 * torch.rand(6, 5, dtype=D) - 1, 2 * torch.rand(6, 5, dtype=D) - 1, torch.rand(6, dtype=D)]
    regularizer("elle_reg", {"epsilon": eps}, model, x, torch.randint(0, 3, (6,)), draws, elle(eps))


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


seq = torch.rand(40, dtype=D) * 0.1
seq[[5, 17, 18, 30]] += torch.tensor([1.0, 2.0, 0.5, 3.0], dtype=D)
for lam_aux, sens, decay in [(4000.0, 2.0, 0.99), (10.0, 1.0, 0.5)]:
    add("elle_reg", "elle_a", [seq], [torch.tensor(elle_a(seq.tolist(), lam_aux, sens, decay), dtype=D)],
        {"lambda": lam_aux, "sensitivity": sens, "decay_rate": decay})


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


for k, proj, spec in [(1, True, SGD_M), (2, False, ADAMW), (2, True, ADAMW)]:
    trajectory("lawn", lawn_step(k, proj), {"warmup_epochs": 0, "layers": k, "project_gradient": proj}, spec, updates=4)

G.write()
