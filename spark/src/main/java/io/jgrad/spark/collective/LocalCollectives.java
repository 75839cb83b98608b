package io.jgrad.spark.collective;

import java.util.ArrayList;
import java.util.List;

/**
 * A group of collectives connected by in-process pipes: the ring algorithm of the socket
 * implementation, for several workers in one JVM (one thread each) and for tests.
 */
public final class LocalCollectives {
  private LocalCollectives() {}

  /** {@code size} collectives, element i for the worker of rank i. */
  public static List<Collective> create(int size, CollectiveOptions options) {
    if (size < 1) throw new IllegalArgumentException("LocalCollectives: size must be >= 1, got " + size);
    if (options == null) throw new IllegalArgumentException("LocalCollectives: options are null");
    MemoryTransport.Pipe[] pipes = new MemoryTransport.Pipe[size];
    for (int i = 0; i < size; i++) pipes[i] = new MemoryTransport.Pipe();
    List<Collective> out = new ArrayList<>(size);
    for (int r = 0; r < size; r++) {
      // pipes[r] runs from rank r to rank r + 1.
      out.add(new RingCollective(new MemoryTransport(r, size, pipes[r], pipes[Math.floorMod(r - 1, size)], options.timeoutMillis()),
          options));
    }
    return out;
  }

  /** {@link #create(int, CollectiveOptions)} with the default options. */
  public static List<Collective> create(int size) { return create(size, CollectiveOptions.defaults()); }
}
