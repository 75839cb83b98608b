package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the CPU kernels: each case draws an op (elementwise unary and binary
 * with broadcasting and scalars, comparisons, logical ops, where, in-place ops, casts and copies,
 * reductions over random dims, scans, softmax, matmul with batch broadcasting and transposed
 * operands, conv2d, pooling, sort, gather), dtypes, shapes around the vector width and layouts
 * (transposed, strided, offset, broadcast views; {@link FuzzInputs}), and runs it twice: on the
 * Vector API kernels and on their scalar references ({@link CpuBackend#forceScalar}). Results
 * must have the same shape and dtype, the same NaN positions and infinities, integers and
 * booleans the same values, floats within a tolerance that covers float32 vectors computing in
 * float where the scalar twin rounds a double, and different summation orders (scaled by the
 * sum of the magnitudes that were added).
 *
 * <p>{@code -Djgrad.fuzz.kernels.cases=N} (default 100,000), {@code -Djgrad.fuzz.kernels.seed=S},
 * {@code -Djgrad.fuzz.kernels.case=I} replays one case and prints it. A failure names the seed,
 * the case and how to replay it.
 */
class KernelFuzzTest {
  static final int CASES = Integer.getInteger("jgrad.fuzz.kernels.cases", 100_000);
  static final long SEED = Long.getLong("jgrad.fuzz.kernels.seed", 0x5EEDL);
  static final int ONLY = Integer.getInteger("jgrad.fuzz.kernels.case", -1);

  /** How results are compared. */
  enum Tol { EXACT, ELEMENTWISE, ACCUMULATE, RELATIVE }

  /** One drawn case: what it is, its op, and the magnitude reference for ACCUMULATE. */
  record Case(String what, Tol tol, double extra, Function<Boolean, Tensor> run) {}

  static Tensor scalarRun(java.util.function.Supplier<Tensor> f) {
    CpuBackend.forceScalar(true);
    try {
      return f.get();
    } finally {
      CpuBackend.forceScalar(false);
    }
  }

  @Test
  void vectorKernelsAgreeWithTheirScalarReferences() {
    Map<String, Integer> perFamily = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    int refused = 0, inexact = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < CASES; i++) {
      if (ONLY >= 0 && i != ONLY) continue;
      SplittableRandom r = new SplittableRandom(SEED * 0x9E3779B97F4A7C15L + i);
      FuzzInputs in = new FuzzInputs(r);
      Case c;
      String family;
      try (TensorScope s = TensorScope.open()) {
        family = KernelFuzzOps.FAMILIES.get(r.nextInt(KernelFuzzOps.FAMILIES.size()));
        c = KernelFuzzOps.draw(family, in);
        Tensor want, got;
        try {
          want = scalarRun(() -> c.run().apply(true));
        } catch (IllegalArgumentException e) {
          // A combination the op refuses (the same on both paths, checked below): counted, not compared.
          try {
            c.run().apply(false);
            failures.add(report(i, c.what() + in.describe(), "the scalar path refused (" + e.getMessage() + ") but the vector path did not"));
          } catch (IllegalArgumentException same) {
            refused++;
          }
          continue;
        }
        got = c.run().apply(false);
        String problem = compare(want, got, c.tol(), c.extra());
        if (problem == null && !java.util.Arrays.equals(want.toDoubleArray(), got.toDoubleArray())) inexact++;
        if (problem != null) failures.add(report(i, c.what() + " | inputs: " + in.describe(), problem));
        perFamily.merge(family, 1, Integer::sum);
        if (ONLY >= 0) System.out.println("case " + i + ": " + c.what() + " | inputs: " + in.describe() + "\n  scalar " + want + "\n  vector " + got);
      } catch (RuntimeException e) {
        failures.add(report(i, in.describe(), "threw " + e));
      }
      if (failures.size() >= 20) break;
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    int compared = perFamily.values().stream().mapToInt(Integer::intValue).sum();
    System.out.printf("KernelFuzzTest: %d cases (seed %d, %d lanes) in %.1f s: %d compared (%d within tolerance but not bit for bit: "
        + "the two paths really differ), %d refused by both paths alike; per family %s%n", compared + refused, SEED, FuzzInputs.LANES,
        secs, compared, inexact, refused, perFamily);
    assertTrue(failures.isEmpty(), failures.size() + " cases where the vector kernels disagree with their scalar references:\n"
        + String.join("\n", failures));
  }

  static String report(int i, String what, String problem) {
    return "  case " + i + ": " + what + "\n    " + problem + "\n    replay: -Djgrad.fuzz.kernels.seed=" + SEED
        + " -Djgrad.fuzz.kernels.case=" + i;
  }

  /** Null when the vector result matches the scalar reference, else the first difference. */
  static String compare(Tensor want, Tensor got, Tol tol, double extra) {
    if (!java.util.Arrays.equals(want.shape(), got.shape())) {
      return "shape " + Shapes.str(got.shape()) + ", scalar reference " + Shapes.str(want.shape());
    }
    if (want.dtype() != got.dtype()) return "dtype " + got.dtype() + ", scalar reference " + want.dtype();
    double[] e = want.toDoubleArray(), a = got.toDoubleArray();
    boolean f32 = want.dtype() == DType.FLOAT32;
    boolean exact = tol == Tol.EXACT || !want.dtype().isFloatingPoint();
    double rtol = f32 ? 1e-4 : 1e-11, atol = f32 ? 1e-5 : 1e-12, eps = f32 ? 1.2e-7 : 2.3e-16;
    for (int i = 0; i < e.length; i++) {
      boolean ok;
      if (Double.isNaN(e[i]) || Double.isNaN(a[i])) ok = Double.isNaN(e[i]) && Double.isNaN(a[i]);
      else if (exact || Double.isInfinite(e[i]) || Double.isInfinite(a[i])) ok = e[i] == a[i];
      else {
        double allowed = switch (tol) {
          // a sum in another order: a few ulps of the magnitudes added (extra: their sum, times sqrt of the count)
          case ACCUMULATE -> atol + rtol * Math.abs(e[i]) + 8 * eps * extra;
          // a product of extra factors: a few ulps per factor, relative (results below the smallest normal differ in rounding)
          case RELATIVE -> (f32 ? Float.MIN_NORMAL : Double.MIN_NORMAL) + 4 * eps * extra * Math.abs(e[i]) + rtol * Math.abs(e[i]);
          default -> atol + rtol * Math.abs(e[i]);
        };
        ok = Math.abs(a[i] - e[i]) <= allowed;
      }
      if (!ok) return "element " + i + " of " + e.length + ": vector " + a[i] + ", scalar reference " + e[i];
    }
    return null;
  }
}
