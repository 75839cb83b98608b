package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Bad inputs: each error names the op and the offending values, as PyTorch's do. */
class ReductionsErrorTest {
  static void fails(Supplier<?> op, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, op::get);
    for (String p : parts) assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
  }

  static final Tensor INTS = Tensor.of(1, 2, 3);
  static final Tensor M = Tensor.of(new float[] {1, 2, 3}, new float[] {4, 5, 6});
  static final Tensor EMPTY = Tensor.zeros(0, 3);

  @Test
  void floatOnlyOpsRejectIntegers() {
    fails(() -> INTS.mean(), "mean()", "floating point", "int32");
    fails(() -> INTS.var(), "var", "floating point", "int32");
    fails(() -> INTS.std(new int[] {0}, 0, false), "std", "int32");
    fails(() -> INTS.norm(), "norm()", "int32");
    fails(() -> INTS.softmax(0), "softmax", "int32");
    fails(() -> Tensor.of(true, false).logSoftmax(0), "logSoftmax", "bool");
  }

  @Test
  void maxMinOverNothing() {
    fails(() -> EMPTY.max(), "max()", "numel() == 0", "[0, 3]");
    fails(() -> EMPTY.min(), "min()", "numel() == 0", "[0, 3]");
    fails(() -> EMPTY.max(new int[] {0}, false), "max()", "dim 0", "non-zero size", "[0, 3]");
    fails(() -> EMPTY.maxWithIndices(0, false), "max()", "dim 0", "non-zero size");
    fails(() -> EMPTY.minWithIndices(-2, true), "min()", "dim 0", "non-zero size");
    fails(() -> EMPTY.argmax(), "argmax()", "numel() == 0");
    fails(() -> EMPTY.argmin(), "argmin()", "numel() == 0");
    fails(() -> Tensor.zeros(2, 0).argmax(1, false), "max()", "dim 1", "non-zero size");
  }

  @Test
  void argmaxOfBool() {
    fails(() -> Tensor.of(true, false).argmax(), "argmax", "bool");
    fails(() -> Tensor.of(true, false).argmax(0, false), "argmax", "bool");
    fails(() -> Tensor.of(true, false).argmin(0, true), "argmin", "bool");
  }

  @Test
  void badDims() {
    fails(() -> M.sum(new int[] {0, -2}, false), "sum", "dim 0", "more than once");
    fails(() -> M.mean(new int[] {1, 1}, true), "mean", "more than once");
    fails(() -> M.max(new int[] {2}, false), "max", "dim 2", "out of range");
    fails(() -> M.logSumExp(new int[] {-3}, false), "logSumExp", "dim -3");
    fails(() -> M.var(new int[] {5}, 1, false), "var", "dim 5");
    fails(() -> M.norm(2, new int[] {0, 0}, false), "norm", "more than once");
    fails(() -> M.all(new int[] {7}, false), "all", "dim 7");
    fails(() -> M.countNonzero(0, 0), "countNonzero", "more than once");
    fails(() -> M.cumsum(2), "cumsum", "dim 2");
    fails(() -> M.cumprod(-3), "cumprod", "dim -3");
    fails(() -> M.softmax(2), "softmax", "dim 2");
    fails(() -> M.maxWithIndices(-3, false), "max", "dim -3");
    fails(() -> Tensor.scalar(1, DType.FLOAT32).sum(new int[] {1}, false), "sum", "dim 1");
  }

  @Test
  void normRejectsNaNOrder() {
    fails(() -> M.norm(Double.NaN, new int[0], false), "norm", "NaN");
  }
}
