package io.jgrad.losses.reg;

import io.jgrad.losses.Reduction;
import io.jgrad.nn.Module;
import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * Weight regularizers on the geometry of a layer's filters (rows of the [out, in*kh*kw] matrix
 * view): group orthogonality (GOR, paper 68), minimum hyperspherical energy (MHE, paper 55) and
 * unit filter norms (Norm Loss, paper 14). Each static function is the penalty of one layer;
 * the factories build model-level {@link WeightPenalty} regularizers over a {@link ParamSelector}.
 */
public final class OrthogonalityRegularizers {
  public static final String GOR = "group_orthogonality_regularizer", MHE = "mhe_reg", NORM = "norm_loss";
  /** The MHE energies: s = 0 (log), 1, 2 (Euclidean, -log d, d^-1, d^-2) and a0, a1, a2 (angular). */
  public static final List<String> MHE_POWERS = List.of("0", "1", "2", "a0", "a1", "a2");

  private OrthogonalityRegularizers() {}

  /**
   * Group orthogonality (GOR), as GOR's weight_regularization.py: with W [c_out, d],
   * {@code N = min(numGroups, c_out / minNumFilters)} groups of {@code G = c_out / N} contiguous
   * filters. "inter": the filters inside each group are orthonormal, sets W[gG:(g+1)G];
   * "intra": the i-th filters of all groups are orthonormal, sets rows {i, i+G, ...}; "both".
   * {@code dist(M) = ||M^T M - I||_F^2} when M has at least as many rows as columns, else
   * {@code ||M M^T - I||_F^2}; R = sum over sets (no averaging). Paper 68, "Group
   * Orthogonalization Regularization For Vision Models Adaptation and Robustness".
   * Shape: W [c_out, ...] -> scalar.
   */
  public static Tensor gor(Tensor w, int numGroups, int minNumFilters, String mode) {
    Tensor m = NuclearNormRegularizer.matrix(GOR, w);
    int cOut = m.size(0), d = m.size(1);
    if (numGroups < 1) throw new IllegalArgumentException(GOR + ": num_groups must be >= 1, got " + numGroups);
    if (minNumFilters < 1) throw new IllegalArgumentException(GOR + ": min_num_filters must be >= 1, got " + minNumFilters);
    int n = Math.min(numGroups, cOut / minNumFilters);
    if (n < 1 || cOut % n != 0) {
      throw new IllegalArgumentException(GOR + ": " + cOut + " filters cannot form min(num_groups=" + numGroups + ", c_out/min_num_filters="
          + (cOut / minNumFilters) + ") = " + n + " equal groups");
    }
    Tensor groups = m.reshape(n, cOut / n, d);
    return switch (mode) {
      case "inter" -> dist(groups);
      case "intra" -> dist(groups.transpose(0, 1));
      case "both" -> dist(groups).add(dist(groups.transpose(0, 1)));
      default -> throw new IllegalArgumentException(GOR + ": mode must be inter, intra or both, got '" + mode + "'");
    };
  }

  /** sum_b ||M_b^T M_b - I||^2 (tall) or ||M_b M_b^T - I||^2 (wide) over a batch of matrices [b, r, c]. */
  private static Tensor dist(Tensor m) {
    int r = m.size(1), c = m.size(2);
    Tensor gram = r >= c ? m.transpose(1, 2).matmul(m) : m.matmul(m.transpose(1, 2));
    Tensor eye = Tensor.eye(Math.min(r, c), Math.min(r, c), m.dtype()).to(m.device());
    return gram.sub(eye).pow(2).sum();
  }

  /**
   * Hyperspherical energy of a layer's filters, as MHE's {@code _add_thomson_constraint}:
   * {@code w_i / sqrt(|w_i|^2 + eps)} normalized, {@code cos_ij} their inner products, and over
   * i &lt; j the mean of {@code -log(2 - 2cos)} (s=0), {@code (2 - 2cos)^-1/2} (1), {@code (2 - 2cos)^-1}
   * (2), or with {@code theta = acos(cos)/pi + 1e-4}: {@code -log theta} (a0), {@code 1/theta} (a1),
   * {@code 1/theta^2} (a2). Half-space MHE uses the 2N vectors {w_i} and {-w_i}. Paper 55,
   * "Learning towards Minimum Hyperspherical Energy". Reference default eps = 1e-4.
   * Shape: W [N, ...] with N >= 2 (N >= 1 for half-space) -> scalar.
   */
  public static Tensor mhe(Tensor w, String power, boolean halfSpace, double eps) {
    if (!MHE_POWERS.contains(power)) throw new IllegalArgumentException(MHE + ": power must be one of " + MHE_POWERS + ", got '" + power + "'");
    if (!(eps >= 0)) throw new IllegalArgumentException(MHE + ": eps must be >= 0, got " + eps);
    Tensor f = NuclearNormRegularizer.matrix(MHE, w);
    if (halfSpace) f = Tensor.cat(List.of(f, f.neg()), 0);
    int n = f.size(0);
    if (n < 2) throw new IllegalArgumentException(MHE + ": needs at least 2 filters, got " + n);
    Tensor norm = f.pow(2).sum(new int[] {1}, true).add(eps).sqrt();
    Tensor cos = f.matmul(f.t()).div(norm.matmul(norm.t()));
    Tensor eye = Tensor.eye(n, n, f.dtype()).to(f.device());
    Tensor e;
    if (power.startsWith("a")) {
      // the diagonal is masked out below; zero it first so acos stays away from +-1 there
      Tensor theta = cos.mul(eye.neg().add(1)).clamp(-1, 1).acos().div(Math.PI).add(1e-4);
      e = switch (power) {
        case "a0" -> theta.log().neg();
        case "a1" -> theta.reciprocal();
        default -> theta.pow(-2);
      };
    } else {
      Tensor cross = cos.mul(-2).add(2).add(eye);
      e = switch (power) {
        case "0" -> cross.log().neg();
        case "1" -> cross.rsqrt();
        default -> cross.reciprocal();
      };
    }
    Tensor upper = Tensor.ones(f.dtype(), n, n).triu(1).to(f.device());
    return e.mul(upper).sum().div(n * (n - 1) / 2.0);
  }

