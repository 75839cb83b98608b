package io.jgrad.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.Backends;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.ScatterMode;
import io.jgrad.tensor.spi.View;
import org.junit.jupiter.api.Test;

/** The device parts that the differential catalogue does not reach: allocator, errors, modes. */
@RequiresCuda
class CudaBackendTest {
  private static CudaBackend cuda() { return (CudaBackend) Backends.of(Device.cuda(0)); }

  private static View vec(Buffer b, int n) { return new View(b, b.dtype(), new int[] {n}, new int[] {1}, 0); }

  @Test
  void opensOnceWithAName() {
    CudaBackend be = cuda();
    assertEquals("cuda:0", be.name());
    assertTrue(be == Backends.of(Device.cuda(0)));
    assertTrue(!be.deviceName().isBlank());
    System.out.println("cuda:0 = " + be.deviceName());
  }

  @Test
  void cachingAllocatorReusesReleasedBlocks() {
    CudaBackend be = cuda();
    Buffer warm = be.allocate(DType.FLOAT32, 1 << 20);
    warm.release();
    long before = be.driverAllocations();
    for (int i = 0; i < 100; i++) {
      Buffer b = be.allocate(DType.FLOAT32, (1 << 20) - i);  // same size class
      be.fill(vec(b, b.length()), i);
      b.release();
    }
    assertEquals(before, be.driverAllocations(), "released blocks must be reused, not cuMemAlloc'ed again");
    assertTrue(be.cachedBytes() >= 4L << 20);
    be.emptyCache();
    assertEquals(0, be.cachedBytes());
  }

  @Test
  void outOfMemoryIsTypedAndTheBackendStillWorks() {
    CudaBackend be = cuda();
    CudaOutOfMemoryException e = assertThrows(CudaOutOfMemoryException.class, () -> be.allocator.allocate(1L << 50));
    assertEquals(1L << 50, e.bytes());
    assertTrue(e.getMessage().contains(String.valueOf(1L << 50)), e.getMessage());
    Buffer b = be.upload(DType.FLOAT32, new float[] {1, 2, 3});
    View v = vec(b, 3);
    be.binary(BinaryOp.ADD, v, v, v);
    assertArrayEquals(new float[] {2, 4, 6}, (float[]) be.download(v));
    b.release();
  }

  @Test
  void launchErrorsNameTheKernelAndShapes() {
    CudaBackend be = cuda();
    Buffer b = be.allocate(DType.FLOAT32, 4);
    CudaDriverException e = assertThrows(CudaDriverException.class, () -> be.ctx.launch(Kernel.FILL_STRIDED, 1, 1, 1,
        4096, 0, () -> "shape [4]", Lay.contiguous(4, 0), ((CudaBuffer) b).ptr(), 4, 0L, 4L));
    assertTrue(e.getMessage().contains("fill_strided") && e.getMessage().contains("shape [4]"), e.getMessage());
    View v = vec(b, 4);
    be.fill(v, 1.5);
    assertArrayEquals(new float[] {1.5f, 1.5f, 1.5f, 1.5f}, (float[]) be.download(v));
    b.release();
  }

  @Test
  void mixingDevicesIsRejected() {
    CudaBackend be = cuda();
    View cpu = vec(Backends.cpu().upload(DType.FLOAT32, new float[] {1}), 1);
    Buffer b = be.allocate(DType.FLOAT32, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> be.binary(BinaryOp.ADD, cpu, cpu, vec(b, 1)));
    assertTrue(e.getMessage().contains("cuda:0") && e.getMessage().contains("cpu"), e.getMessage());
    b.release();
  }

  @Test
  void releasedBufferIsRejectedAndItsMemoryCached() {
    CudaBackend be = cuda();
    long cached = be.cachedBytes();
    Buffer b = be.allocate(DType.FLOAT64, 1000);
    b.release();
    assertTrue(be.cachedBytes() >= cached + 8000);
    assertThrows(IllegalStateException.class, () -> be.fill(vec(b, 1000), 0));
  }

  @Test
  void deterministicScatterAddIsBitIdenticalToTheCpu() {
    CudaBackend be = cuda();
    int n = 100_000;
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    float[] src = new float[n];
    long[] idx = new long[n];
    for (int i = 0; i < n; i++) { src[i] = (float) r.nextGaussian(); idx[i] = r.nextInt(7); }
    float[] want = new float[7];
    for (int i = 0; i < n; i++) want[(int) idx[i]] += src[i];
    be.deterministic(true);
    try {
      Buffer s = be.upload(DType.FLOAT32, src), i = be.upload(DType.INT64, idx), t = be.upload(DType.FLOAT32, new float[7]);
      be.scatter(ScatterMode.ADD, vec(s, n), 0, vec(i, n), vec(t, 7));
      assertArrayEquals(want, (float[]) be.download(vec(t, 7)));
    } finally {
      be.deterministic(false);
    }
  }

  @Test
  void asyncWorkIsOrderedBeforeDownloads() {
    CudaBackend be = cuda();
    int n = 1 << 22;
    Buffer b = be.allocate(DType.FLOAT32, n);
    View v = vec(b, n);
    be.fill(v, 0);
    for (int k = 0; k < 50; k++) be.unary(io.jgrad.tensor.spi.UnaryOp.EXP, v, v);  // 50 queued kernels
    float[] got = (float[]) be.download(v);
    // exp applied 50 times to 0: exp(1)=2.718..., then overflow to +inf after a few steps
    assertEquals(Float.POSITIVE_INFINITY, got[n - 1]);
    be.synchronize();
    b.release();
  }
}
