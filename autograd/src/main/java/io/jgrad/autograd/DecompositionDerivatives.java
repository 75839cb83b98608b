package io.jgrad.autograd;

import static io.jgrad.autograd.MatrixOps.diagEmbed;
import static io.jgrad.autograd.MatrixOps.diagonal;
import static io.jgrad.autograd.MatrixOps.isZero;
import static io.jgrad.autograd.MatrixOps.mT;

import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Derivatives of the matrix decompositions and solvers of {@link Linalg}, as PyTorch 1.13's
 * (torch/csrc/autograd/FunctionsManual.cpp), written with differentiable Tensor ops so that
 * double backward works wherever the first derivative is smooth.
 *
 * <p>Multi-output ops (svd, eigh, qr) are recorded as ONE op whose output packs every output
 * per batch element; the user-facing outputs are recorded narrow+reshape views of it, so the
 * gradient arriving here is the packed gradient of all of them (zeros for unused outputs). An
 * all-zero gradient of the vectors is treated as torch's "undefined", so a loss of the singular
 * values / eigenvalues alone takes the always-defined path U diag(gS) Vh / V diag(gL) V^T.
 *
 * <p>Ill-defined cases (documented as in torch): with repeated singular values or eigenvalues a
 * loss that depends on the vectors has no derivative and yields inf/NaN (E_ij = s_j^2 - s_i^2
 * divides); for m != n, svd's gradient divides by S and is inf/NaN at a zero singular value.
 * A full svd's extra columns of U / rows of Vh are dropped (torch does the same). qr in mode
 * "complete" with m > n is not differentiable (error, as torch); logAbsDet of a singular matrix
 * and inv/solve/cholesky of singular inputs throw in the backward as in the forward.
 */
final class DecompositionDerivatives {
  private DecompositionDerivatives() {}

  static void register(Map<String, Derivative> table) {
    table.put("linalgSvd", DecompositionDerivatives::svd);
    table.put("linalgSvdvals", (ctx, g) -> {
      Linalg.Svd d = Linalg.svd(ctx.input(0), false);
      return new Tensor[] {svdValuesOnly(d.U(), g, d.Vh())};
    });
    table.put("linalgEigh", DecompositionDerivatives::eigh);
    table.put("linalgQr", DecompositionDerivatives::qr);
    table.put("linalgCholesky", DecompositionDerivatives::cholesky);
    table.put("linalgSolve", (ctx, g) -> {
      Tensor a = ctx.input(0), x = ctx.output(0);
      Tensor gb = Linalg.solve(mT(a), g);
      return new Tensor[] {ctx.needsGrad(0) ? gb.matmul(mT(x)).neg() : null, ctx.needsGrad(1) ? gb : null};
    });
    table.put("linalgInv", (ctx, g) -> {
      Tensor inv = mT(ctx.output(0));
      return new Tensor[] {inv.matmul(g).matmul(inv).neg()};
    });
    table.put("linalgDet", DecompositionDerivatives::det);
    table.put("linalgLogAbsDet", (ctx, g) ->
        new Tensor[] {mT(Linalg.inv(ctx.input(0))).mul(g.unsqueeze(-1).unsqueeze(-1))});
    table.put("linalgPinv", (ctx, g) -> new Tensor[] {PinvDerivative.backward(g, ctx.output(0), ctx.input(0))});
    table.put("linalgMatrixSqrt", DecompositionDerivatives::matrixSqrt);
    table.put("linalgMatrixExp", (ctx, g) -> {
      // d/dA <G, exp(A)> = exp([[A^T, G], [0, A^T]]) top-right block (Mathias 1996; torch's trick).
      Tensor at = mT(ctx.input(0));
      int n = at.size(-1);
      Tensor top = Tensor.cat(java.util.List.of(at, g), -1);
      Tensor bottom = Tensor.cat(java.util.List.of(Tensor.zerosLike(at), at), -1);
      Tensor big = Linalg.matrixExp(Tensor.cat(java.util.List.of(top, bottom), -2));
      return new Tensor[] {big.narrow(-2, 0, n).narrow(-1, n, n)};
    });
  }

  /** The packed gradient's slice [start, start + len) as [batch..., dims...]. */
  static Tensor part(Tensor packed, int start, int len, int... dims) {
    int[] shape = packed.shape();
    int[] out = Arrays.copyOf(shape, shape.length - 1 + dims.length);
    System.arraycopy(dims, 0, out, shape.length - 1, dims.length);
    return packed.narrow(-1, start, len).reshape(out);
  }

