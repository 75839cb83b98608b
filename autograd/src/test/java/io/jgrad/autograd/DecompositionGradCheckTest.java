package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Float64 finite-difference checks (GradCheck: eps 1e-6, atol 1e-5, rtol 1e-3) of every
 * decomposition derivative, through gauge-invariant functions (singular values, projectors,
 * reconstructions, Q and R with diag(R) > 0). Symmetric-input ops see sym(X) = (X + X^T) / 2
 * or X X^T + n I, so that perturbing one entry keeps the input in their domain. Second order
 * (gradgradcheck) where torch supports it.
 */
class DecompositionGradCheckTest {
  static Tensor mT(Tensor t) { return t.transpose(-2, -1); }

  static Tensor sym(Tensor x) { return x.add(mT(x)).mul(0.5); }

  static Tensor spd(Tensor x) {
    int n = x.size(-1);
    return x.matmul(mT(x)).add(Tensor.eye(n, n, DType.FLOAT64).mul(n));
  }

  static Tensor diagonal(Tensor x) { return x.mul(Tensor.eye(x.size(-1), x.size(-1), x.dtype())).sum(new int[] {-1}, false); }

  /** Q and R with the signs of diag(R) made positive, concatenated as one output. */
  static Tensor qrFixed(Tensor a, String mode) {
    Linalg.Qr d = Linalg.qr(a, mode);
    int k = Math.min(a.size(-2), a.size(-1));
    Tensor r = d.R().narrow(-2, 0, k);
    Tensor sgn = diagonal(r.narrow(-1, 0, k)).sign();
    Tensor q = d.Q().narrow(-1, 0, k).mul(sgn.unsqueeze(-2));
    return Tensor.cat(List.of(q.flatten(), sgn.unsqueeze(-1).mul(r).flatten()), 0);
  }

