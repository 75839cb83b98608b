package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.cpu.CpuBackend;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.View;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Inputs on a non-CPU device: Linalg downloads them, computes on the host and uploads the results
 * through the input's backend, so they stay on its device. The device here is a stand-in: a proxy
 * of the CPU backend that reports device "fake:0" and counts uploads and downloads.
 */
class LinalgDeviceFallbackTest {
  static final Device FAKE = new Device("fake", 0);

  @Test
  void resultsComeBackOnTheInputsDevice() {
    AtomicInteger uploads = new AtomicInteger(), downloads = new AtomicInteger();
    Backend fake = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
        (proxy, m, args) -> {
          switch (m.getName()) {
            case "device": return FAKE;
            case "name": return "fake:0";
            case "upload": uploads.incrementAndGet(); break;
            case "download": downloads.incrementAndGet(); break;
            default: break;
          }
          try {
            return m.invoke(CpuBackend.INSTANCE, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    Tensor host = Tensor.fromArray(new double[] {4, 1, 1, 3}, 2, 2).to(DType.FLOAT32);
    Tensor onFake = Tensor.wrap(fake, host.layout());
    assertEquals(FAKE, onFake.device());
    Linalg.Eigh e = Linalg.eigh(onFake);
    Tensor l = Linalg.cholesky(onFake);
    Linalg.Svd s = Linalg.svd(onFake, false);
    for (Tensor t : new Tensor[] {e.eigenvalues(), e.eigenvectors(), l, s.U(), s.S(), s.Vh(), Linalg.det(onFake)}) {
      assertEquals(FAKE, t.device(), "result device");
      assertEquals(DType.FLOAT32, t.dtype());
    }
    assertTrue(uploads.get() >= 4 && downloads.get() >= 4, "uploads " + uploads + ", downloads " + downloads);
    Golden.assertClose("cholesky via fake device", Linalg.cholesky(host), Tensor.wrap(CpuBackend.INSTANCE, l.layout()), 0, 0);
    View v = e.eigenvalues().layout();
    assertEquals(2, v.shape()[0]);
  }
}
