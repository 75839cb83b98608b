"""Golden cases of the dense_regression family (gen_catalog_dense_regression.py): total variation;
Cutout.
"""
import numpy as np
import torch

from catalog_dense_regression.common import D, S, g, rn, v


# ---- total variation (kornia, DTN isotropic, space-variant) -------------------------------------------------
def kornia_tv(img, reduction="sum"):
    d1 = img[..., 1:, :] - img[..., :-1, :]
    d2 = img[..., :, 1:] - img[..., :, :-1]
    if reduction == "mean":
        return d1.abs().mean(dim=(-2, -1)) + d2.abs().mean(dim=(-2, -1))
    return d1.abs().sum(dim=(-2, -1)) + d2.abs().sum(dim=(-2, -1))


def iso_tv(img, beta, eps, reduction="sum"):
    dx = img[..., :-1, 1:] - img[..., :-1, :-1]
    dy = img[..., 1:, :-1] - img[..., :-1, :-1]
    t = (dx ** 2 + dy ** 2 + eps) ** (beta / 2)
    return t.mean(dim=(-2, -1)) if reduction == "mean" else t.sum(dim=(-2, -1))


def weighted_tv(img, w, eps, reduction="sum"):
    dx = img[..., :-1, 1:] - img[..., :-1, :-1]
    dy = img[..., 1:, :-1] - img[..., :-1, :-1]
    t = w * torch.sqrt(dx ** 2 + dy ** 2 + eps)
    return t.mean(dim=(-2, -1)) if reduction == "mean" else t.sum(dim=(-2, -1))


# ---- Cutout (uoguelph-mlrg/Cutout util/cutout.py, current and first commit) ----------------------------------------
def cutout_mask(h, w, centres, length, extent):
    mask = np.ones((h, w), np.float32)
    for (y, x) in centres:
        half = length // 2 if extent == "half" else length
        y1, y2 = np.clip(y - half, 0, h), np.clip(y + half, 0, h)
        x1, x2 = np.clip(x - half, 0, w), np.clip(x + half, 0, w)
        mask[y1:y2, x1:x2] = 0.0
    return mask


def add_total_variation():
    """Cases of: total variation (kornia, DTN isotropic, space-variant)"""
    for dt in (D, S):
        for shape in ((2, 3, 5, 6), (5, 6), (1, 4, 7)):
            for red in ("sum", "mean"):
                x = rn(*shape, dtype=dt)
                g.grad("total_variation_loss", "tvAnisotropic", [x], lambda x, r=red: kornia_tv(x, r), dict(pixel_reduction=red),
                       diff=[0])
                for beta in (1.0, 2.0, 0.5):
                    g.grad("total_variation_loss", "tvIsotropic", [x], lambda x, b=beta, r=red: iso_tv(x, b, 1e-8, r),
                           dict(beta=beta, eps=1e-8, pixel_reduction=red), diff=[0], double=(dt == D and beta == 1.0))
                w = torch.rand(*shape[:-2], shape[-2] - 1, shape[-1] - 1, dtype=dt) + 0.1
                g.grad("weighted_total_variation", "tvWeighted", [x, w], lambda x, w, r=red: weighted_tv(x, w, 1e-8, r),
                       dict(eps=1e-8, pixel_reduction=red), diff=[0, 1], double=(dt == D))
    flat = torch.full((2, 4, 4), 0.7, dtype=D)
    g.grad("total_variation_loss", "tvIsotropic", [flat], lambda x: iso_tv(x, 1.0, 1e-8), dict(beta=1.0, eps=1e-8,
                                                                                              pixel_reduction="sum"),
           diff=[0], note="flat image: finite zero gradient")
    g.grad("total_variation_loss", "tvAnisotropic", [torch.ones(4, 4, dtype=D)], lambda x: kornia_tv(x), dict(pixel_reduction="sum"),
           diff=[0], note="kornia doc example: ones give 0")
    xw = rn(3, 5)
    g.grad("weighted_total_variation", "tvWeighted", [xw, torch.ones(2, 4, dtype=D)], lambda x, w: iso_tv(x, 1.0, 1e-8),
           dict(eps=1e-8, pixel_reduction="sum"), diff=[0], note="w = 1 is isotropic TV with beta 1")


def add_cutout():
    """Cases of: Cutout (uoguelph-mlrg/Cutout util/cutout.py, current and first commit)"""
    for h, w, centres, length, extent in ((8, 8, [(3, 4)], 4, "half"), (8, 8, [(0, 0)], 4, "half"), (8, 8, [(7, 7)], 5, "half"),
                                          (10, 7, [(2, 5), (6, 1)], 4, "half"), (8, 8, [(3, 4)], 4, "full"),
                                          (28, 28, [(14, 14)], 16, "half"), (5, 5, [(2, 2)], 0, "half"),
                                          (6, 9, [(5, 8), (5, 8)], 3, "full")):
        m = cutout_mask(h, w, centres, length, extent)
        img = torch.randn(3, h, w, dtype=S)
        out = img * torch.from_numpy(m).expand_as(img)
        v.value("cutout", "cutout", [img], [torch.from_numpy(m), out],
                dict(cy=[c[0] for c in centres], cx=[c[1] for c in centres], length=length, extent=extent))
