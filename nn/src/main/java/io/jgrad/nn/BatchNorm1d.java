package io.jgrad.nn;

/**
 * {@link BatchNorm} over [N, C] or [N, C, L] (statistics over N, and L).
 * Shape: same as the input. Defaults eps 1e-5, momentum 0.1, affine.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.BatchNorm1d.html">torch.nn.BatchNorm1d</a>
 */
public class BatchNorm1d extends BatchNorm {
  public BatchNorm1d(int numFeatures) { this(numFeatures, 1e-5, 0.1, true); }

  public BatchNorm1d(int numFeatures, double eps, double momentum, boolean affine) { super(numFeatures, eps, momentum, affine); }

  @Override
  protected boolean acceptsRank(int rank) { return rank == 2 || rank == 3; }
}
