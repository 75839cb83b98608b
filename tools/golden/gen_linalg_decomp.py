"""Golden values for io.jgrad.tensor.Linalg (torch.linalg decompositions and solvers).

Decompositions are not unique (signs of singular vectors / eigenvectors, Householder signs),
so every case records gauge-invariant quantities that the Java test recomputes the same way:
singular values, reconstructions U diag(S) Vh, projectors U U^T, Q and R with the signs of
diag(R) made positive, eigenvalues, V diag(L) V^T, the top eigenvector's projector.

Run: /usr/bin/python3 tools/golden/gen_linalg_decomp.py
"""
import math

import torch

from golden import Golden, Input

F64, F32 = torch.float64, torch.float32
g = Golden("linalg_decomp")
LA = torch.linalg


def rnd(*shape, dtype=F64):
    return torch.randn(*shape, dtype=F64).to(dtype)


def spd(*shape, dtype=F64):
    a = torch.randn(*shape, dtype=F64)
    n = shape[-1]
    return (a @ a.mT + n * torch.eye(n, dtype=F64)).to(dtype)


def rank_def(m, n, r, batch=(), dtype=F64):
    return (torch.randn(*batch, m, r, dtype=F64) @ torch.randn(*batch, r, n, dtype=F64)).to(dtype)


def ill(n, cond, dtype=F64):
    q1, _ = torch.linalg.qr(torch.randn(n, n, dtype=F64))
    q2, _ = torch.linalg.qr(torch.randn(n, n, dtype=F64))
    s = torch.logspace(0, -math.log10(cond), n, dtype=F64)
    return (q1 @ torch.diag(s) @ q2.mT).to(dtype)


def singular_sq(n, dtype=F64):
    a = torch.randn(n, n, dtype=F64)
    a[:, -1] = a[:, 0] + a[:, 1]
    return a.to(dtype)


def general_inputs():
    """(name, Input) for shape sweeps: square, batched, tall, wide, transposed view, both dtypes."""
    out = []
    for dt in (F64, F32):
        out += [("square", Input(rnd(4, 4, dtype=dt))), ("batched", Input(rnd(2, 3, 3, dtype=dt))),
                ("tall", Input(rnd(6, 3, dtype=dt))), ("wide", Input(rnd(3, 5, dtype=dt))),
                ("1x1", Input(rnd(1, 1, dtype=dt))), ("batched wide", Input(rnd(2, 2, 4, dtype=dt))),
                ("transposed", Input(rnd(5, 4, dtype=dt), ["transpose", 0, 1]))]
    out += [("rank deficient tall", Input(rank_def(6, 4, 2))), ("rank deficient wide", Input(rank_def(3, 6, 1))),
            ("ill conditioned 1e8", Input(ill(5, 1e8))), ("batched rank deficient", Input(rank_def(4, 4, 2, (2,))))]
    return out


def svd_outputs(a, full):
    u, s, vh = LA.svd(a, full_matrices=full)
    k = s.shape[-1]
    uk, vk = u[..., :, :k], vh[..., :k, :]
    return [s, (uk * s.unsqueeze(-2)) @ vk, uk @ uk.mT, vk.mT @ vk]


