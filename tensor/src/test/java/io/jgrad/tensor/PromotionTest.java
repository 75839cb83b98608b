package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Result dtypes of elementwise ops, checked against torch 1.13 (values in comments). */
class PromotionTest {
  static Tensor t(DType d, int... shape) { return Tensor.ones(d, shape); }

  static Tensor s(DType d) { return Tensor.scalar(1, d); }

  @Test
  void tensorTensor() {
    assertEquals(DType.FLOAT64, t(DType.INT32, 3).add(t(DType.FLOAT64, 3)).dtype());
    assertEquals(DType.INT64, t(DType.INT32, 3).add(t(DType.INT64, 3)).dtype());
    assertEquals(DType.INT32, t(DType.BOOL, 3).add(t(DType.INT32, 3)).dtype());
    assertEquals(DType.BOOL, t(DType.BOOL, 3).add(t(DType.BOOL, 3)).dtype());     // torch: True + True = True
    assertEquals(DType.BOOL, t(DType.BOOL, 3).mul(t(DType.BOOL, 3)).dtype());
    assertEquals(DType.FLOAT32, t(DType.INT64, 3).add(t(DType.FLOAT32, 3)).dtype());
  }

  @Test
  void zeroDimRanksLower() {
    assertEquals(DType.FLOAT64, t(DType.INT32, 3).add(s(DType.FLOAT64)).dtype());  // category rises: the 0-dim's dtype
    assertEquals(DType.FLOAT32, t(DType.FLOAT32, 3).add(s(DType.FLOAT64)).dtype());
    assertEquals(DType.INT32, t(DType.INT32, 3).add(s(DType.INT64)).dtype());
    assertEquals(DType.INT64, s(DType.INT64).add(s(DType.INT32)).dtype());
    assertEquals(DType.FLOAT64, s(DType.FLOAT64).add(t(DType.INT64, 2)).dtype());
  }

  @Test
  void javaScalars() {
    assertEquals(DType.FLOAT32, t(DType.INT64, 3).add(2.5).dtype());
    assertEquals(DType.INT64, t(DType.INT64, 3).add(2).dtype());
    assertEquals(DType.INT32, t(DType.INT32, 3).mul(3).dtype());
    assertEquals(DType.FLOAT64, t(DType.FLOAT64, 3).mul(2.5).dtype());
    assertEquals(DType.INT64, t(DType.BOOL, 3).add(1).dtype());
    assertEquals(DType.FLOAT32, t(DType.BOOL, 3).mul(2.5).dtype());
    assertEquals(DType.FLOAT32, t(DType.INT32, 3).add(Double.POSITIVE_INFINITY).dtype());
    assertEquals(DType.FLOAT32, t(DType.INT32, 3).add(Double.NaN).dtype());
    assertEquals(DType.FLOAT32, t(DType.INT64, 3).mul(1e20).dtype());
    assertEquals(DType.INT64, t(DType.INT64, 3).mul(0x1p62).dtype());
  }

  @Test
  void trueDivisionAndFloatFunctions() {
    Tensor q = Tensor.of(1L, 2L, 3L).div(Tensor.of(2L, 2L, 2L));
    assertEquals(DType.FLOAT32, q.dtype());
    assertArrayEquals(new float[] {0.5f, 1f, 1.5f}, q.toFloatArray());
    assertEquals(DType.FLOAT32, t(DType.INT32, 2).div(2).dtype());
    assertEquals(DType.FLOAT64, t(DType.INT32, 2).div(s(DType.FLOAT64)).dtype());
    assertEquals(DType.FLOAT32, t(DType.BOOL, 2).exp().dtype());
    assertEquals(DType.FLOAT32, t(DType.INT64, 2).sqrt().dtype());
    assertEquals(DType.FLOAT32, t(DType.INT64, 2).atan2(t(DType.INT64, 2)).dtype());
    assertEquals(DType.FLOAT64, t(DType.FLOAT64, 2).erf().dtype());
    assertEquals(DType.FLOAT32, t(DType.INT32, 2).reciprocal().dtype());
  }

  @Test
  void integerPreservingOps() {
    for (DType d : new DType[] {DType.INT32, DType.INT64}) {
      assertEquals(d, t(d, 2).abs().dtype());
      assertEquals(d, t(d, 2).neg().dtype());
      assertEquals(d, t(d, 2).sign().dtype());
      assertEquals(d, t(d, 2).floor().dtype());
      assertEquals(d, t(d, 2).round().dtype());
      assertEquals(d, t(d, 2).relu().dtype());
      assertEquals(d, t(d, 2).clamp(0, 3).dtype());
      assertEquals(d, t(d, 2).pow(3).dtype());
      assertEquals(d, t(d, 2).remainder(2).dtype());
      assertEquals(d, t(d, 2).nanToNum().dtype());
    }
    assertEquals(DType.FLOAT32, t(DType.INT64, 2).clamp(0.5, 3).dtype());
    assertEquals(DType.FLOAT32, t(DType.INT64, 2).pow(0.5).dtype());
    assertEquals(DType.INT64, t(DType.BOOL, 2).pow(2).dtype());
    assertEquals(DType.INT64, t(DType.BOOL, 2).clamp(0, 1).dtype());
    assertEquals(DType.BOOL, t(DType.BOOL, 2).sign().dtype());
  }

  @Test
  void predicatesAndLogicalOpsGiveBool() {
    assertEquals(DType.BOOL, t(DType.FLOAT32, 2).lt(t(DType.INT64, 2)).dtype());
    assertEquals(DType.BOOL, t(DType.INT32, 2).eq(2.5).dtype());
    assertEquals(DType.BOOL, t(DType.FLOAT64, 2).logicalAnd(t(DType.INT32, 2)).dtype());
    assertEquals(DType.BOOL, t(DType.INT64, 2).isnan().dtype());
    assertEquals(DType.BOOL, t(DType.FLOAT32, 2).logicalNot().dtype());
    assertArrayEquals(new boolean[] {true, false}, Tensor.of(1L, 3L).lt(2.5).toBooleanArray());
  }

  @Test
  void whereAndInPlacePromotion() {
    Tensor c = Tensor.of(true, false);
    assertEquals(DType.FLOAT32, Tensor.where(c, t(DType.INT64, 2), 2.5).dtype());
    assertEquals(DType.INT64, Tensor.where(c, t(DType.INT64, 2), 2).dtype());
    assertEquals(DType.FLOAT64, Tensor.where(c, t(DType.FLOAT32, 2), t(DType.FLOAT64, 2)).dtype());
    // in place keeps self's dtype when the result may be cast to it
    assertEquals(DType.FLOAT32, t(DType.FLOAT32, 2).addInPlace(t(DType.FLOAT64, 2)).dtype());
    assertEquals(DType.INT32, t(DType.INT32, 2).addInPlace(t(DType.INT64, 2)).dtype());
    assertEquals(DType.FLOAT64, t(DType.FLOAT64, 2).divInPlace(t(DType.INT64, 2)).dtype());
  }
}
