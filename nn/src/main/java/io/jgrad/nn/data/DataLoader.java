package io.jgrad.nn.data;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Iterates a {@link Dataset} in mini-batches. Each call to {@link #iterator()} is one epoch:
 * with {@code shuffle}, the order is {@code randperm} drawn from the loader's seeded
 * {@link Generator} (so the same seed gives the same sequence of epochs), otherwise 0..N-1.
 * With {@code dropLast}, a final batch smaller than {@code batchSize} is skipped.
 *
 * <p>With {@code prefetch}, a daemon thread builds up to two batches ahead; the epoch order is
 * drawn on the consuming thread before the worker starts, so batches are identical with or
 * without prefetch. The worker opens no {@code TensorScope}, so no scope closes a batch behind
 * the consumer's back; the consumer owns every batch it receives and closes it (a
 * {@code TensorScope} only tracks tensors created on its own thread, so prefetched batches are
 * not closed by the consumer's scopes either). An exception
 * in the worker is rethrown on the consuming thread by the next {@code next()}/{@code hasNext()}.
 *
 * <p>Transforms: with {@link Builder#transform} every example is read with {@link Dataset#get},
 * transformed with its own {@link Generator} (seeded from the loader's seed, the epoch and the
 * example's dataset index) and stacked; {@link Builder#batchTransform} then sees each batch with
 * a generator seeded from the seed, the epoch and the batch number. Both run where batches are
 * built (the prefetch thread when there is one), and their randomness does not depend on the
 * thread or on timing, so an epoch is identical with and without prefetch. The seed is the
 * builder's {@link Builder#seed}, or the seed of a generator passed to {@link Builder#generator};
 * the epoch counts this loader's {@link #iterator()} calls from 0.
 */
public final class DataLoader implements Iterable<Batch>, AutoCloseable {
  private final Dataset dataset;
  private final int batchSize;
  private final boolean shuffle;
  private final boolean dropLast;
  private final boolean prefetch;
  private final Generator generator;
  private final Device device;
  private final ExampleTransform transform;
  private final BatchTransform batchTransform;
  private final long transformSeed;
  private int epochs;
  private final List<BatchIterator> open = new ArrayList<>();

  private DataLoader(Builder b) {
    this.dataset = b.dataset;
    this.batchSize = b.batchSize;
    this.shuffle = b.shuffle;
    this.dropLast = b.dropLast;
    this.prefetch = b.prefetch;
    this.generator = b.generator != null ? b.generator : new Generator(b.seed);
    this.device = b.device;
    this.transform = b.transform;
    this.batchTransform = b.batchTransform;
    this.transformSeed = b.generator != null ? b.generator.seed() : b.seed;
  }

  /** A builder over {@code dataset}; defaults: no shuffle, keep the last partial batch, no prefetch. */
  public static Builder builder(Dataset dataset, int batchSize) { return new Builder(dataset, batchSize); }

  public Dataset dataset() { return dataset; }

  public int batchSize() { return batchSize; }

  /** Where batches are delivered (the dataset itself stays on the host). */
  public Device device() { return device; }

  /** Batches per epoch. */
  public int numBatches() {
    int n = dataset.size();
    return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
  }

  /** The index order of the next epoch (advances the generator when shuffling). */
  int[] nextOrder() {
    int n = dataset.size();
    int[] order = new int[n];
    if (shuffle && n > 0) {
      long[] perm;
      try (Tensor p = Tensor.randperm(generator, n)) {
        perm = p.toLongArray();
      }
      for (int i = 0; i < n; i++) order[i] = (int) perm[i];
    } else {
      for (int i = 0; i < n; i++) order[i] = i;
    }
    return order;
  }

  /** Starts an epoch. Close the iterator (or this loader) to stop its prefetch thread early. */
  @Override
  public BatchIterator iterator() {
    int epoch = epochs++;
    int[] order = nextOrder();
    int nb = numBatches();
    List<int[]> batches = new ArrayList<>(nb);
    for (int b = 0; b < nb; b++) {
      int lo = b * batchSize;
      int hi = Math.min(lo + batchSize, order.length);
      int[] idx = new int[hi - lo];
      System.arraycopy(order, lo, idx, 0, idx.length);
      batches.add(idx);
    }
    BatchSource source = (number, idx) -> build(epoch, number, idx);
    BatchIterator it = prefetch ? new PrefetchIterator(source, batches) : new DirectIterator(source, batches);
    synchronized (open) {
      open.removeIf(BatchIterator::finished);
      open.add(it);
    }
    return it;
  }

  /** Batch {@code number} of epoch {@code epoch}: read (and transformed) on the host, then moved to the device. */
  private Batch build(int epoch, int number, int[] idx) {
    Batch b = transform == null ? dataset.batch(idx) : Transforms.examples(dataset, idx, transform, transformSeed, epoch);
    if (batchTransform != null) b = Transforms.batch(b, batchTransform, Transforms.generator(transformSeed, epoch, -1 - number));
    return device.isCpu() ? b : b.to(device);
  }

  /** Builds batch {@code number} of an epoch from its dataset indices. */
  @FunctionalInterface
  interface BatchSource {
    Batch batch(int number, int[] indices);
  }

  /** Stops every prefetch thread this loader started; idempotent. */
  @Override
  public void close() {
    List<BatchIterator> its;
    synchronized (open) {
      its = new ArrayList<>(open);
      open.clear();
    }
    for (BatchIterator it : its) it.close();
  }

  /** One epoch's batches. */
  public abstract static sealed class BatchIterator implements Iterator<Batch>, AutoCloseable
      permits DirectIterator, PrefetchIterator {
    abstract boolean finished();

    @Override
    public abstract void close();
  }

  static final class DirectIterator extends BatchIterator {
    private final BatchSource source;
    private final List<int[]> batches;
    private int next;
    private boolean closed;

    DirectIterator(BatchSource source, List<int[]> batches) {
      this.source = source;
      this.batches = batches;
    }

    @Override
    public boolean hasNext() { return !closed && next < batches.size(); }

    @Override
    public Batch next() {
      if (!hasNext()) throw new java.util.NoSuchElementException("DataLoader: no more batches in this epoch");
      int n = next++;
      return source.batch(n, batches.get(n));
    }

    @Override
    boolean finished() { return closed || next >= batches.size(); }

    @Override
    public void close() { closed = true; }
  }

  /** Builder for {@link DataLoader}. */
  public static final class Builder {
    private final Dataset dataset;
    private final int batchSize;
    private boolean shuffle;
    private boolean dropLast;
    private boolean prefetch;
    private long seed;
    private Generator generator;
    private Device device = Device.CPU;
    private ExampleTransform transform;
    private BatchTransform batchTransform;

    private Builder(Dataset dataset, int batchSize) {
      if (dataset == null) throw new IllegalArgumentException("DataLoader: dataset is null");
      if (batchSize < 1) throw new IllegalArgumentException("DataLoader: batchSize must be >= 1, got " + batchSize);
      this.dataset = dataset;
      this.batchSize = batchSize;
    }

    public Builder shuffle(boolean shuffle) { this.shuffle = shuffle; return this; }

    /** Seed of the loader's own generator (ignored when {@link #generator} is set) and of its transforms. */
    public Builder seed(long seed) { this.seed = seed; return this; }

    public Builder generator(Generator g) { this.generator = g; return this; }

    public Builder dropLast(boolean dropLast) { this.dropLast = dropLast; return this; }

    public Builder prefetch(boolean prefetch) { this.prefetch = prefetch; return this; }

    /**
     * Delivers batches on {@code device} (default the CPU): each batch is built on the host and
     * uploaded once, on the prefetch thread when {@link #prefetch} is on, so the copy overlaps
     * the training step. The {@link io.jgrad.nn.train.Trainer} also moves any batch that is not
     * on the model's device, so this is an optimisation, not a requirement.
     */
    public Builder device(Device device) {
      if (device == null) throw new IllegalArgumentException("DataLoader: device is null");
      this.device = device;
      return this;
    }

    /** A per-example transform (augmentation); see {@link ExampleTransform} and the class comment. */
    public Builder transform(ExampleTransform t) {
      if (t == null) throw new IllegalArgumentException("DataLoader: transform is null");
      this.transform = t;
      return this;
    }

    /** A transform of each whole batch, after the per-example one; see {@link BatchTransform}. */
    public Builder batchTransform(BatchTransform t) {
      if (t == null) throw new IllegalArgumentException("DataLoader: batchTransform is null");
      this.batchTransform = t;
      return this;
    }

    public DataLoader build() { return new DataLoader(this); }
  }
}
