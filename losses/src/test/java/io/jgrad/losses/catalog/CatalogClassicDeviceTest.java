package io.jgrad.losses.catalog;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * regression_losses_core and label_smoothing_ce (and the classic extras with weights) built by
 * the registry, on the fake device against the CPU: the loss and the gradient of the output
 * (and of a float target).
 */
class CatalogClassicDeviceTest {
  record Case(String spec, boolean floatTarget) {}

  static List<Case> cases() {
    List<Case> l = new ArrayList<>();
    for (String form : List.of("mse", "l1", "huber", "smooth_l1")) l.add(new Case("regression_losses_core:form=" + form + ",delta=0.5,beta=0.5", true));
    l.add(new Case("regression_losses_core:form=huber,reduction=sum", true));
    l.add(new Case("label_smoothing_ce", false));
    l.add(new Case("label_smoothing_ce:label_smoothing=0.3,ignore_index=2,reduction=sum", false));
    l.add(new Case("cross_entropy:weight=1;2;0.5;1;3,label_smoothing=0.2", false));
    l.add(new Case("nll:weight=1;2;0.5;1;3", false));
    return l;
  }

  static List<Tensor> run(Case c, Device device) {
    Generator g = new Generator(13);
    Tensor out = Tensor.randn(g, 4, 5).to(device).requiresGrad(true);
    Tensor target = c.floatTarget() ? Tensor.randn(g, 4, 5).to(device).requiresGrad(true) : Tensor.of(new long[] {1, 2, 4, 0}).to(device);
    Tensor input = c.spec().startsWith("nll") ? out.logSoftmax(1) : out;
    Tensor loss = Catalog.create(c.spec(), Objective.class).loss(input, new Batch(out, target));
    loss.mul(Tensor.randn(new Generator(5), loss.shape()).to(device)).sum().backward();
    List<Tensor> r = new ArrayList<>(List.of(loss, out.grad()));
    if (c.floatTarget()) r.add(target.grad());
    return r;
  }

  @TestFactory
  Stream<DynamicTest> matchesTheCpu() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.spec(), () -> {
      List<Tensor> cpu = run(c, Device.CPU), dev = run(c, FAKE);
      assertEquals(cpu.size(), dev.size());
      for (int i = 0; i < cpu.size(); i++) assertMatches(c.spec() + (i == 0 ? " loss" : " grad " + i), cpu.get(i), dev.get(i), FAKE, 1e-6);
    }));
  }
}
