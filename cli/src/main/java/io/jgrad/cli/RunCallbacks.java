package io.jgrad.cli;

import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.CheckpointSaver;
import io.jgrad.nn.train.ConsoleProgress;
import io.jgrad.nn.train.CurvePlot;
import io.jgrad.nn.train.MetricsCsv;
import io.jgrad.nn.train.MetricsJsonl;
import io.jgrad.nn.train.StepTiming;
import io.jgrad.tensor.Generator;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The callbacks of a {@code jgrad train} run: progress (a bar on a terminal, one line per epoch
 * otherwise), metrics CSV and JSONL, curves PNG and SVG, checkpoints (best by validation
 * accuracy and the last epoch, recording the shuffle generator for --resume), step timing.
 */
final class RunCallbacks {
  private RunCallbacks() {}

  static Callback[] of(Path dir, PrintStream out, Path csv, Path jsonl, Path png, Path svg, Generator shuffle) {
    return of(dir, out, csv, jsonl, png, svg, shuffle, "val_accuracy");
  }

  /** {@code monitor}: the metric the best checkpoint is chosen by ("val_loss" for regression). */
  static Callback[] of(Path dir, PrintStream out, Path csv, Path jsonl, Path png, Path svg, Generator shuffle, String monitor) {
    return new Callback[] {ConsoleProgress.auto(out), new MetricsCsv(csv), new MetricsJsonl(jsonl), new CurvePlot(png, svg),
        new CheckpointSaver(dir, 1, monitor).generator(shuffle), new StepTiming(out)};
  }
}
