package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every public method of {@link Linalg} has torch golden cases in linalg_decomp.json (a new
 * method fails here until the generator covers it); {@link PowerIteration}, whose random start
 * has no torch counterpart, is checked against torch's svdvals in {@link LinalgPowerIterationTest}.
 */
class LinalgCoverageTest {
  /** Java method -> golden op. */
  static final Map<String, String> GOLDEN = Map.ofEntries(
      Map.entry("svd", "svd"), Map.entry("svdvals", "svdvals"), Map.entry("eigh", "eigh"), Map.entry("eigvalsh", "eigvalsh"),
      Map.entry("qr", "qr"), Map.entry("cholesky", "cholesky"), Map.entry("solve", "solve"), Map.entry("inv", "inv"),
      Map.entry("det", "det"), Map.entry("slogdet", "slogdet"), Map.entry("pinv", "pinv"), Map.entry("lstsq", "lstsq"),
      Map.entry("matrixNorm", "matrix_norm"), Map.entry("matrixRank", "matrix_rank"), Map.entry("matrixSqrt", "matrix_sqrt"),
      Map.entry("matrixExp", "matrix_exp"));

  @Test
  void everyPublicMethodHasGoldenCases() {
    Map<String, Integer> counts = new HashMap<>();
    for (GoldenCase c : Golden.load("linalg_decomp")) counts.merge(c.op(), 1, Integer::sum);
    TreeSet<String> methods = new TreeSet<>();
    for (Method m : Linalg.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) methods.add(m.getName());
    }
    TreeSet<String> missing = new TreeSet<>();
    for (String m : methods) {
      String op = GOLDEN.get(m);
      if (op == null || counts.getOrDefault(op, 0) < 3) missing.add(m + (op == null ? " (no mapping)" : " (" + counts.getOrDefault(op, 0) + " cases)"));
    }
    assertTrue(missing.isEmpty(), "public Linalg methods without golden cases: " + missing);
    assertEquals(GOLDEN.keySet(), methods, "mapping vs public methods");
    assertEquals(16, methods.size());
  }
}
