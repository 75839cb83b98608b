package io.jgrad.tensor;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Linalg} against torch 1.13.1 (tools/golden/gen_linalg_decomp.py). Decompositions are
 * compared through gauge-invariant quantities computed the same way on both sides (see the
 * generator). Tolerances are Golden's (atol 1e-6, rtol 1e-3): float32 cases differ from torch
 * by torch's own float32 rounding, since jgrad computes in float64.
 */
class LinalgGoldenTest {
  static final int MIN_CASES = 400;

  static Tensor mT(Tensor t) { return t.transpose(-2, -1); }

  /** [..., n, n] -> [..., n]. */
  static Tensor diagonal(Tensor x) { return x.mul(Tensor.eye(x.size(-1), x.size(-1), x.dtype())).sum(new int[] {-1}, false); }

  static List<Tensor> svd(GoldenCase c) {
    Tensor a = c.input(0);
    Linalg.Svd d = Linalg.svd(a, c.boolArg("full_matrices"));
    int k = d.S().size(-1);
    Tensor uk = d.U().narrow(-1, 0, k), vk = d.Vh().narrow(-2, 0, k);
    Tensor recon = uk.mul(d.S().unsqueeze(-2)).matmul(vk);
    if (!c.boolArg("projectors")) return List.of(d.S(), recon);
    return List.of(d.S(), recon, uk.matmul(mT(uk)), mT(vk).matmul(vk));
  }

  static List<Tensor> qr(GoldenCase c) {
    Tensor a = c.input(0);
    String mode = c.stringArg("mode");
    Linalg.Qr d = Linalg.qr(a, mode);
    int k = Math.min(a.size(-2), a.size(-1));
    Tensor r = d.R().narrow(-2, 0, k);
    Tensor sgn = diagonal(r.narrow(-1, 0, k)).sign();
    Tensor rn = sgn.unsqueeze(-1).mul(r);
    if (mode.equals("r")) return List.of(rn);
    return List.of(d.Q().narrow(-1, 0, k).mul(sgn.unsqueeze(-2)), rn);
  }

  static List<Tensor> eigh(GoldenCase c) {
    Linalg.Eigh e = Linalg.eigh(c.input(0), c.stringArg("uplo"));
    Tensor v = e.eigenvectors(), l = e.eigenvalues();
    int n = l.size(-1);
    Tensor top = v.narrow(-1, n - 1, 1);
    return List.of(l, v.mul(l.unsqueeze(-2)).matmul(mT(v)), top.matmul(mT(top)));
  }

  static Tensor norm(GoldenCase c) {
    String ord = c.stringArg("ord");
    boolean keep = c.boolArg("keepdim", false);
    if (ord.equals("fro") || ord.equals("nuc")) return Linalg.matrixNorm(c.input(0), ord, keep);
    double p = switch (ord) {
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(ord);
    };
    return Linalg.matrixNorm(c.input(0), p, keep);
  }

  static Tensor rank(GoldenCase c) {
    Tensor a = c.input(0);
    if (!c.has("atol") && !c.has("rtol") && !c.has("hermitian")) return Linalg.matrixRank(a);
    double rtol = c.has("rtol") || c.has("atol") ? c.doubleArg("rtol", 0)
        : Math.max(a.size(-2), a.size(-1)) * (a.dtype() == DType.FLOAT32 ? 0x1.0p-23 : 0x1.0p-52);
    return Linalg.matrixRank(a, c.doubleArg("atol", 0), rtol, c.boolArg("hermitian", false));
  }

  static Tensor pinv(GoldenCase c) {
    Tensor a = c.input(0);
    if (!c.has("rtol") && !c.has("hermitian")) return Linalg.pinv(a);
    double rtol = c.doubleArg("rtol", Math.max(a.size(-2), a.size(-1)) * (a.dtype() == DType.FLOAT32 ? 0x1.0p-23 : 0x1.0p-52));
    return Linalg.pinv(a, 0, rtol, c.boolArg("hermitian", false));
  }

  static List<Tensor> lstsq(GoldenCase c) {
    Linalg.Lstsq r = Linalg.lstsq(c.input(0), c.input(1));
    return List.of(r.solution(), r.residuals(), r.rank(), r.singularValues());
  }

  static Map<String, Function<GoldenCase, List<Tensor>>> ops() {
    return Map.ofEntries(
        Map.entry("svd", LinalgGoldenTest::svd),
        Map.entry("svdvals", c -> List.of(Linalg.svdvals(c.input(0)))),
        Map.entry("qr", LinalgGoldenTest::qr),
        Map.entry("eigh", LinalgGoldenTest::eigh),
        Map.entry("eigvalsh", c -> List.of(Linalg.eigvalsh(c.input(0), c.stringArg("uplo")))),
        Map.entry("cholesky", c -> List.of(Linalg.cholesky(c.input(0), c.boolArg("upper")))),
        Map.entry("solve", c -> List.of(Linalg.solve(c.input(0), c.input(1)))),
        Map.entry("inv", c -> List.of(Linalg.inv(c.input(0)))),
        Map.entry("det", c -> List.of(Linalg.det(c.input(0)))),
        Map.entry("slogdet", c -> {
          Linalg.SlogDet s = Linalg.slogdet(c.input(0));
          return List.of(s.sign(), s.logAbsDet());
        }),
        Map.entry("pinv", c -> List.of(pinv(c))),
        Map.entry("lstsq", LinalgGoldenTest::lstsq),
        Map.entry("matrix_norm", c -> List.of(norm(c))),
        Map.entry("matrix_rank", c -> List.of(rank(c))),
        Map.entry("matrix_sqrt", c -> List.of(Linalg.matrixSqrt(c.input(0)))),
        Map.entry("matrix_exp", c -> List.of(Linalg.matrixExp(c.input(0)))));
  }

  @TestFactory
  Stream<DynamicTest> golden() { return Golden.run("linalg_decomp", ops(), MIN_CASES); }
}
