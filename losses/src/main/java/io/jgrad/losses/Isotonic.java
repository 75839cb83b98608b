package io.jgrad.losses;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * Isotonic regression by pool-adjacent-violators (PAV), a host-side utility, and the
 * differentiable soft sort built on it (Blondel, Teboul, Berthet and Djolonga 2020, "Fast
 * Differentiable Sorting and Ranking", L2 regularisation), as used by the soft-sort form of the
 * calibration regularizer of paper 77 ("A Large-Scale Study of Probabilistic Calibration in
 * Neural Network Regression", whose code vendors google-research/fast-soft-sort). The soft sort
 * is a composite: PAV finds the blocks on the host, then each output is a block mean of tensor
 * values, so autograd gives exactly the reference's Jacobian (block averaging).
 */
public final class Isotonic {
  private Isotonic() {}

  /**
   * The isotonic fit {@code argmin_v Σ w_i (v_i − y_i)²} subject to
   * {@code v_1 ≤ v_2 ≤ ... ≤ v_n} ({@code increasing}) or {@code v_1 ≥ ... ≥ v_n}, by PAV in O(n).
   * {@code weights} null means all 1; weights must be positive. Returns a new array.
   */
  public static double[] pav(double[] y, double[] weights, boolean increasing) {
    return pavBlocks(y, weights, increasing).solution();
  }

  /** A PAV solution and its blocks: {@code blockOf[i]} is the block of element i (0, 1, ... in order). */
  public record Fit(double[] solution, int[] blockOf, int blocks) {}

  /** {@link #pav} with the blocks of equal fitted values (the pools PAV merged). */
  public static Fit pavBlocks(double[] y, double[] weights, boolean increasing) {
    String op = "isotonic";
    if (y == null) throw new IllegalArgumentException(op + ": y is null");
    int n = y.length;
    if (weights != null && weights.length != n) {
      throw new IllegalArgumentException(op + ": weights has " + weights.length + " entries for " + n + " values");
    }
    double sign = increasing ? 1 : -1;
    double[] mean = new double[n], wsum = new double[n];
    int[] start = new int[n];
    int top = 0;
    for (int i = 0; i < n; i++) {
      double wi = weights == null ? 1 : weights[i];
      if (!(wi > 0)) throw new IllegalArgumentException(op + ": weights must be > 0, got " + wi + " at " + i);
      if (Double.isNaN(y[i])) throw new IllegalArgumentException(op + ": y[" + i + "] is NaN");
      mean[top] = sign * y[i];
      wsum[top] = wi;
      start[top] = i;
      top++;
      // merge while the last two pools violate the (increasing, after the sign flip) order
      while (top > 1 && mean[top - 2] >= mean[top - 1]) {
        double w = wsum[top - 2] + wsum[top - 1];
        mean[top - 2] = (mean[top - 2] * wsum[top - 2] + mean[top - 1] * wsum[top - 1]) / w;
        wsum[top - 2] = w;
        top--;
      }
    }
    double[] sol = new double[n];
    int[] blockOf = new int[n];
    for (int b = 0; b < top; b++) {
      int end = b + 1 < top ? start[b + 1] : n;
      for (int i = start[b]; i < end; i++) {
        sol[i] = sign * mean[b];
        blockOf[i] = b;
      }
    }
    return new Fit(sol, blockOf, top);
  }

  /**
   * Soft sort of the last dim of {@code values} with regularisation strength ε
   * ({@code regularization_strength}): with {@code s} the values sorted in the requested order
   * (descending after the sign flip {@code σ = +1} for descending, {@code −1} for ascending) and
   * {@code w = (n, n−1, ..., 1)/ε}, the result is {@code σ·(w − iso(w − s))} where iso is the
   * decreasing isotonic fit. ε → 0 gives the hard sort; large ε pulls every value to the mean.
   * The output is in sorted order (not at the inputs' positions). Differentiable: the gradient of
   * each output is the mean over its PAV block, routed back through the sort.
   *
   * <p>Shape: values [n] or [B, n]; the result has the same shape.
   */
  public static Tensor softSort(Tensor values, double strength, boolean descending) {
    String op = "soft_sort";
    if (values == null) throw new IllegalArgumentException(op + ": values is null");
    Check.floating(op, "values", values);
    if (!(strength > 0) || !Double.isFinite(strength)) {
      throw new IllegalArgumentException(op + ": regularization strength must be > 0, got " + strength);
    }
    if (values.dim() == 1) return softSortRows(values.unsqueeze(0), strength, descending).squeeze(0);
    if (values.dim() != 2) throw new IllegalArgumentException(op + ": values must be [n] or [B, n], got " + Check.shape(values));
    return softSortRows(values, strength, descending);
  }

  private static Tensor softSortRows(Tensor values, double strength, boolean descending) {
    int rows = values.size(0), n = values.size(1);
    if (n == 0) return values.mul(1);
    double sign = descending ? 1 : -1;
    Tensor s = values.mul(sign).sort(1, true).values();
    double[] w = new double[n];
    for (int j = 0; j < n; j++) w[j] = (n - j) / strength;
    Tensor wt = Tensor.of(w).to(values.dtype()).to(values.device()).unsqueeze(0);
    Tensor target = wt.sub(s);
    double[] host = target.detach().to(DType.FLOAT64).toDoubleArray();
    long[] seg = new long[rows * n];
    double[] size = new double[rows * n];
    int offset = 0;
    for (int r = 0; r < rows; r++) {
      double[] sol = pav(Arrays.copyOfRange(host, r * n, (r + 1) * n), null, false);
      // blocks are the runs of equal fitted values (within 1e-9), as the reference's _partition
      int[] blockOf = new int[n];
      for (int j = 1; j < n; j++) blockOf[j] = blockOf[j - 1] + (Math.abs(sol[j] - sol[j - 1]) > 1e-9 ? 1 : 0);
      int blocks = blockOf[n - 1] + 1;
      int[] count = new int[blocks];
      for (int b : blockOf) count[b]++;
      for (int j = 0; j < n; j++) {
        seg[r * n + j] = offset + blockOf[j];
        size[r * n + j] = count[blockOf[j]];
      }
      offset += blocks;
    }
    Tensor index = Tensor.of(seg).to(values.device());
    Tensor flat = target.flatten();
    Tensor sums = Tensor.zeros(values.dtype(), offset).to(values.device()).indexAdd(0, index, flat, 1);
    Tensor iso = sums.indexSelect(0, index).div(Tensor.of(size).to(values.dtype()).to(values.device())).reshape(rows, n);
    return wt.sub(iso).mul(sign);
  }
}
