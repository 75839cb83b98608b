package io.jgrad.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by every op: sizes, strides, broadcasting, dim normalisation. */
public final class Shapes {
  private Shapes() {}

  /**
   * The most elements one tensor can hold: its memory is one Java array, and HotSpot refuses
   * arrays within a few elements of {@code Integer.MAX_VALUE} ("Requested array size exceeds VM
   * limit"), so the limit is the JDK's own soft maximum, {@code Integer.MAX_VALUE - 8}.
   */
  public static final int MAX_NUMEL = Integer.MAX_VALUE - 8;

  /**
   * Number of elements; throws when a size is negative or when the count exceeds
   * {@link #MAX_NUMEL}, naming the shape and the count. The product is checked at every step, so
   * a shape whose count overflows even a long (three sizes of 2^22, or four of 2^16, multiply to
   * 2^64, which wraps to 0) is refused rather than wrapped to a small number.
   */
  public static int numel(int[] shape) {
    long n = exactNumel(shape);
    if (n < 0) {
      throw new IllegalArgumentException("shape " + str(shape) + " has " + countOf(shape) + " elements, more than the "
          + MAX_NUMEL + " one tensor can hold (its data is one Java array)");
    }
    return (int) n;
  }

  /** The element count when it is at most {@link #MAX_NUMEL}, else -1; throws on a negative size. */
  static long exactNumel(int[] shape) {
    boolean empty = false;
    for (int s : shape) {
      if (s < 0) throw new IllegalArgumentException("negative size in shape " + str(shape));
      if (s == 0) empty = true;
    }
    if (empty) return 0;
    long n = 1;
    for (int s : shape) {
      // n <= MAX_NUMEL < 2^31 and s < 2^31, so the product fits a long before the check.
      n *= s;
      if (n > MAX_NUMEL) return -1;
    }
    return n;
  }

  /** The exact element count as text, however large (for messages). */
  static String countOf(int[] shape) {
    java.math.BigInteger n = java.math.BigInteger.ONE;
    for (int s : shape) n = n.multiply(java.math.BigInteger.valueOf(s));
    return n.toString();
  }

  /** Row-major strides; a size-0 dim counts as 1, as in PyTorch ({@code torch.empty(3, 0).stride() == (1, 1)}). */
  public static int[] contiguousStrides(int[] shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      s[d] = acc;
      acc *= Math.max(shape[d], 1);
    }
    return s;
  }

  /** NumPy broadcasting of two shapes; {@code op} names the caller in the error. */
  public static int[] broadcast(String op, int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
            + " cannot be broadcast (dim " + i + ": " + da + " vs " + db + ")");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /** A dim in [-rank, rank) made non-negative. */
  public static int dim(String op, int dim, int rank) {
    int r = Math.max(rank, 1);
    if (dim < -r || dim >= r) {
      throw new IllegalArgumentException(op + ": dim " + dim + " out of range for a tensor of rank " + rank
          + " (expected in [" + -r + ", " + (r - 1) + "])");
    }
    return dim < 0 ? dim + r : dim;
  }

  /** Several dims normalised, sorted and checked for repeats; empty means "all dims". */
  public static int[] dims(String op, int[] dims, int rank) {
    if (dims.length == 0) {
      int[] all = new int[rank];
      for (int i = 0; i < rank; i++) all[i] = i;
      return all;
    }
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) out[i] = rank == 0 ? dim(op, dims[i], 0) * 0 : dim(op, dims[i], rank);
    Arrays.sort(out);
    for (int i = 1; i < out.length; i++) {
      if (out[i] == out[i - 1]) {
        throw new IllegalArgumentException(op + ": dim " + out[i] + " appears more than once in " + Arrays.toString(dims));
      }
    }
    return rank == 0 ? new int[0] : out;
  }

  /** The shape with {@code dims} set to 1 (keepDim) or removed. */
  public static int[] reduced(int[] shape, int[] dims, boolean keepDim) {
    int[] kept = shape.clone();
    for (int d : dims) kept[d] = 1;
    if (keepDim) return kept;
    int[] out = new int[shape.length - dims.length];
    int j = 0;
    outer:
    for (int i = 0; i < shape.length; i++) {
      for (int d : dims) if (d == i) continue outer;
      out[j++] = shape[i];
    }
    return out;
  }

  /** "[2, 3]". */
  public static String str(int[] shape) { return Arrays.toString(shape); }
}
