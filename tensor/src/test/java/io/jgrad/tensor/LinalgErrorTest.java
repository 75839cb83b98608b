package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad inputs to {@link Linalg}: each error names the op and the offending values. */
class LinalgErrorTest {
  static void throwsWith(Class<? extends Throwable> type, Executable e, String... parts) {
    Throwable t = assertThrows(type, e);
    for (String p : parts) assertTrue(t.getMessage().contains(p), "'" + t.getMessage() + "' lacks '" + p + "'");
  }

  static final Tensor WIDE = Tensor.ones(DType.FLOAT64, 2, 3);

  @Test
  void squareOpsRejectNonSquare() {
    List<Function<Tensor, Object>> ops = List.of(Linalg::inv, Linalg::det, Linalg::cholesky, Linalg::eigh,
        Linalg::slogdet, Linalg::matrixExp, Linalg::matrixSqrt, a -> Linalg.eigvalsh(a, "L"), a -> Linalg.solve(a, a));
    String[] names = {"linalg.inv", "linalg.det", "linalg.cholesky", "linalg.eigh", "linalg.slogdet", "linalg.matrix_exp",
      "linalg.matrixSqrt", "linalg.eigvalsh", "linalg.solve"};
    for (int i = 0; i < ops.size(); i++) {
      Function<Tensor, Object> f = ops.get(i);
      throwsWith(IllegalArgumentException.class, () -> f.apply(WIDE), names[i], "square", "2 by 3", "[2, 3]");
    }
    assertEquals(9, ops.size());
  }

  @Test
  void rankBelowTwoAndIntegerDtypes() {
    Tensor v = Tensor.ones(DType.FLOAT64, 3);
    for (Function<Tensor, Object> f : List.<Function<Tensor, Object>>of(Linalg::svd, Linalg::svdvals, Linalg::qr,
        Linalg::pinv, Linalg::matrixRank, Linalg::matrixNorm)) {
      throwsWith(IllegalArgumentException.class, () -> f.apply(v), "linalg.", "at least 2 dimensions", "[3]");
    }
    Tensor ints = Tensor.ones(DType.INT64, 2, 2);
    throwsWith(IllegalArgumentException.class, () -> Linalg.svd(ints), "linalg.svd", "floating point", "int64", "[2, 2]");
    throwsWith(IllegalArgumentException.class, () -> Linalg.inv(Tensor.ones(DType.INT32, 2, 2)), "linalg.inv", "int32");
    throwsWith(IllegalArgumentException.class, () -> Linalg.solve(Tensor.eye(2, 2, DType.FLOAT64), Tensor.ones(DType.FLOAT32, 2)),
        "linalg.solve", "float64", "float32");
  }

  @Test
  void choleskyOfNonPositiveDefiniteNamesBatchElementAndMinor() {
    Tensor pd = Tensor.fromArray(new double[] {2, 0, 0, 2}, 2, 2);
    Tensor notPd = Tensor.fromArray(new double[] {1, 2, 2, 1}, 2, 2);
    throwsWith(ArithmeticException.class, () -> Linalg.cholesky(notPd), "linalg.cholesky", "not positive-definite",
        "leading minor of order 2");
    Tensor batch = Tensor.stack(List.of(pd, notPd), 0);
    throwsWith(ArithmeticException.class, () -> Linalg.cholesky(batch), "linalg.cholesky", "(Batch element 1)", "order 2");
    Tensor negFirst = Tensor.fromArray(new double[] {-1, 0, 0, 1}, 2, 2);
    throwsWith(ArithmeticException.class, () -> Linalg.cholesky(negFirst), "leading minor of order 1");
  }

  @Test
  void singularSolveAndInvThrowWhileDetIsZero() {
    Tensor s = Tensor.fromArray(new double[] {1, 2, 2, 4}, 2, 2);
    throwsWith(ArithmeticException.class, () -> Linalg.inv(s), "linalg.inv", "singular", "diagonal element 2");
    throwsWith(ArithmeticException.class, () -> Linalg.solve(s, Tensor.of(1.0, 1.0)), "linalg.solve", "singular");
    assertEquals(0.0, Math.abs(Linalg.det(s).item()));  // -0.0 from the row swap, as torch
    Linalg.SlogDet sd = Linalg.slogdet(s);
    assertEquals(0.0, sd.sign().item());
    assertEquals(Double.NEGATIVE_INFINITY, sd.logAbsDet().item());
  }

  @Test
  void nonFiniteInputs() {
    Tensor nan = Tensor.fromArray(new double[] {Double.NaN, 1, 1, 1}, 2, 2);
    throwsWith(ArithmeticException.class, () -> Linalg.svd(nan), "linalg.svd", "non-finite");
    throwsWith(ArithmeticException.class, () -> Linalg.svdvals(nan), "linalg.svdvals", "non-finite");
    throwsWith(ArithmeticException.class, () -> Linalg.eigh(nan), "linalg.eigh", "non-finite");
    // Only the lower triangle is read: a NaN above the diagonal is ignored, as LAPACK does.
    Tensor upperNan = Tensor.fromArray(new double[] {2, Double.NaN, 1, 3}, 2, 2);
    assertTrue(Double.isFinite(Linalg.eigh(upperNan).eigenvalues().sum().item()));
    assertTrue(Double.isNaN(Linalg.matrixExp(nan).sum().item()));
    assertTrue(Double.isNaN(Linalg.det(nan).item()));
  }

  @Test
  void badArguments() {
    Tensor a = Tensor.eye(3, 3, DType.FLOAT64);
    throwsWith(IllegalArgumentException.class, () -> Linalg.eigh(a, "X"), "linalg.eigh", "UPLO", "X");
    throwsWith(IllegalArgumentException.class, () -> Linalg.qr(a, "full"), "linalg.qr", "full", "reduced");
    throwsWith(IllegalArgumentException.class, () -> Linalg.solve(a, Tensor.ones(DType.FLOAT64, 2, 2)), "linalg.solve",
        "[3, 3]", "[2, 2]");
    throwsWith(IllegalArgumentException.class, () -> Linalg.lstsq(a, Tensor.ones(DType.FLOAT64, 2, 2)), "linalg.lstsq",
        "[3, 3]", "[2, 2]");
    throwsWith(IllegalArgumentException.class, () -> Linalg.matrixNorm(a, 3), "linalg.matrix_norm", "3.0");
    throwsWith(IllegalArgumentException.class, () -> Linalg.matrixNorm(a, "max"), "linalg.matrix_norm", "max");
    PowerIteration p = new PowerIteration(3, 3, DType.FLOAT64, new Generator(1));
    throwsWith(IllegalArgumentException.class, () -> p.sigma(Tensor.ones(DType.FLOAT64, 2, 3)), "PowerIteration", "[2, 3]", "[3]");
  }
}
