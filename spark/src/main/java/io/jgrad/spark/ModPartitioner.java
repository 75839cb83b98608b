package io.jgrad.spark;

import org.apache.spark.Partitioner;

/** Example i (its position in the whole data set) goes to worker {@code i % workers}: partitions differ in size by at most one. */
final class ModPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final int workers;

  ModPartitioner(int workers) { this.workers = workers; }

  @Override
  public int numPartitions() { return workers; }

  @Override
  public int getPartition(Object key) { return (int) Math.floorMod((Long) key, (long) workers); }

  @Override
  public boolean equals(Object o) { return o instanceof ModPartitioner p && p.workers == workers; }

  @Override
  public int hashCode() { return workers; }
}
