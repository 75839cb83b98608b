"""Golden values and gradients for the short forms of the classic losses (Losses.mseLoss(input,
target), ...): each case calls torch.nn.functional with the same required tensors and nothing
else, so the Java short forms are checked against torch's own defaults (reduction, margins,
beta, delta, eps, blank, ...), not against our reading of its documentation.

Writes losses/src/test/resources/golden/grad_losses_defaults.json (read by LossesDefaultsGoldenTest).
Run: /usr/bin/python3 tools/golden/gen_losses_defaults.py
"""
import os

import torch
import torch.nn.functional as F

import golden
from golden import GradGolden

golden.OUT_DIR = os.path.join(golden.ROOT, "losses", "src", "test", "resources", "golden")
g = GradGolden("grad_losses_defaults")
D, S = torch.float64, torch.float32


def rn(*shape, dtype=D):
    return torch.randn(*shape, dtype=dtype)


def pm1(*shape, dtype=D):
    return (torch.randint(0, 2, shape) * 2 - 1).to(dtype)


for dt in (D, S):
    x, t = rn(6, 4, dtype=dt), torch.randint(0, 4, (6,))
    g.add_grad("crossEntropy", [x, t], lambda x, t: F.cross_entropy(x, t), diff=[0])
    g.add_grad("nllLoss", [x.log_softmax(1), t], lambda x, t: F.nll_loss(x, t), diff=[0])
    p, y = torch.rand(3, 5, dtype=dt) * 0.9 + 0.05, torch.rand(3, 5, dtype=dt)
    g.add_grad("binaryCrossEntropy", [p, y], lambda p, y: F.binary_cross_entropy(p, y), diff=[0])
    z = rn(3, 5, dtype=dt) * 3
    g.add_grad("binaryCrossEntropyWithLogits", [z, y], lambda z, y: F.binary_cross_entropy_with_logits(z, y))
    a, b = rn(4, 3, dtype=dt) * 2, rn(4, 3, dtype=dt) * 2
    g.add_grad("mseLoss", [a, b], lambda a, b: F.mse_loss(a, b))
    g.add_grad("l1Loss", [a, b], lambda a, b: F.l1_loss(a, b))
    g.add_grad("smoothL1Loss", [a, b], lambda a, b: F.smooth_l1_loss(a, b))
    g.add_grad("huberLoss", [a * 2, b], lambda a, b: F.huber_loss(a, b))
    lp, q = torch.log_softmax(rn(4, 3, dtype=dt), -1), torch.softmax(rn(4, 3, dtype=dt), -1)
    g.add_grad("klDiv", [lp, q], lambda x, t: F.kl_div(x, t))
    cnt = torch.poisson(torch.rand(4, 3, dtype=dt) * 4)
    g.add_grad("poissonNllLoss", [a, cnt], lambda x, t: F.poisson_nll_loss(x, t), diff=[0])
    var = torch.rand(4, 3, dtype=dt) + 0.1
    g.add_grad("gaussianNllLoss", [a, b, var], lambda x, t, v: F.gaussian_nll_loss(x, t, v))
    x1, x2, s = rn(5, 4, dtype=dt), rn(5, 4, dtype=dt), pm1(5, dtype=dt)
    g.add_grad("cosineEmbeddingLoss", [x1, x2, s], lambda u, v, s: F.cosine_embedding_loss(u, v, s), diff=[0, 1])
    r1, r2, rs = rn(7, dtype=dt), rn(7, dtype=dt), pm1(7, dtype=dt)
    g.add_grad("marginRankingLoss", [r1, r2, rs], lambda u, v, s: F.margin_ranking_loss(u, v, s), diff=[0, 1])
    h, hs = rn(3, 4, dtype=dt), pm1(3, 4, dtype=dt)
    g.add_grad("hingeEmbeddingLoss", [h, hs], lambda x, s: F.hinge_embedding_loss(x, s), diff=[0])
    g.add_grad("softMarginLoss", [h, hs], lambda x, s: F.soft_margin_loss(x, s), diff=[0])
    yb = torch.randint(0, 2, (3, 4)).to(dt)
    g.add_grad("multilabelSoftMarginLoss", [h, yb], lambda x, s: F.multilabel_soft_margin_loss(x, s), diff=[0])
    xm, ym = rn(5, 4, dtype=dt), torch.randint(0, 4, (5,))
    g.add_grad("multiMarginLoss", [xm, ym], lambda x, t: F.multi_margin_loss(x, t), diff=[0])
    xl = rn(2, 4, dtype=dt)
    yl = torch.tensor([[3, 0, -1, 1], [1, 2, 3, 0]], dtype=torch.int64)
    g.add_grad("multilabelMarginLoss", [xl, yl], lambda x, t: F.multilabel_margin_loss(x, t))
    an, po, ne = rn(4, 3, dtype=dt), rn(4, 3, dtype=dt), rn(4, 3, dtype=dt)
    g.add_grad("tripletMarginLoss", [an, po, ne], lambda a, p, n: F.triplet_margin_loss(a, p, n))
    g.add_grad("tripletMarginWithDistanceLoss", [an, po, ne], lambda a, p, n: F.triplet_margin_with_distance_loss(a, p, n))
    g.add_grad("pairwiseDistance", [x1, x2], lambda u, v: F.pairwise_distance(u, v))
    T, N, C = 6, 2, 4
    lg = rn(T, N, C, dtype=dt)
    tg = torch.tensor([[1, 2, 2], [3, 1, 0]], dtype=torch.int64)
    g.add_grad("ctcLoss", [lg, tg], lambda x, t: F.ctc_loss(x.log_softmax(2), t, [6, 5], [3, 2]),
               {"input_lengths": [6, 5], "target_lengths": [3, 2]}, diff=[0])
g.write()
