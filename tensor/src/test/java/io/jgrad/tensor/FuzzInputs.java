package io.jgrad.tensor;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;

/**
 * Random tensors for the kernel fuzzer: shapes of rank 0-4 with sizes around the vector width
 * (0, 1, lanes - 1, lanes, lanes + 1, primes), values with occasional zeros, signed zeros, NaN,
 * infinities and large magnitudes, and layouts that are contiguous, transposed, strided (a
 * slice with a step), offset (a select from a larger tensor), broadcast (an expanded size-1
 * dim) or a combination. {@link #describe} says how a tensor was made, for the failure report.
 */
final class FuzzInputs {
  static final int LANES = FloatVector.SPECIES_PREFERRED.length();
  static final int MAX_NUMEL = 1500;
  private static final int[] SIZES = {0, 1, 1, 2, 3, 4, 5, 7, LANES - 1, LANES, LANES + 1, 2 * LANES + 1, 13, 17, 31};

  private final SplittableRandom r;
  final StringBuilder log = new StringBuilder();

  FuzzInputs(SplittableRandom r) { this.r = r; }

  String describe() { return log.toString(); }

  int nextInt(int n) { return r.nextInt(n); }

  boolean chance(double p) { return r.nextDouble() < p; }

  /** A random shape of rank lo..hi with at most {@link #MAX_NUMEL} elements (empty dims rarely). */
  int[] shape(int lo, int hi) {
    while (true) {
      int rank = lo + r.nextInt(hi - lo + 1);
      int[] s = new int[rank];
      long n = 1;
      for (int i = 0; i < rank; i++) {
        s[i] = SIZES[r.nextInt(SIZES.length)];
        if (s[i] == 0 && r.nextInt(4) != 0) s[i] = 1 + r.nextInt(6);
        n *= Math.max(1, s[i]);
      }
      if (n <= MAX_NUMEL) return s;
    }
  }

  /** A shape that broadcasts to {@code s}: some dims set to 1, maybe leading dims dropped. */
  int[] broadcastable(int[] s) {
    int drop = s.length > 0 && chance(0.3) ? r.nextInt(s.length + 1) : 0;
    int[] out = new int[s.length - drop];
    for (int i = 0; i < out.length; i++) out[i] = chance(0.3) ? 1 : s[i + drop];
    return out;
  }

  /** A value in the domain: any (with specials), pos (> 0), unit (|x| < 1), int. */
  double value(String domain) {
    double g = r.nextGaussian() * 3;
    return switch (domain) {
      case "pos" -> Math.abs(g) + 1e-3;
      case "unit" -> r.nextDouble(-0.99, 0.99);
      case "int" -> r.nextInt(-50, 51);
      case "nz" -> {
        int v = r.nextInt(-20, 21);
        yield v == 0 ? 3 : v;
      }
      default -> {
        int k = r.nextInt(60);
        yield switch (k) {
          case 0 -> 0.0;
          case 1 -> -0.0;
          case 2 -> Double.NaN;
          case 3 -> Double.POSITIVE_INFINITY;
          case 4 -> Double.NEGATIVE_INFINITY;
          case 5 -> g * 1e6;
          case 6 -> g * 1e-6;
          case 7 -> 30 * Math.signum(g);
          default -> g;
        };
      }
    };
  }

  private Tensor dense(int[] shape, DType dtype, String domain) {
    int n = Shapes.numel(shape);
    if (dtype == DType.BOOL) {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) b[i] = (byte) (r.nextBoolean() ? 1 : 0);
      return Tensor.fromArray(b, shape);
    }
    String dom = dtype.isFloatingPoint() ? domain : (domain.equals("nz") ? "nz" : "int");
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = value(dom);
    Tensor t = Tensor.fromArray(v, shape);
    return dtype == DType.FLOAT64 ? t : t.to(dtype);
  }

  /** A tensor of exactly {@code shape}, in a random layout. */
  Tensor tensor(int[] shape, DType dtype, String domain) {
    int layout = r.nextInt(10);
    int rank = shape.length;
    Tensor t;
    if (layout <= 3 || rank == 0) {
      log.append(dtype).append(Shapes.str(shape)).append(" contiguous; ");
      t = dense(shape, dtype, domain);
    } else if (layout <= 5 && rank >= 2) {
      int i = r.nextInt(rank), j = r.nextInt(rank);
      int[] b = shape.clone();
      b[i] = shape[j];
      b[j] = shape[i];
      log.append(dtype).append(Shapes.str(shape)).append(" transpose(").append(i).append(',').append(j).append(") of ")
          .append(Shapes.str(b)).append("; ");
      t = dense(b, dtype, domain).transpose(i, j);
    } else if (layout <= 7 && Shapes.numel(shape) > 0) {
      int d = r.nextInt(rank), step = 2 + r.nextInt(2), off = r.nextInt(2);
      int[] b = shape.clone();
      b[d] = off + (shape[d] - 1) * step + 1;
      log.append(dtype).append(Shapes.str(shape)).append(" slice(dim ").append(d).append(", from ").append(off).append(", step ")
          .append(step).append(") of ").append(Shapes.str(b)).append("; ");
      t = dense(b, dtype, domain).slice(d, off, off + (shape[d] - 1) * step + 1, step);
    } else if (layout == 8) {
      int[] b = new int[rank + 1];
      b[0] = 2;
      System.arraycopy(shape, 0, b, 1, rank);
      log.append(dtype).append(Shapes.str(shape)).append(" select(0, 1) of ").append(Shapes.str(b)).append("; ");
      t = dense(b, dtype, domain).select(0, 1);
    } else {
      int d = r.nextInt(rank);
      int[] b = shape.clone();
      b[d] = 1;
      log.append(dtype).append(Shapes.str(shape)).append(" expand of ").append(Shapes.str(b)).append("; ");
      t = dense(b, dtype, domain).expand(shape);
    }
    return t;
  }

  /** A random subset of dims (at least one when the rank allows; may be all). */
  int[] dims(int rank) {
    if (rank == 0) return new int[0];
    java.util.List<Integer> l = new java.util.ArrayList<>();
    for (int d = 0; d < rank; d++) if (chance(0.4)) l.add(chance(0.3) ? d - rank : d);
    if (l.isEmpty()) l.add(r.nextInt(rank));
    return l.stream().mapToInt(Integer::intValue).toArray();
  }
}
