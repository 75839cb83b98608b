package io.jgrad.spark.collective;

/**
 * What a {@link Collective}'s all-reduce calls cost so far: their number, the elements reduced
 * and the wall time spent inside them (waiting for slower peers included).
 */
public record CollectiveStats(long allReduceCalls, long allReduceElements, long allReduceNanos) implements java.io.Serializable {
  /** Mean milliseconds per all-reduce call (NaN before the first). */
  public double millisPerCall() { return allReduceCalls == 0 ? Double.NaN : allReduceNanos / 1e6 / allReduceCalls; }

  /** The calls, elements and time since {@code earlier}. */
  public CollectiveStats since(CollectiveStats earlier) {
    return new CollectiveStats(allReduceCalls - earlier.allReduceCalls, allReduceElements - earlier.allReduceElements,
        allReduceNanos - earlier.allReduceNanos);
  }
}