  /**
   * Norm Loss on the filters of a layer: {@code sum_f (1 - ||w_f||_2)^2} (reduction sum) or its
   * mean over filters, pulling every filter onto the unit sphere (the oblique manifold). Paper
   * 14, "Norm Loss: An efficient yet effective regularization method for deep neural networks".
   * Convention: the sum over filters (the default) is the one of the Norm Loss step in
   * lessw2020/Ranger21, ranger21/ranger21.py (commit f5422d1a, credited there to the first
   * author's TensorFlow code): each filter (unit_norm over every dimension but the first) is
   * scaled by {@code 1 - lr * 2 * factor * (1 - 1 / ||w_f||)}, a gradient step of
   * {@code factor * sum_f (||w_f|| - 1)^2}, with no division by the number of filters
   * (Ranger21's default factor is 1e-4). The paper's own text (equations) was not read; the mean
   * over filters stays available as {@code reduction=mean}.
   * ||0|| has gradient 0. Shape: W [out, ...] -> scalar.
   */
  public static Tensor normLoss(Tensor w, Reduction reduction) {
    Tensor m = NuclearNormRegularizer.matrix(NORM, w);
    Tensor d = m.norm(2, new int[] {1}, false).neg().add(1).pow(2);
    return switch (reduction) {
      case SUM -> d.sum();
      case MEAN -> d.mean();
      case NONE -> throw new IllegalArgumentException(NORM + ": reduction must be sum or mean, got none");
    };
  }

  /** GOR over a model: {@code lambda * sum_l gor(W_l)}; reference default select = Conv2d layers. */
  public static WeightPenalty groupOrthogonality(double lambda, int numGroups, int minNumFilters, String mode, ParamSelector select) {
    gorArgs(numGroups, minNumFilters, mode);
    return new WeightPenalty(GOR, lambda, select, w -> gor(w, numGroups, minNumFilters, mode));
  }

  private static void gorArgs(int numGroups, int minNumFilters, String mode) {
    if (numGroups < 1) throw new IllegalArgumentException(GOR + ": num_groups must be >= 1, got " + numGroups);
    if (minNumFilters < 1) throw new IllegalArgumentException(GOR + ": min_num_filters must be >= 1, got " + minNumFilters);
    if (!List.of("inter", "intra", "both").contains(mode)) {
      throw new IllegalArgumentException(GOR + ": mode must be inter, intra or both, got '" + mode + "'");
    }
  }

  /** Norm Loss over a model: {@code lambda * sum_l normLoss(W_l)}. */
  public static WeightPenalty normLoss(double lambda, Reduction reduction, ParamSelector select) {
    if (reduction == Reduction.NONE) throw new IllegalArgumentException(NORM + ": reduction must be sum or mean, got none");
    return new WeightPenalty(NORM, lambda, select, w -> normLoss(w, reduction));
  }

  /**
   * MHE over a model: {@code lambda * sum_l c_l mhe(W_l)} where c_l is {@code hiddenWeight} for
   * every selected layer but the last and {@code outputWeight} for the last (the classifier). A
   * negative weight takes the reference's value: hidden 1 (s = 0, 1, 2, a0) or 0.1 (a1, a2), output
   * 10 (s = 0, 1, 2, a0) or 1 (a1, a2).
   */
  public static WeightPenalty mhe(double lambda, String power, boolean halfSpace, double eps, double hiddenWeight,
                                  double outputWeight, ParamSelector select) {
    mhe(Tensor.eye(2, 2, io.jgrad.tensor.DType.FLOAT64), power, false, eps); // validates power and eps
    boolean angular12 = power.equals("a1") || power.equals("a2");
    double hidden = hiddenWeight >= 0 ? hiddenWeight : angular12 ? 0.1 : 1.0;
    double output = outputWeight >= 0 ? outputWeight : angular12 ? 1.0 : 10.0;
    return new WeightPenalty(MHE, lambda, select, w -> mhe(w, power, halfSpace, eps)) {
      @Override
      public Tensor value(Module model) {
        List<ParamSelector.Selected> sel = selector.selectNonEmpty(MHE, model);
        Tensor total = null;
        for (int i = 0; i < sel.size(); i++) {
          Tensor t = mhe(sel.get(i).tensor(), power, halfSpace, eps).mul(i == sel.size() - 1 ? output : hidden);
          total = total == null ? t : total.add(t);
        }
        return total;
      }
    };
  }
}
