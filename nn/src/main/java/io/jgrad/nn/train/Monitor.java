package io.jgrad.nn.train;

/**
 * A monitored quantity of an {@link EpochResult} ({@code val_loss}, {@code val_accuracy},
 * {@code train_loss}, {@code train_accuracy}) and whether lower or higher is better.
 */
record Monitor(String owner, String name, boolean lowerIsBetter) {
  static Monitor of(String owner, String name) {
    if (name == null) throw new IllegalArgumentException(owner + ": monitor is null; use val_loss, val_accuracy, train_loss or train_accuracy");
    return switch (name) {
      case "val_loss", "train_loss" -> new Monitor(owner, name, true);
      case "val_accuracy", "train_accuracy" -> new Monitor(owner, name, false);
      default -> throw new IllegalArgumentException(owner + ": unknown monitor \"" + name
          + "\"; use val_loss, val_accuracy, train_loss or train_accuracy");
    };
  }

  /** The monitored value of {@code r}; a val_ monitor without validation data is an error. */
  double value(EpochResult r) {
    if (name.startsWith("val_") && r.validation() == null) {
      throw new IllegalStateException(owner + ": monitor " + name + " needs validation data: pass a validation DataLoader to Trainer.fit"
          + " or monitor train_loss");
    }
    return switch (name) {
      case "val_loss" -> r.validation().loss();
      case "val_accuracy" -> r.validation().accuracy();
      case "train_loss" -> r.trainLoss();
      default -> r.trainAccuracy();
    };
  }

  /** Whether {@code v} beats {@code best} by more than {@code minDelta}; NaN never improves. */
  boolean improves(double v, double best, double minDelta) {
    if (Double.isNaN(v)) return false;
    if (Double.isNaN(best)) return true;
    return lowerIsBetter ? v < best - minDelta : v > best + minDelta;
  }
}
