package io.jgrad.kernels.opencl;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the differential tests of this module covered, by family and op name, with case
 * counts. Tests record after their cases passed; {@link SpiCoverageTest} prints the table.
 */
public final class CoverageRegistry {
  private static final Map<String, Integer> COVERED = new ConcurrentHashMap<>();

  private CoverageRegistry() {}

  /** Notes that {@code cases} differential cases of {@code family}/{@code op} passed. */
  public static void record(String family, String op, int cases) {
    COVERED.merge(family + "/" + op, cases, Integer::sum);
  }

  /** A sorted copy of the table. */
  public static Map<String, Integer> snapshot() { return new TreeMap<>(COVERED); }
}
