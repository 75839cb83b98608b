package io.jgrad.kernels.opencl;

import static org.jocl.CL.*;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * One device's context, in-order queue, allocator and program cache. Kernel files are
 * resources next to this class, one per family; each is prefixed with {@code common.cl}
 * (the {@code view_t} convention, see KERNELS.md) and built once per option string with
 * {@code -cl-std=CL1.2}. Launches are serialized on the context (kernel objects are shared).
 */
public final class ClContext {
  private static final String COMMON = "common.cl";

  private final ClDeviceInfo info;
  private final Device device;
  private final cl_context context;
  private final cl_command_queue queue;
  private final ClAllocator allocator;
  private final Map<String, cl_program> programs = new HashMap<>();
  private final Map<String, cl_kernel> kernels = new HashMap<>();
  private final Map<String, String> sources = new HashMap<>();

  ClContext(ClDeviceInfo info) {
    this.info = info;
    this.device = Device.opencl(info.index());
    cl_context_properties props = new cl_context_properties();
    props.addProperty(CL_CONTEXT_PLATFORM, info.platform());
    int[] st = new int[1];
    this.context = clCreateContext(props, 1, new cl_device_id[] {info.device()}, null, null, st);
    OpenClException.check(st[0], "clCreateContext on " + info.name());
    this.queue = clCreateCommandQueue(context, info.device(), 0, st);
    OpenClException.check(st[0], "clCreateCommandQueue on " + info.name());
    this.allocator = new ClAllocator(context, info.maxAllocBytes(), Math.min(info.globalMemBytes() / 8, 512L << 20));
  }

  public Device device() { return device; }

  ClDeviceInfo info() { return info; }

  cl_context context() { return context; }

  cl_command_queue queue() { return queue; }

  ClAllocator allocator() { return allocator; }

  public boolean fp64() { return info.fp64(); }

  /** Throws a clear error when {@code op} would need float64 on a device without cl_khr_fp64. */
  public void requireDtype(DType t, String op) { requireDtype(info, t, op); }

  static void requireDtype(ClDeviceInfo info, DType t, String op) {
    if (t == DType.FLOAT64 && !info.fp64()) {
      throw new OpenClException(op + ": float64 is not supported on OpenCL device opencl:" + info.index() + " ("
          + info.name() + "): it lacks cl_khr_fp64; use float32");
    }
  }

  /** A new uninitialised buffer of this device. */
  public ClBuffer allocate(DType dtype, int elements) {
    if (elements < 0) throw new IllegalArgumentException("cannot allocate " + elements + " elements");
    return new ClBuffer(this, dtype, elements);
  }

  /**
   * The kernel {@code name} of resource {@code file} built with {@code options} (e.g.
   * {@code ClTypes.define("T", dtype)}); programs and kernels are built once and cached.
   */
  public synchronized cl_kernel kernel(String file, String options, String name) {
    String key = file + '|' + options + '|' + name;
    cl_kernel k = kernels.get(key);
    if (k != null) return k;
    cl_program p = program(file, options);
    int[] st = new int[1];
    k = clCreateKernel(p, name, st);
    OpenClException.check(st[0], "clCreateKernel(" + name + ") of " + file);
    kernels.put(key, k);
    return k;
  }

  private cl_program program(String file, String options) {
    String key = file + '|' + options;
    cl_program p = programs.get(key);
    if (p != null) return p;
    String src = source(COMMON) + "\n#line 1\n" + source(file);
    int[] st = new int[1];
    p = clCreateProgramWithSource(context, 1, new String[] {src}, null, st);
    OpenClException.check(st[0], "clCreateProgramWithSource(" + file + ")");
    String opts = "-cl-std=CL1.2 " + options;
    int status = clBuildProgram(p, 1, new cl_device_id[] {info.device()}, opts, null, null);
    if (status != CL_SUCCESS) {
      String log = buildLog(p);
      clReleaseProgram(p);
      throw new OpenClException("building " + file + " with '" + opts + "' failed on " + info.name() + " ("
          + stringFor_errorCode(status) + "):\n" + log, status, null);
    }
    programs.put(key, p);
    return p;
  }

  private String buildLog(cl_program p) {
    long[] size = new long[1];
    clGetProgramBuildInfo(p, info.device(), CL_PROGRAM_BUILD_LOG, 0, null, size);
    byte[] b = new byte[(int) size[0]];
    clGetProgramBuildInfo(p, info.device(), CL_PROGRAM_BUILD_LOG, b.length, Pointer.to(b), null);
    return new String(b, StandardCharsets.UTF_8).trim();
  }

