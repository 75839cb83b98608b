package io.jgrad.tensor.cpu;

/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11), the
 * counter-based generator PyTorch and cuRAND use on GPUs. {@code block(key, counter)} is a pure
 * function, so element i of a random fill depends only on (seed, offset + i), whatever the
 * thread count or device. The same constants are used by the GPU kernels.
 */
public final class Philox {
  private static final int M0 = 0xD2511F53, M1 = 0xCD9E8D57;
  private static final int W0 = 0x9E3779B9, W1 = 0xBB67AE85;

  private Philox() {}

  /** Fills {@code out[0..3]} with the 4 words for (seed, counter): key (seed lo, seed hi), counter (lo, hi, 0, 0). */
  public static void block(long seed, long counter, int[] out) {
    block((int) seed, (int) (seed >>> 32), (int) counter, (int) (counter >>> 32), 0, 0, out);
  }

  /**
   * The full Philox4x32-10 bijection: 2-word key, 4-word counter (word 0 least significant),
   * as Random123's {@code philox4x32(ctr, key)}; checked against its known-answer vectors.
   */
  public static void block(int k0, int k1, int c0, int c1, int c2, int c3, int[] out) {
    for (int r = 0; r < 10; r++) {
      long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
      long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
      int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
      int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
      c1 = (int) p1;
      c3 = (int) p0;
      c0 = n0;
      c2 = n2;
      k0 += W0;
      k1 += W1;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
  }

  /** Uniform in [0, 1) with 24 random bits (exact in float32). */
  public static float unitFloat(int word) { return (word >>> 8) * 0x1.0p-24f; }

  /** Uniform in [0, 1) with 53 random bits. */
  public static double unitDouble(int hi, int lo) {
    long bits = ((long) (hi >>> 5) << 26) | (lo >>> 6);
    return bits * 0x1.0p-53;
  }
}
