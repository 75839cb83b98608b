package io.jgrad.cli.demo;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.procedure.ArtSchedule;
import io.jgrad.losses.reg.ParamSelector;
import io.jgrad.nn.Module;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.EpochResult;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainerState;
import java.util.List;
import java.util.Map;

/**
 * Sparse training on the digits MLP: HyperSparse inside ART (paper 45), LOBSTER (paper 73) and
 * the L1 proximal step (paper 66) against dense training, all with SGD for the same number of
 * epochs. Claim: each reaches at least 90% of the weights exactly zero at no more than 1 point of
 * test accuracy lost. Also the sparsity-accuracy curve: test accuracy of each trained model
 * magnitude-pruned to increasing rates (no fine-tuning).
 */
final class SparsityDemo extends CatalogDemo {
  static final String DENSE = "dense", ART = "art_schedule + hypersparse_reg", LOBSTER = "lobster_sensitivity_decay",
      PROX = "proximal_l1_step";
  static final double[] RATES = {0.0, 0.5, 0.7, 0.8, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99};
  static final int HIDDEN = 512;

  SparsityDemo() {
    super("sparse_training",
        List.of("hypersparse_reg", "art_schedule", "lobster_sensitivity_decay", "proximal_l1_step"),
        "weight_reg",
        "HyperSparse with ART, LOBSTER and the L1 proximal step vs dense training: 90% exact zeros on the digits MLP",
        "embedded digits, the fixed 1437/360 split of jgrad train; MLP 64-" + HIDDEN + "-10 (ReLU, 37,888 weights), SGD lr 0.05 momentum "
            + "0.9 (the optimizer of the ART and LOBSTER references), batch 64, 30 epochs for every method, the same initial weights and shuffling per seed. ART: 6 warm-up epochs, then "
            + "HyperSparse with lambda_init = 2e-5 growing x1.35 per epoch and prune rate 0.9 until the pruned model's training "
            + "accuracy (mean of 3 epochs) beats the dense one's, then fine-tuning with the 90% mask (forced after epoch 20 at the "
            + "latest). LOBSTER: lambda = 2e-2 per step with the rescaled sensitivity |g|/max|g|, weights below 1e-2 pruned every 115 steps (5 epochs). "
            + "L1 proximal step: lambda = 1e-2 (shrinkage lr * lambda per step). Hyperparameters set once on a separate seed (100). Sparsity = exactly-zero weights "
            + "(biases excluded). The curve: test accuracy of each trained model magnitude-pruned (no fine-tuning) at levels "
            + "1..10 = 0, 50, 70, 80, 90, 93, 95, 97, 98, 99% of the weights. Smoke: 2 epochs on 256 examples.",
        Claim.of("Each sparsifier leaves at least 90% of the weights exactly zero at no more than 1 point of test accuracy lost "
                + "against dense training (papers 45, 73, 66)",
            Criterion.atLeast("sparsity", ART, 0.9), Criterion.atLeast("test_accuracy", ART, DENSE, -0.01),
            Criterion.atLeast("sparsity", LOBSTER, 0.9), Criterion.atLeast("test_accuracy", LOBSTER, DENSE, -0.01),
            Criterion.atLeast("sparsity", PROX, 0.9), Criterion.atLeast("test_accuracy", PROX, DENSE, -0.01)));
  }

  /** One seed: rows by method (test accuracy, sparsity) and the sparsity-accuracy curves. */
  @Override
  public DemoRun run(long seed, boolean smoke) {
    WeightRegSetup.Data data = WeightRegSetup.digits(smoke ? 256 : 0);
    int epochs = smoke ? 2 : 30;
    DemoRun out = new DemoRun();
    for (String method : List.of(DENSE, ART, LOBSTER, PROX)) {
      Module model = WeightRegSetup.mlp(seed, HIDDEN);
      SGD opt = new SGD(model.parameters(), 0.05, Map.of("momentum", 0.9));
      List<Regularizer> regs = switch (method) {
        case LOBSTER -> List.of(Catalog.create("lobster_sensitivity_decay:lambda=2e-2,rescaled=true,threshold=1e-2,prune_every=115",
            Regularizer.class));
        case PROX -> List.of(Catalog.create("proximal_l1_step:lambda=1e-2", Regularizer.class));
        default -> List.of();
      };
      ArtSchedule art = method.equals(ART) ? new ArtSchedule(0.9, 2e-5, 1.35, smoke ? 1 : 6, 1, ParamSelector.weights()) : null;
      int forceAt = smoke ? 1 : 20;
      Callback force = new Callback() {
        @Override
        public void onEpochEnd(TrainerState s, EpochResult r) {
          if (art != null && r.epoch() >= forceAt && art.phase() != ArtSchedule.Phase.FINETUNE) art.pruneNow(model);
        }
      };
      WeightRegSetup.train(model, opt, data.train(), epochs, seed, regs, art, force);
      out.metric(method, "test_accuracy", WeightRegSetup.accuracy(model, data.test()));
      out.metric(method, "sparsity", WeightRegSetup.sparsity(model));
      out.curve("test accuracy after magnitude pruning [x: prune level]", method, WeightRegSetup.pruneCurve(model, data.test(), RATES));
    }
    return out;
  }
}
