package io.jgrad.tensor;

/**
 * A seedable source of random numbers for tensor creation ({@code rand}, {@code randn},
 * {@code dropout}, ...). It is counter-based (Philox): each draw reserves a block of counters,
 * so a given seed gives the same numbers on every run, thread count and device. Not shared
 * across threads without care: draws are synchronized, so their order defines the stream.
 */
public final class Generator {
  private static final Generator DEFAULT = new Generator(0x5EED_1234_ABCDL);

  private long seed;
  private long offset;

  public Generator(long seed) { this.seed = seed; }

  /** The process-wide generator used when none is passed. */
  public static Generator defaultGenerator() { return DEFAULT; }

  /** Reseeds the default generator ({@code torch.manual_seed}). */
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
