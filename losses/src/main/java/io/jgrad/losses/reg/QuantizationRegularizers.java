package io.jgrad.losses.reg;

import io.jgrad.nn.Module;
import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * Regularizers that shape weight distributions for quantization: the Cauchy-Schwarz
 * regularizers (paper 5) and the weight-distribution (kurtosis, skewness) regularizer of EQ-Net
 * (paper 60).
 *
 * <p>Cauchy-Schwarz regularizers, paper 5, "Cauchy-Schwarz Regularizers": for vectors u, v,
 * {@code ||u||^2 ||v||^2 - <u, v>^2 >= 0} with equality iff u and v are parallel; choosing
 * u, v as functions of w gives a penalty whose zeros are exactly the wanted sets, at any scale:
 * <ul>
 *   <li>"bin", symmetric binary {-a, a}^n (u = w*w, v = 1): {@code n sum w^4 - (sum w^2)^2};</li>
 *   <li>"ter", symmetric ternary {-a, 0, a}^n (u = w, v = w^3): {@code sum w^2 sum w^6 - (sum w^4)^2};</li>
 *   <li>"osb", one-sided binary {0, a}^n (u = w, v = w*w): {@code sum w^2 sum w^4 - (sum w^3)^2};</li>
 *   <li>"orth", orthogonal columns of W [m, n] (u = W^T W, v = I_n): {@code n ||W^T W||_F^2 - ||W||_F^4};</li>
 *   <li>eigenvector of A ({@link #csEigenvector}): {@code ||x||^2 ||A x||^2 - (x^T A x)^2}.</li>
 * </ul>
 * The per-vector formulas are the authors' (IIP-Group/CS_regularizers, commit ef70f7e6):
 * bin and ter as {@code lplq_regularization_CNN} in quantized_nns/tools/regularization_modules.py
 * (bin there is {@code n^(r/q - r/p) sum ||x||_p^r - sum ||x||_q^r}, which the training script
 * main_train.py calls with p = 4, q = 2, r = 4, i.e. {@code n sum x^4 - (sum x^2)^2}); ter and osb
 * as solution_recovery/osb_ternary_recovery.m; orth as solution_recovery/orth_matrix_recovery.m
 * ({@code N ||X^T X||_F^2 - ||X||_F^4}, N = K there; here n = the number of columns, which makes
 * the zero set X^T X = c I as the Cauchy-Schwarz argument requires).
 *
 * <p>Model level ({@link #cauchySchwarzLayer}), as the reference: one vector per output channel
 * (rows of a Linear weight, conv {@code binary_input_ch}) or per kernel (conv {@code binary}:
 * each [out, in] pair's kh*kw weights), the per-vector values summed and divided per layer by
 * its number of weights ({@code normalization=elenum}, the reference default; {@code zero_norm}:
 * by its number of nonzero weights, taken as a constant; {@code none}). {@code normalized=true}
 * is not in the reference: it divides each vector's value by {@code ||u||^2 ||v||^2}, giving a
 * scale-free value in [0, 1].
 */
public final class QuantizationRegularizers {
  public static final String CS = "cauchy_schwarz_reg", WDR = "weight_moment_regularizer";
  public static final List<String> CS_VARIANTS = List.of("bin", "ter", "osb", "orth");

  private QuantizationRegularizers() {}

  /** The Cauchy-Schwarz gap {@code ||u||^2 ||v||^2 - <u, v>^2} (or its normalized form) from the three sums. */
  private static Tensor gap(Tensor uu, Tensor vv, Tensor uv, boolean normalized) {
    Tensor prod = uu.mul(vv);
    Tensor r = prod.sub(uv.pow(2));
    return normalized ? r.div(prod) : r;
  }

  /**
   * The Cauchy-Schwarz regularizer {@code variant} of each vector along the last dimension of
   * {@code w} (a vector [n] or rows [r, n]), summed. "orth" takes a matrix. Shape: -> scalar.
   */
  public static Tensor cauchySchwarz(Tensor w, String variant, boolean normalized) {
    int[] last = {-1};
    return switch (variant) {
      case "bin" -> {
        Tensor w2 = w.pow(2);
        Tensor n = Tensor.scalar(w.size(-1), w.dtype()).to(w.device());
        yield gap(w2.pow(2).sum(last, false), n, w2.sum(last, false), normalized).sum();
      }
      case "ter" -> gap(w.pow(2).sum(last, false), w.pow(6).sum(last, false), w.pow(4).sum(last, false), normalized).sum();
      case "osb" -> gap(w.pow(2).sum(last, false), w.pow(4).sum(last, false), w.pow(3).sum(last, false), normalized).sum();
      case "orth" -> {
        Tensor m = NuclearNormRegularizer.matrix(CS, w);
        Tensor gram = m.t().matmul(m);
        Tensor n = Tensor.scalar(m.size(1), w.dtype()).to(w.device());
        yield gap(gram.pow(2).sum(), n, m.pow(2).sum(), normalized);
      }
      default -> throw new IllegalArgumentException(CS + ": variant must be one of " + CS_VARIANTS + ", got '" + variant + "'");
    };
  }

  /** {@code ||x||^2 ||A x||^2 - (x^T A x)^2} (normalized: divided by ||x||^2 ||Ax||^2). Shape: x [n], A [n, n] -> scalar. */
  public static Tensor csEigenvector(Tensor x, Tensor a, boolean normalized) {
    Tensor ax = a.matmul(x);
    return gap(x.pow(2).sum(), ax.pow(2).sum(), x.mul(ax).sum(), normalized);
  }

  /** The vector granularities of {@link #cauchySchwarzLayer} and the per-layer normalizations. */
  public static final List<String> CS_GRANULARITIES = List.of("channel", "kernel", "layer"),
      CS_NORMALIZATIONS = List.of("elenum", "zero_norm", "none");

  /**
   * The Cauchy-Schwarz regularizer of one layer's weight: {@code sum_vectors R(x) / c} with the
   * vectors of {@code granularity} ("channel": rows of the [out, rest] matrix; "kernel": for a
   * weight of rank >= 3, the kh*kw weights of each [out, in] pair, for a matrix its rows, as the
   * reference regularizes fully connected layers by row; "layer": the flattened weight) and c =
   * numel(W) ("elenum"), the number of nonzero weights ("zero_norm", no gradient through it, at
   * least 1) or 1 ("none"). "orth" takes the layer's [out, rest] matrix whatever the granularity.
   * Shape: W [out, ...] -> scalar.
   */
  public static Tensor cauchySchwarzLayer(Tensor w, String variant, boolean normalized, String granularity, String normalization) {
    csArgs(variant, granularity, normalization);
    Tensor r;
    if (variant.equals("orth")) r = cauchySchwarz(w, variant, normalized);
    else {
      Tensor v = switch (granularity) {
        case "channel" -> NuclearNormRegularizer.matrix(CS, w);
        case "kernel" -> w.dim() >= 3 ? w.reshape(w.size(0) * w.size(1), -1) : NuclearNormRegularizer.matrix(CS, w);
        default -> w.reshape(-1);
      };
      r = cauchySchwarz(v, variant, normalized);
    }
    return switch (normalization) {
      case "elenum" -> r.div(w.numel());
      case "zero_norm" -> r.div(Math.max(1.0, w.detach().countNonzero().item()));
      default -> r;
    };
  }

  private static void csArgs(String variant, String granularity, String normalization) {
    if (!CS_VARIANTS.contains(variant)) throw new IllegalArgumentException(CS + ": variant must be one of " + CS_VARIANTS + ", got '" + variant + "'");
    if (!CS_GRANULARITIES.contains(granularity)) {
      throw new IllegalArgumentException(CS + ": granularity must be one of " + CS_GRANULARITIES + ", got '" + granularity + "'");
    }
    if (!CS_NORMALIZATIONS.contains(normalization)) {
      throw new IllegalArgumentException(CS + ": normalization must be one of " + CS_NORMALIZATIONS + ", got '" + normalization + "'");
    }
  }

  /**
   * The model-level Cauchy-Schwarz regularizer: {@code lambda * sum_l cauchySchwarzLayer(W_l)}
   * (the reference's {@code regu_lambda * lplq_regularization_CNN(model)}; its ResNet-20 setting
   * is lambda = 10, conv per output channel, elenum). Default lambda = 1e-3 (not from the paper).
   * The reference's {@code exclude_first_last} is a {@code select} choice here.
   */
  public static WeightPenalty cauchySchwarz(double lambda, String variant, boolean normalized, String granularity,
                                            String normalization, ParamSelector select) {
    csArgs(variant, granularity, normalization);
    return new WeightPenalty(CS, lambda, select, w -> cauchySchwarzLayer(w, variant, normalized, granularity, normalization));
  }

  /** Sample kurtosis {@code mean(z^4)}, z = (W - mean) / std (unbiased, N - 1), over all elements. Shape: any -> scalar. */
  public static Tensor kurtosis(Tensor w) { return standardized(w).pow(4).mean(); }

  /** Sample skewness {@code mean(z^3)}, z as in {@link #kurtosis}. Shape: any -> scalar. */
  public static Tensor skewness(Tensor w) { return standardized(w).pow(3).mean(); }

  private static Tensor standardized(Tensor w) {
    if (w.numel() < 2) throw new IllegalArgumentException(WDR + ": needs at least 2 weights per layer, got " + w.numel());
    Tensor f = w.reshape(-1);
    return f.sub(f.mean()).div(f.std());
  }

  /**
   * EQ-Net's weight-distribution regularizer (WDR-Loss), as runner/criterion.py: over the
   * selected layers in module order, the first one dropped (as the reference's
   * {@code del KurtosisList[0]}) when {@code dropFirst},
   * {@code kurtRate * mean_l (kurt_l - kurtosisTarget)^2 + skewRate * mean_l (skew_l - skewnessTarget)^2}.
   * Paper 60, "EQ-Net: Elastic Quantization Neural Networks". Reference defaults: kurt_rate 0.015,
   * skew_rate 1.0, targets 1.8 (a uniform distribution's kurtosis) and 0.
   */
  public static Tensor weightMoments(List<Tensor> weights, double kurtRate, double skewRate, double kurtosisTarget,
                                     double skewnessTarget, boolean dropFirst) {
    List<Tensor> ws = dropFirst && !weights.isEmpty() ? weights.subList(1, weights.size()) : weights;
    if (ws.isEmpty()) {
      throw new IllegalArgumentException(WDR + ": no layer left to regularize (" + weights.size() + " selected, drop_first=" + dropFirst + ")");
    }
    Tensor k = null, s = null;
    for (Tensor w : ws) {
      Tensor kt = kurtosis(w).sub(kurtosisTarget).pow(2), st = skewness(w).sub(skewnessTarget).pow(2);
      k = k == null ? kt : k.add(kt);
      s = s == null ? st : s.add(st);
    }
    return k.mul(kurtRate / ws.size()).add(s.mul(skewRate / ws.size()));
  }

  /** WDR over a model (the rates are the coefficients; the penalty has no separate lambda). */
  public static WeightPenalty weightMoments(double kurtRate, double skewRate, double kurtosisTarget, double skewnessTarget,
                                            boolean dropFirst, ParamSelector select) {
    if (!(kurtRate >= 0) || !(skewRate >= 0)) {
      throw new IllegalArgumentException(WDR + ": kurt_rate and skew_rate must be >= 0, got " + kurtRate + " and " + skewRate);
    }
    return new WeightPenalty(WDR, 1.0, select, w -> w) {
      @Override
      public Tensor value(Module model) {
        List<Tensor> ws = selector.selectNonEmpty(WDR, model).stream().map(ParamSelector.Selected::tensor).toList();
        return weightMoments(ws, kurtRate, skewRate, kurtosisTarget, skewnessTarget, dropFirst);
      }
    };
  }
}
