package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.tensor.cpu.CpuBackend;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The Vector API comparisons and where (float32, contiguous rows, second operand contiguous or a
 * broadcast scalar) against their scalar twins, bit for bit, over sizes around the vector width,
 * with NaN, signed zeros, infinities and ties in the data.
 */
class CompareDifferentialTest {
  private static final List<BiFunction<Tensor, Tensor, Tensor>> OPS =
      List.of(Tensor::lt, Tensor::le, Tensor::eq, Tensor::ne, Tensor::gt, Tensor::ge);

  private static Tensor sample(SplittableRandom r, int n) {
    float[] v = new float[n];
    float[] special = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.5f};
    for (int i = 0; i < n; i++) v[i] = r.nextInt(4) == 0 ? special[r.nextInt(special.length)] : r.nextInt(5) - 2;
    return Tensor.fromArray(v, n);
  }

  private static Tensor scalarRun(Supplier<Tensor> f) {
    CpuBackend.forceScalar(true);
    try {
      return f.get();
    } finally {
      CpuBackend.forceScalar(false);
    }
  }

  @Test
  void comparisonsAgreeWithScalarTwins() {
    SplittableRandom r = new SplittableRandom(11);
    int checked = 0;
    for (int n : ElementwiseDifferentialTest.SIZES) {
      Tensor a = sample(r, n), b = sample(r, n);
      Tensor s = Tensor.fromArray(new float[] {0.5f}, 1), nan = Tensor.fromArray(new float[] {Float.NaN}, 1);
      for (BiFunction<Tensor, Tensor, Tensor> op : OPS) {
        for (Tensor other : List.of(b, s, nan, a)) {
          Tensor expected = scalarRun(() -> op.apply(a, other));
          Tensor actual = op.apply(a, other);
          assertArrayEquals(expected.toBooleanArray(), actual.toBooleanArray(), "n=" + n);
          checked++;
        }
      }
    }
    assertEquals(ElementwiseDifferentialTest.SIZES.length * OPS.size() * 4, checked);
  }

  @Test
  void whereAgreesWithScalarTwin() {
    SplittableRandom r = new SplittableRandom(12);
    for (int n : ElementwiseDifferentialTest.SIZES) {
      Tensor a = sample(r, n), b = sample(r, n), cond = sample(r, n).gt(0.0);
      Tensor zero = Tensor.scalar(0.0, DType.FLOAT32);
      for (Tensor[] xy : List.of(new Tensor[] {a, b}, new Tensor[] {a, zero}, new Tensor[] {zero, b})) {
        Tensor expected = scalarRun(() -> Tensor.where(cond, xy[0], xy[1]));
        Tensor actual = Tensor.where(cond, xy[0], xy[1]);
        float[] e = expected.toFloatArray(), g = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
          assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(g[i]), "n=" + n + " element " + i);
        }
      }
    }
  }
}
