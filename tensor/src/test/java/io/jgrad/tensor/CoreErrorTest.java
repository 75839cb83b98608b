package io.jgrad.tensor;

import static io.jgrad.tensor.RandomTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Bad inputs to the core: every error is an IllegalArgumentException naming the op and the values. */
class CoreErrorTest {
  private static Tensor x23() { return Tensor.arange(0, 6, 1, DType.FLOAT32).view(2, 3); }

  @Test
  void viewAndReshape() {
    assertMessage(() -> x23().t().view(-1), "view: size [-1] is not compatible with input of shape [3, 2] and strides [1, 3]");
    assertMessage(() -> x23().reshape(7), "reshape: shape [7] is invalid for input of shape [2, 3] (6 elements)");
    assertMessage(() -> x23().view(4, -1), "view: shape [4, -1] is invalid for input of shape [2, 3]");
    assertMessage(() -> x23().view(-1, -1), "only one dimension can be -1, got [-1, -1]");
    assertMessage(() -> x23().reshape(2, -2), "reshape: invalid size -2 in [2, -2]");
    assertMessage(() -> Tensor.zeros(0, 3).view(-1, 0), "view: shape [-1, 0] is invalid");
    assertMessage(() -> x23().unflatten(1, 2, 2), "unflatten: shape [2, 2] is invalid for input of shape [3]");
    assertMessage(() -> x23().flatten(1, 0), "flatten: startDim 1 comes after endDim 0");
  }

  @Test
  void permuteTransposeExpand() {
    assertMessage(() -> x23().permute(0, 0), "permute: dim 0 repeats in [0, 0]");
    assertMessage(() -> x23().permute(0, 1, 2), "permute: 3 dims [0, 1, 2] for a tensor of rank 2");
    assertMessage(() -> x23().permute(0, 2), "permute: dim 2 out of range for a tensor of rank 2");
    assertMessage(() -> x23().transpose(0, 3), "transpose: dim 3 out of range for a tensor of rank 2 (expected in [-2, 1])");
    assertMessage(() -> Tensor.scalar(1, DType.FLOAT32).transpose(0, 1), "transpose: dim 1 out of range for a tensor of rank 0");
    assertMessage(() -> Tensor.zeros(2, 3, 4).t(), "t: expects a tensor of rank <= 2, got [2, 3, 4]");
    assertMessage(() -> x23().movedim(2, 0), "movedim: dim 2 out of range");
    assertMessage(() -> x23().expand(2, 4), "expand: the expanded size 4 must match the existing size 3 at dim 1");
    assertMessage(() -> x23().expand(3), "expand: target [3] has fewer dims than input [2, 3]");
    assertMessage(() -> x23().expand(-1, 2, 3), "expand: -1 is not allowed for a new leading dim in [-1, 2, 3]");
    assertMessage(() -> x23().expand(2, -3), "expand: invalid size -3");
  }

  @Test
  void narrowSliceSelectUnfold() {
    assertMessage(() -> x23().narrow(1, 2, 2), "narrow: start 2 + length 2 exceeds dim 1 of size 3");
    assertMessage(() -> x23().narrow(0, -3, 1), "narrow: start -3 + length 1 exceeds dim 0 of size 2");
    assertMessage(() -> x23().narrow(1, 0, -1), "narrow: start 0 + length -1");
    assertMessage(() -> x23().select(1, 3), "select: index 3 out of range for dim 1 of size 3");
    assertMessage(() -> x23().select(0, -3), "select: index -3 out of range for dim 0 of size 2");
    assertMessage(() -> x23().slice(0, 0, 2, 0), "slice: step must be positive, got 0");
    assertMessage(() -> x23().slice(0, 0, 2, -1), "slice: step must be positive, got -1");
    assertMessage(() -> x23().unfold(1, 4, 1), "unfold: size 4 exceeds dim 1 of size 3");
    assertMessage(() -> x23().unfold(1, 2, 0), "unfold: step must be positive, got 0");
    assertMessage(() -> x23().squeeze(2), "squeeze: dim 2 out of range for a tensor of rank 2");
    assertMessage(() -> x23().unsqueeze(3), "unsqueeze: dim 3 out of range for a tensor of rank 3");
    Tensor s = Tensor.scalar(2, DType.FLOAT32);
    assertMessage(() -> s.select(0, 0), "select: cannot be applied to a 0-dim tensor");
    assertMessage(() -> s.narrow(0, 0, 1), "narrow: cannot be applied to a 0-dim tensor");
    assertMessage(() -> s.slice(0, 0, 1, 1), "slice: cannot be applied to a 0-dim tensor");
    assertMessage(() -> s.unflatten(0, 1), "unflatten: cannot be applied to a 0-dim tensor");
    assertMessage(() -> s.size(0), "size: dim 0 out of range for a tensor of rank 0");
    assertMessage(() -> x23().size(2), "size: dim 2 out of range for a tensor of rank 2");
    assertMessage(() -> x23().stride(-3), "stride: dim -3 out of range for a tensor of rank 2");
  }

