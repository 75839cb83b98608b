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

  static Object newArray(DType dtype, int length) {
    return switch (dtype) {
      case BOOL -> new byte[length];
      case INT32 -> new int[length];
      case INT64 -> new long[length];
      case FLOAT32 -> new float[length];
      case FLOAT64 -> new double[length];
    };
  }

  private static long key(DType dtype, int length) { return ((long) length << 3) | dtype.ordinal(); }
}
