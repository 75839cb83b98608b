package io.jgrad.cli.demo;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.losses.catalog.OptimizerFactory;
import io.jgrad.nn.Module;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.SGD;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SGDW (paper 56: SGD with decoupled weight decay, the adamw entry's sgdw variant) against SGD
 * with L2 in the gradient: the paper's claim for SGD is that decoupling makes the good weight
 * decay independent of the learning rate (L2's effective decay is lr * lambda, so its good range
 * moves when lr changes). Both are run over a 5-point decay grid at two learning rates 4x apart.
 */
final class SgdwDemo extends CatalogDemo {
  static final String SGDW = "sgdw", L2 = "sgd + L2";
  static final double[] LRS = {0.01, 0.04};
  /** SGD's L2 coefficients, a factor 4 apart (the ratio of the learning rates). */
  static final double[] L2_GRID = {1e-3, 4e-3, 1.6e-2, 6.4e-2, 2.56e-1};
  /** SGDW's per-step decay: 0.2 x L2_GRID, equal effective decay (lr lambda / (1 - momentum)) at lr 0.02. */
  static final double[] SGDW_GRID = {2e-4, 8e-4, 3.2e-3, 1.28e-2, 5.12e-2};

  SgdwDemo() {
    super("sgdw",
        List.of("adamw"),
        "optimization",
        "SGDW (decoupled weight decay) vs SGD + L2: does the good decay range move with the learning rate? digits MLP",
        "embedded digits, jgrad train's 1437/360 split; MLP 64-128-10 (ReLU); SGD momentum 0.9, batch 64, 10 epochs, lr 0.01 "
            + "and 0.04, the same initial weights and shuffling for every run of a seed. sgd + L2: lambda p added to the "
            + "gradient, lambda in {1e-3, 4e-3, 1.6e-2, 6.4e-2, 0.256}; sgdw (adamw:variant=sgdw): p -= lambda p each step "
            + "outside the momentum (constant lr: the schedule multiplier is 1), lambda in {2e-4, 8e-4, 3.2e-3, 1.28e-2, "
            + "5.12e-2} (equal effective decay to the L2 grid at lr 0.02). For each method and lr, the edge is the largest "
            + "grid decay whose test accuracy is within 2 points of that lr's best; edge_shift = |edge index at lr 0.04 - "
            + "edge index at lr 0.01| in grid steps (L2's effective decay is lr lambda, so 4x the lr should move it one "
            + "step); best_shift the same for the best grid point. Smoke: 1 epoch on 256 examples.",
        Claim.of("Decoupled weight decay separates the weight decay from the learning rate: when the learning rate grows 4x, "
                + "SGDW's range of good decay values moves less than SGD + L2's (paper 56)",
            Criterion.lower("edge_shift", SGDW, L2)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    WeightRegSetup.Data data = WeightRegSetup.digits(smoke ? 256 : 0);
    int epochs = smoke ? 1 : 10;
    DemoRun out = new DemoRun();
    for (String method : List.of(SGDW, L2)) {
      double[] grid = method.equals(SGDW) ? SGDW_GRID : L2_GRID;
      int[] edge = new int[LRS.length], best = new int[LRS.length];
      double top = 0;
      for (int l = 0; l < LRS.length; l++) {
        double[] acc = new double[grid.length];
        for (int k = 0; k < grid.length; k++) {
          Module model = WeightRegSetup.mlp(seed, 128);
          WeightRegSetup.train(model, optimizer(method, model, LRS[l], grid[k]), data.train(), epochs, seed, List.of(), null);
          acc[k] = WeightRegSetup.accuracy(model, data.test());
          if (acc[k] > acc[best[l]]) best[l] = k;
        }
        for (int k = 0; k < grid.length; k++) if (acc[k] >= acc[best[l]] - 0.02) edge[l] = k;
        top = Math.max(top, acc[best[l]]);
        out.curve(String.format(Locale.ROOT, "test accuracy at lr %s [x: decay grid index]", LRS[l]), method, acc);
      }
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("edge_shift", (double) Math.abs(edge[1] - edge[0]));
      row.put("best_shift", (double) Math.abs(best[1] - best[0]));
      row.put("best_test_accuracy", top);
      out.row(method, row);
    }
    return out;
  }

  static Optimizer optimizer(String method, Module model, double lr, double wd) {
    if (method.equals(L2)) return new SGD(model.parameters(), lr, Map.of("momentum", 0.9, "weightDecay", wd));
    return Catalog.create(String.format(Locale.ROOT, "adamw:variant=sgdw,lr=%s,weight_decay=%s,momentum=0.9", lr, wd), Kind.OPTIMIZER,
        OptimizerFactory.class).create(model.parameters());
  }
}
