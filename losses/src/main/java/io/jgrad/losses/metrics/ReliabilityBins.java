package io.jgrad.losses.metrics;

import java.util.Arrays;

/**
 * Reliability-diagram data: for each of {@code nBins} equal-width confidence bins, the number of
 * samples, their mean confidence and their accuracy. Bin {@code m} (0-based) holds the
 * confidences in {@code (m/M, (m+1)/M]} (see {@link ExpectedCalibrationError#bin}). An empty bin
 * has count 0 and NaN mean confidence and accuracy.
 */
public record ReliabilityBins(long[] counts, double[] confidenceSums, double[] correctSums) {
  public ReliabilityBins {
    if (counts.length == 0 || counts.length != confidenceSums.length || counts.length != correctSums.length) {
      throw new IllegalArgumentException("ReliabilityBins: counts, confidenceSums and correctSums need the same"
          + " positive length, got " + counts.length + ", " + confidenceSums.length + ", " + correctSums.length);
    }
    counts = counts.clone();
    confidenceSums = confidenceSums.clone();
    correctSums = correctSums.clone();
  }

  public int nBins() { return counts.length; }

  /** Samples binned. */
  public long total() { return Arrays.stream(counts).sum(); }

  public long count(int bin) { return counts[bin]; }

  /** Lower edge m/M of bin m (exclusive, except bin 0, which also holds confidence 0). */
  public double lower(int bin) { return (double) bin / counts.length; }

  /** Upper edge (m+1)/M of bin m (inclusive). */
  public double upper(int bin) { return (double) (bin + 1) / counts.length; }

  /** Mean confidence in bin m (NaN when empty). */
  public double confidence(int bin) { return counts[bin] == 0 ? Double.NaN : confidenceSums[bin] / counts[bin]; }

  /** Accuracy in bin m (NaN when empty). */
  public double accuracy(int bin) { return counts[bin] == 0 ? Double.NaN : correctSums[bin] / counts[bin]; }

  /** ECE = sum_m (|B_m| / n) |acc(B_m) - conf(B_m)|; NaN when no sample was binned. */
  public double ece() {
    long n = total();
    if (n == 0) return Double.NaN;
    double e = 0;
    for (int m = 0; m < counts.length; m++) {
      if (counts[m] > 0) e += Math.abs(correctSums[m] - confidenceSums[m]) / n;
    }
    return e;
  }

  /** MCE = max over non-empty bins of |acc(B_m) - conf(B_m)|; NaN when no sample was binned. */
  public double mce() {
    double e = Double.NaN;
    for (int m = 0; m < counts.length; m++) {
      if (counts[m] > 0) {
        double gap = Math.abs(accuracy(m) - confidence(m));
        e = Double.isNaN(e) ? gap : Math.max(e, gap);
      }
    }
    return e;
  }

  /** Overall accuracy of the binned samples (NaN when none). */
  public double accuracy() {
    long n = total();
    return n == 0 ? Double.NaN : Arrays.stream(correctSums).sum() / n;
  }

  /** Overall mean confidence of the binned samples (NaN when none). */
  public double confidence() {
    long n = total();
    return n == 0 ? Double.NaN : Arrays.stream(confidenceSums).sum() / n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReliabilityBins b && Arrays.equals(counts, b.counts)
        && Arrays.equals(confidenceSums, b.confidenceSums) && Arrays.equals(correctSums, b.correctSums);
  }

  @Override
  public int hashCode() { return Arrays.hashCode(counts) * 31 + Arrays.hashCode(confidenceSums); }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("ReliabilityBins[n=" + total() + ", ece=" + ece() + "]");
    for (int m = 0; m < counts.length; m++) {
      if (counts[m] > 0) {
        s.append(String.format(java.util.Locale.ROOT, "%n  (%.4f, %.4f]: n=%d conf=%.4f acc=%.4f", lower(m), upper(m),
            counts[m], confidence(m), accuracy(m)));
      }
    }
    return s.toString();
  }
}
