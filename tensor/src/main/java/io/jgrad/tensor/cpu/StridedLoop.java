package io.jgrad.tensor.cpu;

/**
 * Walks several views of one shape row by row, the way PyTorch's TensorIterator does: dims of
 * size 1 are dropped, dims that are contiguous across every operand are merged, and the body
 * gets the start offset of each operand and each operand's stride along the innermost dim.
 * Kernels then run a tight (vector) loop when every inner stride is 1, and a strided loop
 * otherwise. Rows may run on several threads above {@code minParallel} elements.
 */
public final class StridedLoop {
  /** One innermost row of {@code n} elements. {@code offsets} must not be kept. */
  @FunctionalInterface
  public interface Row {
    void run(int n, int[] offsets, int[] innerStrides);
  }

  private final int[] shape;     // collapsed shape, innermost last, at least rank 1
  private final int[][] strides; // [operand][dim]
  private final int[] base;

  /** shape shared by all operands; strides[k] and offsets[k] describe operand k. */
  public StridedLoop(int[] shape, int[][] strides, int[] offsets) {
    int ops = strides.length;
    int[] s = new int[Math.max(shape.length, 1)];
    int[][] st = new int[ops][Math.max(shape.length, 1)];
    int r = 0;
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] == 1) continue;
      if (r > 0 && mergeable(strides, d, shape[d], st, r - 1)) {
        s[r - 1] *= shape[d];
        for (int k = 0; k < ops; k++) st[k][r - 1] = strides[k][d];
        continue;
      }
      s[r] = shape[d];
      for (int k = 0; k < ops; k++) st[k][r] = strides[k][d];
      r++;
    }
    for (int d : shape) if (d == 0) r = -1;
    if (r == 0) { s[0] = 1; r = 1; }
    if (r < 0) { this.shape = new int[] {0}; r = 1; } else this.shape = java.util.Arrays.copyOf(s, r);
    this.strides = new int[ops][];
    for (int k = 0; k < ops; k++) this.strides[k] = java.util.Arrays.copyOf(st[k], r);
    this.base = offsets.clone();
  }

  private static boolean mergeable(int[][] strides, int d, int size, int[][] st, int prev) {
    for (int k = 0; k < strides.length; k++) if (st[k][prev] != strides[k][d] * size) return false;
    return true;
  }

  /** Elements in total. */
  public long numel() {
    long n = 1;
    for (int s : shape) n *= s;
    return n;
  }

  public int innerSize() { return shape[shape.length - 1]; }

  public int rows() {
    int r = 1;
    for (int d = 0; d < shape.length - 1; d++) r *= shape[d];
    return r;
  }

  /** Runs every row on the calling thread. */
  public void run(Row body) { runRows(0, rows(), body); }

  /** Runs rows in parallel when there are at least {@code minParallel} elements. */
  public void run(Row body, long minParallel) {
    int rows = rows();
    if (numel() < minParallel || rows < 2 || Parallel.threads() < 2) {
      runRows(0, rows, body);
      return;
    }
    Parallel.forRange(rows, (lo, hi) -> runRows(lo, hi, body));
  }

  /** Runs rows [lo, hi). */
  public void runRows(int lo, int hi, Row body) {
    if (shape[shape.length - 1] == 0 || lo >= hi) return;
    int rank = shape.length, ops = strides.length;
    int[] idx = new int[Math.max(rank - 1, 1)];
    int[] off = new int[ops];
    int[] inner = new int[ops];
    // Decompose the starting row into a multi-index over the outer dims.
    int rem = lo;
    for (int d = rank - 2; d >= 0; d--) {
      idx[d] = rem % shape[d];
      rem /= shape[d];
    }
    for (int k = 0; k < ops; k++) {
      int o = base[k];
      for (int d = 0; d < rank - 1; d++) o += idx[d] * strides[k][d];
      off[k] = o;
      inner[k] = strides[k][rank - 1];
    }
    int n = shape[rank - 1];
    int[] passed = new int[ops];
    for (int row = lo; row < hi; row++) {
      System.arraycopy(off, 0, passed, 0, ops);
      body.run(n, passed, inner);
      for (int d = rank - 2; d >= 0; d--) {
        if (++idx[d] < shape[d]) {
          for (int k = 0; k < ops; k++) off[k] += strides[k][d];
          break;
        }
        idx[d] = 0;
        for (int k = 0; k < ops; k++) off[k] -= strides[k][d] * (shape[d] - 1);
      }
    }
  }
}
