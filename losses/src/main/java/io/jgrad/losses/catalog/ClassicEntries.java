package io.jgrad.losses.catalog;

import io.jgrad.losses.Losses;
import io.jgrad.losses.Reduction;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The components that predate the catalog registry: the two catalog components already in
 * {@link Losses} ({@code regression_losses_core}, paper 51; {@code label_smoothing_ce}, paper 58)
 * and, as extras (not catalog components), the classic torch losses whose signature is
 * {@code (output, target)}, under their torch names, so that {@code jgrad train --loss mse}
 * works. Losses that need more than (output, target) (gaussian_nll, cosine_embedding,
 * margin_ranking, triplet_margin, ctc) are not registered. Tensor arguments ({@code weight},
 * {@code pos_weight}) are lists of numbers ("1;2;0.5"); empty means none.
 */
public final class ClassicEntries implements CatalogEntries {
  static final List<String> FORMS = List.of("mse", "l1", "huber", "smooth_l1");

  @Override
  public List<Component> entries() {
    List<Component> l = new ArrayList<>();
    l.add(Component.done("regression_losses_core", Kind.LOSS, 51,
        "io.jgrad.losses.Losses#mseLoss, #l1Loss, #huberLoss, #smoothL1Loss",
        List.of(ParamSpec.of("form", "mse", "mse | l1 | huber | smooth_l1"),
            ParamSpec.of("delta", 1.0, "huber: the quadratic zone |r| <= delta (> 0)"),
            ParamSpec.of("beta", 1.0, "smooth_l1: the quadratic zone |r| < beta (>= 0; 0 is L1)"),
            ParamSpec.reduction(Reduction.MEAN)),
        ClassicEntries::regression));
    l.add(Component.done("label_smoothing_ce", Kind.LOSS, 58, "io.jgrad.losses.Losses#crossEntropy (labelSmoothing)",
        List.of(ParamSpec.of("label_smoothing", 0.1, "epsilon in [0, 1]: the target is (1 - eps) one-hot + eps / C"),
            ParamSpec.of("ignore_index", Losses.IGNORE_INDEX, "target value that contributes nothing"),
            ParamSpec.reduction(Reduction.MEAN)),
        p -> crossEntropy(p, "label_smoothing_ce")));
    l.addAll(torchLosses());
    return l;
  }

  /** The classic losses as extras, by their torch names. */
  static List<Component> torchLosses() {
    List<Component> l = new ArrayList<>();
    l.add(extra("cross_entropy", "crossEntropy", p -> crossEntropy(p, "cross_entropy"),
        ParamSpec.of("label_smoothing", 0.0, "epsilon in [0, 1]"), weight(),
        ParamSpec.of("ignore_index", Losses.IGNORE_INDEX, "target value that contributes nothing")));
    l.add(extra("nll", "nllLoss", p -> (out, b) -> Losses.nllLoss(out, b.y(), tensor(p.ds("weight"), out), p.i("ignore_index"),
        p.reduction()), weight(), ParamSpec.of("ignore_index", Losses.IGNORE_INDEX, "target value that contributes nothing")));
    l.add(extra("bce", "binaryCrossEntropy", p -> (out, b) -> Losses.binaryCrossEntropy(out, b.y(), tensor(p.ds("weight"), out),
        p.reduction()), weight()));
    l.add(extra("bce_with_logits", "binaryCrossEntropyWithLogits", p -> (out, b) -> Losses.binaryCrossEntropyWithLogits(out,
        b.y(), tensor(p.ds("weight"), out), tensor(p.ds("pos_weight"), out), p.reduction()), weight(),
        ParamSpec.of("pos_weight", new double[0], "weight of the positive term per class (empty: none)")));
    l.add(extra("mse", "mseLoss", p -> (out, b) -> Losses.mseLoss(out, b.y(), p.reduction())));
    l.add(extra("l1", "l1Loss", p -> (out, b) -> Losses.l1Loss(out, b.y(), p.reduction())));
    l.add(extra("huber", "huberLoss", p -> {
      double delta = positive(p, "delta");
      return (out, b) -> Losses.huberLoss(out, b.y(), p.reduction(), delta);
    }, ParamSpec.of("delta", 1.0, "the quadratic zone |r| <= delta (> 0)")));
    l.add(extra("smooth_l1", "smoothL1Loss", p -> {
      double beta = nonNegative(p, "beta");
      return (out, b) -> Losses.smoothL1Loss(out, b.y(), p.reduction(), beta);
    }, ParamSpec.of("beta", 1.0, "the quadratic zone |r| < beta (>= 0)")));
    l.add(extra("kl_div", "klDiv", p -> (out, b) -> Losses.klDiv(out, b.y(), p.reduction(), p.b("log_target")),
        ParamSpec.of("log_target", false, "the target is given as log-probabilities")));
    l.add(extra("poisson_nll", "poissonNllLoss", p -> (out, b) -> Losses.poissonNllLoss(out, b.y(), p.b("log_input"), p.b("full"),
        p.d("eps"), p.reduction()), ParamSpec.of("log_input", true, "the input is log(rate)"),
        ParamSpec.of("full", false, "add the Stirling term"), ParamSpec.of("eps", 1e-8, "added to the rate when !log_input")));
    l.add(extra("soft_margin", "softMarginLoss", p -> (out, b) -> Losses.softMarginLoss(out, b.y(), p.reduction())));
    l.add(extra("multilabel_soft_margin", "multilabelSoftMarginLoss", p -> (out, b) -> Losses.multilabelSoftMarginLoss(out, b.y(),
        tensor(p.ds("weight"), out), p.reduction()), weight()));
    l.add(extra("multi_margin", "multiMarginLoss", p -> (out, b) -> Losses.multiMarginLoss(out, b.y(), p.i("p"), p.d("margin"),
        tensor(p.ds("weight"), out), p.reduction()), ParamSpec.of("p", 1, "1 or 2"), ParamSpec.of("margin", 1.0, "the margin"),
        weight()));
    l.add(extra("multilabel_margin", "multilabelMarginLoss", p -> (out, b) -> Losses.multilabelMarginLoss(out, b.y(),
        p.reduction())));
    l.add(extra("hinge_embedding", "hingeEmbeddingLoss", p -> (out, b) -> Losses.hingeEmbeddingLoss(out, b.y(), p.d("margin"),
        p.reduction()), ParamSpec.of("margin", 1.0, "the margin for -1 targets")));
    return l;
  }

