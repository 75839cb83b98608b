package io.jgrad.tensor.spi;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/** Maps devices to backends: the CPU is built in, the rest come from {@link BackendProvider}s. */
public final class Backends {
  private static final Map<Device, Backend> OPEN = new ConcurrentHashMap<>();
  private static volatile List<BackendProvider> providers;

  private Backends() {}

  public static Backend cpu() { return CpuBackend.INSTANCE; }

  /** The backend for a device; a clear error when its type is unknown or it is absent. */
  public static Backend of(Device device) {
    if (device.isCpu()) return CpuBackend.INSTANCE;
    return OPEN.computeIfAbsent(device, Backends::openDevice);
  }

  /** Every device that can be used now, the CPU first. */
  public static List<Device> devices() {
    List<Device> all = new ArrayList<>(List.of(Device.CPU));
    for (BackendProvider p : providers()) all.addAll(p.devices());
    return all;
  }

  private static Backend openDevice(Device device) {
    for (BackendProvider p : providers()) {
      if (!p.type().equals(device.type())) continue;
      if (!p.devices().contains(device)) {
        String why = p.unavailableReason();
        throw new IllegalArgumentException("device " + device + " is not available"
            + (why == null ? "; present: " + p.devices() : ": " + why));
      }
      return p.open(device);
    }
    throw new IllegalArgumentException("no backend for device type '" + device.type()
        + "': add the jgrad-kernels-" + device.type() + " module to the class path");
  }

  private static List<BackendProvider> providers() {
    List<BackendProvider> p = providers;
    if (p == null) {
      synchronized (Backends.class) {
        if (providers == null) {
          List<BackendProvider> found = new ArrayList<>();
          ServiceLoader.load(BackendProvider.class).forEach(found::add);
          providers = List.copyOf(found);
        }
        p = providers;
      }
    }
    return p;
  }
}
