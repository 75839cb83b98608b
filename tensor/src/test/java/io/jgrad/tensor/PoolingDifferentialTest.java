package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.tensor.cpu.CpuBackend;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The direct float32 max-pooling kernel against the reference plane kernel (forced with
 * CpuBackend.forceScalar): values bit for bit and the same indices, over windows with stride,
 * padding, dilation and ceil mode, on contiguous and transposed inputs with ties, -inf and NaN.
 */
class PoolingDifferentialTest {
  @Test
  void directFloatMaxPoolMatchesTheReference() {
    SplittableRandom r = new SplittableRandom(5);
    int[][] windows = { // kernel, stride, padding, dilation, ceil
        {2, 2, 0, 1, 0}, {3, 1, 1, 1, 0}, {3, 2, 1, 2, 0}, {2, 2, 1, 1, 1}, {3, 3, 0, 1, 1}, {1, 1, 0, 1, 0}};
    int checked = 0;
    for (int[] win : windows) {
      for (boolean transposed : new boolean[] {false, true}) {
        int h = 5 + r.nextInt(6), w = 5 + r.nextInt(6);
        float[] v = new float[2 * 3 * h * w];
        for (int i = 0; i < v.length; i++) {
          int k = r.nextInt(10);
          v[i] = k == 0 ? Float.NaN : k == 1 ? Float.NEGATIVE_INFINITY : r.nextInt(4);
        }
        Tensor base = Tensor.fromArray(v, 2, 3, transposed ? w : h, transposed ? h : w);
        Tensor x = transposed ? base.transpose(2, 3) : base;
        int[] k = {win[0], win[0]}, s = {win[1], win[1]}, p = {win[2], win[2]}, d = {win[3], win[3]};
        boolean ceil = win[4] == 1;
        CpuBackend.forceScalar(true);
        ValuesIndices ref;
        try {
          ref = x.maxPool2dWithIndices(k, s, p, d, ceil);
        } finally {
          CpuBackend.forceScalar(false);
        }
        ValuesIndices got = x.maxPool2dWithIndices(k, s, p, d, ceil);
        float[] e = ref.values().toFloatArray(), a = got.values().toFloatArray();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
          assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), "window " + java.util.Arrays.toString(win));
        }
        assertArrayEquals(ref.indices().toLongArray(), got.indices().toLongArray());
        checked++;
      }
    }
    assertEquals(12, checked);
  }
}
