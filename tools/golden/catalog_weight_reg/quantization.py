"""Golden cases of the weight_reg family (gen_catalog_weight_reg.py): learned_clip_fake_quant;
bitwise_weight_layer; weight_conditioning.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

from catalog_weight_reg.common import D, S, g, matrix, rn, t


# ---- learned_clip_fake_quant (paper 64): qat-pretrain, mathematically consistent backward ------
class LearnedClip(torch.autograd.Function):
    """Forward as the CUDA kernel (q = rint(x_c s - s c_n), x^ = (q + s c_n) / s); the backward of the
    catalog's transcription with the consistent inside u = (x_c - c_n) s."""

    @staticmethod
    def forward(ctx, x, cp, cn, bits):
        n = 2 ** bits - 1
        s = n / (cp - cn)
        xc = torch.minimum(torch.maximum(x, cn), cp)
        q = torch.round(xc * s - s * cn)
        ctx.save_for_backward(x, cp, cn)
        ctx.bits = bits
        return (q + s * cn) / s

    @staticmethod
    def backward(ctx, grad):
        x, cp, cn = ctx.saved_tensors
        n = 2 ** ctx.bits - 1
        s = n / (cp - cn)
        inside = (x > cn) & (x < cp)
        u = (x - cn) * s
        frac = (torch.round(u) - u) / n
        dx = torch.where(inside, grad, torch.zeros_like(grad))
        dcp = (grad * (x >= cp)).sum() + (grad * frac * inside).sum()
        dcn = (grad * (x <= cn)).sum() - (grad * frac * inside).sum()
        return dx, dcp, dcn, None


# ---- bitwise_weight_layer (paper 116): to_bit / to_sign STEs, He-std scaling -------------------
class ToBit(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.sign(torch.relu(x))

    @staticmethod
    def backward(ctx, g):
        return g


class ToSign(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return (-1) ** torch.sign(torch.relu(x))

    @staticmethod
    def backward(ctx, g):
        return -g


def bitwise(*latents):
    mags, sign = latents[:-1], latents[-1]
    k = ToSign.apply(sign) * sum(ToBit.apply(b) * 2 ** i for i, b in enumerate(mags))
    fan_in = int(np.prod(sign.shape[1:]))
    alpha = math.sqrt(2.0 / fan_in) / k.detach().std(unbiased=False).item()
    return k * alpha


# ---- weight_conditioning (paper 57): row / column equilibration -------------------------------
def condition(w, mode, eps=1e-12):
    m = matrix(w)
    if mode != "column":
        m = m / m.norm(dim=1, keepdim=True).clamp_min(eps)
    if mode != "row":
        m = m / m.norm(dim=0, keepdim=True).clamp_min(eps)
    return m.reshape(w.shape)


def add_learned_clip():
    """Cases of: learned_clip_fake_quant (paper 64): qat-pretrain, mathematically consistent backward"""
    LCQ = "learned_clip_fake_quant"


    for dt in (D, S):
        for bits, cp, cn in ((4, 2.0, -1.5), (2, 1.0, 0.0), (8, 3.0, -3.0), (3, 0.8, -0.2)):
            x = rn(5, 6, dtype=dt) * 1.5
            x[0, 0], x[0, 1] = cp, cn  # exactly on the clip values: d/dc, not d/dx
            g.grad(LCQ, "learnedClip", [x, t(cp, dt), t(cn, dt)], lambda x, a, b: LearnedClip.apply(x, a, b, bits), {"bits": bits})


def add_bitwise_weight():
    """Cases of: bitwise_weight_layer (paper 116): to_bit / to_sign STEs, He-std scaling"""
    BIT = "bitwise_weight_layer"


    for dt, bits, shape in [(D, 4, (5, 3)), (D, 2, (4, 6)), (D, 6, (3, 2, 2, 2)), (S, 4, (6, 5))]:
        g.grad(BIT, "bitwise", [rn(*shape, dtype=dt) for _ in range(bits)], bitwise, {"bits": bits})


def add_weight_conditioning():
    """Cases of: weight_conditioning (paper 57): row / column equilibration"""
    WC = "weight_conditioning"


    for mode in ("row", "column", "row_column"):
        for dt, shape in [(D, (4, 3)), (D, (3, 2, 2, 2)), (S, (5, 6))]:
            w = rn(*shape, dtype=dt)
            g.grad(WC, "condition", [w], lambda w: condition(w, mode), {"mode": mode}, double=dt == D)
        w = rn(4, 3)
        g.value(WC, "conditionNumber", [w], [torch.linalg.cond(w), torch.linalg.cond(condition(w, "row"))], {"mode": "row"},
                note="row equilibration lowers cond here")


def add_progressive_subnet_distillation():
    """Cases of: progressive_subnet_distillation (paper 60): EQ-Net KLLossSoft + CE"""
    PSD = "progressive_subnet_distillation"
    for dt in (D, S):
        for alpha, temp in ((0.5, 1.0), (0.3, 2.0)):
            logits, soft = rn(4, 5, dtype=dt), rn(4, 5, dtype=dt)
            y = torch.randint(0, 5, (4,))

            def gpg(logits, soft, y, alpha=alpha, temp=temp):
                kl = F.kl_div(F.log_softmax(logits / temp, 1), F.softmax(soft.detach() / temp, 1), reduction="batchmean")
                return alpha * temp * temp * kl + (1 - alpha) * F.cross_entropy(logits, y)
            g.grad(PSD, "gpgLoss", [logits, soft, y], gpg, {"alpha": alpha, "T": temp}, diff=[0], double=dt == D)
