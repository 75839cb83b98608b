package io.jgrad.tensor.cpu;

/**
 * Per-thread scratch arrays that kernels reuse from call to call, so that no kernel allocates in
 * steady state (KernelAllocationTest): the pads that run a row's last partial vector through the
 * vector loop, and rows of running values (softmax over columns, column sums, pooling planes).
 * A kernel may hold several slots at once but must not call another kernel that uses the same
 * slot; each slot grows to the largest size asked and is kept.
 */
final class ThreadScratch {
  private ThreadScratch() {}

  /** Elements of a chunk: a multiple of every lane count, 2-4 KB, so a chunk stays in L1. */
  static final int CHUNK = 512;
  /**
   * Slots: 0 and 1 for a kernel's rows, 2 the row tail pad, 3 the math functions' tail pad, 4 to 6
   * chunks, 7 the lanes of one vector.
   */
  private static final ThreadLocal<float[][]> F32 = ThreadLocal.withInitial(() -> new float[8][]);
  private static final ThreadLocal<double[][]> F64 = ThreadLocal.withInitial(() -> new double[8][]);
  private static final ThreadLocal<long[][]> I64 = ThreadLocal.withInitial(() -> new long[3][]);
  private static final ThreadLocal<int[][]> I32 = ThreadLocal.withInitial(() -> new int[2][]);

  /** Two vectors of float32 lanes: input then output of a tail. */
  static float[] padF32() { return f32(2, 2 * CpuConfig.FLOAT.length()); }

  /** Two vectors of float64 lanes. */
  static double[] padF64() { return f64(2, 2 * CpuConfig.DOUBLE.length()); }

  /**
   * One vector's lanes, for a lane sum in a fixed order: {@code reduceLanes(ADD)} adds them in
   * sequence when interpreted but as a tree once C2 compiles it, so its last bits depend on the JIT.
   */
  static float[] lanesF32() { return f32(7, CpuConfig.FLOAT.length()); }

  static double[] lanesF64() { return f64(7, CpuConfig.DOUBLE.length()); }

  /** The pad of {@link VectorMathF32}'s functions, apart from the row pad their callers may hold. */
  static float[] mathPadF32() { return f32(3, 2 * CpuConfig.FLOAT.length()); }

  static double[] mathPadF64() { return f64(3, 2 * CpuConfig.DOUBLE.length()); }

  /** Chunk buffer 0, 1 or 2 ({@link #CHUNK} elements) for kernels that run a row in passes. */
  static float[] chunkF32(int which) { return f32(4 + which, CHUNK); }

  static double[] chunkF64(int which) { return f64(4 + which, CHUNK); }

  /** At least n floats in slot 0 or 1; the contents are left over from the last use. */
  static float[] f32(int slot, int n) {
    float[][] s = F32.get();
    if (s[slot] == null || s[slot].length < n) s[slot] = new float[n];
    return s[slot];
  }

  static double[] f64(int slot, int n) {
    double[][] s = F64.get();
    if (s[slot] == null || s[slot].length < n) s[slot] = new double[n];
    return s[slot];
  }

  /** At least n ints in slot 0 or 1. */
  static int[] i32(int slot, int n) {
    int[][] s = I32.get();
    if (s[slot] == null || s[slot].length < n) s[slot] = new int[n];
    return s[slot];
  }

  /** At least n longs in slot 0, 1 or 2. */
  static long[] i64(int slot, int n) {
    long[][] s = I64.get();
    if (s[slot] == null || s[slot].length < n) s[slot] = new long[n];
    return s[slot];
  }
}
