package io.jgrad.nn.train;

/**
 * Thrown by {@link Trainer#fit} when a batch's loss is NaN or infinite, before the optimizer
 * steps on it (so the parameters are those of the last finite step).
 */
public final class TrainingDivergedException extends IllegalStateException {
  private final int epoch;
  private final long step;
  private final double loss;
  private final double learningRate;

  public TrainingDivergedException(int epoch, long step, double loss, double learningRate) {
    super("training diverged: loss is " + loss + " at epoch " + epoch + ", step " + step + " (learning rate " + learningRate
        + "); lower the learning rate (for example to " + (learningRate / 10) + ") or clip gradients");
    this.epoch = epoch;
    this.step = step;
    this.loss = loss;
    this.learningRate = learningRate;
  }

  public int epoch() { return epoch; }

  public long step() { return step; }

  public double loss() { return loss; }

  public double learningRate() { return learningRate; }
}
