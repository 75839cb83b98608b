package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Recycles freed arrays by (dtype, length) so training loops that close their temporaries
 * stop allocating: fresh memory costs 1.5-13 us per page on these machines (PERF.md). The pool
 * holds at most {@code jgrad.cpu.poolBytes} bytes (default 512 MiB); beyond that freed arrays
 * are left to the garbage collector. Arrays handed out are not zeroed.
 *
 * <p>Thread-safe: one lock guards the free lists (held for a map look-up, never while
 * allocating). When the heap cannot hold a new array, the pool lets go of every parked array and
 * retries once; if that fails too, a {@link CpuOutOfMemoryException} names the sizes.
 */
final class CpuPool {
  private static final long LIMIT = Long.getLong("jgrad.cpu.poolBytes", 512L << 20);
  private static final int MIN_POOLED = 64;
  private static final Map<Long, ArrayDeque<Object>> FREE = new HashMap<>();
  private static long pooledBytes;

  private CpuPool() {}

  static Object take(DType dtype, int length) {
    if (length >= MIN_POOLED) {
      synchronized (FREE) {
        ArrayDeque<Object> q = FREE.get(key(dtype, length));
        if (q != null && !q.isEmpty()) {
          pooledBytes -= (long) length * dtype.byteSize();
          return q.poll();
        }
      }
    }
    return newArray(dtype, length);
  }

  static void give(DType dtype, Object array) {
    int length = java.lang.reflect.Array.getLength(array);
    long bytes = (long) length * dtype.byteSize();
    if (length < MIN_POOLED) return;
    synchronized (FREE) {
      if (pooledBytes + bytes > LIMIT) return;
      FREE.computeIfAbsent(key(dtype, length), k -> new ArrayDeque<>()).push(array);
      pooledBytes += bytes;
    }
  }

  /** Bytes currently parked in the pool (for tests and benchmarks). */
  static long pooledBytes() {
    synchronized (FREE) { return pooledBytes; }
  }

  /** Drops every parked array (the garbage collector reclaims them); returns the bytes let go. */
  static long clear() {
    synchronized (FREE) {
      long bytes = pooledBytes;
      FREE.clear();
      pooledBytes = 0;
      return bytes;
    }
  }

  /** The pool's limit in bytes ({@code jgrad.cpu.poolBytes}). */
  static long limit() { return LIMIT; }

  /**
   * A new array; when the heap is full, the pool's parked arrays are released and the allocation
   * retried once before a {@link CpuOutOfMemoryException} naming the sizes.
   */
  static Object newArray(DType dtype, int length) {
    try {
      return allocate(dtype, length);
    } catch (OutOfMemoryError first) {
      long released = clear();
      try {
        return allocate(dtype, length);
      } catch (OutOfMemoryError second) {
        throw outOfMemory(dtype, length, released, second);
      }
    }
  }

  private static Object allocate(DType dtype, int length) {
    return switch (dtype) {
      case BOOL -> new byte[length];
      case INT32 -> new int[length];
      case INT64 -> new long[length];
      case FLOAT32 -> new float[length];
      case FLOAT64 -> new double[length];
    };
  }

  private static CpuOutOfMemoryException outOfMemory(DType dtype, int length, long released, OutOfMemoryError e) {
    long bytes = (long) length * dtype.byteSize();
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    return new CpuOutOfMemoryException(bytes, "cpu: out of memory for a " + dtype + " buffer of " + length + " elements ("
        + mib(bytes) + "): the Java heap's limit is " + mib(rt.maxMemory()) + " and " + mib(used) + " is in use; the buffer pool "
        + "(limit " + mib(LIMIT) + ") released " + mib(released) + " before the retry. Close tensors that are no longer needed or "
        + "raise -Xmx (" + e.getMessage() + ")", e);
  }

  static String mib(long bytes) { return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0); }

  private static long key(DType dtype, int length) { return ((long) length << 3) | dtype.ordinal(); }
}
