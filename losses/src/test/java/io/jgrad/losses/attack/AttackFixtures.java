package io.jgrad.losses.attack;

import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Tanh;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.Map;

/** The float64 classifier of the attack goldens (Flatten, Linear(4, 8), Tanh, Linear(8, 3)). */
final class AttackFixtures {
  private AttackFixtures() {}

  static Module model(long seed) {
    Generator g = new Generator(seed);
    return Module.withDType(DType.FLOAT64, () -> new Sequential(new Flatten(), new Linear(4, 8, true, g), new Tanh(),
        new Linear(8, 3, true, g)));
  }

  static Module model(Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
    Module m = model(0);
    m.loadStateDict(Map.of("1.weight", w1, "1.bias", b1, "3.weight", w2, "3.bias", b2));
    return m;
  }
}
