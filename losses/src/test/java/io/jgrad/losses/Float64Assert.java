package io.jgrad.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;

/** Element-wise comparison for float64 results, where the float32 golden tolerances would hide errors. */
public final class Float64Assert {
  private Float64Assert() {}

  /** Same shape; |actual - expected| <= atol + rtol |expected| everywhere. */
  public static void assertClose(String what, Tensor expected, Tensor actual, double atol, double rtol) {
    assertEquals(Shapes.str(expected.shape()), Shapes.str(actual.shape()), what + ": shape");
    double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      if (!(Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]))) {
        fail(what + ": element " + i + " of " + e.length + " expected " + e[i] + " but was " + a[i]);
      }
    }
  }
}
