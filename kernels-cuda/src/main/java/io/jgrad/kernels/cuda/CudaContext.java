package io.jgrad.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * One device: its primary context, one stream every kernel and copy is ordered on, the kernel
 * modules (fatbin first, PTX as the fallback) and the launcher. Every driver status goes through
 * {@link #check}, which throws with the symbolic error name and the last kernel launched (errors of
 * asynchronous kernels surface at the next synchronizing call).
 */
final class CudaContext {
  static final int BLOCK = 256;
  private static final int MAX_GRID = 1 << 20;

  final int ordinal;
  final String deviceName;
  final CUcontext context = new CUcontext();
  final CUstream stream = new CUstream();
  private final Map<String, CUmodule> modules = new HashMap<>();
  private final Map<Kernel, CUfunction> functions = new EnumMap<>(Kernel.class);
  private volatile Kernel lastKernel;
  private volatile Supplier<String> lastWhat;

  /**
   * Record mode, for tests on machines without a GPU: no driver call is made, memory is fake, and
   * every launch is handed to the recorder with its arguments (LaunchSignatureTest checks them
   * against the kernels' PTX parameter lists).
   */
  interface Recorder {
    void launch(Kernel k, int gx, int gy, int gz, int block, int smem, Object[] args);

    /** True when the recorder emulates memory (and kernels) on the host; false: memory is fake. */
    default boolean hasMemory() { return false; }

    default CUdeviceptr alloc(long bytes) { return new CUdeviceptr(); }

    default void toDevice(CUdeviceptr dst, Object hostArray, long bytes) {}

    default void toHost(Object hostArray, CUdeviceptr src, long bytes) {}

    default void deviceCopy(CUdeviceptr dst, CUdeviceptr src, long bytes) {}
  }

  Recorder recorder() { return recorder; }

  /** Synchronous host-to-device copy (ordered after the stream's queued work). */
  void toDevice(CUdeviceptr dst, Object hostArray, Pointer host, long bytes) {
    if (recorder != null) recorder.toDevice(dst, hostArray, bytes);
    else check(cuMemcpyHtoD(dst, host, bytes), "cuMemcpyHtoD(" + bytes + " bytes)");
  }

  /** Synchronous device-to-host copy: waits for the queued work first. */
  void toHost(Object hostArray, Pointer host, CUdeviceptr src, long bytes) {
    if (recorder != null) recorder.toHost(hostArray, src, bytes);
    else check(cuMemcpyDtoH(host, src, bytes), "cuMemcpyDtoH(" + bytes + " bytes)");
  }

  /** Asynchronous device-to-device copy on the stream. */
  void deviceCopy(CUdeviceptr dst, CUdeviceptr src, long bytes) {
    if (recorder != null) recorder.deviceCopy(dst, src, bytes);
    else check(cuMemcpyDtoDAsync(dst, src, bytes, stream), "cuMemcpyDtoDAsync(" + bytes + " bytes)");
  }

  private final Recorder recorder;

  CudaContext(int ordinal, Recorder recorder) {
    this.ordinal = ordinal;
    this.recorder = recorder;
    this.deviceName = "recorder (no GPU)";
  }

  boolean recording() { return recorder != null; }

  CudaContext(int ordinal) {
    this.ordinal = ordinal;
    this.recorder = null;
    JCudaDriver.setExceptionsEnabled(false);
    CUdevice dev = new CUdevice();
    check(cuDeviceGet(dev, ordinal), "cuDeviceGet(" + ordinal + ")");
    check(cuDevicePrimaryCtxRetain(context, dev), "cuDevicePrimaryCtxRetain");
    makeCurrent();
    byte[] name = new byte[256];
    check(cuDeviceGetName(name, name.length, dev), "cuDeviceGetName");
    int len = 0;
    while (len < name.length && name[len] != 0) len++;
    deviceName = new String(name, 0, len, java.nio.charset.StandardCharsets.US_ASCII);
    check(cuStreamCreate(stream, 0), "cuStreamCreate");  // blocking: ordered with synchronous copies
    for (Kernel k : Kernel.values()) module(k.module);
  }

  void makeCurrent() {
    if (recorder == null) check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
  }

