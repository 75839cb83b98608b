package io.jgrad.tensor.cpu;

/**
 * Runs an elementwise row body over a {@link StridedLoop}, in parallel above
 * {@link #PARALLEL_MIN} elements. Rows are split across threads when there are enough of
 * them; a few long rows (a contiguous 1-D tensor is one row) are cut into chunks instead,
 * since StridedLoop alone would leave every thread but one idle.
 */
final class Rows {
  /** Below this many elements the hand-off to other threads costs more than it saves. */
  static final long PARALLEL_MIN = 1 << 18;

  private Rows() {}

  static void run(StridedLoop loop, StridedLoop.Row body) {
    int threads = Parallel.threads();
    if (loop.numel() < PARALLEL_MIN || threads < 2) {
      loop.run(body);
    } else if (loop.rows() >= threads) {
      loop.run(body, PARALLEL_MIN);
    } else {
      loop.run((n, offsets, strides) -> splitRow(n, offsets.clone(), strides.clone(), body));
    }
  }

  private static void splitRow(int n, int[] offsets, int[] strides, StridedLoop.Row body) {
    Parallel.forRange(n, (lo, hi) -> {
      int[] o = new int[offsets.length];
      for (int k = 0; k < o.length; k++) o[k] = offsets[k] + lo * strides[k];
      body.run(hi - lo, o, strides);
    });
  }
}
