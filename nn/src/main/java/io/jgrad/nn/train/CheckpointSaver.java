package io.jgrad.nn.train;

import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.io.OptimizerStates;
import io.jgrad.nn.optim.OptimizerState;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Saves a {@link Checkpoint} (model, optimizer state, the state of stateful objectives and
 * regularizers, step, generator state) after every epoch
 * as {@code epoch-NNN.safetensors} in {@code dir}, keeping the {@code keepLast} newest such
 * files (0 keeps none), and as {@code best.safetensors} whenever the monitored metric improves.
 * Writes are atomic. Prints nothing.
 *
 * <p>Metadata (besides the optimizer's, see {@link OptimizerStates#metadata}, and the caller's, see {@link #metadata}):
 * {@code train.epoch}, {@code train.monitor}, {@code train.value} (the monitored value), and
 * {@code train.train_loss}, {@code train.train_accuracy}, {@code train.val_loss},
 * {@code train.val_accuracy} (the latter two only with validation).
 */
public final class CheckpointSaver implements Callback {
  public static final String BEST = "best.safetensors";
  private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d{1,9})\\.safetensors");

  private final Path dir;
  private final int keepLast;
  private final Monitor monitor;
  private Generator generator = Generator.defaultGenerator();
  private Map<String, String> extra = Map.of();
  private double best = Double.NaN;
  private int bestEpoch;
  private Path last;

  /** {@code monitor}: "val_loss", "val_accuracy", "train_loss" (or "train_accuracy"). */
  public CheckpointSaver(Path dir, int keepLast, String monitor) {
    if (dir == null) throw new IllegalArgumentException("CheckpointSaver: dir is null");
    if (keepLast < 0) throw new IllegalArgumentException("CheckpointSaver: keepLast must be >= 0, got " + keepLast);
    this.dir = dir;
    this.keepLast = keepLast;
    this.monitor = Monitor.of("CheckpointSaver", monitor);
  }

  /** The generator whose (seed, offset) each checkpoint records (default: {@link Generator#defaultGenerator()}). */
  public CheckpointSaver generator(Generator g) {
    if (g == null) throw new IllegalArgumentException("CheckpointSaver: generator is null");
    this.generator = g;
    return this;
  }

  /**
   * Strings written into every checkpoint's metadata besides the saver's own (for example what
   * the model is, so a program can rebuild it from the file alone). Keys must not start with
   * {@code "jgrad."} or {@code "train."}, nor be an optimizer metadata key.
   */
  public CheckpointSaver metadata(Map<String, String> m) {
    if (m == null) throw new IllegalArgumentException("CheckpointSaver: metadata is null");
    for (String k : m.keySet()) {
      if (k.startsWith("jgrad.") || k.startsWith("train.") || k.equals(OptimizerStates.METADATA_KEY)) {
        throw new IllegalArgumentException("CheckpointSaver: metadata key \"" + k + "\" is reserved (jgrad., train., " + OptimizerStates.METADATA_KEY + ")");
      }
    }
    this.extra = Map.copyOf(m);
    return this;
  }

  /** The file name of epoch {@code epoch}'s checkpoint ({@code epoch-007.safetensors}). */
  public static String epochFileName(int epoch) { return String.format("epoch-%03d.safetensors", epoch); }

  /**
   * Resets the best value; on a resumed run (first epoch > 1) it starts from the value recorded
   * in an existing {@code best.safetensors} with the same monitor, so a worse epoch does not
   * replace the earlier run's best. An unreadable best file is treated as absent.
   */
  @Override
  public void onTrainStart(TrainerState s) {
    best = Double.NaN;
    bestEpoch = 0;
    Path b = bestPath();
    if (s.epoch() <= 1 || !Files.isRegularFile(b)) return;
    try {
      Map<String, String> meta = Checkpoint.load(b).metadata();
      if (monitor.name().equals(meta.get("train.monitor"))) {
        best = Double.parseDouble(meta.get("train.value"));
        bestEpoch = Integer.parseInt(meta.get("train.epoch"));
      }
    } catch (IOException | RuntimeException e) {
      best = Double.NaN;
      bestEpoch = 0;
    }
  }

  @Override
  public void onEpochEnd(TrainerState s, EpochResult r) {
    double v = monitor.value(r);
    boolean improved = monitor.improves(v, best, 0);
    if (keepLast == 0 && !improved) return;
    try {
      Files.createDirectories(dir);
      OptimizerState os = s.optimizer().stateDict();
      try {
        Map<String, String> meta = new java.util.TreeMap<>(extra);
        meta.putAll(OptimizerStates.metadata(os));
        meta.put("train.epoch", Integer.toString(r.epoch()));
        meta.put("train.monitor", monitor.name());
        meta.put("train.value", Double.toString(v));
        meta.put("train.train_loss", Double.toString(r.trainLoss()));
        meta.put("train.train_accuracy", Double.toString(r.trainAccuracy()));
        if (r.validation() != null) {
          meta.put("train.val_loss", Double.toString(r.validation().loss()));
          meta.put("train.val_accuracy", Double.toString(r.validation().accuracy()));
        }
        Checkpoint c = new Checkpoint(s.model().stateDict(), OptimizerStates.tensors(os), s.step(), generator.seed(), generator.offset(), meta,
            Checkpoint.moduleState(s.statefulModules()));
        if (keepLast > 0) {
          last = dir.resolve(epochFileName(r.epoch()));
          c.save(last);
          prune();
        }
        if (improved) {
          best = v;
          bestEpoch = r.epoch();
          c.save(dir.resolve(BEST));
        }
      } finally {
        for (Tensor t : OptimizerStates.tensors(os).values()) t.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("CheckpointSaver: cannot save a checkpoint in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Deletes all but the keepLast highest-numbered epoch files in dir (also those of an earlier run). */
  private void prune() throws IOException {
    List<int[]> found = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Matcher m = EPOCH_FILE.matcher(p.getFileName().toString());
        if (m.matches()) {
          found.add(new int[] {Integer.parseInt(m.group(1)), paths.size()});
          paths.add(p);
        }
      }
    }
    found.sort((a, b) -> Integer.compare(b[0], a[0]));
    for (int i = keepLast; i < found.size(); i++) Files.deleteIfExists(paths.get(found.get(i)[1]));
  }

  /** {@code dir/best.safetensors}. */
  public Path bestPath() { return dir.resolve(BEST); }

  /** The last epoch checkpoint written, or null. */
  public Path lastPath() { return last; }

  /** The best monitored value so far (NaN before the first epoch). */
  public double best() { return best; }

  /** The epoch saved as best (0 before the first epoch). */
  public int bestEpoch() { return bestEpoch; }
}
