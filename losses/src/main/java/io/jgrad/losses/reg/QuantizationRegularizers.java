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
 * Convention [derived: the paper's scaling was not seen]: unnormalized by default;
 * {@code normalized=true} divides by {@code ||u||^2 ||v||^2}, giving a scale-free value in [0, 1].
 * Granularity: one vector per layer (default) or per output channel (rows, summed).
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

  /**
   * The model-level Cauchy-Schwarz regularizer: {@code lambda * sum_l R(W_l)} with one vector per
   * layer ({@code perChannel=false}: the flattened weight) or one per output channel. "orth" uses
   * each layer's matrix view. Defaults lambda = 1e-3 (not from the paper).
   */
  public static WeightPenalty cauchySchwarz(double lambda, String variant, boolean normalized, boolean perChannel,
                                            ParamSelector select) {
    if (!CS_VARIANTS.contains(variant)) throw new IllegalArgumentException(CS + ": variant must be one of " + CS_VARIANTS + ", got '" + variant + "'");
    return new WeightPenalty(CS, lambda, select, w -> {
      if (variant.equals("orth")) return cauchySchwarz(w, variant, normalized);
      Tensor v = perChannel ? NuclearNormRegularizer.matrix(CS, w) : w.reshape(-1);
      return cauchySchwarz(v, variant, normalized);
    });
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
