package io.jgrad.spark.collective;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of a {@link Collective}.
 *
 * @param bucketElements the most elements one ring pass reduces: longer arrays go through in
 *     buckets of this many, so no message exceeds {@code bucketElements / size} elements
 *     (default 1,048,576: 4 MiB of float32)
 * @param timeout how long a worker waits for a peer's message (or to hand its own over) before
 *     the call fails; it must exceed the longest compute between two collective calls, such as
 *     an epoch's validation (default 5 minutes)
 */
public record CollectiveOptions(int bucketElements, Duration timeout) implements Serializable {
  public static final int DEFAULT_BUCKET_ELEMENTS = 1 << 20;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  public CollectiveOptions {
    if (bucketElements < 1) throw new IllegalArgumentException("CollectiveOptions: bucketElements must be >= 1, got " + bucketElements);
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("CollectiveOptions: timeout must be positive, got " + timeout);
    }
  }

  /** The defaults: 1,048,576-element buckets, a 5-minute timeout. */
  public static CollectiveOptions defaults() { return new CollectiveOptions(DEFAULT_BUCKET_ELEMENTS, DEFAULT_TIMEOUT); }

  public CollectiveOptions withTimeout(Duration t) { return new CollectiveOptions(bucketElements, t); }

  public CollectiveOptions withBucketElements(int n) { return new CollectiveOptions(n, timeout); }

  /** The timeout in milliseconds, at least 1 and at most Integer.MAX_VALUE (a socket timeout's range). */
  int timeoutMillis() { return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())); }
}
