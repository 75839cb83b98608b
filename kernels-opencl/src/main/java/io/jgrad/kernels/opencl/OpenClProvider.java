package io.jgrad.kernels.opencl;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.BackendProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Finds OpenCL devices for {@link io.jgrad.tensor.spi.Backends}. The first question runs one
 * guarded, cached check: a missing {@code libOpenCL.so} ({@link LinkageError}), no platform or
 * no device become an empty device list and a reason, never an exception reaching the user.
 * Nothing of JOCL is touched outside that check until a device is known to exist.
 */
public final class OpenClProvider implements BackendProvider {
  /** Result of the availability check: devices, or the reason there are none. */
  record Probe(List<ClDeviceInfo> devices, String reason) {
    /** Runs {@code enumerate}, turning every expected failure into a reason. */
    static Probe run(Supplier<List<ClDeviceInfo>> enumerate) {
      try {
        List<ClDeviceInfo> found = enumerate.get();
        return found.isEmpty() ? new Probe(List.of(), "no OpenCL device found") : new Probe(List.copyOf(found), null);
      } catch (LinkageError e) {
        // First touch: UnsatisfiedLinkError (no libOpenCL.so / JOCL native); later: NoClassDefFoundError.
        return new Probe(List.of(), "OpenCL library not loadable (" + e.getClass().getSimpleName() + ": "
            + e.getMessage() + "); install an OpenCL ICD loader, e.g. ocl-icd-opencl-dev and pocl-opencl-icd");
      } catch (OpenClException e) {
        return new Probe(List.of(), e.getMessage());
      } catch (RuntimeException e) {
        // org.jocl.CLException when a caller enabled JOCL exceptions, or a driver oddity.
        return new Probe(List.of(), "OpenCL probe failed: " + e);
      }
    }
  }

  private static Probe probe;
  private static final Map<Integer, OpenClBackend> OPEN = new ConcurrentHashMap<>();

  /** The cached availability check. */
  static synchronized Probe probe() {
    if (probe == null) probe = Probe.run(ClDevices::enumerate);
    return probe;
  }

  @Override public String type() { return "opencl"; }

  @Override
  public List<Device> devices() {
    List<Device> out = new ArrayList<>();
    for (ClDeviceInfo d : probe().devices()) out.add(Device.opencl(d.index()));
    return out;
  }

  @Override public String unavailableReason() { return probe().reason(); }

  /** True when at least one OpenCL device can be used. */
  public static boolean available() { return !probe().devices().isEmpty(); }

  /** Why no device is usable (null when one is). */
  public static String reason() { return probe().reason(); }

  /** One line per device (name, vendor, version, fp64, memory), or the reason there is none. */
  public static String describe() {
    Probe p = probe();
    if (p.devices().isEmpty()) return "opencl: unavailable: " + p.reason();
    StringBuilder sb = new StringBuilder();
    for (ClDeviceInfo d : p.devices()) sb.append(d.describe()).append('\n');
    return sb.toString().stripTrailing();
  }

  @Override
  public Backend open(Device device) { return backend(device.index()); }

  /** The backend of {@code opencl:index}, opened once and shared. */
  public static OpenClBackend backend(int index) {
    Probe p = probe();
    if (index < 0 || index >= p.devices().size()) {
      throw new IllegalArgumentException("device opencl:" + index + " is not available"
          + (p.reason() != null ? ": " + p.reason() : "; present: opencl:0..opencl:" + (p.devices().size() - 1)));
    }
    return OPEN.computeIfAbsent(index, i -> new OpenClBackend(new ClContext(p.devices().get(i))));
  }
}
