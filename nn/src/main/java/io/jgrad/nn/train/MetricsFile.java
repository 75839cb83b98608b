package io.jgrad.nn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Base of the callbacks that append one record per epoch to a text file. A fresh run
 * (first epoch 1) truncates the file; a resumed run (startEpoch > 1) appends to it. Each
 * record is written and closed at its epoch's end, so the file is complete up to the last
 * finished epoch even if training is killed.
 */
abstract class MetricsFile implements Callback {
  private final Path path;

  MetricsFile(Path path, String owner) {
    if (path == null) throw new IllegalArgumentException(owner + ": path is null");
    this.path = path;
  }

  /** The text written before the first record of a fresh file ("" for none). */
  abstract String header();

  /** One epoch's record, ending with a newline. */
  abstract String record(EpochResult r);

  @Override
  public void onTrainStart(TrainerState s) {
    boolean append = s.epoch() > 1 && Files.exists(path);
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      if (!append) Files.writeString(path, header(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(getClass().getSimpleName() + ": cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void onEpochEnd(TrainerState s, EpochResult r) {
    try {
      Files.writeString(path, record(r), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(getClass().getSimpleName() + ": cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  public Path path() { return path; }
}
