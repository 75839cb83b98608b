package io.jgrad.tensor;

/**
 * A seedable source of random numbers for tensor creation ({@code rand}, {@code randn},
 * {@code dropout}, ...). It is counter-based (Philox): each draw reserves a block of counters,
 * so a given seed gives the same numbers on every run, thread count and device.
 *
 * <p>The default generator ({@link #defaultGenerator()}) serves every creation call without a
 * generator ({@code Tensor.randn(64, 5)}) and every layer's default initialization, as torch's
 * global generator does; {@link #manualSeed} (or {@code Tensor.manualSeed}) reseeds it, as
 * {@code torch.manual_seed}. Threads: there is one default generator per process, shared by all
 * threads. Each draw reserves its own block of counters under a lock, so concurrent draws never
 * overlap or repeat numbers, but which thread gets which block depends on the order the threads
 * reach it: a program that draws from several threads and must be reproducible gives each
 * thread its own {@code new Generator(seed)}.
 */
public final class Generator {
  private static final Generator DEFAULT = new Generator(0x5EED_1234_ABCDL);

  private long seed;
  private long offset;

  public Generator(long seed) { this.seed = seed; }

  /** The process-wide generator used when none is passed. */
  public static Generator defaultGenerator() { return DEFAULT; }

  /** Reseeds the default generator and restarts its stream ({@code torch.manual_seed}). */
  public static void manualSeed(long seed) { DEFAULT.setSeed(seed); }

  public synchronized void setSeed(long seed) {
    this.seed = seed;
    this.offset = 0;
  }

  public synchronized long seed() { return seed; }

  /** Counters used so far: with {@link #seed()} it is the whole state (for checkpoints). */
  public synchronized long offset() { return offset; }

  /** Restores a state saved as (seed, offset), e.g. when resuming from a checkpoint. */
  public synchronized void setState(long seed, long offset) {
    if (offset < 0) throw new IllegalArgumentException("Generator offset must be >= 0, got " + offset);
    this.seed = seed;
    this.offset = offset;
  }

  /** Reserves {@code count} counters and returns the first: the caller uses [first, first + count). */
  public synchronized long reserve(long count) {
    long first = offset;
    offset += count;
    return first;
  }

  /** A uniform double in [0, 1) drawn on the host (for randperm/multinomial). */
  public synchronized double nextDouble() {
    // One lock for seed and counter, so a concurrent setSeed cannot pair the old seed with a new offset.
    long c = reserve(1);
    int[] w = new int[4];
    io.jgrad.tensor.cpu.Philox.block(seed, c, w);
    return io.jgrad.tensor.cpu.Philox.unitDouble(w[0], w[1]);
  }
}
