package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * The shrinkage layer of deep-unfolded sparse recovery (ISTA/LISTA), with a threshold theta that
 * is learned ({@code learnable=true}, a parameter) or fixed (a buffer):
 * <ul>
 *   <li>soft: {@code sign(v) max(|v| - theta, 0)}; dv = 1 on |v| > theta, 0 elsewhere (0 at the kink
 *       |v| = theta), d theta = -sign(v) on the support;</li>
 *   <li>hard: {@code v [|v| > theta]}; dv = 1 on the support, d theta = 0 (the indicator has no
 *       gradient; unfolded IHT papers use surrogates, none verified here).</li>
 * </ul>
 * Paper 53, "Comparison between Supervised and Unsupervised Learning in Deep Unfolded Sparse Signal
 * Recovery"; the matching unsupervised loss is {@code SparsityRegularizers.lassoObjective}.
 * Theta is 0-d (one threshold) and must stay >= 0. Shape: any, elementwise.
 */
public final class SoftThreshold extends Module {
  public static final String ID = "soft_threshold";
  private final Tensor theta;
  private final boolean hard;

  public SoftThreshold(double theta, boolean learnable, boolean hard) {
    if (!(theta >= 0)) throw new IllegalArgumentException(ID + ": theta must be >= 0, got " + theta);
    Tensor t = untracked(() -> Tensor.scalar(theta, defaultDType()));
    this.theta = learnable ? registerParameter("theta", t) : registerBuffer("theta", t);
    this.hard = hard;
  }

  /** {@code sign(v) max(|v| - theta, 0)}. Shape: v any, theta broadcastable. */
  public static Tensor soft(Tensor v, Tensor theta) { return v.sign().mul(v.abs().sub(theta).relu()); }

  /** {@code v [|v| > theta]} (the indicator carries no gradient). Shape: v any, theta broadcastable. */
  public static Tensor hard(Tensor v, Tensor theta) { return v.mul(v.abs().gt(theta.detach()).to(v.dtype())); }

  @Override
  public Tensor forward(Tensor v) {
    Tensor t = theta.dtype() == v.dtype() ? theta : theta.to(v.dtype());
    return hard ? hard(v, t) : soft(v, t);
  }

  public Tensor theta() { return theta; }

  @Override
  protected String extraRepr() { return (hard ? "hard" : "soft") + ", theta=" + theta.item(); }
}
