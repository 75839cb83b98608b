package io.jgrad.losses.catalog;

import static io.jgrad.losses.catalog.ParamSpec.of;

import io.jgrad.losses.CalibrationLosses;
import io.jgrad.losses.ElrLoss;
import io.jgrad.losses.EnsLoss;
import io.jgrad.losses.FocalLosses;
import io.jgrad.losses.Losses;
import io.jgrad.losses.MaxSupLoss;
import io.jgrad.losses.NoisyLabelLosses;
import io.jgrad.losses.Reduction;
import io.jgrad.losses.SparsemaxLosses;
import io.jgrad.losses.SurrogateLosses;
import io.jgrad.losses.metrics.ExpectedCalibrationError;
import io.jgrad.losses.reg.EntropyMinimization;
import io.jgrad.losses.reg.SpectralDecoupling;
import io.jgrad.nn.LegendreLink;
import io.jgrad.nn.NestedDropout;
import io.jgrad.nn.Sparsemax;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The classification, calibration and noisy-label family of the catalog: one row per component,
 * with the catalog's parameter names and defaults.
 */
public final class ClassificationEntries implements CatalogEntries {
  private static final ParamSpec IGNORE = of("ignore_index", Losses.IGNORE_INDEX, "target value that is ignored (torch's ignore_index)");
  private static final ParamSpec MEAN = ParamSpec.reduction(Reduction.MEAN);

