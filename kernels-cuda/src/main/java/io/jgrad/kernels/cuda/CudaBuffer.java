package io.jgrad.kernels.cuda;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.RefCountedBuffer;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import jcuda.driver.CUdeviceptr;

/**
 * Device memory of one tensor. The last {@link #release()} hands the block back to the caching
 * allocator at once (deterministic release); a buffer that becomes unreachable without being
 * released is returned by a {@link Cleaner} as a safety net.
 */
final class CudaBuffer extends RefCountedBuffer {
  private static final Cleaner CLEANER = Cleaner.create();

  private final Device device;
  private final CudaAllocator.Block block;
  private final Cleaner.Cleanable cleanable;

  CudaBuffer(DType dtype, int length, Device device, CudaAllocator allocator) {
    super(dtype, length);
    this.device = device;
    this.block = allocator.allocate(Math.max(1L, (long) length * dtype.byteSize()));
    this.cleanable = CLEANER.register(this, new Return(allocator, block));
  }

  @Override public Device device() { return device; }

  CUdeviceptr ptr() {
    checkLive();
    return block.ptr();
  }

  long bytes() { return (long) length() * dtype().byteSize(); }

  @Override
  protected void free() { cleanable.clean(); }

  /** Holds no reference to the buffer, so the buffer can become unreachable. */
  private record Return(CudaAllocator allocator, CudaAllocator.Block block, AtomicBoolean done) implements Runnable {
    Return(CudaAllocator allocator, CudaAllocator.Block block) { this(allocator, block, new AtomicBoolean()); }

    @Override
    public void run() {
      if (done.compareAndSet(false, true)) allocator.release(block);
    }
  }
}
