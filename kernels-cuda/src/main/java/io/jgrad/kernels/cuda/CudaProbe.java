package io.jgrad.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * The first code that touches JCuda; only {@link CudaProvider} calls it, inside a try that catches
 * {@link LinkageError} (no libcuda.so.1: UnsatisfiedLinkError first, NoClassDefFoundError after)
 * and {@code jcuda.CudaException}.
 */
final class CudaProbe {
  /** CUDA 13.0 (driver r580): the committed PTX is ISA 9.0. */
  static final int MIN_DRIVER = 13000;

  private CudaProbe() {}

  /** Number of devices, or a reason (String) why there are none usable. */
  static Object probe() {
    JCudaDriver.setExceptionsEnabled(false);
    int st = cuInit(0);
    if (st == CUresult.CUDA_ERROR_NO_DEVICE) return "no CUDA device (cuInit: CUDA_ERROR_NO_DEVICE)";
    if (st == 35 /* CUDA_ERROR_INSUFFICIENT_DRIVER */) {
      return "the NVIDIA driver is too old for this CUDA runtime (cuInit: CUDA_ERROR_INSUFFICIENT_DRIVER)";
    }
    if (st != CUresult.CUDA_SUCCESS) return "cuInit failed: " + CUresult.stringFor(st);
    int[] v = new int[1];
    st = cuDriverGetVersion(v);
    if (st != CUresult.CUDA_SUCCESS) return "cuDriverGetVersion failed: " + CUresult.stringFor(st);
    if (v[0] < MIN_DRIVER) {
      return "the NVIDIA driver supports CUDA " + v[0] / 1000 + "." + v[0] % 1000 / 10
          + ", too old for the kernels' PTX ISA 9.0 (CUDA 13.0, driver r580+): loading would fail with"
          + " CUDA_ERROR_UNSUPPORTED_PTX_VERSION";
    }
    int[] n = new int[1];
    st = cuDeviceGetCount(n);
    if (st != CUresult.CUDA_SUCCESS) return "cuDeviceGetCount failed: " + CUresult.stringFor(st);
    if (n[0] == 0) return "no CUDA device (cuDeviceGetCount = 0)";
    return n[0];
  }
}
