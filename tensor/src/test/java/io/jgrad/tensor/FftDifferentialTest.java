package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.cpu.CpuBackend;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API stages ({@link FftVector}) against their scalar twins ({@link FftButterflies},
 * forced with {@link CpuBackend#forceScalar}): bit-identical results, since both do the same
 * operations in the same order. Lengths are chosen so that the stage strides fall below, at,
 * just above and well above the vector width (tails included), for every radix and for
 * Bluestein's inner transform; inputs include non-contiguous views, float32 and float64.
 */
class FftDifferentialTest {
  private static final int[] LENGTHS = {1, 2, 3, 4, 5, 8, 12, 15, 16, 20, 24, 45, 60, 64, 75, 100, 120, 128, 243, 250,
      375, 625, 1000, 1024, 1536, 2048, 3125, 4096, 17, 97, 257, 4099};

  private static double[] run(boolean scalar, Tensor x, String kind, int n) {
    CpuBackend.forceScalar(scalar);
    try {
      Tensor y = switch (kind) {
        case "c2c" -> Fft.fftComplex(x, -1, 1, null);
        case "r2c" -> Fft.rfft(x, -1, 1, "ortho");
        default -> Fft.irfft(x, n, 1, "forward");
      };
      return y.toDoubleArray();
    } finally {
      CpuBackend.forceScalar(false);
    }
  }

  @Test
  void vectorStagesEqualScalarStages() {
    SplittableRandom r = new SplittableRandom(7);
    int ran = 0;
    for (int n : LENGTHS) {
      double[] v = new double[3 * n * 2];
      for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-1, 1);
      Tensor z = Tensor.fromArray(v, 3, n, 2);
      assertArrayEquals(run(true, z, "c2c", n), run(false, z, "c2c", n), "c2c n=" + n);
      Tensor x = Tensor.fromArray(v, 2, 3, n).transpose(0, 1);
      assertTrue(!x.isContiguous());
      assertArrayEquals(run(true, x, "r2c", n), run(false, x, "r2c", n), "r2c transposed n=" + n);
      Tensor x32 = Tensor.fromArray(v, 3, n, 2).to(DType.FLOAT32);
      assertArrayEquals(run(true, x32, "c2c", n), run(false, x32, "c2c", n), "c2c float32 n=" + n);
      Tensor h = Tensor.fromArray(v, 3, n, 2).narrow(1, 0, n / 2 + 1);
      assertArrayEquals(run(true, h, "c2r", n), run(false, h, "c2r", n), "c2r sliced n=" + n);
      ran++;
    }
    assertEquals(LENGTHS.length, ran);
  }

  @Test
  void stridesCoverTheVectorWidthAndItsTails() {
    int lanes = FftVector.D.length();
    boolean below = false, at = false, tail = false;
    for (int n : LENGTHS) {
      int[] f = FftPlan.factor(n);
      if (f == null) continue;
      int s = 1;
      for (int r : f) {
        below |= s < lanes;
        at |= s == lanes;
        tail |= s > lanes && s % lanes != 0;
        s *= r;
      }
    }
    assertTrue(below && at && tail, "below=" + below + " at=" + at + " tail=" + tail);
  }
}
