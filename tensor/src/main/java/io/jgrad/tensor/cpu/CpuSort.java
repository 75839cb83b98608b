package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.View;
import java.util.Arrays;

/**
 * Stable sort along one axis of a strided view, with the permutation as INT64 indices.
 *
 * <p>Each line is turned into integer keys whose signed order is the element order
 * (floats by their IEEE bits with the sign folded in, -0.0 made equal to 0.0, every NaN made
 * the largest key, as PyTorch sorts NaN last in ascending order). Descending order uses the
 * bitwise complement of the keys, so ties keep their original order in both directions,
 * like {@code torch.sort(stable=True)}. 32-bit keys are packed with their position into one
 * long and sorted by {@link Arrays#sort(long[], int, int)}; 64-bit keys (float64, int64) go
 * through a stable merge sort of (key, position) pairs. Values are
 * copied from the input through the permutation, so NaN payloads and -0.0 survive.
 */
final class CpuSort {
  private static final long PARALLEL_MIN = 1 << 15;
  private static final int INSERTION_MAX = 16;

  private CpuSort() {}

  static void sort(View x, int axis, boolean descending, View values, View indices) {
    if (x.rank() == 0) {
      sort(CpuIndex.asVector(x), 0, descending, CpuIndex.asVector(values), CpuIndex.asVector(indices));
      return;
    }
    int len = x.shape()[axis];
    int lines = len == 0 ? 0 : Math.toIntExact(x.numel() / len);
    if (lines == 0) return;
    Object src = ((CpuBuffer) x.buffer()).array(), dst = ((CpuBuffer) values.buffer()).array();
    long[] ind = ((CpuBuffer) indices.buffer()).i64();
    Parallel.Range body = (lo, hi) -> {
      // per-thread scratch, reused from call to call (a 1M-element sort allocated 24 MB per call)
      long[] keys = ThreadScratch.i64(0, len), keyTmp = ThreadScratch.i64(1, len);
      int[] perm = ThreadScratch.i32(0, len), permTmp = ThreadScratch.i32(1, len);
      int[] xs = x.strides(), vs = values.strides(), is = indices.strides(), shape = x.shape();
      for (int line = lo; line < hi; line++) {
        // Offsets of this line's first element: decompose the line number over the other dims.
        int xo = x.offset(), vo = values.offset(), io = indices.offset(), rem = line;
        for (int d = shape.length - 1; d >= 0; d--) {
          if (d == axis) continue;
          int c = rem % shape[d];
          rem /= shape[d];
          xo += c * xs[d];
          vo += c * vs[d];
          io += c * is[d];
        }
        int xa = xs[axis];
        if (src instanceof long[] || src instanceof double[]) {
          keys64(src, xo, xa, len, descending, keys);
          for (int i = 0; i < len; i++) perm[i] = i;
          mergeSort(keys, perm, keyTmp, permTmp, len);
        } else {
          // 32-bit keys: pack (key, position) into one long; positions make every key distinct,
          // so the fast unstable primitive sort yields the stable order.
          keys32(src, xo, xa, len, descending, keys);
          Arrays.sort(keys, 0, len);
          for (int i = 0; i < len; i++) perm[i] = (int) keys[i];
        }
        for (int i = 0; i < len; i++) ind[io + i * is[axis]] = perm[i];
        permute(src, xo, xa, perm, len, dst, vo, vs[axis]);
      }
    };
    if (x.numel() < PARALLEL_MIN || lines < 2 || Parallel.threads() < 2) body.run(0, lines);
    else Parallel.forRange(lines, body);
  }

  /** Signed-order keys of a line of 64-bit elements (float64, int64), complemented for descending. */
  private static void keys64(Object src, int off, int stride, int len, boolean descending, long[] keys) {
    long flip = descending ? -1L : 0L; // k ^ -1 == ~k reverses the order
    switch (src) {
      case double[] a -> { for (int i = 0; i < len; i++) keys[i] = doubleKey(a[off + i * stride]) ^ flip; }
      case long[] a -> { for (int i = 0; i < len; i++) keys[i] = a[off + i * stride] ^ flip; }
      default -> throw new IllegalStateException("not a 64-bit carrier " + src.getClass());
    }
  }