  private static Component extra(String id, String method, Function<Params, Objective> f, ParamSpec... specs) {
    List<ParamSpec> ps = new ArrayList<>(List.of(specs));
    ps.add(ParamSpec.reduction(Reduction.MEAN));
    return Component.extra(id, Kind.LOSS, "io.jgrad.losses.Losses#" + method, ps, f::apply);
  }

  private static ParamSpec weight() { return ParamSpec.of("weight", new double[0], "a weight per class (empty: none)"); }

  static Objective regression(Params p) {
    String form = p.s("form").toLowerCase(Locale.ROOT);
    if (!FORMS.contains(form)) {
      throw new IllegalArgumentException(p.id() + ": form must be one of " + String.join(", ", FORMS) + ", got '" + p.s("form") + "'");
    }
    double delta = positive(p, "delta"), beta = nonNegative(p, "beta");
    Reduction r = p.reduction();
    return switch (form) {
      case "mse" -> (out, b) -> Losses.mseLoss(out, b.y(), r);
      case "l1" -> (out, b) -> Losses.l1Loss(out, b.y(), r);
      case "huber" -> (out, b) -> Losses.huberLoss(out, b.y(), r, delta);
      default -> (out, b) -> Losses.smoothL1Loss(out, b.y(), r, beta);
    };
  }

  static Objective crossEntropy(Params p, String id) {
    double eps = p.d("label_smoothing");
    if (!(eps >= 0 && eps <= 1)) throw new IllegalArgumentException(id + ": label_smoothing must be in [0, 1], got " + eps);
    double[] w = p.asMap().containsKey("weight") ? p.ds("weight") : new double[0];
    int ignore = p.i("ignore_index");
    Reduction r = p.reduction();
    return (out, b) -> Losses.crossEntropy(out, b.y(), tensor(w, out), ignore, r, eps);
  }

  /** {@code values} as a tensor of {@code like}'s dtype on its device, or null when empty. */
  static Tensor tensor(double[] values, Tensor like) {
    if (values.length == 0) return null;
    return Tensor.of(values).to(like.dtype()).to(like.device());
  }

  static double positive(Params p, String name) {
    double v = p.d(name);
    if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(p.id() + ": " + name + " must be > 0, got " + v);
    return v;
  }

  static double nonNegative(Params p, String name) {
    double v = p.d(name);
    if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(p.id() + ": " + name + " must be >= 0, got " + v);
    return v;
  }
}
