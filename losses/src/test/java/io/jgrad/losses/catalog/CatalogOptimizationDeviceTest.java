package io.jgrad.losses.catalog;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Tanh;
import io.jgrad.nn.optim.LrScheduler;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * adamw (both variants) stepping a model on the fake device under one_cycle_schedule, built by
 * the registry: weights and optimizer state equal the CPU run's and stay on the device.
 */
class CatalogOptimizationDeviceTest {
  static final List<String> OPTIMIZERS = List.of("adamw", "adamw:variant=sgdw,lr=0.1,momentum=0.9,weight_decay=0.01,nesterov=true");
  static final String SCHEDULE = "one_cycle_schedule:max_lr=0.2,three_phase=true";

  static Module train(String optimizer, Device device) {
    Generator g = new Generator(3);
    Module m = new Sequential(new Linear(4, 5, true, g), new Tanh(), new Linear(5, 2, true, g)).to(device);
    Optimizer opt = Catalog.create(optimizer, Kind.OPTIMIZER, OptimizerFactory.class).create(m.parameters());
    LrScheduler s = Catalog.create(SCHEDULE, Kind.SCHEDULE, ScheduleFactory.class).create(opt, 6);
    for (int k = 0; k < 6; k++) {
      opt.zeroGrad();
      m.forward(Tensor.randn(new Generator(10 + k), 8, 4).to(device)).pow(2).mean().backward();
      opt.step();
      s.step();
    }
    opt.stateDict().state().forEach(st -> st.values().forEach(t -> assertEquals(device, t.device(), optimizer + " state")));
    return m;
  }

  @TestFactory
  Stream<DynamicTest> matchesTheCpu() {
    return OPTIMIZERS.stream().map(o -> DynamicTest.dynamicTest(o, () -> {
      Module cpu = train(o, Device.CPU), dev = train(o, FAKE);
      for (var e : cpu.stateDict().entrySet()) assertMatches(o + " " + e.getKey(), e.getValue(), dev.stateDict().get(e.getKey()), FAKE, 1e-6);
    }));
  }
}
