package io.jgrad.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Array;
import java.util.List;
import java.util.function.Function;
import io.jgrad.tensor.cpu.CpuBackend;
import io.jgrad.tensor.spi.Backend;

/**
 * One differential case: {@code run} performs an op on a backend and returns the downloaded
 * outputs; the CUDA outputs must match the CPU's within (atol, rtol) (NaN matches NaN, integers
 * and bools exactly). {@code method} is the SPI method and {@code covers} the enum value (or null)
 * the case exercises, for the coverage test.
 */
record Diff(String name, String method, Enum<?> covers, Function<Backend, List<Object>> run, double atol, double rtol) {
  static final double ATOL32 = 1e-6, RTOL32 = 1e-5, ATOL64 = 1e-12, RTOL64 = 1e-10;

  static Diff of(String name, String method, Enum<?> covers, boolean f64, Function<Backend, List<Object>> run) {
    return new Diff(name, method, covers, run, f64 ? ATOL64 : ATOL32, f64 ? RTOL64 : RTOL32);
  }

  Diff tol(double a, double r) { return new Diff(name, method, covers, run, a, r); }

  /** The CPU side runs its scalar kernels: the reference every backend is compared with. */
  void check(Backend cpu, Backend cuda) {
    List<Object> want;
    CpuBackend.forceScalar(true);
    try {
      want = run.apply(cpu);
    } finally {
      CpuBackend.forceScalar(false);
    }
    List<Object> got;
    // a CPU "other" (CatalogueOnCpuTest) runs scalar too: the catalogue checks itself, not the vector kernels
    CpuBackend.forceScalar(cuda == cpu);
    try {
      got = run.apply(cuda);
    } finally {
      CpuBackend.forceScalar(false);
    }
    assertEquals(want.size(), got.size(), name + ": number of outputs");
    for (int k = 0; k < want.size(); k++) assertClose(name + " output " + k, want.get(k), got.get(k), atol, rtol);
  }

  static void assertClose(String what, Object want, Object got, double atol, double rtol) {
    assertEquals(want.getClass(), got.getClass(), what + ": carrier");
    int n = Array.getLength(want);
    assertEquals(n, Array.getLength(got), what + ": length");
    for (int i = 0; i < n; i++) {
      if (want instanceof float[] || want instanceof double[]) {
        double e = Array.getDouble(want, i), a = Array.getDouble(got, i);
        if (Double.isNaN(e) && Double.isNaN(a)) continue;
        if (e == a) continue;
        if (Double.isInfinite(e) || Double.isInfinite(a) || Double.isNaN(e) || Double.isNaN(a)
            || Math.abs(e - a) > atol + rtol * Math.abs(e)) {
          fail(what + ": element " + i + " of " + n + ": expected " + e + " (cpu), got " + a + " (cuda)");
        }
      } else {
        long e = ((Number) Array.get(want, i)).longValue(), a = ((Number) Array.get(got, i)).longValue();
        if (e != a) fail(what + ": element " + i + " of " + n + ": expected " + e + " (cpu), got " + a + " (cuda)");
      }
    }
  }
}
