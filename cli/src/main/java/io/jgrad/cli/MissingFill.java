package io.jgrad.cli;

/**
 * The per-column fill values of {@code --missing mean}: each feature's mean over the training
 * split's present (non-NaN) cells. Saved with the checkpoint ({@code run.missing.fill}) so
 * {@code eval} and {@code predict} fill their missing cells with the same values.
 */
record MissingFill(double[] values) {
  /** The column means of {@code x} ([rows, features] row-major, NaN = missing) over the rows {@code idx}. */
  static MissingFill fit(CsvTable t, long[] idx) {
    int f = t.features();
    double[] sum = new double[f];
    long[] count = new long[f];
    for (long r : idx) {
      for (int j = 0; j < f; j++) {
        float v = t.x()[(int) r * f + j];
        if (!Float.isNaN(v)) {
          sum[j] += v;
          count[j]++;
        }
      }
    }
    for (int j = 0; j < f; j++) {
      if (count[j] == 0) {
        throw new IllegalArgumentException("CSV " + t.file() + ": --missing mean: feature column " + (j + 1)
            + (t.featureNames() != null ? " (" + t.featureNames().get(j) + ")" : "") + " has no value in the training split to take the mean of");
      }
      sum[j] /= count[j];
    }
    return new MissingFill(sum);
  }

  /** Replaces every NaN of {@code x} ([rows, features] row-major) by its column's fill value, in place; returns the count. */
  int apply(float[] x) {
    int f = values.length, filled = 0;
    for (int i = 0; i < x.length; i++) {
      if (Float.isNaN(x[i])) {
        x[i] = (float) values[i % f];
        filled++;
      }
    }
    return filled;
  }
}
