package io.jgrad.kernels.opencl;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.Backends;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.View;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Differential testing of an SPI call: the same call runs on the CPU backend and on OpenCL
 * with the same inputs, and every view (inputs included: they must stay unmodified) and the
 * returned buffer (if any) are compared.
 *
 * <pre>{@code
 * for (int[] shape : Differential.SHAPES)
 *   for (Differential.Layout l : Differential.Layout.values()) {
 *     Input x = Differential.input(DType.FLOAT32, shape, l, rnd);
 *     Input out = Differential.output(DType.FLOAT32, shape, rnd);
 *     cases += Differential.check("exp " + x, (be, v) -> { be.unary(UnaryOp.EXP, v[0], v[1]); return null; },
 *         Differential.tolerance(DType.FLOAT32), x, out);
 *   }
 * }</pre>
 * Outputs are inputs too (seeded random contents, so an element a kernel forgets to write
 * differs). Floats compare with {@code |got - want| <= atol + rtol |want|}, NaN equal to NaN;
 * ints and bools exactly.
 */
public final class Differential {
  /** Shapes of the golden tests: empty, one element, tails around vector widths, ranks 2..4. */
  public static final List<int[]> SHAPES = List.of(new int[] {0}, new int[] {}, new int[] {1}, new int[] {15},
      new int[] {16}, new int[] {17}, new int[] {33}, new int[] {97}, new int[] {3, 0}, new int[] {4, 5},
      new int[] {2, 3, 17}, new int[] {7, 1, 33}, new int[] {2, 3, 2, 5});

  /** How an input's elements sit in its base array. */
  public enum Layout {
    /** Row-major, offset 0. */ CONTIGUOUS,
    /** Column-major (every dim order reversed), as a transposed tensor. */ TRANSPOSED,
    /** Row-major with the last dim stepping by 2 and offset 3, as a sliced tensor. */ STRIDED,
    /** The first dim of size > 1 has stride 0 (broadcast); inputs only. */ BROADCAST
  }

  /** A seeded view description: a base array (carrier of dtype) and the view on it. */
  public record Input(String label, DType dtype, Object base, int[] shape, int[] strides, int offset) {
    /** Uploads the base to {@code be} and returns the view; the caller releases the buffer. */
    public View on(Backend be) {
      Buffer b = be.upload(dtype, base);
      return new View(b, dtype, shape, strides, offset);
    }

    /** The same input under another label. */
    public Input relabel(String newLabel) { return new Input(newLabel, dtype, base, shape, strides, offset); }

    @Override
    public String toString() { return label + " " + dtype + Arrays.toString(shape); }
  }

  /** Tolerances for one comparison. */
  public record Tolerance(double rtol, double atol) {}

  /** Values for a random base array. */
  @FunctionalInterface
  public interface Values { double next(SplittableRandom r, DType t); }

  /** The SPI call under test; {@code v} holds the views of the inputs given to {@link #check}, in order. */
  @FunctionalInterface
  public interface Call { Buffer run(Backend be, View[] v); }

  /** Uniform in [-3, 3) for floats, [-20, 20] for ints, 0/1 for bools. */
  public static final Values DEFAULT = (r, t) -> switch (t.category()) {
    case FLOATING -> r.nextDouble(-3, 3);
    case INTEGRAL -> r.nextInt(-20, 21);
    case BOOL -> r.nextInt(2);
  };

