package io.jgrad.cli;

import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.io.OptimizerStates;
import io.jgrad.nn.optim.OptimizerState;
import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.EpochResult;
import io.jgrad.nn.train.TrainerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves {@code last.safetensors} (model, optimizer, and the epoch in the metadata key
 * {@code "epoch"}) at the end of every epoch, atomically; {@code jgrad train --resume} reads it.
 */
final class LastCheckpoint implements Callback {
  static final String FILE = "last.safetensors";
  private final Path file;
  private final long seed;

  LastCheckpoint(Path dir, long seed) {
    this.file = dir.resolve(FILE);
    this.seed = seed;
  }

  @Override
  public void onEpochEnd(TrainerState s, EpochResult r) {
    OptimizerState os = s.optimizer().stateDict();
    Map<String, String> meta = new LinkedHashMap<>(OptimizerStates.metadata(os));
    meta.put("epoch", Integer.toString(r.epoch()));
    try {
      new Checkpoint(s.model().stateDict(), OptimizerStates.tensors(os), s.step(), seed, 0, meta).save(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file, e);
    }
  }
}
