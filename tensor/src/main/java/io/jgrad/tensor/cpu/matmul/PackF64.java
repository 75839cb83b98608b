package io.jgrad.tensor.cpu.matmul;

import jdk.incubator.vector.DoubleVector;

/**
 * Copies blocks of A and B, with any strides, into the contiguous micro-panels the
 * {@link KernelF64} tiles read: A as MR rows per k ({@code dst[panel*MR*kc + k*MR + r]}), B as NR
 * columns per k ({@code dst[panel*NR*kc + k*NR + j]}), short panels padded with zeros. Packing
 * is where transposed operands are absorbed: each layout has a loop that reads memory in order.
 */
final class PackF64 {
  private PackF64() {}

  private static final int MR = KernelF64.MR, NR = KernelF64.NR, L = KernelF64.L;
  /** Four lanes: one row group of the 4-row tile. */

  /** Packs the mc x kc block of A at {@code a[ao + i*rs + k*cs]} into {@code dst[0..)}. */
  static void packA(double[] a, int ao, int rs, int cs, int mc, int kc, double[] dst) {
    if (rs == 1 && cs != 1) {
      packAColumnMajor(a, ao, cs, mc, kc, dst);
      return;
    }
    for (int i = 0, d = 0; i < mc; i += MR, d += MR * kc) {
      int rows = Math.min(MR, mc - i), base = ao + i * rs;
      if (rows == MR && cs == 1) {
        // row-major A: read each row in order, write with stride MR (the panel is small and cached)
        for (int r = 0; r < MR; r++) {
          int src = base + r * rs;
          for (int k = 0; k < kc; k++) dst[d + k * MR + r] = a[src + k];
        }
      } else {
        for (int k = 0; k < kc; k++) {
          int src = base + k * cs, o = d + k * MR;
          for (int r = 0; r < rows; r++) dst[o + r] = a[src + r * rs];
          for (int r = rows; r < MR; r++) dst[o + r] = 0;
        }
      }
    }
  }

  /**
   * A stored column-major (a transposed operand): k outer, so each read is a contiguous run down
   * all mc rows instead of MR floats per cache line.
   */
  private static void packAColumnMajor(double[] a, int ao, int cs, int mc, int kc, double[] dst) {
    int full = mc / MR;
    for (int k = 0; k < kc; k++) {
      int src = ao + k * cs;
      if (MR == 4) {
        // one 4-element arraycopy per panel (the scalar loop was 5% of an A^T*B product; a 128-bit
        // DoubleVector copy here ran the Vector API's allocating fallback inside training steps)
        for (int p = 0; p < full; p++) {
          System.arraycopy(a, src + p * 4, dst, p * 4 * kc + k * 4, 4);
        }
      } else {
        for (int p = 0; p < full; p++) {
          int o = p * MR * kc + k * MR, s = src + p * MR;
          for (int r = 0; r < MR; r++) dst[o + r] = a[s + r];
        }
      }
      if (full * MR < mc) {
        int o = full * MR * kc + k * MR, rows = mc - full * MR, s = src + full * MR;
        for (int r = 0; r < rows; r++) dst[o + r] = a[s + r];
        for (int r = rows; r < MR; r++) dst[o + r] = 0;
      }
    }
  }

  /** Packs the kc x nc block of B at {@code b[bo + k*rs + j*cs]} into {@code dst[doff..)}. */
  static void packB(double[] b, int bo, int rs, int cs, int kc, int nc, double[] dst, int doff) {
    for (int j = 0, d = doff; j < nc; j += NR, d += NR * kc) {
      int cols = Math.min(NR, nc - j), base = bo + j * cs;
      if (cols == NR && cs == 1) {
        for (int k = 0; k < kc; k++) {
          int src = base + k * rs, o = d + k * NR;
          DoubleVector.fromArray(KernelF64.F, b, src).intoArray(dst, o);
          DoubleVector.fromArray(KernelF64.F, b, src + L).intoArray(dst, o + L);
        }
      } else if (rs == 1) {
        // transposed B (columns contiguous along k): read each column in order
        for (int j2 = 0; j2 < cols; j2++) {
          int src = base + j2 * cs;
          for (int k = 0; k < kc; k++) dst[d + k * NR + j2] = b[src + k];
        }
        for (int k = 0; k < kc; k++) {
          for (int j2 = cols; j2 < NR; j2++) dst[d + k * NR + j2] = 0.0;
        }
      } else {
        for (int k = 0; k < kc; k++) {
          int src = base + k * rs, o = d + k * NR;
          for (int j2 = 0; j2 < cols; j2++) dst[o + j2] = b[src + j2 * cs];
          for (int j2 = cols; j2 < NR; j2++) dst[o + j2] = 0.0;
        }
      }
    }
  }
}
