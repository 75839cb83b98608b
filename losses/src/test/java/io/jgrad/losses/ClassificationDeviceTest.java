package io.jgrad.losses;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Metric;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The classification family built by the registry, on the fake device against the CPU: the value
 * and the gradient of the output (of a random weighted sum), and the state a component keeps
 * (ELR's target table, the ECE bins).
 */
class ClassificationDeviceTest {
  /** Runs on {@code device}: returns the tensors to compare (value, output gradient, state). */
  record Case(String spec, Function<Device, List<Tensor>> run) {}

  static Tensor logits(Device d) { return Tensor.randn(new Generator(13), 6, 5).mul(2).to(d).requiresGrad(true); }

  static Tensor classes(Device d) { return Tensor.of(new long[] {1, 2, 4, 0, 0, 3}).to(d); }

  static List<Tensor> backward(Tensor loss, Tensor out, Device d) {
    loss.mul(Tensor.randn(new Generator(5), loss.shape()).to(d)).sum().backward();
    return new ArrayList<>(List.of(loss, out.grad()));
  }

  static Case objective(String spec) {
    return new Case(spec, d -> {
      Tensor out = logits(d);
      return backward(Catalog.create(spec, Objective.class).loss(out, new Batch(out, classes(d))), out, d);
    });
  }

  static Case binary(String spec) {
    return new Case(spec, d -> {
      Tensor out = Tensor.randn(new Generator(3), 8, 1).mul(2).to(d).requiresGrad(true);
      Tensor y = Tensor.of(new long[] {1, 0, 0, 1, 1, 0, 1, 1}).to(d);
      return backward(Catalog.create(spec, Objective.class).loss(out, new Batch(out, y)), out, d);
    });
  }

  static List<Case> cases() {
    List<Case> l = new ArrayList<>();
    for (String spec : List.of("sparsemax_loss", "sparsemax_loss:ignore_index=0,reduction=none", "focal_loss",
        "focal_loss:gamma=1,alpha=1;2;1;0.5;1,ignore_index=4,reduction=sum", "focal_loss:form=sigmoid,reduction=none",
        "poly1_loss:epsilon=2,label_smoothing=0.1", "poly1_focal_loss", "poly1_focal_loss:form=sigmoid,alpha=0.4",
        "comp_sum_loss", "comp_sum_loss:tau=0.5,reduction=none", "acls_loss:margin=2", "maxsup_loss",
        "z_loss_spherical:a=2,b=0.5")) {
      l.add(objective(spec));
    }
    l.add(binary("anyloss"));
    l.add(binary("anyloss:metric=balanced_accuracy,L=20"));
    l.add(binary("ensloss:seed=7"));
    l.add(binary("ensloss:seed=7,lam=0.5"));
    l.add(new Case("sparsemax:dim=1", d -> {
      Tensor out = logits(d);
      return backward(Catalog.create("sparsemax:dim=1", Module.class).forward(out), out, d);
    }));
    l.add(new Case("nested_dropout:sigma=2,seed=11", d -> {
      Tensor out = logits(d);
      return backward(Catalog.create("nested_dropout:sigma=2,seed=11", Module.class).forward(out), out, d);
    }));
    l.add(new Case("legendretron_link:num_classes=4,seed=2", d -> {
      Module link = Catalog.create("legendretron_link:num_classes=4,seed=2", Module.class).to(d);
      link.forward(Tensor.randn(new Generator(8), 10, 3).to(d));
      Tensor out = Tensor.randn(new Generator(9), 5, 3).to(d).requiresGrad(true);
      return backward(link.forward(out), out, d);
    }));
    for (String spec : List.of("entropy_min_loss", "spectral_decoupling", "spectral_decoupling:per_class=true")) {
      l.add(new Case(spec, d -> {
        Tensor out = spec.contains("per_class") ? Tensor.randn(new Generator(3), 6, 1).to(d).requiresGrad(true) : logits(d);
        Tensor y = Tensor.of(new long[] {1, 0, 0, 1, 1, 0}).to(d);
        return backward(Catalog.create(spec, Regularizer.class).penalty(null, new Batch(out, y), out), out, d);
      }));
    }
    l.add(new Case("elr_loss:num_examples=10,num_classes=5", d -> {
      Module m = Catalog.create("elr_loss:num_examples=10,num_classes=5", Module.class).to(d);
      m.train();
      Objective o = (Objective) m;
      Tensor idx = Tensor.of(new long[] {2, 9, 4, 0, 7, 5}).to(d);
      List<Tensor> r = new ArrayList<>();
      for (int step = 0; step < 2; step++) {
        Tensor out = logits(d).mul(step + 1).detach().requiresGrad(true);
        r.addAll(backward(o.loss(out, new Batch(out, classes(d), idx, Map.of())), out, d));
      }
      r.add(m.namedBuffers().get("target"));
      return r;
    }));
    l.add(new Case("expected_calibration_error:n_bins=10", d -> {
      Metric ece = Catalog.create("expected_calibration_error:n_bins=10", Metric.class);
      for (int b = 0; b < 3; b++) {
        Tensor out = Tensor.randn(new Generator(40 + b), 20, 4).mul(2).to(d);
        Tensor y = Tensor.randint(new Generator(50 + b), 0, 4, 20).to(d);
        ece.update(out, new Batch(out, y));
      }
      Map<String, Double> m = new LinkedHashMap<>(ece.compute());
      // the metric's values are host doubles; uploaded to d only so the comparison below applies
      return List.of(Tensor.of(m.values().stream().mapToDouble(Double::doubleValue).toArray()).to(d));
    }));
    return l;
  }

  @TestFactory
  Stream<DynamicTest> matchesTheCpu() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.spec(), () -> {
      List<Tensor> cpu = c.run().apply(Device.CPU), dev = c.run().apply(FAKE);
      assertEquals(cpu.size(), dev.size());
      for (int i = 0; i < cpu.size(); i++) {
        assertMatches(c.spec() + (i == 0 ? " value" : " output " + i), cpu.get(i), dev.get(i), FAKE, 1e-5);
      }
    }));
  }
}