  @Override
  public List<Component> entries() {
    List<Component> l = new ArrayList<>();
    l.add(Component.done("expected_calibration_error", Kind.METRIC, 36, "io.jgrad.losses.metrics.ExpectedCalibrationError",
        List.of(of("n_bins", 15, "equal-width confidence bins (lo, hi]"),
            of("from_logits", true, "softmax the outputs first (false: rows of probabilities)")),
        p -> new ExpectedCalibrationError(p.i("n_bins"), p.b("from_logits")))
        .noGradCheck("a metric: bin counts and means of confidences and hits, not differentiated"));
    l.add(Component.done("sparsemax", Kind.LAYER, 12, "io.jgrad.nn.Sparsemax",
        List.of(of("dim", -1, "dim projected onto the simplex")), p -> new Sparsemax(p.i("dim"))));
    l.add(Component.done("sparsemax_loss", Kind.LOSS, 12, "io.jgrad.losses.SparsemaxLosses#sparsemaxLoss",
        List.of(IGNORE, MEAN),
        p -> Objective.of((out, y) -> SparsemaxLosses.sparsemaxLoss(out, y, p.i("ignore_index"), p.reduction()))));
    l.add(Component.done("focal_loss", Kind.LOSS, 32, "io.jgrad.losses.FocalLosses#focalLoss, #sigmoidFocalLoss",
        List.of(of("form", "softmax", "softmax (logits [N, C], class targets) or sigmoid (torchvision's sigmoid_focal_loss)"),
            of("gamma", 2.0, "focusing exponent, >= 0 (0: cross entropy)"),
            of("alpha", new double[0], "softmax: C per-class weights (empty: none); sigmoid: one value, weight of"
                + " positives (empty: torchvision's 0.25; negative: none)"),
            IGNORE, MEAN),
        p -> focal(p, false)));
    l.add(Component.done("poly1_loss", Kind.LOSS, 32, "io.jgrad.losses.FocalLosses#poly1Loss",
        List.of(of("epsilon", 1.0, "weight of the (1 - p_t) term, >= -1 (the paper's code: 1 for a first try)"),
            of("label_smoothing", 0.0, "torch label smoothing of q, used in both terms"), IGNORE, MEAN),
        p -> Objective.of((out, y) -> FocalLosses.poly1Loss(out, y, p.d("epsilon"), p.d("label_smoothing"),
            p.i("ignore_index"), p.reduction()))));
    l.add(Component.done("poly1_focal_loss", Kind.LOSS, 32, "io.jgrad.losses.FocalLosses#poly1FocalLoss, #sigmoidPoly1FocalLoss",
        List.of(of("form", "softmax", "softmax or sigmoid (the paper's detection form)"),
            of("epsilon", 1.0, "weight of the (1 - p_t)^(gamma + 1) term, >= -1"),
            of("gamma", 2.0, "focusing exponent, >= 0"),
            of("alpha", new double[0], "as focal_loss"), IGNORE, MEAN),
        p -> focal(p, true)));
    l.add(Component.done("comp_sum_loss", Kind.LOSS, 23, "io.jgrad.losses.NoisyLabelLosses#compSumLoss",
        List.of(of("tau", 1.5, "tau >= 0: 0 sum-exponential, 1 cross entropy, (1, 2) GCE with q = tau - 1, 2 MAE"),
            IGNORE, MEAN),
        p -> Objective.of((out, y) -> NoisyLabelLosses.compSumLoss(out, y, p.d("tau"), p.i("ignore_index"), p.reduction()))));
    l.add(Component.done("anyloss", Kind.LOSS, 40, "io.jgrad.losses.SurrogateLosses#anyLoss",
        List.of(of("metric", "f1", "accuracy, f1, fbeta or balanced_accuracy"),
            of("L", 73.0, "amplifier of the approximation function A(p)"),
            of("beta", 1.0, "beta of fbeta")),
        p -> anyLoss(p)));
    l.add(Component.done("z_loss_spherical", Kind.LOSS, 47, "io.jgrad.losses.SurrogateLosses#zLossSpherical",
        List.of(of("a", 1.0, "softplus sharpness a > 0 (tuned per task in the paper; its values were not confirmed)"),
            of("b", 1.0, "softplus location b (tuned per task in the paper; its values were not confirmed)"), IGNORE, MEAN),
        p -> Objective.of((out, y) -> SurrogateLosses.zLossSpherical(out, y, p.d("a"), p.d("b"), p.i("ignore_index"),
            p.reduction()))));
    l.add(Component.done("maxsup_loss", Kind.LOSS, 58, "io.jgrad.losses.MaxSupLoss",
        List.of(of("alpha", 0.1, "weight of max - mean logit at the first epoch"),
            of("alpha_end", 0.2, "weight reached linearly over the epochs (needs the objective as a callback)"), IGNORE),
        p -> new MaxSupLoss(p.d("alpha"), p.d("alpha_end"), p.i("ignore_index"))));
    l.add(Component.done("acls_loss", Kind.LOSS, 8, "io.jgrad.losses.CalibrationLosses#aclsLoss",
        List.of(of("pos_lambda", 1.0, "weight of the max-logit term"), of("neg_lambda", 0.1, "weight of the other-logit term"),
            of("alpha", 0.1, "weight of the regularizer"), of("margin", 10.0, "margin M"), IGNORE, MEAN),
        p -> Objective.of((out, y) -> CalibrationLosses.aclsLoss(out, y, p.d("pos_lambda"), p.d("neg_lambda"), p.d("alpha"),
            p.d("margin"), p.i("ignore_index"), p.reduction()))));
    l.add(Component.done("entropy_min_loss", Kind.REGULARIZER, 21, "io.jgrad.losses.reg.EntropyMinimization",
        List.of(of("lambda", 1.0, "weight of the mean prediction entropy")), p -> new EntropyMinimization(p.d("lambda"))));
    l.add(Component.done("spectral_decoupling", Kind.REGULARIZER, 92, "io.jgrad.losses.reg.SpectralDecoupling",
        List.of(of("sd_coef", 0.003, "weight of mean(yhat^2)"),
            of("per_class", false, "binary single-logit variant with per-class targets"),
            of("gamma_pos", 2.5, "target of positives (per_class)"), of("gamma_neg", 0.44, "target of negatives (per_class)")),
        p -> new SpectralDecoupling(p.d("sd_coef"), p.b("per_class"), p.d("gamma_pos"), p.d("gamma_neg"))));
    l.add(Component.done("nested_dropout", Kind.LAYER, 39, "io.jgrad.nn.NestedDropout",
        List.of(of("sigma", 2.0, "width of P(k) ∝ exp(-((k - mu)/sigma)^2) (the reference's 'nested'; 2 is the catalog's example)"),
            of("mu", 0.0, "centre of P(k)"), of("seed", -1L, "generator seed (-1: the default generator)")),
        p -> new NestedDropout(p.d("sigma"), p.d("mu"), generator(p.l("seed")))));
    l.add(Component.done("ensloss", Kind.LOSS, 42, "io.jgrad.losses.EnsLoss",
        List.of(of("lam", 0.0, "Box-Cox lambda of the random loss-derivative generator (0: exp)"),
            of("seed", -1L, "generator seed (-1: the default generator)")),
        p -> new EnsLoss(p.d("lam"), generator(p.l("seed")))));
    l.add(Component.done("legendretron_link", Kind.LAYER, 15, "io.jgrad.nn.LegendreLink",
        List.of(of("num_classes", 10, "classes C: the layer maps C - 1 scores to C log-probabilities"),
            of("blocks", 1, "convex potential flows composed"), of("dim_hidden", 4, "ICNN width (even)"),
            of("depth", 4, "ICNN depth"), of("seed", -1L, "initialisation seed (-1: the default generator)")),
        p -> new LegendreLink(p.i("num_classes"), p.i("blocks"), p.i("dim_hidden"), p.i("depth"), generator(p.l("seed")))));
    l.add(Component.done("elr_loss", Kind.LOSS, 81, "io.jgrad.losses.ElrLoss",
        List.of(of("num_examples", 50000, "training-set size: rows of the target table, keyed by the batch's sample index"),
            of("num_classes", 10, "classes C"), of("beta", 0.7, "temporal-ensembling momentum of the targets"),
            of("lambda", 3.0, "weight of the regularizer")),
        p -> new ElrLoss(p.i("num_examples"), p.i("num_classes"), p.d("beta"), p.d("lambda"))));
    return l;
  }

