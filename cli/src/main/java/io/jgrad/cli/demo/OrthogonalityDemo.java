package io.jgrad.cli.demo;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.reg.OrthogonalityRegularizers;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * The orthogonality regularizer GOR (paper 68) and minimum hyperspherical energy (paper 55) on a
 * digits MLP, each against plain training: the quantity each targets falls (the mean absolute
 * cosine between filters of a group for GOR; the hyperspherical energy of the hidden neurons for
 * MHE) at test accuracy within 1 point.
 */
final class OrthogonalityDemo extends CatalogDemo {
  static final String PLAIN = "plain", GOR = "group_orthogonality_regularizer", MHE = "mhe_reg";
  static final int GROUPS = 8;

  private final String which;

  OrthogonalityDemo(String which) {
    super(which, List.of(which), "weight_reg", title(which), setup(which), claim(which));
    this.which = which;
  }

  static String title(String which) {
    return which.equals(GOR) ? "group orthogonality regularization vs plain training: filter cosines of a digits MLP"
        : "minimum hyperspherical energy vs plain training: neuron energy of a digits MLP";
  }

  static Claim claim(String which) {
    String m = which.equals(GOR) ? "group_cosine" : "energy";
    return Claim.of(which.equals(GOR)
            ? "GOR makes the filters inside each group closer to orthogonal (paper 68) at test accuracy within 1 point"
            : "MHE lowers the hyperspherical energy of the neurons (paper 55) at test accuracy within 1 point",
        Criterion.lower(m, which, PLAIN), Criterion.atLeast("test_accuracy", which, PLAIN, -0.01));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) { return run(which, seed, smoke); }

  static String setup(String which) {
    return "embedded digits (1437/360 split); MLP 64-128-10 (ReLU); Adam lr 1e-3, batch 64, 30 epochs, the same initial weights "
        + "and shuffling per seed. " + (which.equals(GOR)
        ? "GOR on both Linear layers (select=layers:Linear), 8 groups (min 4 filters), mode inter, lambda = 1e-3. Measured: "
            + "the mean |cos| between the first layer's filters within each group of 16 (0 = orthogonal)."
        : "MHE s = 2 on both Linear layers with the reference's multipliers (hidden 1, output 10), lambda = 1e-3. Measured: the "
            + "s = 2 hyperspherical energy of the first layer's 128 neurons (mean 1/|w_i^ - w_j^|^2 over pairs).")
        + " Smoke: 2 epochs on 256 examples.";
  }

  /** Mean |cos| between the first layer's filters inside each contiguous group (what GOR makes orthogonal). */
  static double groupCosine(Module model) {
    Tensor w = ((Linear) ((Sequential) model).get(0)).weight().detach();
    Tensor n = w.div(w.norm(2, new int[] {1}, true));
    int size = w.size(0) / GROUPS;
    Tensor g = n.reshape(GROUPS, size, w.size(1));
    Tensor cos = g.matmul(g.transpose(1, 2)).abs();
    double off = cos.sum().item() - size * GROUPS;
    return off / (GROUPS * size * (size - 1.0));
  }

  static double energy(Module model) {
    return OrthogonalityRegularizers.mhe(((Linear) ((Sequential) model).get(0)).weight().detach(), "2", false, 1e-4).item();
  }

  static DemoRun run(String which, long seed, boolean smoke) {
    WeightRegSetup.Data data = WeightRegSetup.digits(smoke ? 256 : 0);
    int epochs = smoke ? 2 : 30;
    DemoRun out = new DemoRun();
    for (String method : List.of(PLAIN, which)) {
      Module model = WeightRegSetup.mlp(seed, 128);
      List<Regularizer> regs = method.equals(PLAIN) ? List.of() : List.of(which.equals(GOR)
          ? Catalog.create("group_orthogonality_regularizer:lambda=1e-3,num_groups=8,select=layers:Linear", Regularizer.class)
          : Catalog.create("mhe_reg:lambda=1e-3,power=2", Regularizer.class));
      WeightRegSetup.train(model, new Adam(model.parameters(), 1e-3), data.train(), epochs, seed, regs, null);
      out.metric(method, "test_accuracy", WeightRegSetup.accuracy(model, data.test()));
      out.metric(method, which.equals(GOR) ? "group_cosine" : "energy", which.equals(GOR) ? groupCosine(model) : energy(model));
    }
    return out;
  }
}
