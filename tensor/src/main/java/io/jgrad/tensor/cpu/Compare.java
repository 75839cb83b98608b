package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.BinaryOp;

/**
 * Comparisons and logical ops into BOOL, one loop per input carrier instead of a lambda per
 * element. Each element gets an outcome bit (comparisons: less 1, equal 2, greater 4,
 * unordered 8; logical ops: bit (a != 0) + 2 (b != 0)) and the op is the set of outcomes it
 * accepts, so the loop has no data-dependent branches. NaN is unordered: only NE accepts it.
 */
final class Compare {
  private Compare() {}

  /** Outcomes each op accepts, by the bit scheme above. */
  static int accepted(BinaryOp op) {
    return switch (op) {
      case LT -> 1;
      case LE -> 1 | 2;
      case EQ -> 2;
      case NE -> 1 | 4 | 8;
      case GT -> 4;
      case GE -> 4 | 2;
      case LOGICAL_AND -> 1 << 3;
      case LOGICAL_OR -> (1 << 1) | (1 << 2) | (1 << 3);
      case LOGICAL_XOR -> (1 << 1) | (1 << 2);
      default -> throw new IllegalArgumentException(op + " is not a comparison");
    };
  }

  static int cmp(double x, double y) {
    int c = (x < y ? 1 : 0) | (x == y ? 2 : 0) | (x > y ? 4 : 0);
    return c == 0 ? 8 : c;
  }

  private static int cmp(long x, long y) { return x < y ? 1 : x == y ? 2 : 4; }

  private static int logical(boolean x, boolean y) { return 1 << ((x ? 1 : 0) | (y ? 2 : 0)); }

  /** One row: o[oo + i*os] = op(a[ao + i*as], b[bo + i*bs]) for i < n; {@code vector} allows the Vector API twin. */
  static void row(BinaryOp op, Object a, int ao, int as, Object b, int bo, int bs, byte[] o, int oo, int os, int n,
      boolean vector) {
    int m = accepted(op);
    boolean logical = op == BinaryOp.LOGICAL_AND || op == BinaryOp.LOGICAL_OR || op == BinaryOp.LOGICAL_XOR;
    // One small method per carrier and kind: one method holding all ten loops compiled badly (3 ns/element).
    if (logical) {
      switch (a) {
        case float[] x -> logical(m, x, ao, as, (float[]) b, bo, bs, o, oo, os, n);
        case double[] x -> logical(m, x, ao, as, (double[]) b, bo, bs, o, oo, os, n);
        case int[] x -> logical(m, x, ao, as, (int[]) b, bo, bs, o, oo, os, n);
        case long[] x -> logical(m, x, ao, as, (long[]) b, bo, bs, o, oo, os, n);
        case byte[] x -> logical(m, x, ao, as, (byte[]) b, bo, bs, o, oo, os, n);
        default -> throw new IllegalStateException("unknown carrier " + a.getClass());
      }
      return;
    }
    if (vector && CompareF32.USABLE && a instanceof float[] x && as == 1 && os == 1 && (bs == 0 || bs == 1)) {
      CompareF32.row(m, x, ao, (float[]) b, bo, bs, o, oo, n);
      return;
    }
    switch (a) {
      case float[] x -> cmp(m, x, ao, as, (float[]) b, bo, bs, o, oo, os, n);
      case double[] x -> cmp(m, x, ao, as, (double[]) b, bo, bs, o, oo, os, n);
      case int[] x -> cmp(m, x, ao, as, (int[]) b, bo, bs, o, oo, os, n);
      case long[] x -> cmp(m, x, ao, as, (long[]) b, bo, bs, o, oo, os, n);
      case byte[] x -> cmp(m, x, ao, as, (byte[]) b, bo, bs, o, oo, os, n);
      default -> throw new IllegalStateException("unknown carrier " + a.getClass());
    }
  }

  private static void cmp(int m, float[] x, int ao, int as, float[] y, int bo, int bs, byte[] o, int oo, int os, int n) {
    for (int i = 0; i < n; i++) o[oo + i * os] = bit(m, cmp(x[ao + i * as], y[bo + i * bs]));
  }

  private static void logical(int m, float[] x, int ao, int as, float[] y, int bo, int bs, byte[] o, int oo, int os, int n) {
    for (int i = 0; i < n; i++) o[oo + i * os] = bit(m, logical(x[ao + i * as] != 0, y[bo + i * bs] != 0));
  }

  private static void cmp(int m, double[] x, int ao, int as, double[] y, int bo, int bs, byte[] o, int oo, int os, int n) {
    for (int i = 0; i < n; i++) o[oo + i * os] = bit(m, cmp(x[ao + i * as], y[bo + i * bs]));
  }

  private static void logical(int m, double[] x, int ao, int as, double[] y, int bo, int bs, byte[] o, int oo, int os, int n) {
    for (int i = 0; i < n; i++) o[oo + i * os] = bit(m, logical(x[ao + i * as] != 0, y[bo + i * bs] != 0));
  }

  private static void cmp(int m, int[] x, int ao, int as, int[] y, int bo, int bs, byte[] o, int oo, int os, int n) {
    for (int i = 0; i < n; i++) o[oo + i * os] = bit(m, cmp(x[ao + i * as], y[bo + i * bs]));
  }

  private static void logical(int m, int[] x, int ao, int as, int[] y, int bo, int bs, byte[] o, int oo, int os, int n) {
    for (int i = 0; i < n; i++) o[oo + i * os] = bit(m, logical(x[ao + i * as] != 0, y[bo + i * bs] != 0));
  }

  private static void cmp(int m, long[] x, int ao, int as, long[] y, int bo, int bs, byte[] o, int oo, int os, int n) {
    for (int i = 0; i < n; i++) o[oo + i * os] = bit(m, cmp(x[ao + i * as], y[bo + i * bs]));
  }

  private static void logical(int m, long[] x, int ao, int as, long[] y, int bo, int bs, byte[] o, int oo, int os, int n) {
    for (int i = 0; i < n; i++) o[oo + i * os] = bit(m, logical(x[ao + i * as] != 0, y[bo + i * bs] != 0));
  }

  private static void cmp(int m, byte[] x, int ao, int as, byte[] y, int bo, int bs, byte[] o, int oo, int os, int n) {
    for (int i = 0; i < n; i++) o[oo + i * os] = bit(m, cmp(x[ao + i * as], y[bo + i * bs]));
  }

  private static void logical(int m, byte[] x, int ao, int as, byte[] y, int bo, int bs, byte[] o, int oo, int os, int n) {
    for (int i = 0; i < n; i++) o[oo + i * os] = bit(m, logical(x[ao + i * as] != 0, y[bo + i * bs] != 0));
  }

  static byte bit(int accepted, int outcome) { return (byte) ((accepted & outcome) != 0 ? 1 : 0); }
}