for name, x in general_inputs():
    t = x.tensor()
    rank = LA.matrix_rank(t.double())
    full_rank = bool((rank == min(t.shape[-2:])).all())
    for full in (False, True):
        outs = svd_outputs(t, full)
        if not full_rank:
            outs = outs[:2]  # null-space vectors are arbitrary: singular values and reconstruction only
        g.add("svd", [x], outs, {"full_matrices": full, "projectors": full_rank}, note=name)
    g.add("svdvals", [x], [LA.svdvals(t)], note=name)
    g.add("pinv", [x], [LA.pinv(t)], note=name)
    g.add("matrix_rank", [x], [LA.matrix_rank(t)], note=name)
    for ord in ("fro", "nuc", 2, -2, 1, -1, math.inf, -math.inf):
        g.add("matrix_norm", [x], [LA.matrix_norm(t, ord)], {"ord": str(ord)}, note=name)
    g.add("matrix_norm", [x], [LA.matrix_norm(t, "fro", keepdim=True)], {"ord": "fro", "keepdim": True}, note=name)
    if full_rank:
        for mode in ("reduced", "complete", "r"):
            q, r = LA.qr(t, mode=mode)
            k = min(t.shape[-2:])
            d = torch.sign(torch.diagonal(r, dim1=-2, dim2=-1)[..., :k])
            outs = [(d.unsqueeze(-1) * r[..., :k, :])]
            if mode != "r":
                outs.insert(0, q[..., :, :k] * d.unsqueeze(-2))
            g.add("qr", [x], outs, {"mode": mode}, note=name)

# matrix_rank with explicit tolerances and hermitian
a = rank_def(5, 5, 3)
g.add("matrix_rank", [a], [LA.matrix_rank(a, atol=1e-3, rtol=0.0)], {"atol": 1e-3, "rtol": 0.0}, note="atol")
h = rank_def(5, 3, 3) @ rank_def(3, 5, 3)
h = h + h.mT
g.add("matrix_rank", [h], [LA.matrix_rank(h, hermitian=True)], {"hermitian": True}, note="hermitian rank 6->5")
z = torch.zeros(2, 4, 4, dtype=F32)
g.add("matrix_rank", [z], [LA.matrix_rank(z)], note="zero matrices")

# pinv: rtol, hermitian
b = rank_def(4, 4, 2)
g.add("pinv", [b], [LA.pinv(b, rtol=1e-6)], {"rtol": 1e-6}, note="rtol")
hs = spd(2, 4, 4)
g.add("pinv", [hs], [LA.pinv(hs, hermitian=True)], {"hermitian": True}, note="hermitian spd")
hr = rank_def(4, 2, 2) @ rank_def(2, 4, 2)
hr = hr + hr.mT
g.add("pinv", [hr], [LA.pinv(hr, hermitian=True)], {"hermitian": True}, note="hermitian rank deficient")

# eigh / eigvalsh: non-symmetric storage checks that only the named triangle is read
for dt in (F64, F32):
    for name, a in (("4x4", rnd(4, 4, dtype=dt)), ("batched", rnd(2, 3, 5, 5, dtype=dt)), ("1x1", rnd(1, 1, dtype=dt)),
                    ("spd", spd(6, 6, dtype=dt))):
        for uplo in ("L", "U"):
            L, V = LA.eigh(a, UPLO=uplo)
            top = V[..., :, -1:]
            g.add("eigh", [a], [L, (V * L.unsqueeze(-2)) @ V.mT, top @ top.mT], {"uplo": uplo}, note=name)
            g.add("eigvalsh", [a], [LA.eigvalsh(a, UPLO=uplo)], {"uplo": uplo}, note=name)
rep = torch.diag(torch.tensor([1.0, 1.0, 3.0], dtype=F64))
g.add("eigvalsh", [rep], [LA.eigvalsh(rep)], {"uplo": "L"}, note="repeated eigenvalues")
ev = torch.randn(4, 4, dtype=F64)
g.add("eigh", [Input(ev, ["transpose", 0, 1])], [LA.eigh(ev.mT)[0], (lambda L, V: (V * L) @ V.mT)(*LA.eigh(ev.mT)),
      (lambda V: V[:, -1:] @ V[:, -1:].mT)(LA.eigh(ev.mT)[1])], {"uplo": "L"}, note="transposed view")

