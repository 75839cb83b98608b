package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.BackendProvider;
import io.jgrad.tensor.spi.Backends;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Discovery, the availability check's reasons (with injected failures) and the device listing. */
class ClProviderTest {
  @Test
  void missingLibraryBecomesAReasonNotAnError() {
    var p = OpenClProvider.Probe.run(() -> { throw new UnsatisfiedLinkError("Could not load libOpenCL.so"); });
    assertTrue(p.devices().isEmpty());
    assertTrue(p.reason().contains("libOpenCL.so") && p.reason().contains("UnsatisfiedLinkError"), p.reason());
    var later = OpenClProvider.Probe.run(() -> { throw new NoClassDefFoundError("org/jocl/CL"); });
    assertTrue(later.reason().contains("NoClassDefFoundError"), later.reason());
  }

  @Test
  void noPlatformAndNoDeviceGiveTheirReasons() {
    var none = OpenClProvider.Probe.run(() -> {
      throw new OpenClException("no OpenCL platform (clGetPlatformIDs: CL_PLATFORM_NOT_FOUND_KHR)", -1001, null);
    });
    assertTrue(none.reason().contains("CL_PLATFORM_NOT_FOUND_KHR"), none.reason());
    var empty = OpenClProvider.Probe.run(List::of);
    assertEquals("no OpenCL device found", empty.reason());
    var odd = OpenClProvider.Probe.run(() -> { throw new org.jocl.CLException("CL_INVALID_VALUE"); });
    assertTrue(odd.reason().contains("CL_INVALID_VALUE"), odd.reason());
  }

  @Test
  void registeredThroughServiceLoader() {
    boolean found = false;
    for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) found |= p instanceof OpenClProvider;
    assertTrue(found);
  }

  @Test
  @RequiresOpenCL
  void devicesAreListedAndOpened() {
    OpenClProvider p = new OpenClProvider();
    assertEquals("opencl", p.type());
    assertFalse(p.devices().isEmpty());
    assertNull(p.unavailableReason());
    assertEquals(Device.opencl(0), p.devices().get(0));
    assertTrue(Backends.devices().contains(Device.opencl(0)));
    assertEquals("opencl:0", Backends.of(Device.opencl(0)).name());
    String d = OpenClProvider.describe();
    assertTrue(d.startsWith("opencl:0") && d.contains("fp64=") && d.contains("GiB"), d);
    int n = p.devices().size();
    var e = assertThrows(IllegalArgumentException.class, () -> OpenClProvider.backend(n));
    assertTrue(e.getMessage().contains("opencl:" + n), e.getMessage());
  }
}
