package io.jgrad.cli.demo;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Parametrization;
import io.jgrad.nn.Parametrize;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.optim.Adam;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bit-wise training (paper 116): a digits MLP whose weights are 4-bit integers (3 magnitude bits
 * and a sign, times a fixed He scale), each bit a latent trained through straight-through
 * estimators, against the same MLP with float32 weights.
 */
final class BitwiseWeightDemo extends CatalogDemo {
  static final String FLOAT = "float32 weights", BITWISE = "bitwise_weight_layer (4 bits)";

  BitwiseWeightDemo() {
    super("bitwise_weight_layer",
        List.of("bitwise_weight_layer"),
        "weight_reg",
        "4-bit weights trained bit by bit vs float32 weights, digits MLP",
        "embedded digits (1437/360 split); MLP 64-256-10 (ReLU); Adam lr 1e-3, batch 64, 30 epochs, the same shuffling per "
            + "seed. bitwise: both Linear weights parametrized by bitwise_weight_layer:bits=4 (w = alpha sign * sum of 3 "
            + "magnitude bits * 2^i, alpha keeping He's std; the bits' latents initialized from the seed as the reference "
            + "does, so the initial weights differ from the float model's), biases float; the optimizer trains the latents. "
            + "zero_fraction: the share of weights that are exactly 0. Smoke: 2 epochs on 256 examples.",
        Claim.of("A fully connected network whose weights are 4-bit integers trained bit by bit reaches the test accuracy of the "
                + "same network with float weights within 2 points (paper 116)",
            Criterion.atLeast("test_accuracy", BITWISE, FLOAT, -0.02)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    WeightRegSetup.Data data = WeightRegSetup.digits(smoke ? 256 : 0);
    int epochs = smoke ? 2 : 30;
    DemoRun out = new DemoRun();
    for (String method : List.of(FLOAT, BITWISE)) {
      Sequential model = WeightRegSetup.mlp(seed, 256);
      List<Linear> layers = model.layers().stream().filter(m -> m instanceof Linear).map(m -> (Linear) m).toList();
      if (method.equals(BITWISE)) {
        for (int i = 0; i < layers.size(); i++) {
          Parametrize.register(layers.get(i), "weight",
              Catalog.create("bitwise_weight_layer:bits=4,seed=" + (seed * 31 + i), Kind.LAYER, Parametrization.class));
        }
      }
      WeightRegSetup.train(model, new Adam(model.parameters(), 1e-3), data.train(), epochs, seed, List.of(), null);
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("test_accuracy", WeightRegSetup.accuracy(model, data.test()));
      row.put("train_accuracy", WeightRegSetup.accuracy(model, data.train()));
      row.put("zero_fraction", zeroFraction(layers, method.equals(BITWISE)));
      out.row(method, row);
    }
    return out;
  }

  static double zeroFraction(List<Linear> layers, boolean parametrized) {
    double zeros = 0, n = 0;
    try (var off = Grad.disabled()) {
      for (Linear l : layers) {
        Tensor w = parametrized ? Parametrize.list(l, "weight").value() : l.weight();
        zeros += w.eq(0).countNonzero().item();
        n += w.numel();
      }
    }
    return zeros / n;
  }
}
