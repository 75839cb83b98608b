package io.jgrad.spark.collective;

/**
 * Collective operations among the {@link #size()} workers of one data-parallel job, each worker
 * holding one instance with its own {@link #rank()} (0-based).
 *
 * <p>Contract: every worker makes the same calls in the same order with the same lengths and
 * element types; a worker that makes a different call (another operation, length or root) is
 * detected when the messages meet and every worker involved throws a
 * {@link CollectiveException} naming both calls. Arrays are modified in place.
 *
 * <p>Determinism: sums are formed in a fixed order (in the ring implementation, element i of
 * chunk c is {@code ((g_c + g_{c+1}) + g_{c+2}) + ... + g_{c-1}}, ranks taken modulo the size),
 * which depends on the ring and the array's length, never on timing; every rank receives the
 * same bits. The in-process ({@link LocalCollectives}) and socket ({@link SocketRing})
 * implementations run the same algorithm and give identical results.
 *
 * <p>Failures: a worker that stops (its task failed, its JVM died) closes its connections, and
 * the others' pending and later calls throw {@link CollectiveException} naming the lost rank;
 * a worker that stalls longer than the timeout ({@link CollectiveOptions#timeout}) does the
 * same. After a failure the instance is broken: every call throws.
 */
public interface Collective extends AutoCloseable {
  /** This worker's position, 0 to size - 1. */
  int rank();

  /** The number of workers. */
  int size();

  /** Replaces {@code data[offset, offset + length)} by the element-wise sum over all workers. */
  void allReduceSum(float[] data, int offset, int length);

  /** The float64 form of {@link #allReduceSum(float[], int, int)}. */
  void allReduceSum(double[] data, int offset, int length);

  /** Replaces {@code data[offset, offset + length)} on every worker by {@code root}'s values. */
  void broadcast(float[] data, int offset, int length, int root);

  /** The float64 form of {@link #broadcast(float[], int, int, int)}. */
  void broadcast(double[] data, int offset, int length, int root);

  /** Returns once every worker has called it. */
  void barrier();

  /** Time and volume of the all-reduce calls so far. */
  CollectiveStats stats();

  /** Closes the connections; peers blocked on this worker then fail at once. Idempotent. */
  @Override
  void close();

  default void allReduceSum(float[] data) { allReduceSum(data, 0, data.length); }

  default void allReduceSum(double[] data) { allReduceSum(data, 0, data.length); }

  /** The element-wise mean over the workers: the sum, then a multiplication by 1 / size. */
  default void allReduceMean(float[] data) {
    allReduceSum(data);
    float s = 1f / size();
    for (int i = 0; i < data.length; i++) data[i] *= s;
  }

  /** The float64 form of {@link #allReduceMean(float[])}. */
  default void allReduceMean(double[] data) {
    allReduceSum(data);
    double s = 1.0 / size();
    for (int i = 0; i < data.length; i++) data[i] *= s;
  }

  default void broadcast(float[] data, int root) { broadcast(data, 0, data.length, root); }

  default void broadcast(double[] data, int root) { broadcast(data, 0, data.length, root); }
}
