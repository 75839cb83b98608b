package io.jgrad.cli.demo.dense;

import io.jgrad.cli.demo.CatalogDemo;
import io.jgrad.cli.demo.Claim;
import io.jgrad.cli.demo.Criterion;
import io.jgrad.cli.demo.DemoRun;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learning from aggregate responses (paper 34): only the mean response of each bag of 8 instances
 * is observed. The bag-level loss (ρ = 0) fits the bag means of the predictions and recovers the
 * instance-level linear model; the instance-level loss (ρ = 1) fits every member to its bag's
 * mean, which adds a within-bag variance penalty and shrinks the weights towards zero.
 */
final class AggregateDemo extends CatalogDemo {
  static final String BAG = "bag_level", INSTANCE = "instance_level", HALF = "interpolated";
  static final int D = 6, K = 8;

  AggregateDemo() {
    super("aggregate_response_loss",
        List.of("aggregate_response_loss"),
        "dense_regression",
        "bag-level vs instance-level vs interpolated aggregate losses, linear model, bags of 8",
        "synthetic: x ~ N(0, I_6), y = x.w + 0.3·N(0, 1), w ~ N(0, I) per seed; 512 training instances in 64 random bags of "
            + "8, whose only target is the bag's mean response (field bag); 1000 test instances with their own responses. "
            + "Linear(6, 1), full-batch Adam lr 0.05, 300 steps, the same initial weights: aggregate_response_loss with rho = 0 "
            + "(bag level), 1 (instance level) and 0.5. Metrics: weight_error ‖ŵ − w‖/‖w‖ and the instance-level test MSE. "
            + "Smoke: 64 instances, 5 steps.",
        Claim.of("From bag means alone, the bag-level loss recovers the instance-level weights better than the "
                + "instance-level loss, which the within-bag variance term it adds biases towards zero (paper 34's decomposition)",
            Criterion.lower("weight_error", BAG, INSTANCE), Criterion.lower("test_mse", BAG, INSTANCE)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    int n = smoke ? 64 : 512, steps = smoke ? 5 : 300;
    Generator g = new Generator(2000 + seed);
    Tensor w = Tensor.randn(g, D, 1);
    Tensor x = Tensor.randn(g, n, D), xt = Tensor.randn(g, 1000, D);
    Tensor y = x.matmul(w).add(Tensor.randn(g, n, 1).mul(0.3)).squeeze(1);
    Tensor yt = xt.matmul(w).squeeze(1);
    long[] bag = Tensor.randperm(g, n).toLongArray();
    for (int i = 0; i < n; i++) bag[i] /= K;
    Tensor bags = Tensor.of(bag);
    Tensor sums = Tensor.zeros(n / K).indexAdd(0, bags, y, 1).div(K);
    Tensor bagMean = sums.indexSelect(0, bags).contiguous();
    TensorDataset ds = new TensorDataset(x, bagMean, Map.of("bag", bags));
    Map<String, Double> rhos = new LinkedHashMap<>();
    rhos.put(BAG, 0.0);
    rhos.put(INSTANCE, 1.0);
    rhos.put(HALF, 0.5);
    DemoRun r = new DemoRun();
    for (Map.Entry<String, Double> m : rhos.entrySet()) {
      Linear lin = new Linear(D, 1, true, new Generator(seed));
      Module model = new Sequential(lin, new Flatten(0, -1));
      DemoFit.fit(model, Catalog.create("aggregate_response_loss:rho=" + m.getValue(), Objective.class), ds, n, steps, 0.05, seed);
      Tensor wHat = lin.parameters().get(0).detach().reshape(D, 1).to(DType.FLOAT64);
      Tensor wd = w.to(DType.FLOAT64);
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("weight_error", wHat.sub(wd).norm().item() / wd.norm().item());
      row.put("test_mse", DemoFit.predict(model, xt).sub(yt).pow(2).mean().item());
      r.row(m.getKey(), row);
    }
    return r;
  }
}