  /** DEFAULT with 20% special values: 0, -0, +-inf, NaN, halves (rounding ties), 1, -1. */
  public static final Values SPECIALS = (r, t) -> {
    if (!t.isFloatingPoint() || r.nextInt(5) != 0) return DEFAULT.next(r, t);
    double[] s = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0.5, -0.5, 1.5, 2.5, -2.5, 1, -1};
    return s[r.nextInt(s.length)];
  };

  private Differential() {}

  /** The OpenCL backend under test: {@code opencl:<jgrad.opencl.device>} (default 0). */
  public static Backend opencl() { return OpenClProvider.backend(Integer.getInteger("jgrad.opencl.device", 0)); }

  public static Tolerance tolerance(DType t) {
    return switch (t) {
      case FLOAT32 -> new Tolerance(1e-5, 1e-6);
      case FLOAT64 -> new Tolerance(1e-10, 1e-12);
      default -> new Tolerance(0, 0);
    };
  }

  public static Input input(DType t, int[] shape, Layout layout, SplittableRandom r) {
    return input(t, shape, layout, r, DEFAULT);
  }

  /** A random input of {@code shape} laid out as {@code layout}. */
  public static Input input(DType t, int[] shape, Layout layout, SplittableRandom r, Values values) {
    int rank = shape.length;
    int[] strides = new int[rank];
    int offset = 0;
    long numel = 1;
    for (int s : shape) numel *= s;
    int acc = 1;
    switch (layout) {
      case CONTIGUOUS, BROADCAST -> {
        int bdim = -1;
        for (int d = 0; d < rank && layout == Layout.BROADCAST; d++) if (shape[d] > 1) { bdim = d; break; }
        for (int d = rank - 1; d >= 0; d--) {
          strides[d] = d == bdim ? 0 : acc;
          if (d != bdim) acc *= shape[d];
        }
      }
      case TRANSPOSED -> { for (int d = 0; d < rank; d++) { strides[d] = acc; acc *= shape[d]; } }
      case STRIDED -> {
        acc = 2;
        for (int d = rank - 1; d >= 0; d--) { strides[d] = acc; acc *= shape[d]; }
        acc = numel == 0 ? 0 : acc;
        offset = 3;
      }
    }
    int len = numel == 0 ? offset : Math.max(acc + offset, 1);
    return new Input(layout.name().toLowerCase(), t, base(t, len, r, values), shape.clone(), strides, offset);
  }

  /** A contiguous output (random initial contents). */
  public static Input output(DType t, int[] shape, SplittableRandom r) {
    return input(t, shape, Layout.CONTIGUOUS, r, DEFAULT).relabel("out");
  }

  /** A carrier array of {@code n} values drawn from {@code values}. */
  public static Object base(DType t, int n, SplittableRandom r, Values values) {
    Object a = Array.newInstance(t.carrier().componentType(), n);
    for (int i = 0; i < n; i++) {
      double v = values.next(r, t);
      switch (a) {
        case float[] f -> f[i] = (float) v;
        case double[] f -> f[i] = v;
        case int[] f -> f[i] = (int) v;
        case long[] f -> f[i] = (long) v;
        case byte[] f -> f[i] = (byte) (v != 0 ? 1 : 0);
        default -> throw new IllegalStateException();
      }
    }
    return a;
  }

  /** Runs {@code call} on both backends and compares every view and the returned buffer; returns 1. */
  public static int check(String label, Call call, Tolerance tol, Input... inputs) {
    List<Object> want = run(Backends.cpu(), call, inputs);
    List<Object> got = run(opencl(), call, inputs);
    for (int i = 0; i < want.size(); i++) {
      String what = i < inputs.length ? "view " + i + " (" + inputs[i] + ")" : "returned buffer";
      compare(label + ": " + what, want.get(i), got.get(i), tol);
    }
    return 1;
  }

  private static List<Object> run(Backend be, Call call, Input[] inputs) {
    View[] v = new View[inputs.length];
    List<Object> out = new ArrayList<>();
    try {
      for (int i = 0; i < inputs.length; i++) v[i] = inputs[i].on(be);
      Buffer ret = call.run(be, v);
      for (View x : v) out.add(be.download(x));
      if (ret != null) {
        out.add(be.download(new View(ret, ret.dtype(), new int[] {ret.length()}, new int[] {1}, 0)));
        ret.release();
      }
    } finally {
      for (View x : v) if (x != null) x.buffer().release();
    }
    return out;
  }

  /** Element-by-element comparison of two carrier arrays with a message naming the first mismatch. */
  public static void compare(String label, Object want, Object got, Tolerance tol) {
    int n = Array.getLength(want);
    if (Array.getLength(got) != n) throw new AssertionError(label + ": length " + Array.getLength(got) + ", expected " + n);
    boolean fp = want instanceof float[] || want instanceof double[];
    for (int i = 0; i < n; i++) {
      double w = ((Number) get(want, i)).doubleValue(), g = ((Number) get(got, i)).doubleValue();
      boolean ok = fp ? close(w, g, tol) : get(want, i).equals(get(got, i));
      if (!ok) throw new AssertionError(label + ": element " + i + " is " + get(got, i) + ", expected " + get(want, i));
    }
  }

  private static Object get(Object a, int i) { return Array.get(a, i); }

  private static boolean close(double w, double g, Tolerance tol) {
    if (Double.isNaN(w) || Double.isNaN(g)) return Double.isNaN(w) && Double.isNaN(g);
    if (Double.isInfinite(w) || Double.isInfinite(g)) return w == g;
    return Math.abs(g - w) <= tol.atol() + tol.rtol() * Math.abs(w);
  }
}