  @Test
  void dataAccess() {
    assertMessage(() -> x23().item(), "item: a tensor with 6 elements [2, 3] cannot be converted to a scalar");
    assertMessage(() -> x23().get(2, 0), "get: index 2 out of range for dim 0 of size 2");
    assertMessage(() -> x23().get(0, -4), "get: index -4 out of range for dim 1 of size 3");
    assertMessage(() -> x23().get(0), "get: 1 indices for a tensor of rank 2");
    assertEquals(5.0, x23().get(-1, -1));
    assertEquals(7.0, Tensor.of(7L).item());
  }

  @Test
  void formatting() {
    assertEquals("tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]], shape=[2, 3], dtype=float32)", x23().toString());
    assertEquals("tensor([9007199254740993, -1], shape=[2], dtype=int64)", Tensor.of(9007199254740993L, -1L).toString());
    assertEquals("tensor([true, false], shape=[2], dtype=bool)", Tensor.of(true, false).toString());
    assertEquals("tensor(2.5, shape=[], dtype=float64)", Tensor.scalar(2.5, DType.FLOAT64).toString());
    assertEquals("tensor(shape=[2000], dtype=float32)", Tensor.zeros(2000).toString());
  }

  @Test
  void creation() {
    assertMessage(() -> Tensor.fromArray(new float[5], 2, 3), "fromArray: 5 values cannot fill shape [2, 3] (6 elements)");
    assertMessage(() -> Tensor.fromArray(new float[6], 2, -3), "fromArray: negative size in shape [2, -3]");
    assertMessage(() -> Tensor.fromArray(new short[2], 2), "unsupported array type short[]");
    assertMessage(() -> Tensor.of(new float[] {1, 2}, new float[] {3}), "of: row 1 has 1 values, row 0 has 2");
    assertMessage(() -> Tensor.zeros(2, -1), "empty: negative size in shape [2, -1]");
    assertMessage(() -> Tensor.empty(DType.INT64, -5), "empty: negative size in shape [-5]");
    assertMessage(() -> Tensor.zeros(1 << 16, 1 << 16), "has 4294967296 elements");
    assertMessage(() -> Tensor.arange(0, 5, -1), "arange: upper bound and step are inconsistent");
    assertMessage(() -> Tensor.arange(5, 0, 1, DType.FLOAT32), "arange: upper bound and step are inconsistent");
    assertMessage(() -> Tensor.arange(0, 5, 0), "arange: step must be nonzero");
    assertMessage(() -> Tensor.arange(0, 1, 0.5, DType.INT64), "arange: step must be nonzero");
    assertMessage(() -> Tensor.arange(0, Double.POSITIVE_INFINITY, 1), "arange: start, end and step must be finite");
    assertMessage(() -> Tensor.linspace(0, 1, -1), "linspace: number of steps must be non-negative, got -1");
    assertMessage(() -> Tensor.eye(-1, 2, DType.FLOAT32), "eye: sizes must be non-negative, got -1 x 2");
    assertMessage(() -> Tensor.full(new int[] {2}, 3e9, DType.INT32), "full: value 3.0E9 cannot be converted to int32");
    assertMessage(() -> Tensor.full(new int[] {2}, Double.NaN, DType.INT64), "cannot be converted to int64");
    assertMessage(() -> Device.parse("cuda:x"), "bad device 'cuda:x'");
    assertMessage(() -> Tensor.zeros(2).to(Device.parse("nosuch:0")), "no backend for device type 'nosuch'");
  }
}
