package io.jgrad.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;

/**
 * Caching device allocator: sizes are rounded to classes (powers of two up to 1 MiB, then whole
 * MiB), and a released block goes to its class's free list instead of back to the driver, so ops
 * do not call cuMemAlloc. Reuse is safe without synchronization because every kernel runs on the
 * one stream: work queued before the release finishes before work queued after the reuse.
 * When cuMemAlloc runs out of memory the cache is returned to the driver and the allocation
 * retried once; if that fails too, a {@link CudaOutOfMemoryException} names the bytes and the
 * allocator (and backend) stay usable.
 */
final class CudaAllocator {
  private static final long MIN = 512, MIB = 1 << 20;

  /** A device block of a size class. */
  record Block(CUdeviceptr ptr, long bytes) {}

  private final CudaContext ctx;
  private final Map<Long, ArrayDeque<Block>> free = new HashMap<>();
  private long cachedBytes, liveBytes, driverAllocs;

  CudaAllocator(CudaContext ctx) { this.ctx = ctx; }

  static long sizeClass(long bytes) {
    if (bytes <= MIN) return MIN;
    if (bytes <= MIB) return Long.highestOneBit(bytes - 1) << 1;
    return (bytes + MIB - 1) / MIB * MIB;
  }

  synchronized Block allocate(long bytes) {
    long size = sizeClass(bytes);
    ArrayDeque<Block> q = free.get(size);
    Block b = q == null ? null : q.poll();
    if (b != null) {
      cachedBytes -= size;
    } else {
      b = fresh(bytes, size);
    }
    liveBytes += size;
    return b;
  }

  private Block fresh(long requested, long size) {
    if (ctx.recording()) return new Block(ctx.recorder().alloc(size), size);
    CUdeviceptr p = new CUdeviceptr();
    int st = cuMemAlloc(p, size);
    if (st == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
      long released = cachedBytes;
      emptyCache();
      st = cuMemAlloc(p, size);
      if (st == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
        throw new CudaOutOfMemoryException(requested, "cuda:" + ctx.ordinal + ": out of memory allocating "
            + requested + " bytes (size class " + size + "; " + liveBytes + " bytes in live tensors, "
            + released + " cached bytes were returned to the driver first); close unused tensors and retry");
      }
    }
    ctx.check(st, "cuMemAlloc(" + size + ")");
    driverAllocs++;
    return new Block(p, size);
  }

  /** Back to the free list; called once per block (by the buffer's last release or its Cleaner). */
  synchronized void release(Block b) {
    liveBytes -= b.bytes();
    cachedBytes += b.bytes();
    free.computeIfAbsent(b.bytes(), k -> new ArrayDeque<>()).push(b);
  }

  /** Returns every cached block to the driver (after the queued work that may still use them). */
  synchronized void emptyCache() {
    if (cachedBytes == 0) return;
    ctx.synchronize();
    for (ArrayDeque<Block> q : free.values()) {
      for (Block b : q) if (!ctx.recording()) ctx.check(cuMemFree(b.ptr()), "cuMemFree");
    }
    free.clear();
    cachedBytes = 0;
  }

  synchronized long cachedBytes() { return cachedBytes; }

  synchronized long liveBytes() { return liveBytes; }

  /** How many times the driver was asked for memory (tests check the cache is used). */
  synchronized long driverAllocations() { return driverAllocs; }
}
