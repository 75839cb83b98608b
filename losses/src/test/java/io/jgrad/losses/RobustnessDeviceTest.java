package io.jgrad.losses;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.losses.attack.DataRange;
import io.jgrad.losses.attack.Norm;
import io.jgrad.losses.attack.Pgd;
import io.jgrad.losses.attack.RobustAccuracy;
import io.jgrad.losses.curvature.Curvature;
import io.jgrad.losses.curvature.PerSampleGradients;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Tanh;
import io.jgrad.nn.data.Batch;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attacks (random start included), robust accuracy, the curvature tools and per-sample
 * gradients on the fake device against the CPU: every constant they build (random starts,
 * Rademacher and Gaussian vectors, per-feature bounds) must land on the model's device.
 */
class RobustnessDeviceTest {
  private static Module model(Device d) {
    Generator g = new Generator(5);
    return new Sequential(new Flatten(), new Linear(6, 8, true, g), new Tanh(), new Linear(8, 3, true, g)).to(d);
  }

  private static List<Tensor> run(Device d) {
    Module m = model(d);
    Tensor x = Tensor.rand(new Generator(1), 8, 2, 3).to(d), y = Tensor.randint(new Generator(2), 0, 3, 8).to(d);
    List<Tensor> r = new ArrayList<>();
    for (Norm n : Norm.values()) {
      r.add(Pgd.builder(n, 0.2, DataRange.of(0, 1)).steps(4).randomStart(new Generator(3)).build().perturb(m, x, y));
    }
    Tensor lo = Tensor.of(0f, 0.1f, 0f).reshape(1, 3), hi = Tensor.of(1f, 0.9f, 0.5f).reshape(1, 3);
    r.add(Pgd.builder(Norm.LINF, 0.2, DataRange.of(lo, hi)).steps(3).build().perturb(m, x, y));
    RobustAccuracy acc = new RobustAccuracy(m, Pgd.builder(Norm.LINF, 0.2, DataRange.of(0, 1)).steps(3).build());
    acc.update(null, new Batch(x, y));
    Map<String, Double> a = acc.compute();
    r.add(Tensor.of(a.get("clean_accuracy"), a.get("robust_accuracy")).to(d));
    Curvature.TopEigen top = Curvature.topEigenvalue(m.parameters(), () -> Losses.crossEntropy(m.call(x), y), 4, 1e-6, 50);
    Curvature.Trace tr = Curvature.trace(m, () -> Losses.crossEntropy(m.call(x), y), 10, 6);
    r.add(Tensor.of(top.value(), tr.value(), tr.standardError()).to(d));
    r.add(top.vector().get(0));
    r.add(PerSampleGradients.compute(m, Losses::crossEntropy, x, y).matrix());
    for (Tensor t : r) assertEquals(d, t.device(), "results stay on " + d);
    return r;
  }

  @Test
  void attacksAndCurvatureMatchTheCpu() {
    List<Tensor> cpu = run(Device.CPU), dev = run(FAKE);
    String[] names = {"pgd linf", "pgd l2", "pgd per-feature range", "accuracies", "eigenvalue, trace, se", "eigenvector",
        "per-sample gradients"};
    for (int i = 0; i < cpu.size(); i++) assertMatches(names[i], cpu.get(i), dev.get(i), FAKE, 1e-5);
  }
}
