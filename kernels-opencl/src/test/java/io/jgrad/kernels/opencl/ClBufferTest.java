package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.View;
import java.util.ArrayList;
import java.util.List;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;

/** Deterministic release, the Cleaner safety net, out of memory, and dtypes the device lacks. */
@RequiresOpenCL
class ClBufferTest {
  private static ClContext ctx() { return ((OpenClBackend) Differential.opencl()).context(); }

  @Test
  void lastReleaseFreesAtOnce() {
    ClAllocator a = ctx().allocator();
    long before = a.liveBytes();
    Buffer b = Differential.opencl().allocate(DType.FLOAT32, 1000);
    b.retain();
    assertEquals(before + 4096, a.liveBytes());
    b.release();
    assertEquals(before + 4096, a.liveBytes(), "one reference is left");
    cl_mem m = ((ClBuffer) b).mem();
    b.release();
    assertEquals(before, a.liveBytes());
    assertTrue(a.caches(m), "freed memory waits in the size-keyed cache");
    assertTrue(b.isFreed());
    var e = assertThrows(IllegalStateException.class, ((ClBuffer) b)::mem);
    assertTrue(e.getMessage().contains("after close()"), e.getMessage());
    assertThrows(IllegalStateException.class, b::release);
    Buffer again = Differential.opencl().allocate(DType.INT32, 1000);
    assertEquals(m, ((ClBuffer) again).mem(), "same size reuses the cached block");
    again.release();
  }

  @Test
  void unreleasedBufferIsFreedByTheCleaner() throws InterruptedException {
    ClAllocator a = ctx().allocator();
    cl_mem m = leak();
    for (int i = 0; i < 100 && !a.caches(m); i++) {
      System.gc();
      Thread.sleep(50);
    }
    assertTrue(a.caches(m), "the Cleaner handed the unreachable buffer's memory back");
  }

  private static cl_mem leak() {
    ClBuffer b = (ClBuffer) Differential.opencl().allocate(DType.FLOAT32, 12345);
    return b.mem();
  }

  @Test
  void outOfMemoryIsTypedAndRecoverable() {
    Backend cl = Differential.opencl();
    ClContext ctx = ctx();
    long huge = (long) Integer.MAX_VALUE * 8;
    List<Buffer> held = new ArrayList<>();
    OpenClOutOfMemoryException oom = null;
    try {
      // Past the device's max allocation the allocator refuses at once; on devices that allow
      // a 16 GiB block, keep allocating and touching blocks until the device runs out.
      long tries = ctx.info().globalMemBytes() / huge + 3;
      for (long i = 0; i < tries && oom == null; i++) {
        try {
          Buffer b = cl.allocate(DType.FLOAT64, Integer.MAX_VALUE);
          held.add(b);
          cl.fill(new View(b, DType.FLOAT64, new int[] {Integer.MAX_VALUE}, new int[] {1}, 0), 1);
          cl.synchronize();
        } catch (OpenClOutOfMemoryException e) {
          oom = e;
        }
      }
    } finally {
      held.forEach(Buffer::release);
    }
    assertTrue(oom != null, "no out-of-memory error after allocating past the device's memory");
    assertTrue(oom.getMessage().contains("out of device memory"), oom.getMessage());
    if (huge > ctx.info().maxAllocBytes()) {
      assertEquals(ClAllocator.roundBytes(huge), oom.requestedBytes());
      assertTrue(oom.getMessage().contains(Long.toString(ClAllocator.roundBytes(huge))), oom.getMessage());
    }
    Buffer ok = cl.upload(DType.FLOAT32, new float[] {1, 2, 3});
    try {
      View v = new View(ok, DType.FLOAT32, new int[] {3}, new int[] {1}, 0);
      cl.fill(v, 7);
      assertEquals(7f, ((float[]) cl.download(v))[2]);
    } finally {
      ok.release();
    }
  }

  @Test
  void float64WithoutFp64IsAClearError() {
    ClDeviceInfo real = ctx().info();
    ClDeviceInfo noFp64 = new ClDeviceInfo(real.index(), real.platform(), real.device(), real.name(), real.vendor(),
        real.version(), real.platformName(), false, real.globalMemBytes(), real.maxAllocBytes(),
        real.maxWorkGroupSize(), real.localMemBytes());
    var e = assertThrows(OpenClException.class, () -> ClContext.requireDtype(noFp64, DType.FLOAT64, "exp"));
    assertTrue(e.getMessage().contains("exp") && e.getMessage().contains("float64")
        && e.getMessage().contains("cl_khr_fp64") && e.getMessage().contains(real.name()), e.getMessage());
    ClContext.requireDtype(noFp64, DType.FLOAT32, "exp");
    if (!real.fp64()) {
      assertThrows(OpenClException.class, () -> Differential.opencl().allocate(DType.FLOAT64, 4));
    }
  }

  @Test
  void buildErrorsNameTheFileAndShowTheLog() {
    var e = assertThrows(OpenClException.class, () -> ctx().kernel("copy.cl", "-DS=float -DD=nosuchtype", "copy"));
    assertTrue(e.getMessage().contains("copy.cl") && e.getMessage().contains("nosuchtype"), e.getMessage());
  }
}