  /** (key << 32 | position) for a line of 32-bit or smaller elements (float32, int32, bool). */
  private static void keys32(Object src, int off, int stride, int len, boolean descending, long[] keys) {
    int flip = descending ? -1 : 0;
    switch (src) {
      case float[] a -> { for (int i = 0; i < len; i++) keys[i] = (long) (floatKey32(a[off + i * stride]) ^ flip) << 32 | i; }
      case int[] a -> { for (int i = 0; i < len; i++) keys[i] = (long) (a[off + i * stride] ^ flip) << 32 | i; }
      case byte[] a -> { for (int i = 0; i < len; i++) keys[i] = (long) (a[off + i * stride] ^ flip) << 32 | i; }
      default -> throw new IllegalStateException("not a 32-bit carrier " + src.getClass());
    }
  }

  /** dst[vo + i*vs] = src[off + perm[i]*stride]. */
  private static void permute(Object src, int off, int stride, int[] perm, int len, Object dst, int vo, int vs) {
    switch (src) {
      case float[] a -> { float[] b = (float[]) dst; for (int i = 0; i < len; i++) b[vo + i * vs] = a[off + perm[i] * stride]; }
      case double[] a -> { double[] b = (double[]) dst; for (int i = 0; i < len; i++) b[vo + i * vs] = a[off + perm[i] * stride]; }
      case int[] a -> { int[] b = (int[]) dst; for (int i = 0; i < len; i++) b[vo + i * vs] = a[off + perm[i] * stride]; }
      case long[] a -> { long[] b = (long[]) dst; for (int i = 0; i < len; i++) b[vo + i * vs] = a[off + perm[i] * stride]; }
      case byte[] a -> { byte[] b = (byte[]) dst; for (int i = 0; i < len; i++) b[vo + i * vs] = a[off + perm[i] * stride]; }
      default -> throw new IllegalStateException("unknown carrier " + src.getClass());
    }
  }

  /** An int whose signed order is the float order; NaN largest, -0.0 == 0.0. */
  static int floatKey32(float f) {
    if (f != f) return Integer.MAX_VALUE;
    int b = Float.floatToRawIntBits(f == 0 ? 0f : f);
    return b ^ ((b >> 31) & 0x7fffffff);
  }

  static long doubleKey(double d) {
    if (d != d) return Long.MAX_VALUE;
    long b = Double.doubleToRawLongBits(d == 0 ? 0.0 : d);
    return b ^ ((b >> 63) & Long.MAX_VALUE);
  }

  /**
   * Stable bottom-up merge sort of (keys, perm) pairs by key, over runs first sorted by
   * insertion. Stability: merges take from the left run on equal keys.
   */
  static void mergeSort(long[] keys, int[] perm, long[] keyTmp, int[] permTmp, int n) {
    for (int lo = 0; lo < n; lo += INSERTION_MAX) insertion(keys, perm, lo, Math.min(lo + INSERTION_MAX, n));
    long[] k = keys, kt = keyTmp;
    int[] p = perm, pt = permTmp;
    for (int width = INSERTION_MAX; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
        merge(k, p, kt, pt, lo, mid, hi);
      }
      long[] ks = k; k = kt; kt = ks;
      int[] ps = p; p = pt; pt = ps;
    }
    if (k != keys) {
      System.arraycopy(k, 0, keys, 0, n);
      System.arraycopy(p, 0, perm, 0, n);
    }
  }

  private static void insertion(long[] k, int[] p, int lo, int hi) {
    for (int i = lo + 1; i < hi; i++) {
      long kv = k[i];
      int pv = p[i];
      int j = i - 1;
      while (j >= lo && k[j] > kv) {
        k[j + 1] = k[j];
        p[j + 1] = p[j];
        j--;
      }
      k[j + 1] = kv;
      p[j + 1] = pv;
    }
  }

  private static void merge(long[] k, int[] p, long[] kt, int[] pt, int lo, int mid, int hi) {
    int i = lo, j = mid, o = lo;
    while (i < mid && j < hi) {
      if (k[j] < k[i]) { kt[o] = k[j]; pt[o++] = p[j++]; }
      else { kt[o] = k[i]; pt[o++] = p[i++]; }
    }
    while (i < mid) { kt[o] = k[i]; pt[o++] = p[i++]; }
    while (j < hi) { kt[o] = k[j]; pt[o++] = p[j++]; }
  }
}
