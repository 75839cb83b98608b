package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Tensor.to(DType) beyond the golden cases: the conversions PyTorch (x86) makes, pinned by
 * hand. NaN, +-inf and out-of-range floats to an integer type are undefined in C++; torch on
 * x86 gives the type's minimum (cvttss2si), and so does jgrad, on every path.
 */
class CastTest {
  @Test
  void floatToIntTruncatesTowardZero() {
    Tensor x = Tensor.of(2.7f, -2.7f, 0.5f, -0.5f, -0f, 1e-30f, 255.9f);
    assertArrayEquals(new int[] {2, -2, 0, 0, 0, 0, 255}, x.to(DType.INT32).toIntArray());
    assertArrayEquals(new long[] {2, -2, 0, 0, 0, 0, 255}, x.to(DType.INT64).toLongArray());
  }

  @Test
  void outOfRangeAndNonFiniteGiveTheMinimum() {
    Tensor x = Tensor.of(3e9, -3e9, 2147483648.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        2147483647.0, -2147483648.9);
    assertArrayEquals(new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE,
        Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE}, x.to(DType.INT32).toIntArray());
    Tensor y = Tensor.of(1e19, -1e19, 9.2e18, Double.NaN);
    assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MIN_VALUE, 9200000000000000000L, Long.MIN_VALUE},
        y.to(DType.INT64).toLongArray());
    // float32 2147483647 rounds to 2^31, which int32 cannot hold.
    assertEquals(Integer.MIN_VALUE, Tensor.of(2147483647f).to(DType.INT32).toIntArray()[0]);
  }

  @Test
  void boolConversions() {
    Tensor x = Tensor.of(0.0, -0.0, 0.1, -3, Double.NaN, Double.POSITIVE_INFINITY);
    assertArrayEquals(new boolean[] {false, false, true, true, true, true}, x.to(DType.BOOL).toBooleanArray());
    Tensor i = Tensor.of(0L, 5L, -1L, Long.MIN_VALUE);
    assertArrayEquals(new boolean[] {false, true, true, true}, i.to(DType.BOOL).toBooleanArray());
    Tensor b = Tensor.of(true, false, true);
    assertArrayEquals(new float[] {1, 0, 1}, b.to(DType.FLOAT32).toFloatArray(), 0f);
    assertArrayEquals(new long[] {1, 0, 1}, b.to(DType.INT64).toLongArray());
  }

  @Test
  void integersNarrowByWrapping() {
    Tensor x = Tensor.of(4294967297L, -4294967297L, 2147483648L, Long.MIN_VALUE);
    assertArrayEquals(new int[] {1, -1, Integer.MIN_VALUE, 0}, x.to(DType.INT32).toIntArray());
  }

  @Test
  void int64ToFloat32RoundsOnce() {
    // 2^53 + 2^29 + 1 via double would round twice (to 2^53); correctly rounded it is 2^53 + 2^30.
    long v = (1L << 53) + (1L << 29) + 1;
    float direct = v;
    assertEquals(0x1p53f + 0x1p30f, direct);
    assertEquals(direct, Tensor.of(v).to(DType.FLOAT32).toFloatArray()[0]);
    assertEquals((double) v, Tensor.of(v).to(DType.FLOAT64).toDoubleArray()[0]);
  }

  @Test
  void stridedSourcesCastElementwise() {
    Tensor x = Tensor.arange(0, -9, -0.75, DType.FLOAT64).view(3, 4).t();
    int[] got = x.to(DType.INT32).toIntArray();
    double[] src = x.toDoubleArray();
    for (int i = 0; i < src.length; i++) assertEquals((int) src[i], got[i], "element " + i);
  }
}