  private String source(String file) {
    return sources.computeIfAbsent(file, f -> {
      try (InputStream in = ClContext.class.getResourceAsStream(f)) {
        if (in == null) throw new OpenClException("kernel file " + f + " not found next to " + ClContext.class.getName());
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new OpenClException("reading kernel file " + f + ": " + e, 0, e);
      }
    });
  }

  /**
   * 1-D launch over {@code n} work items with ids 0..n-1 (nothing when n is 0); kernels need no
   * bounds guard. The bulk runs in work-groups of {@link #GROUP} and the remainder as groups of
   * one at a global offset: two fixed local sizes, since pocl compiles a kernel once per local
   * size (a driver-chosen size that follows n recompiled every kernel for every new n).
   */
  public synchronized void launch(cl_kernel k, long n, Object... args) {
    if (n <= 0) return;
    setArgs(k, args);
    long bulk = n / GROUP * GROUP;
    if (bulk > 0) enqueue(k, null, new long[] {bulk}, new long[] {GROUP});
    if (n > bulk) enqueue(k, new long[] {bulk}, new long[] {n - bulk}, new long[] {1});
  }

  /**
   * 1-D launch of {@code n} work items rounded up to a multiple of {@link #GROUP}, with
   * {@code (int) n} appended as the last argument: the kernel ends with a {@code const int
   * total} parameter and starts with {@code if (get_global_id(0) >= total) return;}. One local
   * size per kernel, so pocl compiles it once (the {@link #launch(cl_kernel, long, Object...)}
   * form compiles two).
   */
  public synchronized void launchGuarded(cl_kernel k, long n, Object... args) {
    if (n <= 0) return;
    Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = Math.toIntExact(n);
    setArgs(k, all);
    enqueue(k, null, new long[] {(n + GROUP - 1) / GROUP * GROUP}, new long[] {GROUP});
  }

  /** Work-group size of 1-D launches. */
  public static final int GROUP = 64;

  /**
   * Sets {@code args} and enqueues {@code k}. Arguments: {@link ClBuffer} or {@code cl_mem},
   * Integer (int), Long (long), Float, Double, {@code int[]} (passed by value as a struct of
   * ints, e.g. a {@code view_t} from {@link ClView}), {@code byte[]} (raw bytes, e.g.
   * {@link ClTypes#scalar}), {@link Local} (local memory of that many bytes).
   */
  public synchronized void launch(cl_kernel k, long[] global, long[] local, Object... args) {
    for (long g : global) if (g == 0) return;
    setArgs(k, args);
    enqueue(k, null, global, local);
  }

  private void setArgs(cl_kernel k, Object[] args) {
    for (int i = 0; i < args.length; i++) setArg(k, i, args[i]);
  }

  private void enqueue(cl_kernel k, long[] offset, long[] global, long[] local) {
    int st = clEnqueueNDRangeKernel(queue, k, global.length, offset, global, local, 0, null, null);
    OpenClException.check(st, "clEnqueueNDRangeKernel on " + device);
  }

  /** A local-memory kernel argument of {@code bytes} bytes. */
  public record Local(long bytes) {}

  private static void setArg(cl_kernel k, int i, Object a) {
    int st = switch (a) {
      case ClBuffer b -> clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(b.mem()));
      case cl_mem m -> clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(m));
      case Integer v -> clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {v}));
      case Long v -> clSetKernelArg(k, i, Sizeof.cl_long, Pointer.to(new long[] {v}));
      case Float v -> clSetKernelArg(k, i, Sizeof.cl_float, Pointer.to(new float[] {v}));
      case Double v -> clSetKernelArg(k, i, Sizeof.cl_double, Pointer.to(new double[] {v}));
      case int[] v -> clSetKernelArg(k, i, 4L * v.length, Pointer.to(v));
      case byte[] v -> clSetKernelArg(k, i, v.length, Pointer.to(v));
      case Local l -> clSetKernelArg(k, i, l.bytes(), null);
      default -> throw new IllegalArgumentException("unsupported kernel argument " + i + ": " + a.getClass());
    };
    OpenClException.check(st, "clSetKernelArg(" + i + ")");
  }

  /** Waits until every queued command finished. */
  public void finish() { OpenClException.check(clFinish(queue), "clFinish on " + device); }
}
