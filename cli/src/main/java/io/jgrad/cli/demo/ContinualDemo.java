package io.jgrad.cli.demo;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Continual learning on three permuted-digits tasks (the same digits, each task with its own
 * fixed permutation of the 64 pixels, the first the identity), one MLP trained on them in turn:
 * spectral regularization (paper 11, keeps each layer's largest singular value near 1) and
 * Wasserstein regularization toward the initial weight distribution (paper 11 v1) against plain
 * training. Claim: the average test accuracy over the three tasks after the last one is higher
 * than plain training's.
 */
final class ContinualDemo extends CatalogDemo {
  static final String PLAIN = "plain", SPECTRAL = "spectral_sigma_reg", WASSERSTEIN = "wasserstein_init_reg";
  static final int TASKS = 3;

  ContinualDemo() {
    super("continual_spectral",
        List.of("spectral_sigma_reg", "wasserstein_init_reg"),
        "weight_reg",
        "spectral and Wasserstein-to-init regularization vs plain training on 3 permuted-digits tasks",
        "embedded digits (1437/360 split), 3 tasks = 3 fixed pixel permutations (the first the identity, the others from "
            + "seed 77); MLP 64-256-256-10 (ReLU); Adam lr 1e-3 kept across tasks, batch 64, 10 epochs per task, the same initial "
            + "weights and shuffling per seed. spectral_sigma_reg: lambda = 1e-3, k = 2, biases included; wasserstein_init_reg: "
            + "lambda = 100 (per-layer mean of squared sorted differences), theta0 = the initial weights. Metrics after the last "
            + "task: test accuracy on each task and their mean; 'just_learned' = mean accuracy on each task right after training "
            + "on it (plasticity). Smoke: 1 epoch per task on 256 examples.",
        Claim.of("Regularizing toward the initialization's properties keeps learning across tasks: the average test accuracy "
                + "over the 3 tasks after the last one is above plain training's (paper 11)",
            Criterion.higher("average_accuracy", SPECTRAL, PLAIN), Criterion.higher("average_accuracy", WASSERSTEIN, PLAIN)));
  }

  static TensorDataset permute(TensorDataset d, Tensor perm) {
    return new TensorDataset(d.features().indexSelect(1, perm).contiguous(), d.labels());
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    WeightRegSetup.Data data = WeightRegSetup.digits(smoke ? 256 : 0);
    int epochs = smoke ? 1 : 10;
    List<Tensor> perms = new ArrayList<>();
    perms.add(Tensor.arange(64));
    Generator pg = new Generator(77);
    for (int t = 1; t < TASKS; t++) perms.add(Tensor.randperm(pg, 64));
    DemoRun out = new DemoRun();
    for (String method : List.of(PLAIN, SPECTRAL, WASSERSTEIN)) {
      Module model = WeightRegSetup.mlp(seed, 256, 256);
      List<Regularizer> regs = switch (method) {
        case SPECTRAL -> List.of(Catalog.create("spectral_sigma_reg:lambda=1e-3,k=2,seed=" + seed, Regularizer.class));
        case WASSERSTEIN -> List.of(Catalog.create("wasserstein_init_reg:lambda=100", Regularizer.class));
        default -> List.of();
      };
      for (Regularizer r : regs) r.penalty(model, null, null); // snapshot theta0 / start the power iteration at init
      Optimizer opt = new Adam(model.parameters(), 1e-3);
      double justLearned = 0;
      for (int t = 0; t < TASKS; t++) {
        WeightRegSetup.train(model, opt, permute(data.train(), perms.get(t)), epochs, seed * 31 + t, regs, null);
        justLearned += WeightRegSetup.accuracy(model, permute(data.test(), perms.get(t))) / TASKS;
      }
      double mean = 0;
      double[] each = new double[TASKS];
      for (int t = 0; t < TASKS; t++) {
        each[t] = WeightRegSetup.accuracy(model, permute(data.test(), perms.get(t)));
        out.metric(method, "task" + (t + 1) + "_accuracy", each[t]);
        mean += each[t] / TASKS;
      }
      out.metric(method, "average_accuracy", mean);
      out.metric(method, "just_learned", justLearned);
      out.curve("test accuracy after the last task [x: task]", method, each);
    }
    return out;
  }
}
