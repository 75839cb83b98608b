package io.jgrad.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.BackendProvider;
import io.jgrad.tensor.spi.Backends;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Runs everywhere: with a GPU the provider lists devices; without one it explains why, never throwing. */
class CudaProviderTest {
  @Test
  void registeredThroughServiceLoader() {
    long n = ServiceLoader.load(BackendProvider.class).stream().filter(p -> p.type() == CudaProvider.class).count();
    assertEquals(1, n, "META-INF/services must register CudaProvider once");
  }

  @Test
  void availabilityIsAnAnswerNotAnError() {
    CudaProvider p = new CudaProvider();
    // twice: the first JCuda touch throws UnsatisfiedLinkError, later ones NoClassDefFoundError
    for (int i = 0; i < 2; i++) {
      String why = p.unavailableReason();
      if (p.devices().isEmpty()) {
        assertNotNull(why, "no devices but no reason");
        assertTrue(why.contains("driver") || why.contains("device") || why.contains("CUDA"), why);
      } else {
        assertNull(why);
        assertEquals(Device.cuda(0), p.devices().get(0));
      }
    }
    assertEquals("cuda", p.type());
  }

  @Test
  void unavailableDeviceIsAClearIllegalArgument() {
    CudaProvider p = new CudaProvider();
    int n = p.devices().size();
    Device absent = Device.cuda(n + 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.of(absent));
    assertTrue(e.getMessage().contains("cuda:" + (n + 3)), e.getMessage());
    if (n == 0) {
      assertTrue(e.getMessage().contains(p.unavailableReason()), e.getMessage());
      IllegalArgumentException e0 = assertThrows(IllegalArgumentException.class, () -> Backends.of(Device.cuda(0)));
      assertTrue(e0.getMessage().contains(p.unavailableReason()), e0.getMessage());
      assertThrows(IllegalArgumentException.class, () -> p.open(Device.cuda(0)));
    }
  }

  @Test
  void requirePropertyTurnsTheSkipIntoAFailure() {
    String old = System.getProperty("jgrad.requireCuda");
    try {
      System.setProperty("jgrad.requireCuda", "true");
      assertTrue(RequiresCudaCondition.required());
      if (new CudaProvider().devices().isEmpty()) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> new RequiresCudaCondition().evaluateExecutionCondition(null));
        assertTrue(e.getMessage().contains("CUDA is required"), e.getMessage());
      }
      System.setProperty("jgrad.requireCuda", "false");
      if (!"1".equals(System.getenv("JGRAD_REQUIRE_CUDA")) && new CudaProvider().devices().isEmpty()) {
        assertTrue(new RequiresCudaCondition().evaluateExecutionCondition(null).isDisabled());
      }
    } finally {
      if (old == null) System.clearProperty("jgrad.requireCuda");
      else System.setProperty("jgrad.requireCuda", old);
    }
  }
}
