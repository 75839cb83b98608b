package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded reconstruction and orthogonality properties of every decomposition at sizes 1..130
 * (square, tall, wide, batched; 100+ columns take svd's preconditioned path), float64 to 1e-12 relative and float32 to 1e-5, plus one
 * 512x512 float64 matrix for the 1e-12 bound.
 */
class LinalgPropertyTest {
  static final int[][] SHAPES = {{1, 1}, {2, 2}, {3, 3}, {5, 3}, {3, 5}, {7, 7}, {16, 9}, {9, 16}, {17, 17},
    {33, 20}, {20, 33}, {64, 64}, {130, 100}, {100, 130}, {2, 4, 4}, {3, 6, 4}, {2, 2, 3, 5}};

  static Tensor random(SplittableRandom r, DType dt, int... shape) {
    double[] v = new double[Shapes.numel(shape)];
    for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-1, 1);
    return Tensor.fromArray(v, shape).to(dt);
  }

  static Tensor spd(SplittableRandom r, DType dt, int... shape) {
    Tensor a = random(r, DType.FLOAT64, shape);
    int n = shape[shape.length - 1];
    return a.matmul(a.transpose(-2, -1)).add(Tensor.eye(n, n, DType.FLOAT64).mul(n)).to(dt);
  }

  static double relErr(Tensor expected, Tensor actual) {
    double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
    double num = 0, den = 0;
    for (int i = 0; i < e.length; i++) {
      num += (e[i] - a[i]) * (e[i] - a[i]);
      den += e[i] * e[i];
    }
    return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-300);
  }

  static Tensor eyeLike(int n, Tensor t) { return Tensor.eye(n, n, t.dtype()); }

  static Tensor mT(Tensor t) { return t.transpose(-2, -1); }

  static double tol(DType dt) { return dt == DType.FLOAT64 ? 1e-12 : 2e-5; }

  private static void check(String what, Tensor expected, Tensor actual, double tol) {
    double e = relErr(expected, actual);
    assertTrue(e <= tol, what + ": relative error " + e + " > " + tol);
  }

  @TestFactory
  Stream<DynamicTest> reconstructions() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      for (int[] shape : SHAPES) {
        String name = dt + " " + Shapes.str(shape);
        long seed = 31L * java.util.Arrays.hashCode(shape) + dt.ordinal();
        tests.add(DynamicTest.dynamicTest("svd " + name, () -> svd(random(new SplittableRandom(seed), dt, shape))));
        tests.add(DynamicTest.dynamicTest("qr " + name, () -> qr(random(new SplittableRandom(seed), dt, shape))));
        int[] sq = shape.clone();
        sq[sq.length - 2] = sq[sq.length - 1];
        tests.add(DynamicTest.dynamicTest("eigh/cholesky/solve " + name, () -> square(new SplittableRandom(seed), dt, sq)));
      }
    }
    assertEquals(2 * SHAPES.length * 3, tests.size());
    return tests.stream();
  }

  static void svd(Tensor a) {
    int m = a.size(-2), n = a.size(-1), k = Math.min(m, n);
    double t = tol(a.dtype());
    for (boolean full : new boolean[] {false, true}) {
      Linalg.Svd d = Linalg.svd(a, full);
      Tensor u = d.U().narrow(-1, 0, k), vh = d.Vh().narrow(-2, 0, k);
      check("U S Vh", a, u.mul(d.S().unsqueeze(-2)).matmul(vh), t);
      check("U^T U", eyeLike(d.U().size(-1), a).expand(batched(a, d.U().size(-1))), mT(d.U()).matmul(d.U()), t * 10);
      check("Vh Vh^T", eyeLike(d.Vh().size(-2), a).expand(batched(a, d.Vh().size(-2))), d.Vh().matmul(mT(d.Vh())), t * 10);
    }
    check("svdvals", Linalg.svd(a, false).S(), Linalg.svdvals(a), t);
    double[] s = Linalg.svdvals(a).toDoubleArray();
    for (int i = 0; i + 1 < s.length; i++) if ((i + 1) % k != 0) assertTrue(s[i] >= s[i + 1], "descending");
  }

  static int[] batched(Tensor a, int n) {
    int[] s = a.shape();
    s[s.length - 2] = n;
    s[s.length - 1] = n;
    return s;
  }

  static void qr(Tensor a) {
    double t = tol(a.dtype());
    for (String mode : new String[] {"reduced", "complete"}) {
      Linalg.Qr d = Linalg.qr(a, mode);
      check("Q R " + mode, a, d.Q().matmul(d.R()), t);
      int c = d.Q().size(-1);
      check("Q^T Q " + mode, eyeLike(c, a).expand(batched(a, c)), mT(d.Q()).matmul(d.Q()), t * 10);
      check("R upper " + mode, d.R().triu(0), d.R(), 0);
    }
    check("mode r", Linalg.qr(a).R(), Linalg.qr(a, "r").R(), 0);
  }

  static void square(SplittableRandom r, DType dt, int[] shape) {
    int n = shape[shape.length - 1];
    double t = tol(dt);
    Tensor a = spd(r, dt, shape);
    Linalg.Eigh e = Linalg.eigh(a);
    Tensor v = e.eigenvectors();
    check("V L V^T", a, v.mul(e.eigenvalues().unsqueeze(-2)).matmul(mT(v)), t);
    check("V^T V", eyeLike(n, a).expand(shape), mT(v).matmul(v), t * 10);
    check("eigvalsh", e.eigenvalues(), Linalg.eigvalsh(a, "L"), t);
    Tensor l = Linalg.cholesky(a);
    check("L L^T", a, l.matmul(mT(l)), t);
    check("U^T U", a, mT(Linalg.cholesky(a, true)).matmul(Linalg.cholesky(a, true)), t);
    Tensor g = random(r, dt, shape);
    Tensor b = random(r, dt, shape);
    check("A solve(A, B)", b, g.matmul(Linalg.solve(g, b)), t * 1e3);
    check("A inv(A)", eyeLike(n, a).expand(shape), g.matmul(Linalg.inv(g)), t * 1e3);
    Linalg.SlogDet sd = Linalg.slogdet(g);
    // det of a 100+ random matrix overflows float32: compare logs there.
    if (n <= 64) check("slogdet", Linalg.det(g), sd.sign().mul(sd.logAbsDet().exp()), t * 10);
    else check("slogdet", Linalg.det(g.to(DType.FLOAT64)).abs().log().to(dt), sd.logAbsDet(), t * 10);
    Tensor sq = Linalg.matrixSqrt(a);
    check("sqrt(A)^2", a, sq.matmul(sq), t * 10);
    check("pinv square", Linalg.inv(a), Linalg.pinv(a), t * 100);
    check("pinv hermitian", Linalg.inv(a), Linalg.pinv(a, 0, 1e-10, true), t * 100);
    // Scaled to spectral norm ~1: exp(A) of a large random matrix is too ill-conditioned for float32 outputs.
    Tensor h = g.mul(2 / Math.sqrt(n));
    check("exp(A) exp(-A)", eyeLike(n, a).expand(shape), Linalg.matrixExp(h).matmul(Linalg.matrixExp(h.neg())), t * 100);
  }

  @Test
  void large512Float64() {
    SplittableRandom r = new SplittableRandom(512);
    Tensor a = random(r, DType.FLOAT64, 512, 512);
    Linalg.Svd d = Linalg.svd(a, false);
    check("svd 512", a, d.U().mul(d.S().unsqueeze(-2)).matmul(d.Vh()), 1e-12);
    Tensor s = a.add(mT(a));
    Linalg.Eigh e = Linalg.eigh(s);
    check("eigh 512", s, e.eigenvectors().mul(e.eigenvalues().unsqueeze(-2)).matmul(mT(e.eigenvectors())), 1e-12);
    Linalg.Qr q = Linalg.qr(a);
    check("qr 512", a, q.Q().matmul(q.R()), 1e-12);
    Tensor spd = a.matmul(mT(a)).add(Tensor.eye(512, 512, DType.FLOAT64));
    Tensor l = Linalg.cholesky(spd);
    check("cholesky 512", spd, l.matmul(mT(l)), 1e-12);
  }

  @Test
  void rankDeficientAndIllConditionedOnThePreconditionedPath() {
    SplittableRandom r = new SplittableRandom(7);
    Tensor low = random(r, DType.FLOAT64, 120, 40).matmul(random(r, DType.FLOAT64, 40, 100));
    svd(low);
    assertEquals(40L, (long) Linalg.matrixRank(low).item());
    // Columns scaled over 12 orders of magnitude: every singular value keeps its relative accuracy.
    Tensor scale = Tensor.fromArray(java.util.stream.IntStream.range(0, 100).mapToDouble(i -> Math.pow(10, -12.0 * i / 99)).toArray(), 100);
    Tensor q = Linalg.qr(random(r, DType.FLOAT64, 100, 100)).Q();
    Tensor ill = q.mul(scale);
    double[] s = Linalg.svdvals(ill).toDoubleArray();
    double[] want = scale.toDoubleArray();
    for (int i = 0; i < 100; i++) assertEquals(want[i], s[i], 1e-12 * want[i], "s_" + i);
  }

  /**
   * Rank-1 matrices made by repeating one row or one column (as broadcast views): the Jacobi sweeps
   * once failed to converge on them (rounding residue columns rotated against each other for 60
   * sweeps; found by KernelFuzzTest's linalg family), and U must still be orthonormal.
   */
  @Test
  void repeatedRowsAndColumnsConverge() {
    SplittableRandom r = new SplittableRandom(11);
    int cases = 0;
    for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      for (int[] mn : new int[][] {{11, 9}, {10, 8}, {9, 3}, {7, 7}, {4, 8}, {3, 9}, {12, 12}, {2, 2}}) {
        int m = mn[0], n = mn[1];
        svd(random(r, dt, 1, n).expand(m, n));
        svd(random(r, dt, m, 1).expand(m, n));
        svd(random(r, dt, 1, n).expand(m, n).contiguous());
        cases += 3;
      }
    }
    assertEquals(48, cases);
  }

  @Test
  void emptyShapes() {
    Tensor e0 = Tensor.zeros(DType.FLOAT64, 0, 0);
    assertEquals(1.0, Linalg.det(e0).item());  // empty product, as torch
    assertEquals(0, Linalg.inv(e0).numel());
    Tensor wide0 = Tensor.zeros(DType.FLOAT64, 0, 3);
    Linalg.Svd d = Linalg.svd(wide0, true);
    assertEquals("[0, 0] [0] [3, 3]", Shapes.str(d.U().shape()) + " " + Shapes.str(d.S().shape()) + " " + Shapes.str(d.Vh().shape()));
    check("full V of an empty matrix is orthogonal", Tensor.eye(3, 3, DType.FLOAT64), d.Vh().matmul(mT(d.Vh())), 1e-15);
    Tensor batch0 = Tensor.zeros(DType.FLOAT32, 0, 3, 3);
    assertEquals("[0, 3]", Shapes.str(Linalg.eigh(batch0).eigenvalues().shape()));
    assertEquals("[0, 3, 3]", Shapes.str(Linalg.cholesky(batch0).shape()));
    assertEquals("[0, 3]", Shapes.str(Linalg.qr(Tensor.zeros(DType.FLOAT64, 0, 3)).R().shape()));
  }
}
