package io.jgrad.tensor.cpu;

/**
 * What the CPU backend's buffer pool holds, for monitoring a long-running process (a server, a
 * soak test): bytes parked for reuse, the pool's limit ({@code -Djgrad.cpu.poolBytes}, default
 * 512 MiB), and a way to hand the parked arrays to the garbage collector. Live tensors are not
 * counted: they are ordinary Java heap.
 */
public final class CpuMemory {
  private CpuMemory() {}

  /** Bytes of freed arrays the pool keeps for reuse (at most {@link #poolLimit()}). */
  public static long pooledBytes() { return CpuPool.pooledBytes(); }

  /** The most bytes the pool keeps; arrays freed beyond it go to the garbage collector. */
  public static long poolLimit() { return CpuPool.limit(); }

  /** Drops every parked array (the garbage collector reclaims them); returns the bytes released. */
  public static long releasePool() { return CpuPool.clear(); }
}