  void synchronize() {
    if (recorder == null) check(cuStreamSynchronize(stream), "cuStreamSynchronize");
  }

  /** Throws unless status is CUDA_SUCCESS. */
  void check(int status, String call) {
    if (status == CUresult.CUDA_SUCCESS) return;
    throw new CudaDriverException(status, "cuda:" + ordinal + ": " + call + " failed: " + CUresult.stringFor(status)
        + " (last kernel launched: " + lastLaunch() + ")");
  }

  private String lastLaunch() {
    Kernel k = lastKernel;
    return k == null ? "none" : k.entry + " " + lastWhat.get();
  }

  private CUmodule module(String name) {
    CUmodule m = modules.get(name);
    if (m != null) return m;
    m = new CUmodule();
    int fat = cuModuleLoadData(m, resource(Kernel.resource(name, "fatbin"), false));
    if (fat != CUresult.CUDA_SUCCESS) {
      int ptx = cuModuleLoadData(m, resource(Kernel.resource(name, "ptx"), true));
      if (ptx != CUresult.CUDA_SUCCESS) {
        String hint = ptx == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION
            ? ": the driver is too old for the kernels' PTX ISA 9.0 (CUDA 13; needs driver r580 or newer)" : "";
        throw new CudaDriverException(ptx, "cuda:" + ordinal + ": cannot load kernel module '" + name + "' on "
            + deviceName + ": fatbin " + CUresult.stringFor(fat) + ", PTX " + CUresult.stringFor(ptx) + hint);
      }
    }
    modules.put(name, m);
    return m;
  }

  private static byte[] resource(String path, boolean nulTerminated) {
    try (InputStream in = CudaContext.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("missing kernel resource " + path);
      byte[] b = in.readAllBytes();
      if (!nulTerminated) return b;
      byte[] z = java.util.Arrays.copyOf(b, b.length + 1);
      return z;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path, e);
    }
  }

  CUfunction function(Kernel k) {
    return functions.computeIfAbsent(k, key -> {
      CUfunction f = new CUfunction();
      check(cuModuleGetFunction(f, module(key.module), key.entry), "cuModuleGetFunction(" + key.entry + ")");
      return f;
    });
  }

  /** Blocks for a grid-stride loop over n items. */
  static int blocksFor(long n) { return (int) Math.max(1, Math.min((n + BLOCK - 1) / BLOCK, MAX_GRID)); }

  /** Grid-stride launch over n items (nothing when n == 0). */
  void launchN(Kernel k, long n, Supplier<String> what, Object... args) {
    if (n == 0) return;
    launch(k, blocksFor(n), 1, 1, BLOCK, 0, what, args);
  }

  /**
   * Launches asynchronously on the stream. Arguments: Integer, Long, Double, int[] (a struct passed
   * by value: Lay, window, strides), CUdeviceptr. {@code what} describes the shapes for errors.
   */
  void launch(Kernel k, int gx, int gy, int gz, int block, int smem, Supplier<String> what, Object... args) {
    if (recorder != null) {
      recorder.launch(k, gx, gy, gz, block, smem, args);
      return;
    }
    NativePointerObject[] ps = new NativePointerObject[args.length];
    for (int i = 0; i < args.length; i++) {
      ps[i] = switch (args[i]) {
        case Integer v -> Pointer.to(new int[] {v});
        case Long v -> Pointer.to(new long[] {v});
        case Double v -> Pointer.to(new double[] {v});
        case int[] v -> Pointer.to(v);
        case CUdeviceptr p -> Pointer.to(p);
        default -> throw new IllegalArgumentException("kernel argument " + i + " of " + k.entry + ": "
            + args[i].getClass().getSimpleName());
      };
    }
    lastKernel = k;
    lastWhat = what;
    int status = cuLaunchKernel(function(k), gx, gy, gz, block, 1, 1, smem, stream, Pointer.to(ps), null);
    if (status != CUresult.CUDA_SUCCESS) {
      throw new CudaDriverException(status, "cuda:" + ordinal + ": launch of " + k.entry + " failed: "
          + CUresult.stringFor(status) + " (grid " + gx + "x" + gy + "x" + gz + ", block " + block + "; " + what.get() + ")");
    }
  }
}
