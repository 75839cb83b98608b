package io.jgrad.kernels.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.File;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * Runs the real kernel sources on the CPU, for tests on machines without a GPU: each {@code .cu}
 * is compiled as host C++ with {@code emu.h} (g++), memory is native host memory, and a launch
 * runs every block in turn with one platform thread per CUDA thread (barriers and warp intrinsics
 * are emulated). Kernels without block cooperation run as one thread looping over the whole grid.
 * It checks the kernels' logic and the Java dispatch, not GPU timing or memory-model subtleties.
 */
final class CudaEmulator implements CudaContext.Recorder {
  /** Kernels that use __syncthreads, shared memory or warp intrinsics: they need their real block size. */
  private static final Set<Kernel> COOPERATIVE = EnumSet.of(Kernel.REDUCE_GENERIC, Kernel.ARGREDUCE_GENERIC,
      Kernel.SOFTMAX_F32, Kernel.SOFTMAX_F64, Kernel.SGEMM_STRIDED, Kernel.SGEMM_VEC, Kernel.DGEMM_STRIDED,
      Kernel.SORT_SHARED, Kernel.NONZERO_COUNT, Kernel.NONZERO_WRITE);
  private static final Set<Kernel> TILED = EnumSet.of(Kernel.SGEMM_STRIDED, Kernel.SGEMM_VEC, Kernel.DGEMM_STRIDED);

  private final Linker linker = Linker.nativeLinker();
  private final Map<String, SymbolLookup> libs = new HashMap<>();
  private final Map<String, MethodHandle> handles = new HashMap<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(1024, r -> {
    Thread t = new Thread(r, "cuda-emu");
    t.setDaemon(true);
    return t;
  });
  private static final Field NATIVE, OFFSET;

