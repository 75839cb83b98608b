package io.jgrad.losses.testing;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs functions of named input tensors on the CPU and on the test-only fake device and compares
 * the value and the gradient of every floating input (of a seeded random weighted sum of the value).
 */
public final class DeviceRuns {
  private DeviceRuns() {}

  /**
   * {@code f} on copies of {@code inputs} moved to {@code device} (floating ones requiring grad):
   * the value, then the gradient of each floating input, in the inputs' order.
   */
  public static List<Tensor> valueAndGrads(Map<String, Tensor> inputs, Function<Map<String, Tensor>, Tensor> f, Device device) {
    Map<String, Tensor> in = new LinkedHashMap<>();
    inputs.forEach((k, v) -> {
      Tensor t = v.to(device);
      if (t.dtype().isFloatingPoint()) t.requiresGrad(true);
      in.put(k, t);
    });
    Tensor value = f.apply(in);
    value.mul(Tensor.randn(new Generator(5), value.shape()).to(device)).sum().backward();
    List<Tensor> r = new ArrayList<>(List.of(value));
    for (Tensor t : in.values()) if (t.grad() != null) r.add(t.grad());
    return r;
  }

  /**
   * One test per case: its value and gradients on the fake device match the CPU's within
   * {@code atol}; {@code inputs} is called once per run. {@code valueLabel} names the value in messages.
   */
  public static List<DynamicTest> matchTheCpu(Map<String, Function<Map<String, Tensor>, Tensor>> cases, Supplier<Map<String, Tensor>> inputs,
                                              String valueLabel, double atol) {
    List<DynamicTest> tests = new ArrayList<>();
    cases.forEach((name, f) -> tests.add(DynamicTest.dynamicTest(name, () -> {
      List<Tensor> cpu = valueAndGrads(inputs.get(), f, Device.CPU), dev = valueAndGrads(inputs.get(), f, FAKE);
      assertEquals(cpu.size(), dev.size(), name + ": inputs with a gradient");
      for (int i = 0; i < cpu.size(); i++) {
        assertMatches(name + (i == 0 ? " " + valueLabel : " grad " + i), cpu.get(i), dev.get(i), FAKE, atol);
      }
    })));
    return tests;
  }
}