  static List<GradCheckCase> cases() {
    List<GradCheckCase> c = new ArrayList<>();
    int[][][] general = {{{3, 3}}, {{4, 3}}, {{3, 4}}, {{2, 3, 3}}};
    for (int[][] s : general) {
      String n = java.util.Arrays.toString(s[0]);
      c.add(new GradCheckCase("linalgSvd", "S " + n, x -> Linalg.svd(x.get(0), false).S(), s, true));
      c.add(new GradCheckCase("linalgSvd", "U S Vh " + n, x -> {
        Linalg.Svd d = Linalg.svd(x.get(0), false);
        return d.U().mul(d.S().unsqueeze(-2)).matmul(d.Vh());
      }, s, false));
      c.add(new GradCheckCase("linalgSvd", "projectors " + n, x -> {
        Linalg.Svd d = Linalg.svd(x.get(0), false);
        Tensor u1 = d.U().narrow(-1, 0, 1), v1 = d.Vh().narrow(-2, 0, 1);
        return u1.matmul(mT(u1)).add(mT(v1).matmul(v1).sum());
      }, s, false));
      c.add(new GradCheckCase("linalgSvd", "full U S Vh " + n, x -> {
        Linalg.Svd d = Linalg.svd(x.get(0), true);
        int k = d.S().size(-1);
        return d.U().narrow(-1, 0, k).mul(d.S().unsqueeze(-2)).matmul(d.Vh().narrow(-2, 0, k));
      }, s, false));
      c.add(new GradCheckCase("linalgSvdvals", n, x -> Linalg.svdvals(x.get(0)), s, true));
      c.add(new GradCheckCase("linalgQr", "reduced " + n, x -> qrFixed(x.get(0), "reduced"), s, false));
      c.add(new GradCheckCase("linalgPinv", n, x -> Linalg.pinv(x.get(0)), s, true));
    }
    c.add(new GradCheckCase("linalgQr", "complete wide", x -> qrFixed(x.get(0), "complete"), new int[][] {{2, 4}}, false));
    int[][][] square = {{{3, 3}}, {{2, 3, 3}}, {{1, 1}}};
    for (int[][] s : square) {
      String n = java.util.Arrays.toString(s[0]);
      c.add(new GradCheckCase("linalgEigh", "L " + n, x -> Linalg.eigh(sym(x.get(0))).eigenvalues(), s, true));
      c.add(new GradCheckCase("linalgEigh", "V f(L) V^T " + n, x -> {
        Linalg.Eigh e = Linalg.eigh(sym(x.get(0)));
        Tensor v = e.eigenvectors();
        return v.mul(e.eigenvalues().pow(3).unsqueeze(-2)).matmul(mT(v));
      }, s, false));
      c.add(new GradCheckCase("linalgEigh", "upper", x -> Linalg.eigh(sym(x.get(0)), "U").eigenvalues(), s, false));
      c.add(new GradCheckCase("linalgCholesky", n, x -> Linalg.cholesky(spd(x.get(0))), s, true));
      c.add(new GradCheckCase("linalgCholesky", "upper " + n, x -> Linalg.cholesky(spd(x.get(0)), true), s, false));
      c.add(new GradCheckCase("linalgSolve", "matrix " + n, x -> Linalg.solve(x.get(0), x.get(1)),
          new int[][] {s[0], s[0]}, true));
      c.add(new GradCheckCase("linalgInv", n, x -> Linalg.inv(x.get(0)), s, true));
      c.add(new GradCheckCase("linalgDet", n, x -> Linalg.det(x.get(0)), s, true));
      c.add(new GradCheckCase("linalgLogAbsDet", n, x -> Linalg.slogdet(x.get(0)).logAbsDet(), s, true));
      c.add(new GradCheckCase("linalgMatrixSqrt", n, x -> Linalg.matrixSqrt(spd(x.get(0))), s, false));
      c.add(new GradCheckCase("linalgMatrixExp", n, x -> Linalg.matrixExp(x.get(0)), s, true));
      c.add(new GradCheckCase("linalgPinv", "hermitian " + n, x -> Linalg.pinv(spd(x.get(0)), 0, 1e-12, true), s, false));
    }
    c.add(new GradCheckCase("linalgSolve", "batched vector", x -> Linalg.solve(x.get(0), x.get(1)), new int[][] {{2, 3, 3}, {2, 3}}, true));
    c.add(new GradCheckCase("linalgSolve", "1-D rhs broadcast", x -> Linalg.solve(x.get(0), x.get(1)), new int[][] {{2, 3, 3}, {3}}, true));
    c.add(new GradCheckCase("linalgSolve", "A broadcast", x -> Linalg.solve(x.get(0), x.get(1)), new int[][] {{3, 3}, {2, 3, 2}}, true));
    c.add(new GradCheckCase("linalgDet", "singular", x -> Linalg.det(x.get(0).mul(Tensor.of(1.0, 1.0, 0.0))), new int[][] {{3, 3}}, false));
    c.add(new GradCheckCase("lstsq", "tall", x -> Linalg.lstsq(x.get(0), x.get(1)).solution(), new int[][] {{5, 3}, {5, 2}}, false));
    c.add(new GradCheckCase("lstsq", "residuals", x -> Linalg.lstsq(x.get(0), x.get(1)).residuals(), new int[][] {{5, 3}, {5, 2}}, false));
    c.add(new GradCheckCase("matrixNorm", "nuc", x -> Linalg.matrixNorm(x.get(0), "nuc"), new int[][] {{3, 4}}, false));
    c.add(new GradCheckCase("matrixNorm", "2", x -> Linalg.matrixNorm(x.get(0), 2), new int[][] {{4, 3}}, false));
    c.add(new GradCheckCase("matrixNorm", "-2", x -> Linalg.matrixNorm(x.get(0), -2), new int[][] {{4, 3}}, false));
    c.add(new GradCheckCase("matrixNorm", "fro", x -> Linalg.matrixNorm(x.get(0)), new int[][] {{2, 3, 4}}, false));
    return c;
  }

  @TestFactory
  Stream<DynamicTest> firstOrder() { return GradCheckCase.firstOrder(cases()); }

  @TestFactory
  Stream<DynamicTest> secondOrder() { return GradCheckCase.secondOrder(cases()); }

  @Test
  void everyDecompositionDerivativeHasCases() {
    java.util.Map<String, Derivative> registered = new java.util.HashMap<>();
    DecompositionDerivatives.register(registered);
    TreeSet<String> covered = new TreeSet<>();
    for (GradCheckCase c : cases()) covered.add(c.op());
    covered.retainAll(registered.keySet());
    assertEquals(new TreeSet<>(registered.keySet()), covered);
    assertEquals(12, registered.size());
  }
}