  static {
    try {
      NATIVE = NativePointerObject.class.getDeclaredField("nativePointer");
      NATIVE.setAccessible(true);
      OFFSET = Pointer.class.getDeclaredField("byteOffset");
      OFFSET.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Compiles every kernel module into dir; returns null when that works, else the reason. */
  static String build(Path dir) {
    try {
      File src = new File(CudaEmulator.class.getResource("/io/jgrad/kernels/cuda/src/common.cuh").toURI()).getParentFile();
      File emu = new File(CudaEmulator.class.getResource("/io/jgrad/kernels/cuda/emu/emu.h").toURI());
      Files.createDirectories(dir);
      for (Kernel k : Kernel.values()) {
        Path lib = dir.resolve("lib" + k.module + ".so");
        File cu = new File(src, k.module + ".cu");
        long newest = Math.max(cu.lastModified(), Math.max(new File(src, "common.cuh").lastModified(), emu.lastModified()));
        if (Files.exists(lib) && Files.getLastModifiedTime(lib).toMillis() >= newest) continue;
        Process p = new ProcessBuilder("g++", "-std=c++20", "-O1", "-fPIC", "-shared", "-w", "-include", emu.getPath(),
            "-x", "c++", new File(src, k.module + ".cu").getPath(), "-o", lib.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) return "g++ failed on " + k.module + ".cu: " + out;
      }
      return null;
    } catch (Exception e) {
      return "cannot build the kernel emulator: " + e;
    }
  }

  CudaEmulator(Path dir) {
    for (Kernel k : Kernel.values()) {
      libs.computeIfAbsent(k.module, m -> SymbolLookup.libraryLookup(dir.resolve("lib" + m + ".so"), Arena.global()));
    }
  }

  @Override public boolean hasMemory() { return true; }

  @Override
  public CUdeviceptr alloc(long bytes) {
    MemorySegment s = Arena.global().allocate(bytes, 512);
    s.fill((byte) 0x7f);  // not zero, so a kernel that skips writing an output shows up
    CUdeviceptr p = new CUdeviceptr();
    try {
      NATIVE.setLong(p, s.address());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    return p;
  }

  static long address(Pointer p) {
    try {
      return NATIVE.getLong(p) + OFFSET.getLong(p);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MemorySegment heap(Object a) {
    return switch (a) {
      case float[] x -> MemorySegment.ofArray(x);
      case double[] x -> MemorySegment.ofArray(x);
      case int[] x -> MemorySegment.ofArray(x);
      case long[] x -> MemorySegment.ofArray(x);
      case byte[] x -> MemorySegment.ofArray(x);
      default -> throw new IllegalArgumentException(a.getClass().toString());
    };
  }

  private static MemorySegment at(Pointer p, long bytes) { return MemorySegment.ofAddress(address(p)).reinterpret(bytes); }

  @Override
  public void toDevice(CUdeviceptr dst, Object hostArray, long bytes) { MemorySegment.copy(heap(hostArray), 0, at(dst, bytes), 0, bytes); }

  @Override
  public void toHost(Object hostArray, CUdeviceptr src, long bytes) { MemorySegment.copy(at(src, bytes), 0, heap(hostArray), 0, bytes); }

  @Override
  public void deviceCopy(CUdeviceptr dst, CUdeviceptr src, long bytes) { MemorySegment.copy(at(src, bytes), 0, at(dst, bytes), 0, bytes); }

  private MethodHandle handle(String module, String name, FunctionDescriptor fd) {
    return handles.computeIfAbsent(module + "/" + name + fd, key -> linker.downcallHandle(
        libs.get(module).find(name).orElseThrow(() -> new IllegalStateException("no symbol " + name)), fd));
  }

  @Override
  public synchronized void launch(Kernel k, int gx, int gy, int gz, int block, int smem, Object[] args) {
    List<MemoryLayout> layouts = new ArrayList<>();
    Object[] vals = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case Integer v -> { layouts.add(JAVA_INT); vals[i] = v; }
        case Long v -> { layouts.add(JAVA_LONG); vals[i] = v; }
        case Double v -> { layouts.add(JAVA_DOUBLE); vals[i] = v; }
        case int[] s -> {
          MemoryLayout[] ints = new MemoryLayout[s.length];
          for (int j = 0; j < s.length; j++) ints[j] = JAVA_INT.withName("f" + j);
          MemoryLayout st = MemoryLayout.structLayout(ints);
          layouts.add(st);
          MemorySegment seg = Arena.ofAuto().allocate(st);
          for (int j = 0; j < s.length; j++) seg.setAtIndex(JAVA_INT, j, s[j]);
          vals[i] = seg;
        }
        case CUdeviceptr p -> { layouts.add(ADDRESS); vals[i] = MemorySegment.ofAddress(address(p)); }
        default -> throw new IllegalArgumentException(args[i].getClass().toString());
      }
    }
    MethodHandle kernel = handle(k.module, k.entry, FunctionDescriptor.ofVoid(layouts.toArray(MemoryLayout[]::new)));
    MethodHandle blockFn = handle(k.module, "emu_block", FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
        JAVA_INT, JAVA_INT, JAVA_INT));
    MethodHandle threadFn = handle(k.module, "emu_thread", FunctionDescriptor.ofVoid(JAVA_INT));
    try {
      if (!COOPERATIVE.contains(k)) {
        blockFn.invoke(0, 0, 0, 1, 1, 1, 1);  // one thread loops over the whole grid-stride range
        threadFn.invoke(0);
        kernel.invokeWithArguments(vals);
        return;
      }
      int ex = TILED.contains(k) ? gx : Math.min(gx, 2), ey = TILED.contains(k) ? gy : Math.min(gy, 2), ez = Math.min(gz, 2);
      for (int bz = 0; bz < ez; bz++) {
        for (int by = 0; by < ey; by++) {
          for (int bx = 0; bx < ex; bx++) {
            blockFn.invoke(bx, by, bz, block, ex, ey, ez);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < block; t++) {
              int tid = t;
              fs.add(pool.submit(() -> {
                try {
                  threadFn.invoke(tid);
                  kernel.invokeWithArguments(vals);
                } catch (Throwable e) {
                  throw new IllegalStateException(e);
                }
                return null;
              }));
            }
            // a kernel whose threads disagree on a barrier would hang: fail instead (the stuck daemon threads stay parked)
            for (Future<?> f : fs) f.get(120, java.util.concurrent.TimeUnit.SECONDS);
          }
        }
      }
    } catch (Throwable e) {
      throw new IllegalStateException("emulated launch of " + k.entry + " failed", e);
    }
  }
}
