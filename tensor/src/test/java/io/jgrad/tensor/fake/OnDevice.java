package io.jgrad.tensor.fake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Tensor;

/** Helpers for tests that run the same code on the CPU and on {@link FakeBackend#DEVICE}. */
public final class OnDevice {
  public static final Device FAKE = FakeBackend.DEVICE;

  private OnDevice() {}

  /** A copy of {@code t} on the fake device (an upload). */
  public static Tensor fake(Tensor t) { return t.to(FAKE); }

  /**
   * Asserts that {@code dev} is on {@code device} and equals the CPU result {@code cpu} within
   * {@code atol} (NaN matches NaN; same dtype and shape).
   */
  public static void assertMatches(String what, Tensor cpu, Tensor dev, Device device, double atol) {
    assertEquals(device, dev.device(), what + ": result device");
    assertEquals(Device.CPU, cpu.device(), what + ": reference device");
    assertEquals(cpu.dtype(), dev.dtype(), what + ": dtype");
    assertArrayEquals(cpu.shape(), dev.shape(), what + ": shape");
    double[] a = cpu.to(DType.FLOAT64).toDoubleArray();
    double[] b = dev.to(DType.FLOAT64).toDoubleArray();
    for (int i = 0; i < a.length; i++) {
      boolean ok = Double.isNaN(a[i]) ? Double.isNaN(b[i]) : a[i] == b[i] || Math.abs(a[i] - b[i]) <= atol;
      if (!ok) throw new AssertionError(what + ": element " + i + " cpu=" + a[i] + " " + device + "=" + b[i]);
    }
  }
}
