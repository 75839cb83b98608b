package io.jgrad.losses.reg;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Spectral regularization for continual learning: keeps the largest singular value of every
 * layer close to one, {@code R = lambda * sum_l [ (sigma_max(W_l)^k - 1)^2 + ||b_l||_2^(2k) ]}.
 * Paper 11, "Learning Continually by Spectral Regularization" (Lewandowski et al., ICLR 2025).
 *
 * <p>sigma_max is estimated as torch's {@code spectral_norm} does: a left vector u per layer kept
 * between calls (a buffer of this module), {@code iterations} power steps per call without
 * gradient ({@code v = normalize(W^T u), u = normalize(W v)}, normalize(x) = x / max(|x|, eps)),
 * then {@code sigma = u^T W v} with u, v constants, so {@code d sigma / d W = u v^T}. A conv
 * weight is the matrix [out, in*kh*kw].
 *
 * <p>Form and defaults: the paper's text was not readable here. The form, the bias term pulling
 * biases to 0 and the defaults k = 2, lambda = 1e-4 are taken from an ICLR review of the paper
 * ("steer the maximum singular value of a layer to 1 (and 0 for the bias terms)") and from two
 * independent public re-implementations; k and the bias term are parameters for that reason.
 * Normalization layers are not regularized (one re-implementation pulls their scales to 1).
 */
public final class SpectralSigmaReg extends Module implements Regularizer {
  public static final String ID = "spectral_sigma_reg";
  private final double lambda, k, eps;
  private final boolean bias;
  private final int iterations;
  private final ParamSelector selector;
  private final Generator generator;
  private final List<String> layers = new ArrayList<>();

  public SpectralSigmaReg(double lambda, double k, boolean bias, int iterations, long seed, ParamSelector selector) {
    if (!(lambda >= 0)) throw new IllegalArgumentException(ID + ": lambda must be >= 0, got " + lambda);
    if (!(k > 0)) throw new IllegalArgumentException(ID + ": k must be > 0, got " + k);
    if (iterations < 1) throw new IllegalArgumentException(ID + ": iterations must be >= 1, got " + iterations);
    this.lambda = lambda;
    this.k = k;
    this.bias = bias;
    this.iterations = iterations;
    this.eps = 1e-12;
    this.selector = selector;
    this.generator = new Generator(seed);
  }

  /**
   * Runs {@code iterations} power steps from {@code u} (modified in place, no gradient) on the
   * matrix view of {@code w} and returns {@code sigma = u^T W v}, differentiable in W.
   * Shape: w [m, ...], u [m] -> scalar.
   */
  public static Tensor sigma(Tensor w, Tensor u, int iterations, double eps) {
    Tensor m = NuclearNormRegularizer.matrix(ID, w);
    if (u.dim() != 1 || u.size(0) != m.size(0)) {
      throw new IllegalArgumentException(ID + ": vector u has shape " + java.util.Arrays.toString(u.shape()) + " but the weight has "
          + m.size(0) + " rows");
    }
    Tensor v = null, uu;
    try (var off = Grad.disabled()) {
      Tensor md = m.detach();
      uu = u.detach();
      for (int i = 0; i < iterations; i++) {
        v = normalize(md.t().matmul(uu), eps);
        uu = normalize(md.matmul(v), eps);
      }
      u.copyFrom(uu);
    }
    return uu.matmul(m.matmul(v));
  }

  /** The penalty term of one layer: {@code (sigma^k - 1)^2}. */
  public static Tensor term(Tensor sigma, double k) { return sigma.pow(k).sub(1).pow(2); }

  private static Tensor normalize(Tensor x, double eps) { return x.div(x.norm().clampMin(eps)); }

  /** The regularizer's value before lambda, advancing each layer's power iteration once. */
  public Tensor value(Module model) {
    List<ParamSelector.Selected> sel = selector.selectNonEmpty(ID, model);
    Tensor total = null;
    for (int i = 0; i < sel.size(); i++) {
      Tensor w = sel.get(i).tensor();
      Tensor u = vector(i, sel.get(i).name(), NuclearNormRegularizer.matrix(ID, w).size(0), w);
      Tensor t = term(sigma(w, u, iterations, eps), k);
      Module layer = sel.get(i).layer();
      Tensor b = bias && layer != null ? layer.namedParameters().get("bias") : null;
      if (b != null) t = t.add(b.norm().pow(2 * k));
      total = total == null ? t : total.add(t);
    }
    return total;
  }

  /** The stored left vector of the i-th selected layer (created from the seed on first use). */
  private Tensor vector(int i, String name, int rows, Tensor like) {
    if (i >= layers.size()) {
      Tensor u = untracked(() -> {
        try (var off = Grad.disabled()) {
          Tensor r = Tensor.randn(generator, like.dtype(), rows);
          return r.div(Math.max(r.norm().item(), eps)).to(like.device());
        }
      });
      registerBuffer("u" + i, u);
      layers.add(name);
    } else if (!layers.get(i).equals(name)) {
      throw new IllegalArgumentException(ID + ": the selected layers changed (" + layers.get(i) + " became " + name
          + "); use one regularizer per model");
    }
    Tensor u = namedBuffers().get("u" + i);
    if (!u.device().equals(like.device())) {
      try (var off = Grad.disabled()) {
        u.toInPlace(like.device());
      }
    }
    return u;
  }

  @Override
  public Tensor penalty(Module model, Batch batch, Tensor output) {
    Tensor v = value(model);
    return lambda == 0 ? null : v.mul(lambda);
  }

  /** Not a layer: use it as a {@link Regularizer}. */
  @Override
  public Tensor forward(Tensor x) { throw new UnsupportedOperationException(ID + " is a regularizer, not a layer"); }

  @Override
  protected String extraRepr() { return "lambda=" + lambda + ", k=" + k + ", bias=" + bias + ", select=" + selector; }
}
