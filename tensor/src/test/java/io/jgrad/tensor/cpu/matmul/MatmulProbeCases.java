package io.jgrad.tensor.cpu.matmul;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.cpu.CpuBackend;
import io.jgrad.tensor.cpu.ProbeCase;
import io.jgrad.tensor.spi.View;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * AllocationProbe cases of the matmul family: both register tiles (whichever one the
 * configuration selects), the strided 4-row tile, edge tiles, the direct kernels, packing, the
 * blocked driver on one thread, and {@code Gemm} through the backend (NN, TN, NT).
 */
public final class MatmulProbeCases {
  private static final int KC = 61;

  private MatmulProbeCases() {}

  public static List<ProbeCase> cases() {
    List<ProbeCase> all = new ArrayList<>();
    f32(all);
    f64(all);
    ops(all);
    return all;
  }

  private static float[] floats(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) r.nextDouble(-1, 1);
    return v;
  }

  private static double[] doubles(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = r.nextDouble(-1, 1);
    return v;
  }

  private static void f32(List<ProbeCase> all) {
    int nr = KernelF32.NR, ldc = 2 * nr + 3;
    float[] a = floats(12 * KC, 1), b = floats(nr * KC, 2), c = new float[12 * ldc];
    float[] as = floats(12 * 3 * KC, 3);
    all.add(ProbeCase.kernel("matmul", "tile4.f32", () -> KernelF32.tile4(KC, a, 0, b, 0, c, 0, ldc)));
    all.add(ProbeCase.kernel("matmul", "tile12.f32", () -> KernelF32.tile12(KC, a, 0, b, 0, c, 0, ldc)));
    all.add(ProbeCase.kernel("matmul", "tile" + KernelF32.MR + ".dispatch.f32", () -> KernelF32.tile(KC, a, 0, b, 0, c, 0, ldc)));
    all.add(ProbeCase.kernel("matmul", "edge.f32", () -> KernelF32.edge(KC, a, 0, b, 0, c, 0, ldc, KernelF32.MR - 1, nr - 3)));
    all.add(ProbeCase.kernel("matmul", "tile4Strided.f32", () -> KernelF32.tile4Strided(KC, as, 0, 3 * KC, 1, b, 0, c, 0, ldc)));
    all.add(ProbeCase.kernel("matmul", "edge4Strided.f32",
        () -> KernelF32.edge4Strided(KC, as, 0, 3 * KC, 1, b, 0, c, 0, ldc, nr - 5)));
    int m = 37, n = 3 * nr + 5, k = 70;
    float[] x = floats(m * k, 4), y = floats(k * n, 5), z = new float[m * n];
    all.add(ProbeCase.kernel("matmul", "direct.alongColumns.f32",
        () -> DirectF32.alongColumns(x, 0, k, 1, y, 0, n, z, 0, n, 0, m, 0, n, k)));
    all.add(ProbeCase.kernel("matmul", "direct.alongK.f32",
        () -> DirectF32.alongK(x, 0, k, y, 0, k, z, 0, n, 1, 0, m, 0, n / 2, k)));
    float[] pa = new float[12 * KC * 8], pb = new float[nr * KC * 4];
    all.add(ProbeCase.kernel("matmul", "packA.f32", () -> PackF32.packA(x, 0, k, 1, m, Math.min(k, KC), pa)));
    all.add(ProbeCase.kernel("matmul", "packA.columnMajor.f32", () -> PackF32.packA(y, 0, 1, n, Math.min(n, 96), KC, pa)));
    all.add(ProbeCase.kernel("matmul", "packB.f32", () -> PackF32.packB(y, 0, n, 1, Math.min(k, KC), n, pb, 0)));
    // blocked, one thread: a 157 x 133 x 300 product has edge tiles in both dimensions and two KC slices;
    // 157 x 2*NR-3 x 300 takes the small-N path (A read in place for the 4-row tile)
    int bm = 157, bn = 133, bk = 300;
    float[] ba = floats(bm * bk, 6), bb = floats(bk * bn, 7), bc = new float[bm * bn];
    all.add(ProbeCase.kernel("matmul", "blocked.f32",
        () -> BlockedF32.gemm(ba, 0, bk, 1, bb, 0, bn, 1, bc, 0, bn, bm, bn, bk, 1)));
    int sn = 2 * nr - 3;
    all.add(ProbeCase.kernel("matmul", "blocked.smallN.f32",
        () -> BlockedF32.gemm(ba, 0, bk, 1, bb, 0, sn, 1, bc, 0, sn, bm, sn, bk, 1)));
  }

  private static void f64(List<ProbeCase> all) {
    int nr = KernelF64.NR, ldc = 2 * nr + 3;
    double[] a = doubles(12 * KC, 1), b = doubles(nr * KC, 2), c = new double[12 * ldc];
    double[] as = doubles(12 * 3 * KC, 3);
    all.add(ProbeCase.kernel("matmul", "tile4.f64", () -> KernelF64.tile4(KC, a, 0, b, 0, c, 0, ldc)));
    all.add(ProbeCase.kernel("matmul", "tile12.f64", () -> KernelF64.tile12(KC, a, 0, b, 0, c, 0, ldc)));
    all.add(ProbeCase.kernel("matmul", "edge.f64", () -> KernelF64.edge(KC, a, 0, b, 0, c, 0, ldc, KernelF64.MR - 1, nr - 3)));
    all.add(ProbeCase.kernel("matmul", "tile4Strided.f64", () -> KernelF64.tile4Strided(KC, as, 0, 3 * KC, 1, b, 0, c, 0, ldc)));
    all.add(ProbeCase.kernel("matmul", "edge4Strided.f64",
        () -> KernelF64.edge4Strided(KC, as, 0, 3 * KC, 1, b, 0, c, 0, ldc, nr - 1)));
    int m = 37, n = 3 * nr + 5, k = 70;
    double[] x = doubles(m * k, 4), y = doubles(k * n, 5), z = new double[m * n];
    all.add(ProbeCase.kernel("matmul", "direct.alongColumns.f64",
        () -> DirectF64.alongColumns(x, 0, k, 1, y, 0, n, z, 0, n, 0, m, 0, n, k)));
    all.add(ProbeCase.kernel("matmul", "direct.alongK.f64",
        () -> DirectF64.alongK(x, 0, k, y, 0, k, z, 0, n, 1, 0, m, 0, n / 2, k)));
    int bm = 157, bn = 133, bk = 300;
    double[] ba = doubles(bm * bk, 6), bb = doubles(bk * bn, 7), bc = new double[bm * bn];
    all.add(ProbeCase.kernel("matmul", "blocked.f64",
        () -> BlockedF64.gemm(ba, 0, bk, 1, bb, 0, bn, 1, bc, 0, bn, bm, bn, bk, 1)));
  }

  private static View view(Object array, DType t, int[] shape, int[] strides) {
    return new View(CpuBackend.INSTANCE.wrap(t, array), t, shape, strides, 0);
  }

  /** Gemm through the backend: the MLP's forward (NT), weight gradient (TN) and input gradient (NN). */
  private static void ops(List<ProbeCase> all) {
    CpuBackend be = CpuBackend.INSTANCE;
    int m = 128, n = 256, k = 200;
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      boolean f = t == DType.FLOAT32;
      String s = f ? ".f32" : ".f64";
      Object a = f ? floats(m * k, 8) : doubles(m * k, 8), b = f ? floats(k * n, 9) : doubles(k * n, 9);
      Object c = f ? new float[m * n] : new double[m * n];
      View out = view(c, t, new int[] {1, m, n}, new int[] {m * n, n, 1});
      View an = view(a, t, new int[] {1, m, k}, new int[] {m * k, k, 1});
      View bn = view(b, t, new int[] {1, k, n}, new int[] {k * n, n, 1});
      View at = view(a, t, new int[] {1, m, k}, new int[] {m * k, 1, m});
      View bt = view(b, t, new int[] {1, k, n}, new int[] {k * n, 1, k});
      all.add(ProbeCase.op("matmul", "op.matmul.NN" + s, () -> be.matmul(an, bn, out)));
      all.add(ProbeCase.op("matmul", "op.matmul.TN" + s, () -> be.matmul(at, bn, out)));
      all.add(ProbeCase.op("matmul", "op.matmul.NT" + s, () -> be.matmul(an, bt, out)));
      View small = view(f ? new float[m * 10] : new double[m * 10], t, new int[] {1, m, 10}, new int[] {m * 10, 10, 1});
      View b10 = view(b, t, new int[] {1, k, 10}, new int[] {k * 10, 1, k});
      all.add(ProbeCase.op("matmul", "op.matmul.NT.n10" + s, () -> be.matmul(an, b10, small)));
    }
  }

  /** c = a b through the blocked driver on one thread (a m x k, b k x n, row-major); for DeterminismProbe. */
  public static void blockedF32(float[] a, float[] b, float[] c, int m, int n, int k) {
    BlockedF32.gemm(a, 0, k, 1, b, 0, n, 1, c, 0, n, m, n, k, 1);
  }

  public static void blockedF64(double[] a, double[] b, double[] c, int m, int n, int k) {
    BlockedF64.gemm(a, 0, k, 1, b, 0, n, 1, c, 0, n, m, n, k, 1);
  }

  /** c = a b^T by dot products along k (b stored n x k); for DeterminismProbe. */
  public static void alongKF32(float[] a, float[] b, float[] c, int m, int n, int k) {
    DirectF32.alongK(a, 0, k, b, 0, k, c, 0, n, 1, 0, m, 0, Math.min(n, b.length / k), k);
  }
}
