package io.jgrad.tensor.fake;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.BackendProvider;
import java.util.List;

/**
 * Registers the test-only device {@code fake:0} (see {@link FakeBackend}) through
 * {@code META-INF/services} of the tensor test-jar, so any module whose tests depend on that jar
 * can run its code on a non-CPU device without a GPU.
 */
public final class FakeBackendProvider implements BackendProvider {
  @Override public String type() { return FakeBackend.DEVICE.type(); }

  @Override public List<Device> devices() { return List.of(FakeBackend.DEVICE); }

  @Override public String unavailableReason() { return null; }

  @Override
  public Backend open(Device device) {
    if (!device.equals(FakeBackend.DEVICE)) throw new IllegalArgumentException("fake backend: no device " + device);
    return FakeBackend.INSTANCE;
  }
}
