package io.jgrad.cli;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.BackendProvider;
import io.jgrad.tensor.spi.Backends;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * {@code jgrad devices}: every device {@code --device} accepts here ({@link Backends#devices()}),
 * then, for each backend provider on the class path that has no device, the reason it gives
 * (no driver, no platform, ...), and the known GPU modules that are not on the class path.
 */
final class DevicesCommand {
  /** Backend modules jgrad ships; named when absent so the user knows what to add. */
  static final List<String> KNOWN_TYPES = List.of("cuda", "opencl");

  private DevicesCommand() {}

  static void run(PrintStream out) {
    out.println("devices (use with --device):");
    for (Device d : Backends.devices()) {
      out.println("  " + d + (d.isCpu() ? "  (built in, " + io.jgrad.tensor.cpu.Parallel.threads() + " threads)" : ""));
    }
    List<String> unavailable = new ArrayList<>();
    TreeSet<String> present = new TreeSet<>();
    for (BackendProvider p : providers()) {
      present.add(p.type());
      String why = reason(p);
      if (why != null) unavailable.add("  " + p.type() + ": " + why);
    }
    for (String t : KNOWN_TYPES) {
      if (!present.contains(t)) unavailable.add("  " + t + ": no jgrad-kernels-" + t + " backend on the class path");
    }
    if (!unavailable.isEmpty()) {
      out.println("backends without a device:");
      unavailable.forEach(out::println);
    }
  }

  private static List<BackendProvider> providers() {
    List<BackendProvider> l = new ArrayList<>();
    ServiceLoader.load(BackendProvider.class).forEach(l::add);
    return l;
  }

  /** Null when the provider has devices; otherwise why not (a provider that throws is reported, not fatal). */
  private static String reason(BackendProvider p) {
    try {
      if (!p.devices().isEmpty()) return null;
      String why = p.unavailableReason();
      return why == null ? "no devices found" : why;
    } catch (RuntimeException | LinkageError e) {
      return Main.message(e);
    }
  }
}
