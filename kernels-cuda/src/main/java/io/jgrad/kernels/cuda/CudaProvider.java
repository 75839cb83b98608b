package io.jgrad.kernels.cuda;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.BackendProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers the "cuda" device type with {@link io.jgrad.tensor.spi.Backends}. Availability is
 * checked once (cached, synchronized): without the NVIDIA driver, JCuda's first touch throws
 * UnsatisfiedLinkError and every later one NoClassDefFoundError, so nothing of JCuda is touched
 * outside {@link #check()}, which turns every failure into a reason string.
 */
public final class CudaProvider implements BackendProvider {
  private static final Object LOCK = new Object();
  private static boolean checked;
  private static int count;
  private static String reason;
  private static final Map<Integer, CudaBackend> OPEN = new ConcurrentHashMap<>();

  @Override public String type() { return "cuda"; }

  /** Runs the availability check once; later calls return the cached answer. */
  private static void check() {
    synchronized (LOCK) {
      if (checked) return;
      checked = true;
      try {
        Object r = CudaProbe.probe();
        if (r instanceof Integer n) count = n;
        else reason = (String) r;
      } catch (UnsatisfiedLinkError e) {
        reason = "no NVIDIA driver (" + firstCause(e.getMessage()) + ")";
      } catch (LinkageError e) {
        reason = "JCuda could not be loaded: " + e;
      } catch (RuntimeException e) {
        // jcuda.CudaException (and anything else the native layer throws)
        reason = "CUDA initialisation failed: " + e;
      }
    }
  }

  /**
   * JCuda's UnsatisfiedLinkError message holds nested stack traces; keep the line that names the
   * missing library (e.g. "libcuda.so.1: cannot open shared object file: No such file or directory").
   */
  static String firstCause(String message) {
    if (message == null) return "libcuda.so.1 could not be loaded";
    for (String line : message.split("\\R")) {
      int i = line.indexOf("libcuda");
      if (i >= 0 && line.contains("cannot open")) return line.substring(i).trim();
    }
    String first = message.lines().findFirst().orElse(message);
    return "libcuda.so.1 could not be loaded: " + (first.length() > 200 ? first.substring(0, 200) + "..." : first);
  }

  /** The number of usable devices (0 when unavailable). */
  public static int deviceCount() {
    check();
    synchronized (LOCK) {
      return count;
    }
  }

  @Override
  public List<Device> devices() {
    List<Device> d = new ArrayList<>();
    for (int i = 0, n = deviceCount(); i < n; i++) d.add(Device.cuda(i));
    return d;
  }

  @Override
  public String unavailableReason() {
    check();
    synchronized (LOCK) {
      return count > 0 ? null : reason;
    }
  }

  @Override
  public Backend open(Device device) {
    if (!device.type().equals("cuda") || device.index() >= deviceCount()) {
      String why = unavailableReason();
      throw new IllegalArgumentException("device " + device + " is not available"
          + (why == null ? "; present: " + devices() : ": " + why));
    }
    return OPEN.computeIfAbsent(device.index(), CudaBackend::new);
  }
}