  static Generator generator(long seed) { return seed < 0 ? Generator.defaultGenerator() : new Generator(seed); }

  /** focal_loss / poly1_focal_loss in either form. */
  private static Objective focal(Params p, boolean poly) {
    String id = p.id();
    String form = p.s("form");
    double gamma = p.d("gamma");
    double[] alpha = p.ds("alpha");
    double eps = poly ? p.d("epsilon") : 0;
    Reduction red = p.reduction();
    if (form.equals("softmax")) {
      Tensor a = alpha.length == 0 ? null : Tensor.of(alpha);
      int ii = p.i("ignore_index");
      return Objective.of((out, y) -> poly ? FocalLosses.poly1FocalLoss(out, y, eps, gamma, a, ii, red)
          : FocalLosses.focalLoss(out, y, gamma, a, ii, red));
    }
    if (!form.equals("sigmoid")) throw new IllegalArgumentException(id + ": form must be softmax or sigmoid, got '" + form + "'");
    if (alpha.length > 1) throw new IllegalArgumentException(id + ": the sigmoid form takes one alpha, got " + alpha.length);
    double a = alpha.length == 0 ? 0.25 : alpha[0];
    return Objective.of((out, y) -> {
      Tensor t = binaryTargets(id, out, y);
      return poly ? FocalLosses.sigmoidPoly1FocalLoss(out, t, eps, a, gamma, red) : FocalLosses.sigmoidFocalLoss(out, t, a, gamma, red);
    });
  }

  private static Objective anyLoss(Params p) {
    SurrogateLosses.AnyMetric m = SurrogateLosses.AnyMetric.parse(p.s("metric"));
    double amp = p.d("L");
    double beta = p.d("beta");
    return Objective.of((out, y) -> SurrogateLosses.anyLoss(out.sigmoid(), binaryTargets(p.id(), out, y), m, amp, beta));
  }

  /**
   * Float targets shaped like {@code out}: the same values when the shapes agree (one score per
   * sample may be [B] or [B, 1]), one-hot rows when {@code y} holds class indices for [B, C].
   */
  static Tensor binaryTargets(String id, Tensor out, Tensor y) {
    if (y.numel() == out.numel()) return y.reshape(out.shape()).to(out.dtype());
    if (!y.dtype().isFloatingPoint() && out.dim() == y.dim() + 1) return y.oneHot(out.size(-1)).to(out.dtype());
    throw new IllegalArgumentException(id + ": targets " + java.util.Arrays.toString(y.shape()) + " do not match outputs "
        + java.util.Arrays.toString(out.shape()));
  }
}
