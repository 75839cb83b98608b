package io.jgrad.tensor;

import io.jgrad.tensor.spi.RandomOp;

/**
 * Random tensors from a {@link Generator}. Every fill reserves numel counters from the
 * generator, so a seed fixes the stream on every run, thread count and device. randperm and
 * multinomial draw on the host (they are sequential by nature) and upload the result.
 */
final class Randoms {
  private Randoms() {}

  static Tensor uniform(Generator g, int[] shape, double low, double high, DType dtype) {
    requireFloat("rand", dtype);
    if (!(low <= high)) throw new IllegalArgumentException("rand: low " + low + " must be <= high " + high);
    return fill(g, RandomOp.UNIFORM, shape, low, high, dtype);
  }

  static Tensor normal(Generator g, int[] shape, double mean, double std, DType dtype) {
    requireFloat("randn", dtype);
    if (!(std >= 0)) throw new IllegalArgumentException("randn: std must be >= 0, got " + std);
    return fill(g, RandomOp.NORMAL, shape, mean, std, dtype);
  }

  private static Tensor fill(Generator g, RandomOp op, int[] shape, double a, double b, DType dtype) {
    return fill(g, op, shape, a, b, dtype, Device.CPU);
  }

  private static Tensor fill(Generator g, RandomOp op, int[] shape, double a, double b, DType dtype, Device device) {
    Tensor t = Creation.empty(dtype, shape, device);
    long first = g.reserve(t.numel());
    t.backend().random(op, t.layout(), g.seed(), first, a, b);
    return t;
  }

  static Tensor randint(Generator g, long low, long high, int[] shape) {
    if (low >= high) throw new IllegalArgumentException("randint: low " + low + " must be < high " + high);
    try (Tensor u = fill(g, RandomOp.UNIFORM, shape, 0, 1, DType.FLOAT64)) {
      double[] v = u.toDoubleArray();
      long[] out = new long[v.length];
      double span = (double) high - (double) low;
      for (int i = 0; i < v.length; i++) out[i] = Math.min(high - 1, low + (long) Math.floor(v[i] * span));
      return Creation.fromArray(out, shape);
    }
  }

  /**
   * 1 where a uniform draw in float64 is below p, on p's device (the draws are the same counters
   * on every device). The range check reads back one bool; the offending value is looked up on
   * the host only when it fails.
   */
  static Tensor bernoulli(Generator g, Tensor p) {
    DType dt = Promotion.floatingOf(p.dtype());
    try (TensorScope scope = TensorScope.open()) {
      Tensor p64 = p.to(DType.FLOAT64);
      if (p.numel() > 0 && p64.ge(0).logicalAnd(p64.le(1)).all().item() == 0) reportBadProbability(p64);
      Tensor u = fill(g, RandomOp.UNIFORM, p.shape(), 0, 1, DType.FLOAT64, p.device());
      return scope.keep(u.lt(p64).to(dt));
    }
  }

  private static void reportBadProbability(Tensor p64) {
    double[] probs = p64.toDoubleArray();
    for (int i = 0; i < probs.length; i++) {
      if (!(probs[i] >= 0 && probs[i] <= 1)) {
        throw new IllegalArgumentException("bernoulli: probability " + probs[i] + " at flat index " + i
            + " is outside [0, 1]");
      }
    }
  }

  static Tensor randperm(Generator g, int n) {
    if (n < 0) throw new IllegalArgumentException("randperm: n must be non-negative, got " + n);
    long[] perm = new long[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = (int) (g.nextDouble() * (i + 1));
      long tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    return Creation.fromArray(perm, new int[] {n});
  }

  static Tensor multinomial(Generator g, Tensor weights, int numSamples, boolean replacement) {
    if (weights.dim() < 1 || weights.dim() > 2) {
      throw new IllegalArgumentException("multinomial: weights must be 1-D or 2-D, got " + Shapes.str(weights.shape()));
    }
    int rows = weights.dim() == 1 ? 1 : weights.size(0);
    int k = weights.size(-1);
    if (numSamples <= 0) throw new IllegalArgumentException("multinomial: numSamples must be positive, got " + numSamples);
    if (!replacement && numSamples > k) {
      throw new IllegalArgumentException("multinomial: cannot draw " + numSamples + " samples from " + k
          + " categories without replacement");
    }
    double[] w = weights.toDoubleArray();
    long[] out = new long[rows * numSamples];
    for (int r = 0; r < rows; r++) {
      double[] row = java.util.Arrays.copyOfRange(w, r * k, (r + 1) * k);
      checkWeights(row, r);
      boolean[] used = new boolean[k];
      for (int s = 0; s < numSamples; s++) {
        int c = draw(row, used, g.nextDouble());
        out[r * numSamples + s] = c;
        if (!replacement) {
          row[c] = 0;
          used[c] = true;
        }
      }
    }
    Tensor host = Creation.fromArray(out, weights.dim() == 1 ? new int[] {numSamples} : new int[] {rows, numSamples});
    if (weights.device().isCpu()) return host;
    try (host) {
      return Creation.toDevice(host, weights.device());
    }
  }

  private static void checkWeights(double[] row, int r) {
    double total = 0;
    for (int i = 0; i < row.length; i++) {
      if (!(row[i] >= 0) || Double.isInfinite(row[i])) {
        throw new IllegalArgumentException("multinomial: weight " + row[i] + " at row " + r + ", index " + i
            + " must be finite and non-negative");
      }
      total += row[i];
    }
    if (total <= 0) throw new IllegalArgumentException("multinomial: row " + r + " has zero total weight");
  }

  /**
   * Inverse-CDF draw over row. Without replacement, once every positive weight is used, the
   * remaining zero-weight categories are drawn uniformly, as torch 1.13 does (it never repeats).
   */
  private static int draw(double[] row, boolean[] used, double u) {
    double total = 0;
    for (double v : row) total += v;
    if (total <= 0) {
      int free = 0;
      for (boolean b : used) if (!b) free++;
      int pick = (int) (u * free);
      for (int i = 0; i < row.length; i++) if (!used[i] && pick-- == 0) return i;
    }
    double target = u * total, acc = 0;
    int last = 0;
    for (int i = 0; i < row.length; i++) {
      if (row[i] <= 0) continue;
      acc += row[i];
      last = i;
      if (target < acc) return i;
    }
    return last;
  }

  private static void requireFloat(String op, DType dtype) {
    if (!dtype.isFloatingPoint()) throw new IllegalArgumentException(op + ": dtype must be floating, got " + dtype);
  }
}