  private static Tensor svdValuesOnly(Tensor u, Tensor gs, Tensor vh) {
    return u.matmul(gs.unsqueeze(-1).mul(vh));
  }

  private static Tensor[] svd(Ctx ctx, Tensor g) {
    int[] as = ctx.inputShape(0);
    int m = as[as.length - 2], n = as[as.length - 1], k = Math.min(m, n);
    boolean full = ctx.boolParam(0);
    int ku = full ? m : k, kv = full ? n : k;
    Tensor p = ctx.output(0);
    Tensor u = part(p, 0, m * ku, m, ku), s = part(p, m * ku, k, k), vh = part(p, m * ku + k, kv * n, kv, n);
    Tensor gu = part(g, 0, m * ku, m, ku), gs = part(g, m * ku, k, k), gvh = part(g, m * ku + k, kv * n, kv, n);
    if (full) {
      u = u.narrow(-1, 0, k);
      gu = gu.narrow(-1, 0, k);
      vh = vh.narrow(-2, 0, k);
      gvh = gvh.narrow(-2, 0, k);
    }
    boolean hasU = !isZero(gu), hasV = !isZero(gvh);
    if (!hasU && !hasV) return new Tensor[] {svdValuesOnly(u, gs, vh)};
    Tensor uhgu = hasU ? skew(mT(u).matmul(gu)) : null;
    Tensor vhgv = hasV ? skew(vh.matmul(mT(gvh))) : null;
    Tensor s2 = s.mul(s);
    Tensor e = s2.unsqueeze(-2).sub(s2.unsqueeze(-1)).add(diagEmbed(Tensor.onesLike(s)));
    Tensor ga;
    if (hasU && hasV) ga = uhgu.mul(s.unsqueeze(-2)).add(s.unsqueeze(-1).mul(vhgv)).div(e);
    else if (hasU) ga = uhgu.div(e).mul(s.unsqueeze(-2));
    else ga = s.unsqueeze(-1).mul(vhgv.div(e));
    ga = ga.add(diagEmbed(gs));
    if (m > n && hasU) {
      ga = u.matmul(ga);
      Tensor gusinv = gu.div(s.unsqueeze(-2));
      ga = ga.add(gusinv).sub(u.matmul(mT(u).matmul(gusinv)));
      return new Tensor[] {ga.matmul(vh)};
    }
    if (m < n && hasV) {
      ga = ga.matmul(vh);
      Tensor sinvgvh = gvh.div(s.unsqueeze(-1));
      ga = ga.add(sinvgvh).sub(sinvgvh.matmul(mT(vh)).matmul(vh));
      return new Tensor[] {u.matmul(ga)};
    }
    return new Tensor[] {m >= n ? u.matmul(ga.matmul(vh)) : u.matmul(ga).matmul(vh)};
  }

  private static Tensor skew(Tensor x) { return x.sub(mT(x)); }

  private static Tensor[] eigh(Ctx ctx, Tensor g) {
    int n = ctx.inputShape(0)[ctx.inputShape(0).length - 1];
    Tensor p = ctx.output(0);
    Tensor l = part(p, 0, n, n), v = part(p, n, n * n, n, n);
    Tensor gl = part(g, 0, n, n), gv = part(g, n, n * n, n, n);
    Tensor vh = mT(v);
    if (isZero(gv)) return new Tensor[] {v.mul(gl.unsqueeze(-2)).matmul(vh)};
    Tensor vhgv = vh.matmul(gv);
    vhgv = vhgv.sub(mT(vhgv)).mul(0.5);
    Tensor e = l.unsqueeze(-2).sub(l.unsqueeze(-1)).add(diagEmbed(Tensor.onesLike(l)));
    Tensor ga = vhgv.div(e);
    ga = ga.sub(diagEmbed(diagonal(ga))).add(diagEmbed(gl));
    return new Tensor[] {v.matmul(ga.matmul(vh))};
  }

