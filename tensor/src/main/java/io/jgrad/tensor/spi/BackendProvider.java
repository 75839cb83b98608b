package io.jgrad.tensor.spi;

import io.jgrad.tensor.Device;
import java.util.List;

/**
 * Found through {@link java.util.ServiceLoader}: a GPU module registers one in
 * {@code META-INF/services/io.jgrad.tensor.spi.BackendProvider}.
 */
public interface BackendProvider {
  /** Device type this provider serves: "cuda", "opencl". */
  String type();

  /** Devices present now; empty (never an exception) when the driver or hardware is missing. */
  List<Device> devices();

  /** Why {@link #devices()} is empty, for error messages; null when devices exist. */
  String unavailableReason();

  /** Opens (or returns the cached) backend for one of {@link #devices()}. */
  Backend open(Device device);
}
