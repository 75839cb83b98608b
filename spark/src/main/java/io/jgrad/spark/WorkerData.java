package io.jgrad.spark;

import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.Dataset;
import io.jgrad.nn.data.Example;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;

/**
 * One worker's view of its partition for an epoch: the first {@code size} examples (every
 * worker uses the same count, the smallest partition's, so all take the same number of steps),
 * in an order that is a pure function of (seed, rank, epoch), so a run resumed at epoch e sees
 * the batches an uninterrupted run would. Batches carry the examples' global indices (their
 * position in the whole data set) in {@link Batch#index()}.
 */
final class WorkerData implements Dataset {
  private final Dataset base;
  private final long[] globalIndex;
  private final int size;
  private final long seed;
  private final int rank;
  private final boolean shuffle;
  private int[] order;

  WorkerData(Dataset base, long[] globalIndex, int size, long seed, int rank, boolean shuffle) {
    if (size > base.size()) throw new IllegalArgumentException("WorkerData: size " + size + " exceeds the partition's " + base.size());
    if (globalIndex != null && globalIndex.length != base.size()) {
      throw new IllegalArgumentException("WorkerData: " + globalIndex.length + " global indices for " + base.size() + " examples");
    }
    this.base = base;
    this.globalIndex = globalIndex;
    this.size = size;
    this.seed = seed;
    this.rank = rank;
    this.shuffle = shuffle;
    startEpoch(1);
  }

  /** Sets the order of epoch {@code epoch} (1-based). */
  void startEpoch(int epoch) { order = shuffle ? permutation(seed, rank, epoch, size) : identity(size); }

  /** The order of {@code n} examples of worker {@code rank} in epoch {@code epoch}: randperm from a generator seeded by all three. */
  static int[] permutation(long seed, int rank, int epoch, int n) {
    if (n == 0) return new int[0];
    try (Tensor p = Tensor.randperm(new Generator(mix(seed, 0x5A4D_0001L, rank, epoch)), n)) {
      long[] v = p.toLongArray();
      int[] out = new int[n];
      for (int i = 0; i < n; i++) out[i] = (int) v[i];
      return out;
    }
  }

  /** A 64-bit hash of the arguments (SplitMix64 finalizer steps), for deriving independent seeds. */
  static long mix(long seed, long salt, long a, long b) {
    long h = seed;
    for (long v : new long[] {salt, a, b}) {
      h += 0x9E3779B97F4A7C15L ^ v;
      h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
      h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
      h ^= h >>> 31;
    }
    return h;
  }

  private static int[] identity(int n) {
    int[] o = new int[n];
    for (int i = 0; i < n; i++) o[i] = i;
    return o;
  }

  @Override
  public int size() { return size; }

  @Override
  public Example get(int i) { return base.get(order[i]); }

  @Override
  public Batch batch(int[] indices) {
    int[] local = new int[indices.length];
    long[] global = new long[indices.length];
    for (int k = 0; k < indices.length; k++) {
      local[k] = order[indices[k]];
      global[k] = globalIndex == null ? local[k] : globalIndex[local[k]];
    }
    Batch b = base.batch(local);
    if (b.index() != null) b.index().close();
    return new Batch(b.x(), b.y(), Tensor.of(global), b.fields());
  }
}
