package io.jgrad.nn;

/**
 * {@link BatchNorm} over [N, C, H, W] (statistics over N, H, W).
 * Shape: same as the input. Defaults eps 1e-5, momentum 0.1, affine, trackRunningStats.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.BatchNorm2d.html">torch.nn.BatchNorm2d</a>
 */
public class BatchNorm2d extends BatchNorm {
  public BatchNorm2d(int numFeatures) { this(numFeatures, 1e-5, 0.1, true); }

  public BatchNorm2d(int numFeatures, double eps, double momentum, boolean affine) { super(numFeatures, eps, momentum, affine); }

  /**
   * All of torch's options: {@code momentum} null for a cumulative moving average; without
   * {@code trackRunningStats} no running statistics (batch statistics in eval mode too).
   */
  public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
    super(numFeatures, eps, momentum, affine, trackRunningStats);
  }

  @Override
  protected boolean acceptsRank(int rank) { return rank == 4; }
}
