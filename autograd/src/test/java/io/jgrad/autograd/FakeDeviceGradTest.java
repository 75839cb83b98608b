package io.jgrad.autograd;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.fake.DeviceOpCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * First and second derivatives of every op of the device catalogue on the fake device against
 * the CPU: the derivatives must build their constants (zeros, ones, eye, index lists) on the
 * gradient's device, or the fake backend refuses them.
 */
class FakeDeviceGradTest {
  /** Catalogue ops with a floating output whose gradient reaches a floating input. */
  private static final int MIN_FIRST = 90;
  private static final int MIN_SECOND = 40; // linear ops have no second-order path
  private static final AtomicInteger FIRST = new AtomicInteger(), SECOND = new AtomicInteger();

  private record Grads(List<Tensor> first, List<Tensor> second, String secondError) {}

  private static Grads grads(Function<Map<String, Tensor>, Tensor> op, Device device) {
    Map<String, Tensor> in = new LinkedHashMap<>();
    List<Tensor> leaves = new ArrayList<>();
    DeviceOpCatalog.inputs().forEach((k, v) -> {
      Tensor t = v.to(device);
      if (t.dtype().isFloatingPoint()) {
        t.requiresGrad(true);
        leaves.add(t);
      }
      in.put(k, t);
    });
    Tensor out = op.apply(in);
    if (!out.requiresGrad()) return null;
    Tensor w = Tensor.randn(new Generator(11), out.shape()).to(out.dtype()).to(device);
    Tensor loss = out.mul(w).sum();
    List<Tensor> g = Autograd.grad(List.of(loss), leaves, null, true, true);
    Tensor penalty = null;
    for (Tensor gi : g) if (gi != null && gi.requiresGrad()) penalty = penalty == null ? gi.mul(gi).sum() : penalty.add(gi.mul(gi).sum());
    if (penalty == null) return new Grads(g, List.of(), "no second-order path");
    try {
      return new Grads(g, Autograd.grad(List.of(penalty), leaves, null, false, true), null);
    } catch (RuntimeException e) {
      return new Grads(g, List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  @TestFactory
  Stream<DynamicTest> firstAndSecondDerivativesMatchTheCpu() {
    List<DynamicTest> tests = new ArrayList<>();
    for (var e : DeviceOpCatalog.ops().entrySet()) {
      tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
        Grads cpu = grads(e.getValue(), Device.CPU);
        Grads dev = grads(e.getValue(), FAKE);
        assertEquals(cpu == null, dev == null, e.getKey() + ": differentiable on one device only");
        if (cpu == null) return;
        compare(e.getKey() + " grad", cpu.first(), dev.first());
        FIRST.incrementAndGet();
        assertEquals(cpu.secondError(), dev.secondError(), e.getKey() + ": second derivative outcome");
        if (cpu.secondError() == null) {
          compare(e.getKey() + " double grad", cpu.second(), dev.second());
          SECOND.incrementAndGet();
        }
      }));
    }
    return tests.stream();
  }

  private static void compare(String what, List<Tensor> cpu, List<Tensor> dev) {
    assertEquals(cpu.size(), dev.size(), what);
    for (int i = 0; i < cpu.size(); i++) {
      assertEquals(cpu.get(i) == null, dev.get(i) == null, what + " input " + i);
      if (cpu.get(i) != null) assertMatches(what + " input " + i, cpu.get(i), dev.get(i), FAKE, 1e-6);
    }
  }

  @AfterAll
  static void enoughCasesRan() {
    System.out.println("FakeDeviceGradTest: " + FIRST.get() + " first and " + SECOND.get() + " second derivatives compared");
    assertTrue(FIRST.get() >= MIN_FIRST, "first derivatives compared: " + FIRST.get());
    assertTrue(SECOND.get() >= MIN_SECOND, "second derivatives compared: " + SECOND.get());
  }

  /** GradCheck itself runs where f runs: its perturbed inputs and probes go to the inputs' device. */
  @Test
  void gradCheckRunsOnTheDevice() {
    java.util.Set<Device> seen = new java.util.HashSet<>();
    Function<List<Tensor>, Tensor> f = in -> {
      in.forEach(t -> seen.add(t.device()));
      Tensor x = in.get(0), w = in.get(1);
      return x.conv2d(w, null, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1).tanh()
          .avgPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, false, true).cumprod(3);
    };
    Tensor x = Tensor.randn(new Generator(1), io.jgrad.tensor.DType.FLOAT64, 1, 2, 4, 4).to(FAKE);
    Tensor w = Tensor.randn(new Generator(2), io.jgrad.tensor.DType.FLOAT64, 3, 2, 3, 3).to(FAKE);
    GradCheck.Result r = GradCheck.checkBoth(f, List.of(x, w));
    assertTrue(r.comparisons() > 0, r.toString());
    assertEquals(java.util.Set.of(FAKE), seen, "devices f saw");
  }

  @Test
  void backwardAccumulatesIntoLeavesOnTheDevice() {
    Tensor w = Tensor.randn(new Generator(3), 4, 3).to(FAKE).requiresGrad(true);
    Tensor x = Tensor.randn(new Generator(4), 5, 4).to(FAKE);
    x.matmul(w).tanh().sum().backward();
    assertEquals(FAKE, w.grad().device());
    Tensor y = w.mul(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> y.toInPlace(Device.CPU));
    assertTrue(e.getMessage().contains("only a leaf tensor"), e.getMessage());
  }
}
