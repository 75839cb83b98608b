package io.jgrad.kernels.opencl;

import static org.jocl.CL.*;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * Device memory with a size-keyed cache: freed blocks wait for a request of the same size
 * (training loops ask for the same sizes every step). The cache holds at most
 * {@code cacheLimit} bytes and is emptied before an allocation is reported as out of memory.
 */
final class ClAllocator {
  private final cl_context context;
  private final long maxAlloc;
  private final long cacheLimit;
  private final Map<Long, ArrayDeque<cl_mem>> cache = new HashMap<>();
  private long cached;
  private long live;

  ClAllocator(cl_context context, long maxAlloc, long cacheLimit) {
    this.context = context;
    this.maxAlloc = maxAlloc;
    this.cacheLimit = cacheLimit;
  }

  /** Rounds a request up to a multiple of 256 bytes (never 0: OpenCL rejects empty buffers). */
  static long roundBytes(long bytes) { return Math.max(256, (bytes + 255) & ~255L); }

  synchronized cl_mem allocate(long bytes) {
    if (bytes > maxAlloc) {
      throw new OpenClOutOfMemoryException("allocate (device max allocation " + maxAlloc + " bytes)", bytes, 0);
    }
    ArrayDeque<cl_mem> q = cache.get(bytes);
    if (q != null && !q.isEmpty()) {
      cached -= bytes;
      live += bytes;
      return q.pop();
    }
    int[] st = new int[1];
    cl_mem m = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, st);
    if (st[0] != CL_SUCCESS && OpenClOutOfMemoryException.isOutOfMemory(st[0])) {
      trim();
      m = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, st);
    }
    if (st[0] != CL_SUCCESS) {
      if (OpenClOutOfMemoryException.isOutOfMemory(st[0])) throw new OpenClOutOfMemoryException("allocate", bytes, st[0]);
      OpenClException.check(st[0], "clCreateBuffer(" + bytes + " bytes)");
    }
    live += bytes;
    return m;
  }

  /** Takes a block back (from release or the Cleaner thread); keeps it for reuse if room is left. */
  synchronized void recycle(cl_mem m, long bytes) {
    live -= bytes;
    if (cached + bytes <= cacheLimit) {
      cache.computeIfAbsent(bytes, k -> new ArrayDeque<>()).push(m);
      cached += bytes;
    } else {
      clReleaseMemObject(m);
    }
  }

  /** Releases every cached block to the driver. */
  synchronized void trim() {
    for (ArrayDeque<cl_mem> q : cache.values()) for (cl_mem m : q) clReleaseMemObject(m);
    cache.clear();
    cached = 0;
  }

  /** Bytes held by live buffers (not counting the cache). */
  synchronized long liveBytes() { return live; }

  synchronized long cachedBytes() { return cached; }

  /** True when {@code m} sits in the cache (for tests of the release paths). */
  synchronized boolean caches(cl_mem m) {
    for (ArrayDeque<cl_mem> q : cache.values()) if (q.contains(m)) return true;
    return false;
  }
}
