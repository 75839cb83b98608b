package io.jgrad.spark;

import io.jgrad.spark.collective.CollectiveOptions;
import java.io.Serializable;
import java.time.Duration;

/**
 * How a data-parallel run trains: workers, epochs, the per-worker batch size (the global batch
 * is {@code workers * batchSize}), the seed, checkpoints and the collective's settings.
 * Immutable; build with {@link #builder()}.
 */
public final class DataParallelConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  final int workers;
  final int epochs;
  final int batchSize;
  final long seed;
  final boolean shuffle;
  final String checkpointDir;
  final boolean saveCheckpoints;
  final int keepLast;
  final String monitor;
  final CollectiveOptions collective;
  final boolean broadcastBuffers;
  final int accumulate;
  final double clipGradNorm;
  final int[] featureShape;
  final int[] targetShape;
  final int validationBatchSize;
  final EpochSync.FailAt failAt;

  private DataParallelConfig(Builder b) {
    this.workers = b.workers;
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.seed = b.seed;
    this.shuffle = b.shuffle;
    this.checkpointDir = b.checkpointDir;
    this.saveCheckpoints = b.saveCheckpoints;
    this.keepLast = b.keepLast;
    this.monitor = b.monitor;
    this.collective = b.collective;
    this.broadcastBuffers = b.broadcastBuffers;
    this.accumulate = b.accumulate;
    this.clipGradNorm = b.clipGradNorm;
    this.featureShape = b.featureShape == null ? null : b.featureShape.clone();
    this.targetShape = b.targetShape == null ? null : b.targetShape.clone();
    this.validationBatchSize = b.validationBatchSize;
    this.failAt = b.failAt;
  }

  public static Builder builder() { return new Builder(); }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.workers = workers;
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.seed = seed;
    b.shuffle = shuffle;
    b.checkpointDir = checkpointDir;
    b.saveCheckpoints = saveCheckpoints;
    b.keepLast = keepLast;
    b.monitor = monitor;
    b.collective = collective;
    b.broadcastBuffers = broadcastBuffers;
    b.accumulate = accumulate;
    b.clipGradNorm = clipGradNorm;
    b.featureShape = featureShape;
    b.targetShape = targetShape;
    b.validationBatchSize = validationBatchSize;
    b.failAt = failAt;
    return b;
  }

  public int workers() { return workers; }

  public int epochs() { return epochs; }

  public int batchSize() { return batchSize; }

  public long seed() { return seed; }

  public String checkpointDir() { return checkpointDir; }

  public CollectiveOptions collective() { return collective; }

  /** The shape of one example's features ({@code null}: the flat vector of a {@link Sample}). */
  public int[] featureShape() { return featureShape == null ? null : featureShape.clone(); }

  /** The shape of one example's float target ({@code null}: [k], or a scalar for k = 1). */
  public int[] targetShape() { return targetShape == null ? null : targetShape.clone(); }

  /** Builder for {@link DataParallelConfig}. */
  public static final class Builder {
    private int workers;
    private int epochs = 10;
    private int batchSize = 32;
    private long seed = 42;
    private boolean shuffle = true;
    private String checkpointDir;
    private boolean saveCheckpoints;
    private int keepLast = 2;
    private String monitor;
    private CollectiveOptions collective = CollectiveOptions.defaults();
    private boolean broadcastBuffers = true;
    private int accumulate = 1;
    private double clipGradNorm;
    private int[] featureShape;
    private int[] targetShape;
    private int validationBatchSize = 256;
    private EpochSync.FailAt failAt;

    private Builder() {}

    /** The number of workers (barrier tasks); 0 (default): Spark's default parallelism. */
    public Builder workers(int n) {
      if (n < 0) throw new IllegalArgumentException("DataParallelConfig: workers must be >= 0, got " + n);
      this.workers = n;
      return this;
    }

    public Builder epochs(int n) {
      if (n < 1) throw new IllegalArgumentException("DataParallelConfig: epochs must be >= 1, got " + n);
      this.epochs = n;
      return this;
    }

    /** Examples per worker per step (default 32); the global batch is workers times this. */
    public Builder batchSize(int n) {
      if (n < 1) throw new IllegalArgumentException("DataParallelConfig: batchSize must be >= 1, got " + n);
      this.batchSize = n;
      return this;
    }

    /** Seeds the model's initialisation and every epoch's data order and dropout (default 42). */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** Shuffle each worker's examples every epoch (default true). */
    public Builder shuffle(boolean on) {
      this.shuffle = on;
      return this;
    }

    /**
     * Rank 0 writes {@code epoch-NNN.safetensors} (the last {@code keepLast}) and
     * {@code best.safetensors} here after every epoch, and a run (or Spark's retry of a failed
     * stage) resumes from the newest epoch file. Every worker reads it: on a cluster it must be
     * a shared file system path (NFS, a mounted bucket). Null (default): no checkpoints.
     */
    public Builder checkpointDir(String dir, int keepLast) {
      if (keepLast < 1) throw new IllegalArgumentException("DataParallelConfig: keepLast must be >= 1, got " + keepLast);
      this.checkpointDir = dir;
      this.saveCheckpoints = dir != null;
      this.keepLast = keepLast;
      return this;
    }

    /**
     * Resume from the newest {@code epoch-NNN.safetensors} in {@code dir}, as with
     * {@link #checkpointDir}, but leave the writing to a
     * {@link io.jgrad.nn.train.CheckpointSaver} among the recipe's rank-0 callbacks (one that
     * records more metadata, as jgrad train's does).
     */
    public Builder resumeFrom(String dir) {
      this.checkpointDir = dir;
      this.saveCheckpoints = false;
      return this;
    }

    /** What best.safetensors is chosen by: val_loss, val_accuracy, train_loss (default: val_loss with validation, else train_loss). */
    public Builder monitor(String m) {
      this.monitor = m;
      return this;
    }

    public Builder collective(CollectiveOptions o) {
      if (o == null) throw new IllegalArgumentException("DataParallelConfig: collective options are null");
      this.collective = o;
      return this;
    }

    /** The collective's timeout (default 5 minutes). */
    public Builder timeout(Duration t) { return collective(collective.withTimeout(t)); }

    /** Copy rank 0's floating buffers (BatchNorm statistics) to every worker before each batch (default true). */
    public Builder broadcastBuffers(boolean on) {
      this.broadcastBuffers = on;
      return this;
    }

    /** Gradient accumulation over {@code k} batches per optimizer step (default 1). */
    public Builder accumulate(int k) {
      if (k < 1) throw new IllegalArgumentException("DataParallelConfig: accumulate must be >= 1, got " + k);
      this.accumulate = k;
      return this;
    }

    /** Clip the global gradient norm (after averaging) to {@code maxNorm}; 0 (default): off. */
    public Builder clipGradNorm(double maxNorm) {
      if (!(maxNorm >= 0)) throw new IllegalArgumentException("DataParallelConfig: clipGradNorm must be >= 0, got " + maxNorm);
      this.clipGradNorm = maxNorm;
      return this;
    }

    /** The shape each {@link Sample}'s flat features are viewed as (default: flat). */
    public Builder featureShape(int... shape) {
      this.featureShape = shape == null ? null : shape.clone();
      return this;
    }

    /** The shape each {@link Sample}'s float target is viewed as (default: [k], or a scalar for one value). */
    public Builder targetShape(int... shape) {
      this.targetShape = shape == null ? null : shape.clone();
      return this;
    }

    public Builder validationBatchSize(int n) {
      if (n < 1) throw new IllegalArgumentException("DataParallelConfig: validationBatchSize must be >= 1, got " + n);
      this.validationBatchSize = n;
      return this;
    }

    /**
     * For testing recovery: worker {@code rank} throws after batch {@code batch} (1-based) of
     * epoch {@code epoch}, in the first attempt of the stage only.
     */
    public Builder failAt(int rank, int epoch, int batch) {
      this.failAt = new EpochSync.FailAt(rank, epoch, batch);
      return this;
    }

    public DataParallelConfig build() { return new DataParallelConfig(this); }
  }
}
