package io.jgrad.cli;

import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.CheckpointSaver;
import io.jgrad.nn.train.ConsoleProgress;
import io.jgrad.nn.train.CurvePlot;
import io.jgrad.nn.train.EarlyStopping;
import io.jgrad.nn.train.MetricsCsv;
import io.jgrad.nn.train.MetricsJsonl;
import io.jgrad.nn.train.StepTiming;
import io.jgrad.tensor.Generator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The callbacks of a {@code jgrad train} run: progress (a bar on a terminal, one line per epoch
 * otherwise), metrics CSV and JSONL, curves PNG and SVG (loss, accuracy, learning rate),
 * checkpoints (best by the monitored metric and the last epoch, each with the run's description
 * and the shuffle generator for --resume), early stopping when asked, step timing.
 */
final class RunCallbacks {
  private RunCallbacks() {}

  /** The files a run writes into its directory. */
  record Files(Path csv, Path jsonl, Path png, Path svg) {
    static Files in(Path dir) {
      return new Files(dir.resolve("metrics.csv"), dir.resolve("metrics.jsonl"), dir.resolve("curves.png"), dir.resolve("curves.svg"));
    }
  }

  /**
   * {@code monitor}: the metric that picks the best checkpoint and drives early stopping
   * ({@code val_loss} with a validation split, else {@code train_loss}); {@code patience} 0: no early stopping.
   */
  static Callback[] of(Path dir, PrintStream out, Files f, Generator shuffle, String monitor, Map<String, String> metadata, int patience) {
    List<Callback> cs = new ArrayList<>(List.of(ConsoleProgress.auto(out), new MetricsCsv(f.csv()), new MetricsJsonl(f.jsonl()),
        new CurvePlot(f.png(), f.svg()), new CheckpointSaver(dir, 1, monitor).generator(shuffle).metadata(metadata)));
    if (patience > 0) cs.add(new EarlyStopping(monitor, patience, 0));
    cs.add(new StepTiming(out));
    return cs.toArray(Callback[]::new);
  }
}
