package io.jgrad.tensor.cpu.matmul;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Both register tiles against a naive loop on packed panels, whichever one this machine's
 * vector width selects: the 12-row tile (512-bit machines) must stay correct on a 256-bit one.
 */
class MatmulKernelTest {
  private static final int KC = 37, LDC = 3 * KernelF32.NR + 5;

  @Test
  void floatTiles() {
    for (int mr : new int[] {4, 12}) {
      int nr = KernelF32.NR;
      SplittableRandom r = new SplittableRandom(mr);
      float[] a = new float[mr * KC + 3], b = new float[nr * KC + 5], c = new float[mr * LDC + 7];
      for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(-1, 1);
      for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble(-1, 1);
      for (int i = 0; i < c.length; i++) c[i] = (float) r.nextDouble(-1, 1);
      float[] before = c.clone();
      if (mr == 4) KernelF32.tile4(KC, a, 3, b, 5, c, 7, LDC);
      else KernelF32.tile12(KC, a, 3, b, 5, c, 7, LDC);
      for (int i = 0; i < mr; i++) {
        for (int j = 0; j < nr; j++) {
          double s = before[7 + i * LDC + j];
          for (int q = 0; q < KC; q++) s += (double) a[3 + q * mr + i] * b[5 + q * nr + j];
          assertEquals(s, c[7 + i * LDC + j], 1e-5, "tile " + mr + " (" + i + ", " + j + ")");
        }
      }
    }
  }

  @Test
  void doubleTiles() {
    for (int mr : new int[] {4, 12}) {
      int nr = KernelF64.NR;
      SplittableRandom r = new SplittableRandom(mr);
      double[] a = new double[mr * KC + 3], b = new double[nr * KC + 5], c = new double[mr * LDC + 7];
      for (int i = 0; i < a.length; i++) a[i] = r.nextDouble(-1, 1);
      for (int i = 0; i < b.length; i++) b[i] = r.nextDouble(-1, 1);
      for (int i = 0; i < c.length; i++) c[i] = r.nextDouble(-1, 1);
      double[] before = c.clone();
      if (mr == 4) KernelF64.tile4(KC, a, 3, b, 5, c, 7, LDC);
      else KernelF64.tile12(KC, a, 3, b, 5, c, 7, LDC);
      for (int i = 0; i < mr; i++) {
        for (int j = 0; j < nr; j++) {
          double s = before[7 + i * LDC + j];
          for (int q = 0; q < KC; q++) s += a[3 + q * mr + i] * b[5 + q * nr + j];
          assertEquals(s, c[7 + i * LDC + j], 1e-12, "tile " + mr + " (" + i + ", " + j + ")");
        }
      }
    }
  }

  /** Edge tiles add only their valid rows and columns. */
  @Test
  void edgeTileLeavesTheRestAlone() {
    int mr = KernelF32.MR, nr = KernelF32.NR;
    float[] a = new float[mr * KC], b = new float[nr * KC], c = new float[mr * LDC];
    java.util.Arrays.fill(a, 1f);
    java.util.Arrays.fill(b, 1f);
    java.util.Arrays.fill(c, -1f);
    KernelF32.edge(KC, a, 0, b, 0, c, 0, LDC, mr - 1, nr - 3);
    for (int i = 0; i < mr; i++) {
      for (int j = 0; j < LDC; j++) {
        float want = i < mr - 1 && j < nr - 3 ? KC - 1 : -1;
        assertEquals(want, c[i * LDC + j], 0f, "(" + i + ", " + j + ")");
      }
    }
  }
}
