package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every error of the linear-algebra family: an IllegalArgumentException naming the op and the values. */
class LinearAlgebraErrorTest {
  private static void fails(Executable e, String... parts) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    for (String p : parts) assertTrue(ex.getMessage().contains(p), "message '" + ex.getMessage() + "' lacks '" + p + "'");
  }

  private static Tensor f(int... shape) { return Tensor.zeros(shape); }

  private static Tensor d(int... shape) { return Tensor.zeros(DType.FLOAT64, shape); }

  @Test
  void matmul() {
    fails(() -> f(2, 3).matmul(f(4, 5)), "matmul: shapes [2, 3] and [4, 5] are not aligned");
    fails(() -> f(3).matmul(f(4)), "matmul", "[3] and [4]", "not aligned");
    fails(() -> f(2, 3, 4).matmul(f(5, 2)), "matmul", "[2, 3, 4] and [5, 2]", "not aligned");
    fails(() -> f(2, 3, 4).matmul(f(3, 4, 5)), "matmul", "cannot be broadcast");
    fails(() -> Tensor.scalar(1, DType.FLOAT32).matmul(f(2, 2)), "matmul", "at least 1-D", "[] and [2, 2]");
    fails(() -> f(2, 3).matmul(d(3, 2)), "matmul", "same dtype", "float32 and float64");
    fails(() -> Tensor.zeros(DType.BOOL, 2, 2).matmul(Tensor.zeros(DType.BOOL, 2, 2)), "matmul", "bool");
    fails(() -> f(2, 3).matmul(Tensor.zeros(DType.INT32, 3, 2)), "matmul", "float32 and int32");
  }

  @Test
  void mmBmmDotOuter() {
    fails(() -> f(2, 3, 4).mm(f(4, 5)), "mm: expected 2-D tensors", "[2, 3, 4] and [4, 5]");
    fails(() -> f(2, 3).mm(f(4, 5)), "mm: shapes [2, 3] and [4, 5] are not aligned");
    fails(() -> f(2, 3).mm(d(3, 5)), "mm", "same dtype");
    fails(() -> f(3, 4).bmm(f(4, 5)), "bmm: expected 3-D tensors", "[3, 4] and [4, 5]");
    fails(() -> f(2, 3, 4).bmm(f(3, 4, 5)), "bmm: batch sizes differ", "[2, 3, 4] and [3, 4, 5]");
    fails(() -> f(2, 3, 4).bmm(f(2, 5, 5)), "bmm: shapes [2, 3, 4] and [2, 5, 5] are not aligned");
    fails(() -> f(2, 3).dot(f(6)), "dot: expected 1-D tensors", "[2, 3] and [6]");
    fails(() -> f(3).dot(f(4)), "dot", "same number of elements", "[3] and [4]");
    fails(() -> f(3).dot(d(3)), "dot", "same dtype", "float32 and float64");
    fails(() -> f(3, 1).outer(f(2)), "outer: expected 1-D tensors", "[3, 1] and [2]");
  }

  @Test
  void einsum() {
    fails(() -> Tensor.einsum("ij,jk->ik", f(2, 3), f(4, 5)), "einsum", "subscript j has size 4", "size 3",
        "'ij,jk->ik'", "[2, 3], [4, 5]");
    fails(() -> Tensor.einsum("ij,jk->ik", f(2, 3)), "einsum", "2 operand subscripts for 1 operands");
    fails(() -> Tensor.einsum("ijk->ij", f(2, 3)), "einsum", "operand 0 has 2 dims", "'ijk'");
    fails(() -> Tensor.einsum("ij->ii", f(2, 3)), "einsum", "output subscript i appears more than once");
    fails(() -> Tensor.einsum("ij->k", f(2, 3)), "einsum", "output subscript k does not appear");
    fails(() -> Tensor.einsum("ii->i", f(2, 3)), "einsum", "subscript i is repeated for operand 0", "2 != 3");
    fails(() -> Tensor.einsum("i1->i", f(2, 3)), "einsum", "invalid subscript '1'");
    fails(() -> Tensor.einsum("...ij->ij", f(2, 3)), "einsum", "ellipsis");
    fails(() -> Tensor.einsum("ij,jk->ik", f(2, 3), d(3, 4)), "einsum", "same dtype", "float32 and float64");
    fails(() -> Tensor.einsum("ij->ij"), "einsum", "at least one operand");
  }

  @Test
  void cdist() {
    fails(() -> Tensor.cdist(Tensor.zeros(DType.INT32, 3, 4), Tensor.zeros(DType.INT32, 5, 4), 2), "cdist",
        "floating-point", "int32");
    fails(() -> Tensor.cdist(f(3, 4), d(5, 4), 2), "cdist", "same dtype", "float32 and float64");
    fails(() -> Tensor.cdist(f(4), f(5, 4), 2), "cdist", "at least 2-D", "[4] and [5, 4]");
    fails(() -> Tensor.cdist(f(3, 4), f(5, 3), 2), "cdist", "same number of columns", "[3, 4] and [5, 3]");
    fails(() -> Tensor.cdist(f(3, 4), f(5, 4), -1), "cdist: p must be non-negative, got -1.0");
    fails(() -> Tensor.cdist(f(3, 4), f(5, 4), Double.NaN), "cdist: p must be non-negative, got NaN");
    fails(() -> Tensor.cdist(f(2, 3, 4), f(3, 5, 4), 2), "cdist", "cannot be broadcast");
  }
}
