package io.jgrad.cli.demo;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Linalg;
import java.util.List;
import java.util.Map;

/**
 * Nuclear-norm regularization (paper 76) of a digits MLP's weights, as the proximal step
 * (singular value soft-thresholding after each SGD step) and as a penalty, against plain
 * training. Claim: the numerical rank of the hidden layer's weight falls at equal training fit.
 */
final class NuclearNormDemo extends CatalogDemo {
  static final String PLAIN = "plain", PROX = "nuclear_norm_regularizer (prox)", PENALTY = "nuclear_norm_regularizer (penalty)";
  static final double RANK_TOL = 1e-2;

  NuclearNormDemo() {
    super("nuclear_norm_regularizer",
        List.of("nuclear_norm_regularizer"),
        "weight_reg",
        "nuclear-norm regularization (proximal and penalty) vs plain training: rank of a digits MLP layer",
        "embedded digits (1437/360 split); MLP 64-128-10 (ReLU); SGD lr 0.05 momentum 0.9, batch 64, 30 epochs, the same "
            + "initial weights and shuffling per seed. prox: after every step each weight W <- U max(S - lr*lambda, 0) V^T with "
            + "lambda = 0.05; penalty: lambda = 0.05 * sum ||W||_*. Numerical rank of the first layer's 128x64 weight = number of "
            + "singular values above 1e-2 * sigma_max; fit = training accuracy. Smoke: 2 epochs on 256 examples.",
        Claim.of("Nuclear-norm regularization lowers the numerical rank of the weights at equal training fit (paper 76)",
            Criterion.lower("rank_layer1", PROX, PLAIN), Criterion.atLeast("train_accuracy", PROX, PLAIN, -0.01)));
  }

  static int rank(Module model) {
    double[] s = Linalg.svdvals(((Linear) ((Sequential) model).get(0)).weight()).toDoubleArray();
    int r = 0;
    for (double v : s) if (v > RANK_TOL * s[0]) r++;
    return r;
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    WeightRegSetup.Data data = WeightRegSetup.digits(smoke ? 256 : 0);
    int epochs = smoke ? 2 : 30;
    DemoRun out = new DemoRun();
    for (String method : List.of(PLAIN, PROX, PENALTY)) {
      Module model = WeightRegSetup.mlp(seed, 128);
      List<Regularizer> regs = switch (method) {
        case PROX -> List.of(Catalog.create("nuclear_norm_regularizer:lambda=0.05,prox=true", Regularizer.class));
        case PENALTY -> List.of(Catalog.create("nuclear_norm_regularizer:lambda=0.05", Regularizer.class));
        default -> List.of();
      };
      WeightRegSetup.train(model, new SGD(model.parameters(), 0.05, Map.of("momentum", 0.9)), data.train(), epochs, seed, regs, null);
      out.metric(method, "rank_layer1", rank(model));
      out.metric(method, "train_accuracy", WeightRegSetup.accuracy(model, data.train()));
      out.metric(method, "test_accuracy", WeightRegSetup.accuracy(model, data.test()));
      double[] s = Linalg.svdvals(((Linear) ((Sequential) model).get(0)).weight()).toDoubleArray();
      out.curve("singular values of layer 1 [x: index, descending]", method, s);
    }
    return out;
  }
}
