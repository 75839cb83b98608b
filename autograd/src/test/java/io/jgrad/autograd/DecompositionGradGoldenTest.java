package io.jgrad.autograd;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Gradients (and double-backward values where recorded) of gauge-invariant functions of the
 * decompositions against torch 1.13.1 (tools/golden/gen_grad_linalg_decomp.py); each Java
 * function mirrors the generator's, selected by args["fn"].
 */
class DecompositionGradGoldenTest {
  static final int MIN_CASES = 240;

  static Tensor mT(Tensor t) { return t.transpose(-2, -1); }

  static Tensor sym(Tensor x) { return x.add(mT(x)).mul(0.5); }

  static Tensor spd(Tensor x) {
    int n = x.size(-1);
    return x.matmul(mT(x)).add(Tensor.eye(n, n, x.dtype()).mul(n));
  }

  static Tensor svd(GoldenCase c, List<Tensor> in) {
    Linalg.Svd d = Linalg.svd(in.get(0), c.boolArg("full_matrices"));
    int k = d.S().size(-1);
    Tensor u = d.U().narrow(-1, 0, k), vh = d.Vh().narrow(-2, 0, k);
    return switch (c.stringArg("fn")) {
      case "S" -> d.S();
      case "recon" -> u.mul(d.S().unsqueeze(-2)).matmul(vh);
      case "projU" -> u.narrow(-1, 0, 1).matmul(mT(u.narrow(-1, 0, 1)));
      default -> mT(vh.narrow(-2, 0, 1)).matmul(vh.narrow(-2, 0, 1));
    };
  }

  static Tensor eigh(GoldenCase c, List<Tensor> in) {
    Linalg.Eigh e = Linalg.eigh(sym(in.get(0)), c.stringArg("uplo"));
    Tensor l = e.eigenvalues(), v = e.eigenvectors();
    int n = l.size(-1);
    return switch (c.stringArg("fn")) {
      case "L" -> l;
      case "Vf" -> v.mul(l.pow(3).unsqueeze(-2)).matmul(mT(v));
      default -> v.narrow(-1, n - 1, 1).matmul(mT(v.narrow(-1, n - 1, 1)));
    };
  }

  static Tensor matrixNorm(GoldenCase c, List<Tensor> in) {
    String ord = c.stringArg("ord");
    if (ord.equals("fro") || ord.equals("nuc")) return Linalg.matrixNorm(in.get(0), ord);
    double p = ord.equals("inf") ? Double.POSITIVE_INFINITY : ord.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(ord);
    return Linalg.matrixNorm(in.get(0), p);
  }

  static Tensor pinv(GoldenCase c, List<Tensor> in) {
    if (!c.boolArg("hermitian", false)) return Linalg.pinv(in.get(0));
    Tensor a = spd(in.get(0));
    return Linalg.pinv(a, 0, a.size(-1) * (a.dtype() == DType.FLOAT32 ? 0x1.0p-23 : 0x1.0p-52), true);
  }

  static Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops() {
    return Map.ofEntries(
        Map.entry("svd", DecompositionGradGoldenTest::svd),
        Map.entry("svdvals", (c, in) -> Linalg.svdvals(in.get(0))),
        Map.entry("qr", (c, in) -> DecompositionGradCheckTest.qrFixed(in.get(0), c.stringArg("mode"))),
        Map.entry("pinv", DecompositionGradGoldenTest::pinv),
        Map.entry("matrix_norm", DecompositionGradGoldenTest::matrixNorm),
        Map.entry("eigh", DecompositionGradGoldenTest::eigh),
        Map.entry("eigvalsh", (c, in) -> Linalg.eigvalsh(sym(in.get(0)), c.stringArg("uplo"))),
        Map.entry("cholesky", (c, in) -> Linalg.cholesky(spd(in.get(0)), c.boolArg("upper"))),
        Map.entry("matrix_sqrt", (c, in) -> Linalg.matrixSqrt(spd(in.get(0)))),
        Map.entry("inv", (c, in) -> Linalg.inv(in.get(0))),
        Map.entry("det", (c, in) -> Linalg.det(in.get(0))),
        Map.entry("slogdet", (c, in) -> Linalg.slogdet(in.get(0)).logAbsDet()),
        Map.entry("matrix_exp", (c, in) -> Linalg.matrixExp(in.get(0))),
        Map.entry("solve", (c, in) -> Linalg.solve(in.get(0), in.get(1))),
        Map.entry("lstsq", (c, in) -> Linalg.lstsq(in.get(0), in.get(1)).solution()));
  }

  @TestFactory
  Stream<DynamicTest> golden() { return GradGolden.run("grad_linalg_decomp", ops(), MIN_CASES); }
}
