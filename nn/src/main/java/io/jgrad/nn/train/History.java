package io.jgrad.nn.train;

import java.util.List;

/**
 * What {@link Trainer#fit} did: one {@link EpochResult} per epoch run, and whether a callback
 * stopped training early and why ({@code stopReason} is {@code null} when it ran every epoch).
 */
public record History(List<EpochResult> epochs, boolean stoppedEarly, String stopReason) {
  public History {
    epochs = List.copyOf(epochs);
  }

  /** The last epoch's result, or {@code null} if no epoch ran. */
  public EpochResult last() { return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1); }
}
