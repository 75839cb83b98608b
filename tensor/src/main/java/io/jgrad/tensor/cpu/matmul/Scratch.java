package io.jgrad.tensor.cpu.matmul;

/**
 * Per-thread packing buffers, kept between calls: fresh memory costs a page fault per 4 KB on
 * first touch (PERF.md), more than the packing itself. A thread uses its A buffer, its B buffer
 * (shared read-only with the workers during one call) and a tile for edge tiles at once, so
 * each has its own slot.
 */
final class Scratch {
  private Scratch() {}

  private static final ThreadLocal<float[][]> F32 = ThreadLocal.withInitial(() -> new float[5][]);
  private static final ThreadLocal<double[][]> F64 = ThreadLocal.withInitial(() -> new double[5][]);

  static float[] packAF32(int n) { return f32(0, n); }

  static float[] packF32(int n) { return f32(1, n); }

  static float[] tileF32(int n) { return f32(2, n); }

  /** A dense product to scatter into a strided output (held while the blocked product runs). */
  static float[] outF32(int n) { return f32(4, n); }

  static double[] outF64(int n) { return f64(4, n); }

  /** One vector's lanes, summed in lane order (reduceLanes' order depends on the JIT). */
  static float[] lanesF32() { return f32(3, KernelF32.L); }

  static double[] lanesF64() { return f64(3, KernelF64.L); }

  static double[] packAF64(int n) { return f64(0, n); }

  static double[] packF64(int n) { return f64(1, n); }

  static double[] tileF64(int n) { return f64(2, n); }

  private static float[] f32(int slot, int n) {
    float[][] s = F32.get();
    if (s[slot] == null || s[slot].length < n) s[slot] = new float[n];
    return s[slot];
  }

  private static double[] f64(int slot, int n) {
    double[][] s = F64.get();
    if (s[slot] == null || s[slot].length < n) s[slot] = new double[n];
    return s[slot];
  }
}
