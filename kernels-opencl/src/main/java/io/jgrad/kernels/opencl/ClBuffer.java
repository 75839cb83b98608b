package io.jgrad.kernels.opencl;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.RefCountedBuffer;
import io.jgrad.tensor.spi.View;
import java.lang.ref.Cleaner;
import org.jocl.cl_mem;

/**
 * Device memory of one OpenCL context. The last {@link #release()} hands it back to the
 * context's allocator at once; a buffer that becomes unreachable without being released is
 * handed back by a {@link Cleaner} (the safety net; never both, {@link Cleaner.Cleanable#clean()}
 * runs once).
 */
public final class ClBuffer extends RefCountedBuffer {
  private static final Cleaner CLEANER = Cleaner.create();

  private final ClContext ctx;
  private final cl_mem mem;
  private final long bytes;
  private final Cleaner.Cleanable cleanable;

  /** The memory's owner as the Cleaner sees it: must not reference the ClBuffer. */
  private record Free(ClAllocator allocator, cl_mem mem, long bytes) implements Runnable {
    @Override public void run() { allocator.recycle(mem, bytes); }
  }

  ClBuffer(ClContext ctx, DType dtype, int length) {
    super(dtype, length);
    this.ctx = ctx;
    this.bytes = ClAllocator.roundBytes((long) length * dtype.byteSize());
    this.mem = ctx.allocator().allocate(bytes);
    this.cleanable = CLEANER.register(this, new Free(ctx.allocator(), mem, bytes));
  }

  @Override public Device device() { return ctx.device(); }

  /** The memory object; throws if the buffer was released. */
  public cl_mem mem() {
    checkLive();
    return mem;
  }

  /** Bytes reserved on the device (at least {@code length * byteSize}). */
  public long bytes() { return bytes; }

  ClContext context() { return ctx; }

  @Override
  protected void free() { cleanable.clean(); }

  /** The view's buffer as a ClBuffer of {@code ctx}; a clear error for another device's buffer. */
  static ClBuffer of(View v, ClContext ctx, String op) {
    Buffer b = v.buffer();
    if (b instanceof ClBuffer cb && cb.ctx == ctx) return cb;
    throw new IllegalArgumentException(op + ": expected same device, got " + b.device() + " and " + ctx.device());
  }
}