  private static Tensor[] qr(Ctx ctx, Tensor g) {
    int[] as = ctx.inputShape(0);
    int m = as[as.length - 2], n = as[as.length - 1];
    String mode = ctx.param(0, String.class);
    if (mode.equals("complete") && m > n) {
      throw new IllegalStateException("linalg.qr backward: The QR decomposition is not differentiable when mode='complete'"
          + " and nrows > ncols (A " + Arrays.toString(as) + "); use mode='reduced'");
    }
    int qc = mode.equals("complete") ? m : Math.min(m, n);
    Tensor p = ctx.output(0);
    Tensor q = part(p, 0, m * qc, m, qc), r = part(p, m * qc, qc * n, qc, n);
    Tensor gq = part(g, 0, m * qc, m, qc), gr = part(g, m * qc, qc * n, qc, n);
    Tensor ga = gr.matmul(mT(r)).sub(mT(q).matmul(gq));
    if (m >= n) {
      Tensor sym = ga.triu(0);
      sym = sym.add(mT(sym));
      sym = sym.sub(diagEmbed(diagonal(sym).mul(0.5)));
      ga = q.matmul(sym).add(gq);
      // X R^T = ga  <=>  R X^T = ga^T
      return new Tensor[] {mT(Linalg.solve(r, mT(ga)))};
    }
    Tensor x = ga.neg();
    Tensor sk = x.sub(mT(x)).tril(0);
    ga = q.matmul(sk);
    Tensor r1 = r.narrow(-1, 0, m);
    ga = mT(Linalg.solve(r1, mT(ga)));
    int[] zshape = ga.shape();
    zshape[zshape.length - 1] = n - m;
    ga = Tensor.cat(java.util.List.of(ga, Tensor.zeros(ga.dtype(), zshape)), -1);
    return new Tensor[] {ga.add(q.matmul(gr))};
  }

  private static Tensor[] cholesky(Ctx ctx, Tensor g) {
    boolean upper = ctx.boolParam(0);
    Tensor l = upper ? mT(ctx.output(0)) : ctx.output(0);
    Tensor gl = upper ? mT(g) : g;
    Tensor ga = mT(l).matmul(gl).tril(0);
    ga = ga.add(mT(ga.tril(-1))).mul(0.5);
    Tensor linv = Linalg.inv(l);
    return new Tensor[] {mT(linv).matmul(ga).matmul(linv)};
  }

  private static Tensor[] det(Ctx ctx, Tensor g) {
    Tensor a = ctx.input(0), d = ctx.output(0);
    boolean singular;
    try (var off = Grad.disabled()) {
      singular = d.eq(0).any().item() != 0;
    }
    Tensor gd = g.mul(d).unsqueeze(-1).unsqueeze(-1);
    if (!singular) return new Tensor[] {mT(Linalg.inv(a)).mul(gd)};
    // Cofactors through the SVD: adj(A)^T = det(U) det(V) U diag(prod_{j != i} s_j) Vh, valid at rank n - 1.
    Linalg.Svd svd = Linalg.svd(a, false);
    Tensor s = svd.S();
    int n = s.size(-1);
    Tensor one = Tensor.onesLike(s.narrow(-1, 0, 1));
    Tensor pre = Tensor.cat(java.util.List.of(one, s.cumprod(-1).narrow(-1, 0, n - 1)), -1);
    Tensor suf = Tensor.cat(java.util.List.of(one, s.flip(-1).cumprod(-1).narrow(-1, 0, n - 1)), -1).flip(-1);
    Tensor sign;
    try (var off = Grad.disabled()) {
      sign = Linalg.det(svd.U().detach()).mul(Linalg.det(svd.Vh().detach()));
    }
    Tensor cof = svd.U().mul(pre.mul(suf).unsqueeze(-2)).matmul(svd.Vh()).mul(sign.unsqueeze(-1).unsqueeze(-1));
    return new Tensor[] {cof.mul(g.unsqueeze(-1).unsqueeze(-1))};
  }

  /**
   * X = sqrt(A) solves X dX + dX X = dA, a self-adjoint Sylvester map; in A's eigenbasis the
   * adjoint divides by s_i + s_j (s = sqrt(w)), applied to sym(G) since A is symmetric (equal to
   * torch's gradient of V diag(sqrt(w)) V^T through eigh, and defined for repeated eigenvalues).
   */
  private static Tensor[] matrixSqrt(Ctx ctx, Tensor g) {
    Linalg.Eigh e = Linalg.eigh(ctx.input(0));
    Tensor v = e.eigenvectors();
    Tensor s = e.eigenvalues().clampMin(0).sqrt();
    Tensor gs = g.add(mT(g)).mul(0.5);
    Tensor inner = mT(v).matmul(gs).matmul(v).div(s.unsqueeze(-1).add(s.unsqueeze(-2)));
    return new Tensor[] {v.matmul(inner).matmul(mT(v))};
  }
}