# cholesky, solve, inv, det, slogdet, matrix_exp, matrix_sqrt on square inputs
for dt in (F64, F32):
    for name, a in (("3x3", spd(3, 3, dtype=dt)), ("batched", spd(2, 2, 4, 4, dtype=dt)), ("1x1", spd(1, 1, dtype=dt))):
        for upper in (False, True):
            g.add("cholesky", [a], [LA.cholesky(a, upper=upper)], {"upper": upper}, note=name)
        root = (lambda L, V: (V * L.clamp(min=0).sqrt().unsqueeze(-2)) @ V.mT)(*LA.eigh(a))
        g.add("matrix_sqrt", [a], [root], note=name)
    for name, a in (("4x4", rnd(4, 4, dtype=dt)), ("batched", rnd(2, 3, 3, dtype=dt)), ("1x1", rnd(1, 1, dtype=dt)),
                    ("transposed", Input(rnd(3, 3, dtype=dt), ["transpose", 0, 1]))):
        t = a.tensor() if isinstance(a, Input) else a
        n = t.shape[-1]
        g.add("inv", [a], [LA.inv(t)], note=name)
        g.add("det", [a], [LA.det(t)], note=name)
        s, l = LA.slogdet(t)
        g.add("slogdet", [a], [s, l], note=name)
        g.add("matrix_exp", [a], [LA.matrix_exp(t)], note=name)
        bm = rnd(*t.shape[:-1], 2, dtype=dt)
        g.add("solve", [a, bm], [LA.solve(t, bm)], note=name + " matrix rhs")
        bv = rnd(*t.shape[:-1], dtype=dt)
        g.add("solve", [a, bv], [LA.solve(t, bv)], note=name + " vector rhs")
big = rnd(3, 3) * 20
g.add("matrix_exp", [big], [LA.matrix_exp(big)], note="large norm (squaring)")
g.add("matrix_exp", [torch.zeros(2, 2, dtype=F64)], [LA.matrix_exp(torch.zeros(2, 2, dtype=F64))], note="zero")
bb = rnd(3, 3)
bx = rnd(2, 3, 1)
g.add("solve", [bb, bx], [LA.solve(bb, bx)], note="broadcast A over batch of B")
for name, a in (("singular", singular_sq(4)), ("zeros", torch.zeros(3, 3, dtype=F64)),
                ("ill conditioned 1e10", ill(4, 1e10)), ("batched mixed", torch.stack([singular_sq(3), rnd(3, 3)]))):
    g.add("det", [a], [LA.det(a)], note=name)
    if name in ("zeros", "ill conditioned 1e10"):  # log|det| of a numerically singular matrix is rounding noise
        s, l = LA.slogdet(a)
        g.add("slogdet", [a], [s, l], note=name)
a = ill(4, 1e8)
g.add("inv", [a], [LA.inv(a)], note="ill conditioned 1e8")

# lstsq (driver gelsd: residuals when m > n and full rank)
for dt in (F64, F32):
    for name, a, b in (("tall", rnd(6, 3, dtype=dt), rnd(6, 2, dtype=dt)), ("square", rnd(3, 3, dtype=dt), rnd(3, 1, dtype=dt)),
                       ("wide", rnd(2, 4, dtype=dt), rnd(2, 3, dtype=dt)), ("batched tall", rnd(2, 5, 2, dtype=dt), rnd(2, 5, 3, dtype=dt))):
        r = LA.lstsq(a, b, driver="gelsd")
        g.add("lstsq", [a, b], [r.solution, r.residuals, r.rank, r.singular_values], note=name)
a, b = rank_def(6, 4, 2), rnd(6, 2)
r = LA.lstsq(a, b, driver="gelsd")
g.add("lstsq", [a, b], [r.solution, r.residuals, r.rank, r.singular_values], note="rank deficient (no residuals)")
a, b = rnd(5, 3), rnd(5)
r = LA.lstsq(a, b.unsqueeze(-1), driver="gelsd")
g.add("lstsq", [a, b], [r.solution.squeeze(-1), r.residuals.squeeze(-1), r.rank, r.singular_values], note="vector rhs")

g.write()
