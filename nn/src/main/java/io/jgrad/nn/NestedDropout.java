package io.jgrad.nn;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * Nested dropout, catalog id {@code nested_dropout}. Paper 39, "Compressing Features for Learning
 * with Noisy Labels" (Chen et al. 2022), as {@code yingyichen-cyy/Nested-Co-teaching:
 * nested/train_resnet.py} ({@code GaussianDist}, the mask built in {@code main}, used in
 * {@code Train} and {@code TestNested}); after Rippel et al. 2014.
 *
 * <p>In training, one prefix length {@code k in {1..N}} is drawn per forward call (per
 * mini-batch) with {@code P(k) ∝ exp(-((k - mu) / sigma)^2)} (mu = 0 and sigma = the reference's
 * {@code nested}), and the features are multiplied by {@code m_k = [1 (k times), 0, ..., 0]} along
 * dim 1: the first k channels survive, the rest are zeroed, with no rescaling. In evaluation the
 * layer is the identity, or keeps the first {@link #prefix(int)} features when a prefix is set
 * (the reference evaluates every prefix and keeps the best on validation).
 * Shape: [B, N, ...] -> same.
 */
public class NestedDropout extends Module {
  private final double sigma;
  private final double mu;
  private final Generator g;
  private int prefix;
  private int lastK;

  /** mu = 0, the default generator. */
  public NestedDropout(double sigma) { this(sigma, 0, Generator.defaultGenerator()); }

  public NestedDropout(double sigma, double mu, Generator g) {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("nested_dropout: sigma must be > 0 and finite, got " + sigma
          + " (the reference's nested = 0 means plain Dropout)");
    }
    if (!Double.isFinite(mu)) throw new IllegalArgumentException("nested_dropout: mu must be finite, got " + mu);
    if (g == null) throw new IllegalArgumentException("nested_dropout: generator is null");
    this.sigma = sigma;
    this.mu = mu;
    this.g = g;
  }

  /** {@code P(k)} for k = 1..n: {@code exp(-((k - mu)/sigma)^2)}, normalised. */
  public static double[] distribution(int n, double mu, double sigma) {
    if (n < 1) throw new IllegalArgumentException("nested_dropout: feature count must be >= 1, got " + n);
    double[] p = new double[n];
    double total = 0;
    for (int k = 1; k <= n; k++) {
      double t = (k - mu) / sigma;
      p[k - 1] = Math.exp(-t * t);
      total += p[k - 1];
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("nested_dropout: P(k) underflows for n=" + n + ", mu=" + mu + ", sigma=" + sigma);
    }
    for (int k = 0; k < n; k++) p[k] /= total;
    return p;
  }

  /** Keeps the first {@code k} features in evaluation (0: the identity). */
  public NestedDropout prefix(int k) {
    if (k < 0) throw new IllegalArgumentException("nested_dropout: prefix must be >= 0, got " + k);
    prefix = k;
    return this;
  }

  public int prefix() { return prefix; }

  /** The k drawn by the last training forward (0 before any). */
  public int lastK() { return lastK; }

  @Override
  public Tensor forward(Tensor x) {
    if (x.dim() < 2) throw new IllegalArgumentException("nested_dropout: input must be [B, N, ...], got " + Arrays.toString(x.shape()));
    int n = x.size(1);
    int k;
    if (isTraining()) {
      k = sample(distribution(n, mu, sigma), g.nextDouble());
      lastK = k;
    } else {
      if (prefix == 0 || prefix >= n) return x;
      k = prefix;
    }
    return x.mul(mask(x, k));
  }

  /** The k (1-based) whose cumulative probability first reaches u. */
  static int sample(double[] p, double u) {
    double c = 0;
    for (int k = 0; k < p.length; k++) {
      c += p[k];
      if (u < c) return k + 1;
    }
    return p.length;
  }

  /** [1, N, 1, ...] with ones in the first k channels. */
  static Tensor mask(Tensor x, int k) {
    int[] view = new int[x.dim()];
    Arrays.fill(view, 1);
    view[1] = x.size(1);
    return Tensor.arange(0, x.size(1), 1, x.dtype()).lt(k).to(x.dtype()).reshape(view).to(x.device());
  }

  @Override
  protected String extraRepr() { return "sigma=" + sigma + ", mu=" + mu; }
}
