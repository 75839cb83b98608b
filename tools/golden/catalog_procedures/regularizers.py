"""Golden cases of the procedures family (gen_catalog_procedures.py): regularizers."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from catalog_procedures.common import D, add
from catalog_procedures.loop import bn_stats, flat_params, mlp, set_running_stats


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


def add_regularizers():
    """Cases of: regularizers: value and parameter gradient at fixed inputs and draws"""
    for eps, xi, k, bn in [(8.0, 1e-6, 1, False), (0.5, 1e-6, 1, False), (0.3, 0.1, 2, False), (1.0, 1e-3, 1, True),
                           (0.2, 1e-6, 0, False)]:
        model = new_model((5, 7, 3), bn)
        x = torch.rand(6, 5, dtype=D)
        regularizer("vat_loss", {"epsilon": eps, "xi": xi, "num_power_iterations": k}, model, x,
                    torch.randint(0, 3, (6,)), [torch.randn(6, 5, dtype=D)], vat(eps, xi, k))


    for eps, xi, k in [(1.0, 1e-3, 1), (0.5, 1e-6, 2)]:
        model = new_model((5, 7, 3))
        regularizer("vat_loss", {"epsilon": eps, "xi": xi, "num_power_iterations": k, "with": "entropy_min_loss"}, model,
                    torch.rand(6, 5, dtype=D), torch.randint(0, 3, (6,)), [torch.randn(6, 5, dtype=D)], vatent(eps, xi, k),
                    note="vat_tf's vatent: LDS + entropy of the clean prediction (entropy_min_loss)")


    for eps, bn in [(8.0, False), (0.3, False), (0.5, True)]:
        model = new_model((5, 7, 3), bn)
        regularizer("adversarial_loss", {"epsilon": eps}, model, torch.rand(6, 5, dtype=D), torch.randint(0, 3, (6,)),
                    [], vat_adv(eps))


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


    for est, sigma, split, m, detach in [("exact", 0.1, 2, 0, False), ("denoising", 0.1, 2, 1, False),
                                          ("denoising", 0.05, 1, 2, True), ("exact", 0.1, 1, 0, True)]:
        model = new_model((4, 6, 3))
        x = torch.randn(5, 4, dtype=D)
        zdim = 6
        draws = [torch.randn(5, 4, dtype=D) for _ in range(m)] + [torch.randn(5, zdim, dtype=D) for _ in range(m)]
        regularizer("jacobian_nuclear_norm_regularizer", {"estimator": est, "sigma": sigma, "split": split,
                                                          "samples": max(m, 1), "detach_latent": detach},
                    model, x, torch.zeros(5, dtype=torch.int64), draws, jac_nuc(est, sigma, split, m, detach))


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
