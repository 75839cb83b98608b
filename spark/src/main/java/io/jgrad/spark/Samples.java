package io.jgrad.spark;

import io.jgrad.nn.data.Dataset;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Conversions between {@link Sample} lists and datasets. */
public final class Samples {
  private Samples() {}

  /**
   * A dataset of {@code rows}: features [N, featureShape...] (flat [N, F] when featureShape is
   * null); int64 labels [N] when the rows carry labels, else float32 targets [N, targetShape...]
   * ([N] for one value per example).
   */
  public static Dataset dataset(List<Sample> rows, int[] featureShape, int[] targetShape) {
    if (rows.isEmpty()) throw new IllegalArgumentException("Samples: no rows");
    int n = rows.size();
    int f = rows.get(0).features().length;
    boolean regression = rows.get(0).target() != null;
    int t = regression ? rows.get(0).target().length : 0;
    float[] x = new float[n * f];
    float[] y = regression ? new float[n * t] : null;
    long[] labels = regression ? null : new long[n];
    for (int i = 0; i < n; i++) {
      Sample s = rows.get(i);
      if (s.features().length != f) {
        throw new IllegalArgumentException("Samples: row " + i + " has " + s.features().length + " features, row 0 has " + f);
      }
      System.arraycopy(s.features(), 0, x, i * f, f);
      if (regression != (s.target() != null)) throw new IllegalArgumentException("Samples: row " + i + " mixes labels and targets with row 0");
      if (regression) {
        if (s.target().length != t) throw new IllegalArgumentException("Samples: row " + i + " has " + s.target().length + " targets, row 0 has " + t);
        System.arraycopy(s.target(), 0, y, i * t, t);
      } else {
        labels[i] = s.label();
      }
    }
    Tensor features = Tensor.fromArray(x, shape(n, featureShape, f, "featureShape"));
    if (!regression) return new TensorDataset(features, Tensor.fromArray(labels, n));
    int[] ts = targetShape != null ? shape(n, targetShape, t, "targetShape") : t == 1 ? new int[] {n} : new int[] {n, t};
    return new TensorDataset(features, Tensor.fromArray(y, ts), Map.of());
  }

  /** The rows of a dataset with int64 labels or float targets (features flattened). */
  public static List<Sample> of(TensorDataset d) {
    int n = d.size();
    float[] x = d.features().toFloatArray();
    int f = n == 0 ? 0 : x.length / n;
    List<Sample> out = new ArrayList<>(n);
    if (d.labels() != null && d.labels().dtype() == DType.INT64 && d.labels().dim() == 1) {
      long[] y = d.labels().toLongArray();
      for (int i = 0; i < n; i++) out.add(Sample.of(Arrays.copyOfRange(x, i * f, (i + 1) * f), y[i]));
    } else {
      float[] y = d.labels().toFloatArray();
      int t = y.length / n;
      for (int i = 0; i < n; i++) out.add(Sample.regression(Arrays.copyOfRange(x, i * f, (i + 1) * f), Arrays.copyOfRange(y, i * t, (i + 1) * t)));
    }
    return out;
  }

  private static int[] shape(int n, int[] perExample, int count, String what) {
    if (perExample == null) return new int[] {n, count};
    int p = 1;
    for (int s : perExample) p *= s;
    if (p != count) {
      throw new IllegalArgumentException("Samples: " + what + " " + Arrays.toString(perExample) + " holds " + p + " values, rows have " + count);
    }
    int[] s = new int[perExample.length + 1];
    s[0] = n;
    System.arraycopy(perExample, 0, s, 1, perExample.length);
    return s;
  }
}
