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
 * Every public method of {@link Fft} has golden cases from PyTorch in fft.json (overloads share
 * their canonical form's cases), with at least a few cases per op, and the golden test
 * registers a Java implementation for every op in the file.
 */
class FftCoverageTest {
  @Test
  void everyPublicFftMethodHasGoldenCases() {
    Map<String, Integer> count = new HashMap<>();
    for (GoldenCase c : Golden.load("fft")) count.merge(c.op(), 1, Integer::sum);
    TreeSet<String> methods = new TreeSet<>();
    for (Method m : Fft.class.getDeclaredMethods()) if (Modifier.isPublic(m.getModifiers())) methods.add(m.getName());
    assertTrue(methods.size() >= 17, "public Fft methods: " + methods);
    TreeSet<String> missing = new TreeSet<>();
    for (String m : methods) if (count.getOrDefault(m, 0) < 1) missing.add(m);
    assertEquals(new TreeSet<>(), missing, "public Fft methods without golden cases");
    for (String op : new String[] {"fft", "ifft", "rfft", "irfft", "fftComplex", "ifftComplex", "stft", "istft"}) {
      assertTrue(count.get(op) >= 10, op + " has only " + count.get(op) + " golden cases");
    }
    TreeSet<String> unimplemented = new TreeSet<>(count.keySet());
    unimplemented.removeAll(FftGoldenTest.ops().keySet());
    assertEquals(new TreeSet<>(), unimplemented, "golden ops without a Java entry");
  }
}
