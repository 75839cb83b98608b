package io.jgrad.cli;

import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.CheckpointSaver;
import io.jgrad.nn.train.EpochResult;
import io.jgrad.nn.train.TrainerState;
import io.jgrad.tensor.Generator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** The callbacks of a {@code jgrad train} run: progress, metrics files, curves, checkpoints. */
final class RunCallbacks {
  private RunCallbacks() {}

  static Callback[] of(Path dir, PrintStream out, Path csv, Path jsonl, Path png, Path svg, Generator shuffle) {
    Callback progress = new Callback() {
      @Override
      public void onEpochEnd(TrainerState s, EpochResult r) {
        out.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  acc %.2f%%  val loss %.4f  val acc %.2f%%  %.1fs%n", r.epoch(),
            s.epochs(), r.trainLoss(), 100 * r.trainAccuracy(), r.validation().loss(), 100 * r.validation().accuracy(), r.seconds());
      }
    };
    return new Callback[] {progress, new CheckpointSaver(dir, 1, "val_accuracy").generator(shuffle)};
  }
}
